import { describe, expect, it } from 'vitest';
import { QUEUES, type QueueName } from '@tidings/contracts';
import { progressCounts } from '../progress.js';
import { emptyRunSummary, runSummaryCounter } from './run-summary.js';

const A = 'https://news.example.org/a';
const B = 'https://news.example.org/b';
const refetched = (url: string) => ({ url, refetched: true });

/** A run's completed jobs, in order, counted as `tidings run` counts them. */
function run(jobs: Array<[QueueName, unknown, unknown]>) {
  const summary = emptyRunSummary(1);
  const count = runSummaryCounter(summary);
  for (const [queue, data, result] of jobs) count(queue, data, result);
  return summary;
}

describe('the run summary', () => {
  const polled: Array<[QueueName, unknown, unknown]> = [
    [QUEUES.feedFetch, { feedId: 'f1', feedUrl: 'https://news.example.org/feed.xml' }, { parseJobId: 'p1' }],
    [QUEUES.feedParse, { feedId: 'f1', finalUrl: 'https://news.example.org/feed.xml' }, { items: 2, new: 2 }],
  ];

  it('counts an article whose page was fetched again (the extractor found it gone) once, and the refetch apart', () => {
    const summary = run([
      ...polled,
      [QUEUES.articleFetch, { itemUrl: A }, { url: A }],
      [QUEUES.articleFetch, { itemUrl: B }, { url: B }],
      [QUEUES.articleExtract, { itemUrl: A }, refetched(A)],
      [QUEUES.articleExtract, { itemUrl: B }, { url: B }],
      [QUEUES.articleFetch, { itemUrl: A, refetches: 1 }, { url: A }],
      [QUEUES.articleExtract, { itemUrl: A, refetches: 1 }, { url: A }],
      [QUEUES.articleIndex, { itemUrl: B }, { created: true }],
      [QUEUES.articleIndex, { itemUrl: A, refetches: 1 }, { created: true }],
    ]);
    expect(summary.completed).toEqual({ 'feed-fetch': 1, 'feed-parse': 1, 'article-fetch': 2, 'article-extract': 2, 'article-index': 2 });
    expect(summary).toMatchObject({ refetched: 1, indexed: 2 });
    expect(progressCounts({ summary, pending: 0 })).toBe('feeds 1/1 fetched, 1 parsed · articles 2 fetched, 2 extracted, 2 indexed · 0 failed · 0 pending');
  });

  it('counts an article the indexer sent back to be fetched and extracted again once at every stage', () => {
    const summary = run([
      ...polled,
      [QUEUES.articleFetch, { itemUrl: A }, { url: A }],
      [QUEUES.articleExtract, { itemUrl: A }, { url: A }],
      [QUEUES.articleIndex, { itemUrl: A }, refetched(A)],
      [QUEUES.articleFetch, { itemUrl: A, refetches: 1 }, { url: A }],
      [QUEUES.articleExtract, { itemUrl: A, refetches: 1 }, { url: A }],
      [QUEUES.articleIndex, { itemUrl: A, refetches: 1 }, { created: true }],
    ]);
    expect(summary.completed).toMatchObject({ 'article-fetch': 1, 'article-extract': 1, 'article-index': 1 });
    expect(summary).toMatchObject({ refetched: 1, indexed: 1 });
  });

  it('counts an article indexed when its creating job completes after another of its index jobs', () => {
    // Two index jobs of one article in one batch: the update's completion may come first.
    const summary = run([
      [QUEUES.articleIndex, { itemUrl: A }, { created: false }],
      [QUEUES.articleIndex, { itemUrl: A, refetches: 1 }, { created: true }],
    ]);
    expect(summary.completed).toMatchObject({ 'article-index': 1 });
    expect(summary).toMatchObject({ refetched: 0, indexed: 1 });
  });

  it('keeps the fields of the --json summary, in their order', () => {
    expect(Object.keys(run(polled))).toEqual(['feeds', 'completed', 'refetched', 'indexed', 'failed']);
    // Feed jobs are counted per job: two polls of one feed are two.
    expect(run([...polled, ...polled]).completed).toMatchObject({ 'feed-fetch': 2, 'feed-parse': 2 });
  });
});
