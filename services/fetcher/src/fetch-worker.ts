import type { Worker } from 'bullmq';
import { TidingsError, type JobPayload, type QueueName } from '@tidings/contracts';
import { startStageWorker, type FinalFailure, type JobContext, type StageWorkerOptions } from '@tidings/queue';

/**
 * Why a fetch job is put aside: its host is at its limits ('busy'), asked to
 * be left alone ('backoff'), or our own network is down ('network-down').
 */
export type DeferReason = 'busy' | 'backoff' | 'network-down';

/** {@link JobContext} plus waiting for a host without holding a worker slot. */
export interface FetchJobContext extends JobContext {
  /**
   * Puts the job aside for `waitMs` (JobContext.putAside). Never returns. A
   * 'backoff' or 'network-down' wait that would keep the job past
   * `maxDeferMs` after it was created fails it instead ('host-backoff',
   * retryable), so a one-off run is not held for hours.
   */
  defer(waitMs: number, reason: DeferReason): Promise<never>;
}

export type FetchHandler<Q extends QueueName> = (payload: JobPayload<Q>, context: FetchJobContext) => Promise<unknown>;

export interface FetchWorkerOptions extends StageWorkerOptions {
  onFinalFailure?: (failure: FinalFailure) => void;
  /** Longest a job may be kept waiting for a back-off or a network outage; unlimited by default. */
  maxDeferMs?: number;
}

/** startStageWorker with `context.defer`, the bounded wait the fetcher's politeness needs. */
export function startFetchWorker<Q extends QueueName>(queue: Q, handler: FetchHandler<Q>, options: FetchWorkerOptions): Worker {
  const maxDeferMs = options.maxDeferMs ?? Number.POSITIVE_INFINITY;
  return startStageWorker(
    queue,
    (payload, context) => {
      const defer = async (waitMs: number, reason: DeferReason): Promise<never> => {
        const until = Date.now() + Math.max(1, Math.round(waitMs));
        if (reason !== 'busy' && until - context.createdAt > maxDeferMs) {
          throw new TidingsError('host-backoff', `gave up waiting: ${reason === 'backoff' ? 'the host asked to be left alone' : 'the network is down'} for another ${Math.round(waitMs / 1000)} s`, {
            permanent: false,
          });
        }
        context.log.debug({ waitMs, reason }, 'job put aside');
        return context.putAside(until);
      };
      return handler(payload, { ...context, defer });
    },
    options,
  );
}
