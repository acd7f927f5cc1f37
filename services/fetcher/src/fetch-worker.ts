import { performance } from 'node:perf_hooks';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { describeError, isPermanent, parsePayload, TidingsError, type JobPayload, type QueueName } from '@tidings/contracts';
import { reportStageJob, type FinalFailure, type JobContext, type StageWorkerOptions } from '@tidings/queue';

/**
 * Why a fetch job is put aside: its host is at its limits ('busy'), asked to
 * be left alone ('backoff'), or our own network is down ('network-down').
 */
export type DeferReason = 'busy' | 'backoff' | 'network-down';

/** {@link JobContext} plus the one thing a fetch job needs beyond it: waiting without holding a worker slot. */
export interface FetchJobContext extends JobContext {
  /**
   * Moves the job back to the delayed set for `waitMs` (BullMQ
   * `moveToDelayed` + `DelayedError`): not failed, no attempt spent, same
   * job id, and the worker slot is free for other jobs meanwhile. Never
   * returns. A 'backoff' or 'network-down' wait that would keep the job
   * past `maxDeferMs` after it was created fails it instead ('host-backoff',
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

/**
 * startStageWorker (packages/queue) with `context.defer`: every job's data
 * re-validated against the contract, permanent TidingsErrors made
 * unrecoverable, failed reasons prefixed with their code, final failures
 * and every finished attempt (reportStageJob, for metrics) reported. Kept here because the stage worker gives handlers no access to
 * the job and its lock token, which moveToDelayed needs; see the report on
 * folding `defer` into JobContext.
 */
export function startFetchWorker<Q extends QueueName>(queue: Q, handler: FetchHandler<Q>, options: FetchWorkerOptions): Worker {
  const maxDeferMs = options.maxDeferMs ?? Number.POSITIVE_INFINITY;
  const worker = new Worker(
    queue,
    async (job: Job, token?: string) => {
      const attempt = job.attemptsMade + 1;
      const log = options.log.child({ queue, jobId: job.id, attempt });
      const defer = async (waitMs: number, reason: DeferReason): Promise<never> => {
        const until = Date.now() + Math.max(1, Math.round(waitMs));
        if (reason !== 'busy' && until - job.timestamp > maxDeferMs) {
          throw new TidingsError('host-backoff', `gave up waiting: ${reason === 'backoff' ? 'the host asked to be left alone' : 'the network is down'} for another ${Math.round(waitMs / 1000)} s`, {
            permanent: false,
          });
        }
        log.debug({ waitMs, reason }, 'job put aside');
        await job.moveToDelayed(until, token);
        throw new DelayedError();
      };
      const started = performance.now();
      try {
        const payload = parsePayload(queue, job.data);
        const result = await handler(payload, { log, jobId: String(job.id), attempt, defer });
        reportStageJob({ queue, prefix: options.prefix, outcome: 'completed', durationMs: performance.now() - started, result });
        return result;
      } catch (error) {
        // Put aside is not finished: nothing to report or log.
        if (error instanceof DelayedError) throw error;
        reportStageJob({ queue, prefix: options.prefix, outcome: 'failed', durationMs: performance.now() - started, error });
        const { code, message } = describeError(error);
        const permanent = isPermanent(error);
        log.warn({ err: { code, message }, permanent }, `${queue} job failed: ${message}`);
        if (permanent) throw new UnrecoverableError(`[${code}] ${message}`);
        const wrapped = new Error(`[${code}] ${message}`);
        wrapped.stack = error instanceof Error ? error.stack : wrapped.stack;
        throw wrapped;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 60_000,
      // As startStageWorker: per-minute counts kept by BullMQ for `tidings status`.
      metrics: { maxDataPoints: 24 * 60 },
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    if (!final) return;
    const match = /^\[([\w-]+)\] ([\s\S]*)$/.exec(error.message);
    options.onFinalFailure?.({ queue, jobId: String(job.id), data: job.data, code: match?.[1] ?? 'internal', reason: match?.[2] ?? error.message });
  });
  worker.on('error', (error) => options.log.error({ err: error, queue }, 'worker error'));
  return worker;
}
