import { describe, expect, it } from 'vitest';
import { failedJobFailure } from './jobs.js';

describe("a failed job's failure", () => {
  it('is the one the worker recorded in the job data, whatever the reason text says', () => {
    const data = { itemUrl: 'https://example.org/a', failure: { code: 'http-status', reason: '404 Not Found', permanent: true } };
    expect(failedJobFailure(data, '[network] something else')).toEqual({ code: 'http-status', reason: '404 Not Found', permanent: true });
    // Recorded before `permanent` was: left out, for the reader to judge.
    expect(failedJobFailure({ failure: { code: 'worker-crash', reason: 'job stalled' } }, undefined)).toEqual({ code: 'worker-crash', reason: 'job stalled' });
  });

  it('else the [code] of its failed reason: a job BullMQ failed itself, or one failed before failures were recorded', () => {
    expect(failedJobFailure({}, '[timeout] extraction took too long')).toEqual({ code: 'timeout', reason: 'extraction took too long' });
    expect(failedJobFailure({ itemUrl: 'https://example.org/a', failure: { code: '' } }, '[not-article] a product page')).toEqual({ code: 'not-article', reason: 'a product page' });
  });

  it('else internal, with the reason whole', () => {
    expect(failedJobFailure(null, 'job stalled more than allowable limit')).toEqual({ code: 'internal', reason: 'job stalled more than allowable limit' });
    expect(failedJobFailure(undefined, 'Error: [network] not at the start')).toEqual({ code: 'internal', reason: 'Error: [network] not at the start' });
    expect(failedJobFailure(undefined, undefined)).toEqual({ code: 'internal', reason: '' });
  });
});
