import { performance } from 'node:perf_hooks';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError, isPermanent, parsePayload, type JobPayload, type QueueName } from '@tidings/contracts';

/** Context handed to a stage handler with each job. */
export interface JobContext {
  /** Child logger carrying { queue, jobId, attempt }. */
  log: Logger;
  jobId: string;
  attempt: number;
  /** When the job was created (ms since the epoch), across all its attempts and waits. */
  createdAt: number;
  /**
   * Puts the job aside until `untilMs` (BullMQ moveToDelayed + DelayedError):
   * not failed, no attempt spent, same job id, and the worker slot is free
   * for other jobs meanwhile. Never returns.
   */
  putAside(untilMs: number): Promise<never>;
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

/** One finished attempt of a stage job, as {@link observeStageJobs} reports it. */
export interface StageJobSettled {
  queue: QueueName;
  /** The installation's queue prefix (several can share a process, e.g. in tests). */
  prefix: string;
  outcome: 'completed' | 'failed';
  durationMs: number;
  /** What the handler returned (completed). */
  result?: unknown;
  /** What the handler threw, before it was wrapped for BullMQ (failed). */
  error?: unknown;
}

const stageJobObservers = new Set<(event: StageJobSettled) => void>();

/**
 * Calls `observer` after every attempt of every stage worker in this process
 * (metrics hook; an observer that throws is ignored). Returns a function that
 * removes it.
 */
export function observeStageJobs(observer: (event: StageJobSettled) => void): () => void {
  stageJobObservers.add(observer);
  return () => stageJobObservers.delete(observer);
}

/** Tells the observers about one finished attempt; startStageWorker calls it for every job. */
export function reportStageJob(event: StageJobSettled): void {
  for (const observer of stageJobObservers) {
    try {
      observer(event);
    } catch {
      // Metrics must never fail a job.
    }
  }
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
    async (job: Job, token?: string) => {
      const attempt = job.attemptsMade + 1;
      const log = options.log.child({ queue, jobId: job.id, attempt });
      const putAside = async (untilMs: number): Promise<never> => {
        await job.moveToDelayed(untilMs, token);
        throw new DelayedError();
      };
      const started = performance.now();
      try {
        const payload = parsePayload(queue, job.data);
        const result = await handler(payload, { log, jobId: String(job.id), attempt, createdAt: job.timestamp, putAside });
        reportStageJob({ queue, prefix: options.prefix, outcome: 'completed', durationMs: performance.now() - started, result });
        return result;
      } catch (error) {
        // Put aside is not finished: nothing to report or log.
        if (error instanceof DelayedError) throw error;
        reportStageJob({ queue, prefix: options.prefix, outcome: 'failed', durationMs: performance.now() - started, error });
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
      // Per-minute completed/failed counts kept in Redis by BullMQ itself (one day of points): the rates `tidings status` shows.
      metrics: { maxDataPoints: 24 * 60 },
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
