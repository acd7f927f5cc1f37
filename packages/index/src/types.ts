import type { ArticleRecord, FeedRecord, SearchResult } from '@tidings/contracts';

/** Outcome of one fetch (and parse) of a feed, as the fetcher and parser report it. */
export interface FeedStatusUpdate {
  /** ISO time of the fetch/parse. */
  at: string;
  status: 'ok' | 'not-modified' | 'error';
  /** Reason when status is 'error'; ignored (lastError cleared) otherwise. */
  error?: string | null;
  /** Validator for the next conditional GET. `undefined` keeps the stored value, `null` clears it. */
  etag?: string | null;
  /** As `etag`: `undefined` keeps, `null` clears. */
  lastModified?: string | null;
  /** The feed's own title. `undefined` keeps, `null` clears. */
  title?: string | null;
}

/** Paging for {@link TidingsIndex.search}. */
export interface SearchOptions {
  /** Page size; 10 when omitted. A non-negative integer. */
  limit?: number;
  /** Hits to skip; 0 when omitted. A non-negative integer. */
  offset?: number;
}

/**
 * The durable store every service shares: articles (searchable), feeds and
 * the set of article URLs already sent on to be fetched. Backend-neutral and
 * async so a PostgreSQL implementation can stand in for SQLite unchanged.
 *
 * Failures are TidingsErrors: `invalid-payload` (permanent) for bad input
 * (an empty search, an invalid record), `invalid-url` for a feed URL that is
 * not http(s), `io` (retryable) when the store itself fails, e.g. stays
 * locked past its busy timeout.
 */
export interface TidingsIndex {
  /**
   * Stores an article keyed by its canonical `record.url`, with id `record.id`.
   * Re-running never duplicates: a second upsert replaces every field except
   * `feedUrls`, which becomes the union of the stored list, the given list and
   * every feed that listed the article's URL or `options.itemUrl` (the URL the
   * feed item gave, when the page's canonical URL differs) in claimNewItems.
   */
  upsertArticle(record: ArticleRecord, options?: { itemUrl?: string }): Promise<{ id: string; created: boolean }>;
  /** An article by id, or by URL (normalised first, so tracking parameters do not matter). */
  getArticle(idOrUrl: string): Promise<ArticleRecord | null>;
  /** Full-text search, best first; see `buildFtsQuery` for the query language. */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  countArticles(): Promise<number>;

  /** Subscribes to a feed (URL normalised, id = feedId(url)); adding twice returns the existing one. */
  addFeed(url: string): Promise<{ feed: FeedRecord; created: boolean }>;
  /** Unsubscribes; false when no such feed. Seen items and articles stay. */
  removeFeed(id: string): Promise<boolean>;
  getFeed(id: string): Promise<FeedRecord | null>;
  /** Every feed, in the order added. */
  listFeeds(): Promise<FeedRecord[]>;
  /**
   * Records a fetch outcome: sets lastFetchAt/lastStatus/lastError;
   * consecutiveFailures resets to 0 on ok/not-modified and grows by 1 on error.
   * Does nothing when the feed no longer exists (removed while being fetched).
   */
  recordFeedStatus(id: string, update: FeedStatusUpdate): Promise<void>;

  /**
   * Atomically marks `urls` as seen (across every process sharing the store)
   * and returns those nobody had seen before, from any feed: in input order,
   * without duplicates. URLs are compared exactly as given, so pass them
   * normalised. Adds the number returned to that feed's itemsSeen. Records
   * that this feed lists every one of `urls`, new or not: an article already
   * stored gains the feed's URL in its feedUrls at once; one not stored yet
   * gains it when it is upserted.
   */
  claimNewItems(feedId: string, urls: string[]): Promise<string[]>;

  /** Releases the store. Calling it twice is harmless; any other call afterwards fails. */
  close(): Promise<void>;
}
