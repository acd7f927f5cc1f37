import type { Job } from 'bullmq';
import { ALL_QUEUES, failedJobFailure, jobSubjectUrl, QUEUES, type QueueName } from '@tidings/contracts';
import type { PipelineQueues } from './queues.js';

/**
 * Failed jobs run again (`tidings retry`). A job that failed for good stays
 * in its queue's failed set with its reason (up to TIDINGS_KEEP_FAILED), and
 * its item is claimed by then: no later poll queues it again. Once the cause
 * is gone (a host's long Retry-After over, the network back, a page type
 * added to TIDINGS_INDEX_PAGE_TYPES), these move the failed jobs back to
 * their queue under the same job id, attempts counted afresh.
 */

/** The stages whose failed jobs no later poll brings back: a failed poll or parse is retried by the feed's own schedule. */
export const RETRY_DEFAULT_QUEUES: readonly QueueName[] = [QUEUES.articleFetch, QUEUES.articleExtract, QUEUES.articleIndex];

/** Which failed jobs to run again. */
export interface RetryFilter {
  queues: readonly QueueName[];
  /** Only failures with one of these codes, transient or not; null: every transient failure. */
  codes: readonly string[] | null;
  /** Every failed job of the queues, whatever its code (overrides `codes`). */
  all: boolean;
  /** Only jobs that failed at least this many ms ago (BullMQ's finishedOn); absent: whenever they failed. */
  olderThanMs?: number;
  /** At most this many jobs, the oldest failures first; absent: every job picked. */
  limit?: number;
}

/** What a failed job says of its failure. */
export interface FailedJobFailure {
  code: string;
  reason: string;
  /** True when retrying was not expected to help (a 404, a page that is not an article...). */
  permanent: boolean;
}

/** The part of a failed BullMQ job these read. */
export interface FailedJobView {
  data: unknown;
  failedReason?: string;
  attemptsMade: number;
  opts: { attempts?: number };
  /** When it failed (ms since the epoch). */
  finishedOn?: number;
}

/**
 * A failed job's typed failure, read as the pipeline view reads it
 * (failedJobFailure in contracts). A job failed before the worker recorded
 * `permanent` counts as permanent when it failed before its attempts ran out
 * (only a permanent failure stops retries early). Pure.
 */
export function failureOfJob(job: FailedJobView): FailedJobFailure {
  const { code, reason, permanent } = failedJobFailure(job.data, job.failedReason);
  return { code, reason, permanent: permanent ?? job.attemptsMade < (job.opts.attempts ?? 1) };
}

/** Whether a failed job matches the filter: `retry`, or why not. Pure. */
export function retryVerdict(failure: FailedJobFailure, filter: Pick<RetryFilter, 'codes' | 'all'>): 'retry' | 'permanent' | 'other-code' {
  if (filter.all) return 'retry';
  if (filter.codes !== null) return filter.codes.includes(failure.code) ? 'retry' : 'other-code';
  return failure.permanent ? 'permanent' : 'retry';
}

/** One job moved back to its queue (or that would be, in a dry run). */
export interface RetriedJob {
  queue: QueueName;
  jobId: string;
  code: string;
  /** The article's item URL, else the feed's URL; null when the job names neither. */
  url: string | null;
}

/**
 * Why failed jobs were left: they failed for good and no code was named
 * (`permanent`), they have another code than those named (`other-code`), they
 * failed more recently than `--older-than` (`too-recent`), or `--limit` jobs
 * older than them were taken (`over-limit`).
 */
export type LeftReason = 'permanent' | 'other-code' | 'too-recent' | 'over-limit';

/** Failed jobs left where they were, counted per queue, code and reason. */
export interface LeftFailures {
  queue: QueueName;
  code: string;
  count: number;
  why: LeftReason;
}

/** What `tidings retry --json` prints. */
export interface RetryReport {
  dryRun: boolean;
  queues: QueueName[];
  /** How many jobs were moved back (or would be). */
  retried: number;
  /** Oldest failure first. */
  jobs: RetriedJob[];
  left: LeftFailures[];
  /** Jobs that were no longer failed when their turn came (run again or removed meanwhile, by another retry or the dashboard). */
  gone: number;
}

/** One failed job of one queue, as the selection weighs it. */
export interface FailedJobOf<J extends FailedJobView> {
  queue: QueueName;
  job: J;
}

/** The jobs to move back, oldest failure first, and the ones left, counted. */
export interface RetrySelection<J extends FailedJobView> {
  retry: Array<FailedJobOf<J> & { failure: FailedJobFailure }>;
  left: LeftFailures[];
}

/**
 * Picks the failed jobs to run again: those the filter's codes take
 * (retryVerdict), that failed at least `olderThanMs` before `now`, the oldest
 * failures first (ties in queue order), at most `limit` of them. A job
 * without a finish time counts as failed `now`, so an age limit never takes
 * it by mistake. Pure.
 */
export function selectRetries<J extends FailedJobView>(failed: ReadonlyArray<FailedJobOf<J>>, filter: Omit<RetryFilter, 'queues'>, now: number): RetrySelection<J> {
  const left = new Map<string, LeftFailures>();
  const leave = (queue: QueueName, code: string, why: LeftReason) => {
    const key = `${queue}\u0000${code}\u0000${why}`;
    const entry = left.get(key) ?? { queue, code, count: 0, why };
    entry.count += 1;
    left.set(key, entry);
  };
  const failedAt = (job: FailedJobView) => job.finishedOn ?? now;
  const picked: RetrySelection<J>['retry'] = [];
  for (const { queue, job } of failed) {
    const failure = failureOfJob(job);
    const verdict = retryVerdict(failure, filter);
    if (verdict !== 'retry') leave(queue, failure.code, verdict);
    else if (filter.olderThanMs !== undefined && now - failedAt(job) < filter.olderThanMs) leave(queue, failure.code, 'too-recent');
    else picked.push({ queue, job, failure });
  }
  picked.sort((a, b) => failedAt(a.job) - failedAt(b.job) || ALL_QUEUES.indexOf(a.queue) - ALL_QUEUES.indexOf(b.queue));
  const retry = filter.limit === undefined ? picked : picked.slice(0, filter.limit);
  for (const { queue, failure } of picked.slice(retry.length)) leave(queue, failure.code, 'over-limit');
  return {
    retry,
    left: [...left.values()].sort((a, b) => b.count - a.count || a.queue.localeCompare(b.queue) || a.code.localeCompare(b.code) || a.why.localeCompare(b.why)),
  };
}

/** How many failed jobs are read from Redis at a time. */
const PAGE = 500;

/**
 * Moves the failed jobs the filter picks (selectRetries) back to their
 * queues, oldest failure first (BullMQ's retry: atomic per job, same id,
 * attempts reset); the worker forgets the job's recorded failure and its
 * crash count when it takes it up again (stage worker). Every queue's failed
 * set is read whole first, since moving jobs out of it while paging would
 * skip some, and a limit takes the oldest across the queues.
 */
export async function retryFailedJobs(queues: PipelineQueues, filter: RetryFilter, options: { dryRun: boolean }): Promise<RetryReport> {
  const report: RetryReport = { dryRun: options.dryRun, queues: ALL_QUEUES.filter((name) => filter.queues.includes(name)), retried: 0, jobs: [], left: [], gone: 0 };
  const failed: Array<FailedJobOf<Job>> = [];
  for (const name of report.queues) {
    const queue = queues.get(name);
    for (let start = 0; ; start += PAGE) {
      const page = (await queue.getFailed(start, start + PAGE - 1)).filter((job) => job !== undefined && job !== null);
      failed.push(...page.map((job) => ({ queue: name, job })));
      if (page.length < PAGE) break;
    }
  }
  const selection = selectRetries(failed, filter, Date.now());
  report.left = selection.left;
  for (const { queue: name, job, failure } of selection.retry) {
    if (!options.dryRun) {
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } catch (error) {
        // Gone or moved since it was read; anything else (Redis down) is the command's failure.
        if ((await queues.get(name).getJobState(String(job.id))) !== 'failed') {
          report.gone += 1;
          continue;
        }
        throw error;
      }
    }
    report.retried += 1;
    report.jobs.push({ queue: name, jobId: String(job.id), code: failure.code, url: jobSubjectUrl(job.data) });
  }
  return report;
}
