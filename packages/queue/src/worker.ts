import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError, isPermanent, parsePayload, type JobPayload, type QueueName } from '@tidings/contracts';

/** Context handed to a stage handler with each job. */
export interface JobContext {
  /** Child logger carrying { queue, jobId, attempt }. */
  log: Logger;
  jobId: string;
  attempt: number;
}

export type StageHandler<Q extends QueueName> = (payload: JobPayload<Q>, context: JobContext) => Promise<unknown>;

export interface StageWorkerOptions {
  connection: Redis;
  prefix: string;
  log: Logger;
  concurrency: number;
  /** How long a job may run before BullMQ considers it stalled (lock renewed meanwhile). */
  lockDurationMs?: number;
}

/** A job that has failed for good: its last attempt is spent, or retrying cannot help. */
export interface FinalFailure {
  queue: QueueName;
  jobId: string;
  data: unknown;
  code: string;
  reason: string;
}

/**
 * Runs `handler` for every job of `queue`. Each job's data is re-validated
 * against the contract (an invalid job fails permanently with the reason);
 * permanent TidingsErrors become UnrecoverableError so BullMQ stops retrying;
 * nothing a handler throws takes the worker down.
 */
export function startStageWorker<Q extends QueueName>(
  queue: Q,
  handler: StageHandler<Q>,
  options: StageWorkerOptions & { onFinalFailure?: (failure: FinalFailure) => void },
): Worker {
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const attempt = job.attemptsMade + 1;
      const log = options.log.child({ queue, jobId: job.id, attempt });
      try {
        const payload = parsePayload(queue, job.data);
        return await handler(payload, { log, jobId: String(job.id), attempt });
      } catch (error) {
        const { code, message } = describeError(error);
        const permanent = isPermanent(error);
        log.warn({ err: { code, message }, permanent }, `${queue} job failed: ${message}`);
        // The code prefix keeps the failed reason machine-readable without parsing prose.
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
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    if (!final) return;
    const match = /^\[([\w-]+)\] ([\s\S]*)$/.exec(error.message);
    options.onFinalFailure?.({
      queue,
      jobId: String(job.id),
      data: job.data,
      code: match?.[1] ?? 'internal',
      reason: match?.[2] ?? error.message,
    });
  });
  worker.on('error', (error) => options.log.error({ err: error, queue }, 'worker error'));
  return worker;
}
