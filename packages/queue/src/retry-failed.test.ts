import { describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { failureOfJob, retryVerdict, selectRetries, type FailedJobView } from './retry-failed.js';

describe('which failed jobs a retry picks', () => {
  it('reads the failure the worker recorded, else the [code] of the reason; an old job that stopped before its attempts ran out failed for good', () => {
    const recorded = { data: { failure: { code: 'host-backoff', reason: 'later', permanent: false } }, failedReason: '[host-backoff] later', attemptsMade: 4, opts: { attempts: 4 } };
    expect(failureOfJob(recorded)).toEqual({ code: 'host-backoff', reason: 'later', permanent: false });
    // Recorded before `permanent` was: judged by its attempts.
    expect(failureOfJob({ data: { failure: { code: 'not-found', reason: 'HTTP 404' } }, attemptsMade: 1, opts: { attempts: 4 } })).toEqual({ code: 'not-found', reason: 'HTTP 404', permanent: true });
    expect(failureOfJob({ data: { failure: { code: 'network', reason: 'reset' } }, attemptsMade: 4, opts: { attempts: 4 } })).toEqual({ code: 'network', reason: 'reset', permanent: false });
    // Nothing recorded (BullMQ's own failure, or a job failed before failures were recorded).
    expect(failureOfJob({ data: {}, failedReason: '[timeout] extraction took too long', attemptsMade: 2, opts: { attempts: 2 } })).toEqual({ code: 'timeout', reason: 'extraction took too long', permanent: false });
    expect(failureOfJob({ data: null, failedReason: 'job stalled more than allowable limit', attemptsMade: 0, opts: {} })).toEqual({ code: 'internal', reason: 'job stalled more than allowable limit', permanent: true });
  });

  it('takes passing failures by default, named codes whether passing or not, and everything with all', () => {
    const passing = { code: 'network', reason: '', permanent: false };
    const forGood = { code: 'not-article', reason: '', permanent: true };
    expect(retryVerdict(passing, { codes: null, all: false })).toBe('retry');
    expect(retryVerdict(forGood, { codes: null, all: false })).toBe('permanent');
    expect(retryVerdict(forGood, { codes: ['not-article'], all: false })).toBe('retry');
    expect(retryVerdict(passing, { codes: ['not-article'], all: false })).toBe('other-code');
    expect(retryVerdict(forGood, { codes: null, all: true })).toBe('retry');
  });

  const hour = 3_600_000;
  const now = Date.UTC(2026, 0, 10);
  /** A job failed `hoursAgo` hours before now with a passing `code` (or one that failed for good). */
  const failed = (id: string, hoursAgo: number | null, code = 'network', permanent = false) => ({
    id,
    data: { failure: { code, reason: '', permanent } },
    attemptsMade: 4,
    opts: { attempts: 4 },
    ...(hoursAgo === null ? {} : { finishedOn: now - hoursAgo * hour }),
  });
  const ids = (selection: { retry: Array<{ job: FailedJobView & { id: string } }> }) => selection.retry.map(({ job }) => job.id);

  it('takes only jobs that failed at least olderThanMs ago, and counts the others as too recent', () => {
    const jobs = [
      { queue: QUEUES.articleFetch, job: failed('old', 3) },
      { queue: QUEUES.articleFetch, job: failed('new', 1) },
      { queue: QUEUES.articleIndex, job: failed('exactly', 2, 'timeout') },
      // No finish time: its age is unknown, so an age limit never takes it.
      { queue: QUEUES.articleIndex, job: failed('unknown', null, 'timeout') },
      { queue: QUEUES.articleIndex, job: failed('unwanted', 5, 'not-article', true) },
    ];
    const selection = selectRetries(jobs, { codes: null, all: false, olderThanMs: 2 * hour }, now);
    expect(ids(selection)).toEqual(['old', 'exactly']);
    expect(selection.left).toEqual([
      { queue: QUEUES.articleFetch, code: 'network', count: 1, why: 'too-recent' },
      { queue: QUEUES.articleIndex, code: 'not-article', count: 1, why: 'permanent' },
      { queue: QUEUES.articleIndex, code: 'timeout', count: 1, why: 'too-recent' },
    ]);
    // Without an age limit, every passing failure is taken.
    expect(ids(selectRetries(jobs, { codes: null, all: false }, now))).toEqual(['old', 'exactly', 'new', 'unknown']);
  });

  it('takes at most limit jobs, the oldest failures first across the queues, and counts the rest as over the limit', () => {
    const jobs = [
      { queue: QUEUES.articleIndex, job: failed('index-2h', 2) },
      { queue: QUEUES.articleFetch, job: failed('fetch-1h', 1) },
      { queue: QUEUES.articleFetch, job: failed('fetch-4h', 4) },
      { queue: QUEUES.articleIndex, job: failed('index-4h', 4, 'timeout') },
      { queue: QUEUES.articleFetch, job: failed('fetch-3h', 3, 'host-backoff') },
    ];
    const selection = selectRetries(jobs, { codes: null, all: false, limit: 3 }, now);
    // Equally old: in flow order (fetch before index).
    expect(ids(selection)).toEqual(['fetch-4h', 'index-4h', 'fetch-3h']);
    expect(selection.retry.map(({ failure }) => failure.code)).toEqual(['network', 'timeout', 'host-backoff']);
    expect(selection.left).toEqual([
      { queue: QUEUES.articleFetch, code: 'network', count: 1, why: 'over-limit' },
      { queue: QUEUES.articleIndex, code: 'network', count: 1, why: 'over-limit' },
    ]);
    // The limit counts only the jobs the codes and the age pick.
    const both = selectRetries(jobs, { codes: ['network'], all: false, olderThanMs: 90 * 60_000, limit: 1 }, now);
    expect(ids(both)).toEqual(['fetch-4h']);
    expect(both.left).toEqual([
      { queue: QUEUES.articleFetch, code: 'host-backoff', count: 1, why: 'other-code' },
      { queue: QUEUES.articleFetch, code: 'network', count: 1, why: 'too-recent' },
      { queue: QUEUES.articleIndex, code: 'network', count: 1, why: 'over-limit' },
      { queue: QUEUES.articleIndex, code: 'timeout', count: 1, why: 'other-code' },
    ]);
  });
});
