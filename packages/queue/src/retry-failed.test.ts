import { describe, expect, it } from 'vitest';
import { failureOfJob, retryVerdict } from './retry-failed.js';

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
});
