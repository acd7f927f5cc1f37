import { performance } from 'node:perf_hooks';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { parsePayload, TidingsError, type JobPayload, type QueueName } from '@tidings/contracts';
import { failedJob, type TypedJobError } from './job-failure.js';
import { jobAttributes, jobTracing, traceCarrierOf } from './job-tracing.js';
import { queueKeyPrefix } from './queues.js';
import type { RedisClient } from './redis-client.js';
import { redisAwayWithin, watchRedisOutages } from './redis-outages.js';
import { workerErrorLogger } from './error-log.js';

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
  connection: RedisClient;
  /** The installation's prefix (TIDINGS_QUEUE_PREFIX); on a cluster, BullMQ's keys gain a hash tag (see queueKeyPrefix). */
  prefix: string;
  log: Logger;
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal (the worker renews it while
   * the job runs). A killed worker's jobs return to the queue once their lock
   * has expired and the next stalled-job check (every half lock) sees them.
   */
  lockDurationMs?: number;
  /**
   * Times a job may be picked up by a worker that then died or stalled
   * before it fails for good with `worker-crash` (a poison page that takes
   * its worker down must not take every worker down in turn, forever).
   */
  maxCrashes?: number;
}

/** How long a job waits (plus up to as much again, at random) when a service it needs is unavailable. */
const UNAVAILABLE_WAIT_MS = 2_000;

/** Defaults for processes that may be killed at any moment (see the README's guarantees). */
export const DEFAULT_LOCK_MS = 60_000;
export const DEFAULT_MAX_CRASHES = 3;

/** Where a retried job's crash count starts (`stalledCounter`, which BullMQ's retry keeps), in its data. */
const CRASHES_BEFORE = 'crashesBefore';
/** The stalls already judged (BullMQ's `stalledCounter` when last looked at), and those a Redis outage excused, in its data. */
const STALLS_JUDGED = 'stallsJudged';
const STALLS_EXCUSED = 'stallsExcused';

/**
 * How long after Redis was away a stall is put down to it rather than to the
 * worker, in locks: the lock expires during the outage (or is found expired
 * when Redis restarts from its append-only file), the stalled-job check
 * moves the job back within half a lock, and a backlog may keep it waiting
 * a while before a worker takes it.
 */
const OUTAGE_EXCUSE_LOCKS = 5;

/**
 * How often the job's worker died or stalled, as far as the crash limit
 * goes: BullMQ's count of stalls, less those before the job was last run
 * again after failing for good (`tidings retry`, or the queue dashboard:
 * a job that carries a recorded failure while running was retried, and its
 * failure is dropped from its data so it is judged afresh), and less those
 * a Redis outage explains (`redisAwayWithin`): while Redis is away no lock
 * can be renewed, so every job running then is found stalled although no
 * worker died, and three outages would fail them all for good. New stalls
 * are judged once, when the job is next taken, and the judgement kept in
 * its data (one write, only then).
 */
async function crashesOf(job: Job, redis: RedisClient, lockMs: number): Promise<number> {
  if (typeof job.data !== 'object' || job.data === null) return job.stalledCounter;
  const { failure, ...data } = job.data as Record<string, unknown>;
  const count = (key: string): number => (typeof data[key] === 'number' ? (data[key] as number) : 0);
  let changed = false;
  if (failure !== undefined) {
    Object.assign(data, { [CRASHES_BEFORE]: job.stalledCounter, [STALLS_JUDGED]: job.stalledCounter, [STALLS_EXCUSED]: 0 });
    changed = true;
  }
  const judged = Math.max(count(STALLS_JUDGED), count(CRASHES_BEFORE));
  if (job.stalledCounter > judged) {
    const excused = (await redisAwayWithin(redis, OUTAGE_EXCUSE_LOCKS * lockMs)) ? job.stalledCounter - judged : 0;
    Object.assign(data, { [STALLS_JUDGED]: job.stalledCounter, [STALLS_EXCUSED]: count(STALLS_EXCUSED) + excused });
    changed = true;
  }
  if (changed) await job.updateData(data);
  return job.stalledCounter - count(CRASHES_BEFORE) - count(STALLS_EXCUSED);
}

/** A job in progress in this process, with the token that owns its lock. */
interface ActiveJob {
  job: Job;
  token: string | undefined;
}

/** The jobs each stage worker of this process is running now, for {@link drainWorkers}. */
const activeJobs = new WeakMap<Worker, Map<string, ActiveJob>>();

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
  /** The job's validated payload (completed). */
  payload?: unknown;
  /** When the job was queued and when this attempt started (ms since the epoch; completed). */
  queuedAt?: number;
  startedAt?: number;
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
  const maxCrashes = options.maxCrashes ?? DEFAULT_MAX_CRASHES;
  const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_MS;
  const running = new Map<string, ActiveJob>();
  watchRedisOutages(options.connection);
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
      const startedAt = Date.now();
      running.set(String(job.id), { job, token });
      try {
        // BullMQ counts how often a job was found stalled: its worker died (SIGKILL, out of memory) or blocked, or Redis was away.
        const crashes = await crashesOf(job, options.connection, lockDuration);
        if (crashes >= maxCrashes) {
          throw new TidingsError(
            'worker-crash',
            `the worker running this job died or stalled ${crashes} times (TIDINGS_MAX_CRASHES=${maxCrashes}); not trying again`,
            { permanent: true },
          );
        }
        const payload = parsePayload(queue, job.data);
        const attemptJob = () => handler(payload, { log, jobId: String(job.id), attempt, createdAt: job.timestamp, putAside });
        const tracing = jobTracing();
        const result = tracing ? await tracing.run(queue, traceCarrierOf(job.data), jobAttributes(queue, payload, attempt), attemptJob) : await attemptJob();
        reportStageJob({ queue, prefix: options.prefix, outcome: 'completed', durationMs: performance.now() - started, result, payload, queuedAt: job.timestamp, startedAt });
        return result;
      } catch (error) {
        // Put aside is not finished: nothing to report or log.
        if (error instanceof DelayedError) throw error;
        if (error instanceof TidingsError && error.code === 'unavailable') {
          // The index (or another service we need) is down: not this job's fault. It waits, spending no attempt.
          log.warn({ err: { code: error.code, message: error.message } }, `${queue} job waits: ${error.message}`);
          await job.moveToDelayed(Date.now() + UNAVAILABLE_WAIT_MS + Math.round(Math.random() * UNAVAILABLE_WAIT_MS), token);
          throw new DelayedError();
        }
        reportStageJob({ queue, prefix: options.prefix, outcome: 'failed', durationMs: performance.now() - started, error });
        // The failed reason in Redis reads `[code] message` for people; in this process the code travels typed, as `code`,
        // and a job that fails for good carries it in its data too, for other processes (jobFailureOf in contracts).
        throw await failedJob(job, error, log, `${queue} job`);
      } finally {
        running.delete(String(job.id));
      }
    },
    {
      connection: options.connection,
      prefix: queueKeyPrefix(options.prefix, queue, options.connection),
      concurrency: options.concurrency,
      lockDuration,
      // A killed worker's jobs come back within about 1.5 locks, not up to 2 (BullMQ's default check runs every 30 s).
      stalledInterval: Math.max(1_000, Math.round(lockDuration / 2)),
      // Never reached: the crash limit is ours (above), counted since the job was last retried, so that the job fails with
      // the typed `worker-crash` reason rather than BullMQ's text, and a retried job gets its crashes afresh.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      // Per-minute completed/failed counts kept in Redis by BullMQ itself (one day of points): the rates `tidings status` shows.
      metrics: { maxDataPoints: 24 * 60 },
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    if (!final) return;
    const { code, reason } = error as TypedJobError;
    options.onFinalFailure?.({ queue, jobId: String(job.id), data: job.data, code: code ?? 'internal', reason: reason ?? error.message });
  });
  worker.on('error', workerErrorLogger(options.log, 'worker error', { queue }));
  activeJobs.set(worker, running);
  return worker;
}

/**
 * Stops stage workers gracefully: they take no new jobs, and the jobs they
 * are running may finish within `timeoutMs`. Jobs still running then are
 * handed back (moved to the wait list, no attempt spent, no stall counted)
 * for another worker to run, and the workers are closed by force. Resolves
 * with how many jobs were handed back.
 */
export async function drainWorkers(workers: readonly Worker[], timeoutMs: number, log: Logger): Promise<{ handedBack: number }> {
  // Stop taking jobs at once, without waiting (BullMQ's close() would wait for active jobs with no bound).
  await Promise.all(workers.map((worker) => worker.pause(true)));
  const running = () => workers.flatMap((worker) => [...(activeJobs.get(worker)?.values() ?? [])].map((active) => ({ worker, ...active })));
  const deadline = Date.now() + timeoutMs;
  while (running().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  let handedBack = 0;
  for (const { worker, job, token } of running()) {
    try {
      await job.moveToWait(token);
      handedBack += 1;
      log.warn({ queue: worker.name, jobId: job.id }, 'shutdown timeout: handed the job back to the queue');
    } catch (error) {
      // It finished (or lost its lock) meanwhile: nothing to hand back.
      log.debug({ err: error, queue: worker.name, jobId: job.id }, 'could not hand the job back');
    }
  }
  // Nothing is left to wait for: what still runs has been handed back, and its late result is refused by its lost lock.
  await Promise.all(workers.map((worker) => worker.close(true)));
  return { handedBack };
}
