import { describe, expect, it } from 'vitest';
import { countsByCode } from './counts-by-code.js';

describe('failure counts for people', () => {
  it('adds up jobs and counts per queue and code, in the order first met', () => {
    const jobs = [
      { queue: 'article-fetch', code: 'host-backoff', jobId: 'a' },
      { queue: 'article-index', code: 'timeout', jobId: 'b' },
      { queue: 'article-fetch', code: 'host-backoff', jobId: 'c' },
    ];
    expect(countsByCode(jobs)).toBe('article-fetch [host-backoff] 2 · article-index [timeout] 1');
    expect(countsByCode([{ queue: 'article-fetch', code: 'http-status', count: 2 }, { queue: 'article-index', code: 'not-article', count: 1 }])).toBe(
      'article-fetch [http-status] 2 · article-index [not-article] 1',
    );
    expect(countsByCode([])).toBe('');
  });
});
