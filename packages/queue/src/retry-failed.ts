import { ALL_QUEUES, jobFailureOf, jobSubjectUrl, QUEUES, type QueueName } from '@tidings/contracts';
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
}

/**
 * A failed job's typed failure: as the worker recorded it in the job's data,
 * else read from its `[code] message` reason. A job failed before the
 * worker recorded `permanent` counts as permanent when it failed before its
 * attempts ran out (only a permanent failure stops retries early). Pure.
 */
export function failureOfJob(job: FailedJobView): FailedJobFailure {
  const recorded = jobFailureOf(job.data);
  const reasonText = job.failedReason ?? '';
  const bracketed = /^\[([a-z][a-z-]*)\] ?([\s\S]*)$/.exec(reasonText);
  const code = recorded?.code ?? bracketed?.[1] ?? 'internal';
  const reason = recorded?.reason ?? bracketed?.[2] ?? reasonText;
  const permanent = recorded?.permanent ?? job.attemptsMade < (job.opts.attempts ?? 1);
  return { code, reason, permanent };
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

/** Failed jobs left where they were, counted per queue and code. */
export interface LeftFailures {
  queue: QueueName;
  code: string;
  count: number;
  /** Why it was left: it failed for good and no code was named, or it has another code than those named. */
  why: 'permanent' | 'other-code';
}

/** What `tidings retry --json` prints. */
export interface RetryReport {
  dryRun: boolean;
  queues: QueueName[];
  /** How many jobs were moved back (or would be). */
  retried: number;
  jobs: RetriedJob[];
  left: LeftFailures[];
  /** Jobs that were no longer failed when their turn came (run again or removed meanwhile, by another retry or the dashboard). */
  gone: number;
}

/** How many failed jobs are read from Redis at a time. */
const PAGE = 500;

/**
 * Moves the failed jobs the filter picks back to their queues (BullMQ's
 * retry: atomic per job, same id, attempts reset); the worker forgets the
 * job's recorded failure and its crash count when it takes it up again
 * (stage worker). Each queue's failed set is read whole first, since moving
 * jobs out of it while paging would skip some.
 */
export async function retryFailedJobs(queues: PipelineQueues, filter: RetryFilter, options: { dryRun: boolean }): Promise<RetryReport> {
  const report: RetryReport = { dryRun: options.dryRun, queues: ALL_QUEUES.filter((name) => filter.queues.includes(name)), retried: 0, jobs: [], left: [], gone: 0 };
  const left = new Map<string, LeftFailures>();
  for (const name of report.queues) {
    const queue = queues.get(name);
    const failed = [];
    for (let start = 0; ; start += PAGE) {
      const page = (await queue.getFailed(start, start + PAGE - 1)).filter((job) => job !== undefined && job !== null);
      failed.push(...page);
      if (page.length < PAGE) break;
    }
    for (const job of failed) {
      const failure = failureOfJob(job);
      const verdict = retryVerdict(failure, filter);
      if (verdict !== 'retry') {
        const key = `${name}\u0000${failure.code}\u0000${verdict}`;
        const entry = left.get(key) ?? { queue: name, code: failure.code, count: 0, why: verdict };
        entry.count += 1;
        left.set(key, entry);
        continue;
      }
      if (!options.dryRun) {
        try {
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        } catch (error) {
          // Gone or moved since it was read; anything else (Redis down) is the command's failure.
          if ((await queue.getJobState(String(job.id))) !== 'failed') {
            report.gone += 1;
            continue;
          }
          throw error;
        }
      }
      report.retried += 1;
      report.jobs.push({ queue: name, jobId: String(job.id), code: failure.code, url: jobSubjectUrl(job.data) });
    }
  }
  report.left = [...left.values()].sort((a, b) => b.count - a.count || a.queue.localeCompare(b.queue) || a.code.localeCompare(b.code));
  return report;
}
