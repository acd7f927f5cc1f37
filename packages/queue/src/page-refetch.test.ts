import { describe, expect, it } from 'vitest';
import { MAX_REFETCHES, refetchJob } from './page-refetch.js';

const item = { title: 'Night buses', summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null };
const source = { itemUrl: 'https://news.example.com/night-buses', feedUrl: 'https://news.example.com/feed.xml', item };
const KEY = 'tidings:body:0123456789abcdef0123456789abcdef';

describe('refetchJob: the page fetched again when a stage finds its body gone', () => {
  it('queues the article fetch of the same item and feed, counting the refetch', () => {
    const job = refetchJob(source, KEY);
    expect(job).toMatchObject({ payload: { itemUrl: source.itemUrl, feedUrl: source.feedUrl, item, refetches: 1 } });
    expect(refetchJob({ ...source, refetches: 2 }, KEY)).toMatchObject({ payload: { refetches: 3 } });
  });

  it('names the job by item and lost body: the same loss queues one fetch, another item or another body a new one', () => {
    const id = (job: ReturnType<typeof refetchJob>) => ('jobId' in job ? job.jobId : null);
    expect(id(refetchJob(source, KEY))).toBe(id(refetchJob(source, KEY)));
    expect(id(refetchJob({ ...source, itemUrl: 'https://news.example.com/other' }, KEY))).not.toBe(id(refetchJob(source, KEY)));
    expect(id(refetchJob(source, `${KEY.slice(0, -1)}0`))).not.toBe(id(refetchJob(source, KEY)));
  });

  it('refuses, saying why, for a job without its feed (an earlier version) and after MAX_REFETCHES', () => {
    expect(refetchJob({ itemUrl: source.itemUrl }, KEY)).toEqual({ refused: expect.stringContaining('earlier version') });
    expect(refetchJob({ ...source, refetches: MAX_REFETCHES }, KEY)).toEqual({ refused: expect.stringContaining(`${MAX_REFETCHES} times`) });
  });
});
