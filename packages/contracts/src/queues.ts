/**
 * Queue names, one per pipeline stage. Jobs live in Redis under these names:
 * renaming one strands every job already waiting in it, so treat them as data.
 */
export const QUEUES = {
  /** scheduler -> fetcher: poll one feed. */
  feedFetch: 'feed-fetch',
  /** fetcher -> parser: a fetched feed body to parse. */
  feedParse: 'feed-parse',
  /** parser -> fetcher: one new item's article page to fetch. */
  articleFetch: 'article-fetch',
  /** fetcher -> extractor: a fetched article page to extract. */
  articleExtract: 'article-extract',
  /** extractor -> indexer: an extracted record to store. */
  articleIndex: 'article-index',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Every queue, in pipeline order. */
export const ALL_QUEUES: readonly QueueName[] = [
  QUEUES.feedFetch,
  QUEUES.feedParse,
  QUEUES.articleFetch,
  QUEUES.articleExtract,
  QUEUES.articleIndex,
];
