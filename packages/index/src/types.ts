import type { ArticleRecord, FeedHints, FeedRecord, FeedState, SearchCollapse, SearchHit, SearchFilters, SearchResult, StoryPage, StorySummary, TidingsError } from '@tidings/contracts';

/**
 * Changes to a feed for {@link TidingsIndex.updateFeed}. Each field left
 * `undefined` keeps the stored value; `null` clears a nullable one.
 */
export interface FeedPatch {
  /**
   * The feed moved (HTTP 301/308): normalised, stored under the same id.
   * Articles' feedUrls follow the move. Refused when another feed has it.
   */
  url?: string;
  title?: string | null;
  /** Replaces the tags (trimmed, empty ones and duplicates dropped). */
  tags?: string[];
  state?: FeedState;
  stateReason?: string | null;
  /** A positive integer number of milliseconds. */
  intervalMs?: number | null;
  /** ISO time. */
  nextPollAt?: string | null;
  /** ISO time. */
  lastNewItemAt?: string | null;
  /** An HTTP status code, 100-599. */
  lastHttpStatus?: number | null;
  /** ISO time of the last fetch. */
  lastFetchAt?: string | null;
  /** Outcome of the last fetch (and parse). */
  lastStatus?: 'ok' | 'not-modified' | 'error' | null;
  /** Why the last poll failed. */
  lastError?: string | null;
  /** The typed code of that failure (TidingsError.code). */
  lastErrorCode?: string | null;
  /** Failed polls in a row: a non-negative integer (0 after a poll that worked, or a resume). */
  consecutiveFailures?: number;
  /** Validator for the next conditional GET. */
  etag?: string | null;
  /** As `etag`. */
  lastModified?: string | null;
  /** The polling hints of the last parse. */
  pollHints?: FeedHints | null;
  /** What the last fetch and parse warned about. */
  lastWarnings?: string[];
}

/** A feed item's URL and the time its feed says it was last updated (ISO 8601 UTC, as the feed parser writes it). */
export interface ItemRevision {
  url: string;
  revision: string;
}

/**
 * What {@link TidingsIndex.checkItemRevisions} finds of items' revisions:
 * each list in input order, without duplicates, the URLs as given.
 */
export interface ItemRevisionCheck {
  /** Claimed items whose recorded revision is earlier than the one given: revised since. */
  revised: string[];
  /** Claimed items with no revision recorded yet: the one given is to be their first, a baseline. */
  unrecorded: string[];
}

/** One article of {@link TidingsIndex.upsertArticles}: the record, and the URL the feed item gave when it differs. */
export interface ArticleUpsert {
  record: ArticleRecord;
  itemUrl?: string;
}

/** What became of one article of a batch: stored (created or updated), or refused on its own. */
export type ArticleUpsertOutcome = { ok: true; id: string; created: boolean } | { ok: false; error: TidingsError };

/** Options of {@link TidingsIndex.addFeed}; used only when the feed is new. */
export interface AddFeedOptions {
  title?: string | null;
  /** OPML folders/categories. */
  tags?: string[];
}

/** Options of {@link TidingsIndex.prune}. */
export interface PruneOptions {
  /** Articles fetched before this time go (ISO time or a Date), and item claims made before it. */
  before: Date | string;
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  /** Rows deleted per transaction (default 500): writers wait for one batch at most. */
  batchSize?: number;
  /** Stops the prune between two batches (a shutdown): what was deleted by then is reported. */
  signal?: AbortSignal;
}

/** What {@link TidingsIndex.prune} removed (or, dry, would remove): the JSON of `tidings prune --json`. */
export interface PruneResult {
  articles: number;
  seenItems: number;
  /** Stories left without an article, dropped. */
  stories: number;
  /** The cutoff, ISO. */
  cutoff: string;
  dryRun: boolean;
}

/** The search filters, declared once in contracts (SearchFiltersSchema): re-exported where the index's callers look for them. */
export type { SearchFilters };

/** Paging, order and filters for {@link TidingsIndex.search}. */
export interface SearchOptions {
  /** Page size, 0-100; 10 when omitted. */
  limit?: number;
  /** Hits to skip; 0 when omitted. Not together with `cursor`. */
  offset?: number;
  /**
   * `nextCursor` of the previous page of the same search (same query,
   * filters and sort). Pages stay consistent while articles are added:
   * articles stored after the first page do not appear in later pages.
   */
  cursor?: string | null;
  /** 'relevance' (default with words), or 'date' (newest first; default when the query is empty). */
  sort?: 'relevance' | 'date';
  filters?: SearchFilters;
  /** Count site/lang/author/day facets over the whole result set. */
  facets?: boolean;
  /**
   * `story`: each story once, as its best hit (newest with date order), with
   * `storySize` and `storySites` set; articles without a story stand alone.
   * `total` then counts stories (and articles without one); facets still
   * count articles.
   */
  collapse?: SearchCollapse;
}

/** Paging of {@link TidingsIndex.listStories}. */
export interface StoryListOptions {
  /** Page size, 0-100; 10 when omitted. */
  limit?: number;
  /** `nextCursor` of the previous page: stories grouped after the first page do not appear in later ones. */
  cursor?: string | null;
}

/**
 * The durable store every service shares: articles (searchable), feeds and
 * the set of article URLs already sent on to be fetched. Backend-neutral and
 * async: SQLite (default) and PostgreSQL implement it identically, checked by
 * one contract test suite (contract/index-contract.ts).
 *
 * Failures are TidingsErrors: `invalid-payload` (permanent) for bad input
 * (a malformed search, an invalid record), `invalid-url` for a feed URL that
 * is not http(s), `not-found` for an unknown article in `similar`, `io`
 * (retryable) when the store itself fails, e.g. stays locked past its busy
 * timeout or the database is unreachable.
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
  /**
   * Stores many articles in one transaction (one commit, one full-text
   * segment), each exactly as {@link upsertArticle} would, in order (a URL
   * given twice is created, then updated). Each article gets its own
   * outcome: one refused (invalid, an id another URL has, text the store
   * cannot hold) does not keep the others from being stored.
   *
   * @throws TidingsError `io`/`unavailable` when the store itself fails: then none is stored.
   */
  upsertArticles(items: readonly ArticleUpsert[]): Promise<ArticleUpsertOutcome[]>;
  /** An article by id, or by URL (normalised first, so tracking parameters do not matter). */
  getArticle(idOrUrl: string): Promise<ArticleRecord | null>;
  /**
   * Moves the article stored under the URL `from` (exactly as stored) to
   * another canonical URL and id, keeping its row, story, feeds and search
   * entry, so that the upsert of its revised record that follows updates it
   * instead of storing a second article: a page whose canonical URL changed
   * (a new slug, a 301). Its record's `url` and `id` become the new ones.
   * Does nothing and returns false when no article has `from`, or an
   * article already has the new URL or id.
   */
  moveArticle(from: string, to: { url: string; id: string }): Promise<boolean>;
  /**
   * The canonical URL the article of a claimed item was last stored under,
   * when it is not the item's own URL (a feed link that redirects, a short
   * link; noted by upsertArticle's `itemUrl`), else null: how the article
   * of an item whose canonical URL changed is found to be moved.
   */
  articleUrlOfItem(itemUrl: string): Promise<string | null>;
  /**
   * Full-text search; see query.ts (or the README) for the query language.
   * An empty query is allowed when at least one filter is given (browse,
   * newest first). By relevance: best first, equal scores the most recently
   * stored first.
   *
   * @throws TidingsError `invalid-payload` for a malformed query, bad options
   *   or a cursor of another search, with a message saying what is wrong.
   */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /**
   * The articles closest in content to the one with this id (or URL), best
   * first, itself excluded: its most distinctive words (tf-idf) as an OR query.
   *
   * @throws TidingsError `not-found` when there is no such article.
   */
  similar(idOrUrl: string, options?: { limit?: number }): Promise<SearchHit[]>;
  countArticles(): Promise<number>;
  /**
   * Stories (articles sharing a storyId), newest first by their latest
   * article, ties by id; cursor paging as {@link search}.
   *
   * @throws TidingsError `invalid-payload` for a bad limit or cursor.
   */
  listStories(options?: StoryListOptions): Promise<StoryPage>;
  /** One story's summary, or null when no stored article has that storyId. Its articles: search with the `story` filter. */
  getStory(storyId: string): Promise<StorySummary | null>;

  /**
   * Subscribes to a feed (URL normalised, id = feedId(url)); adding twice
   * returns the existing one unchanged (options are then ignored).
   */
  addFeed(url: string, options?: AddFeedOptions): Promise<{ feed: FeedRecord; created: boolean }>;
  /**
   * Changes a feed's URL, tags, state or polling fields; returns the updated
   * feed, or null when there is no such feed.
   *
   * @throws TidingsError `invalid-url` for a URL that is not http(s),
   *   `invalid-payload` for a bad value or a URL another feed already has.
   */
  updateFeed(id: string, patch: FeedPatch): Promise<FeedRecord | null>;
  /** Unsubscribes; false when no such feed. Seen items and articles stay. */
  removeFeed(id: string): Promise<boolean>;
  getFeed(id: string): Promise<FeedRecord | null>;
  /** Every feed, in the order added. */
  listFeeds(): Promise<FeedRecord[]>;

  /**
   * Atomically marks `urls` as seen (across every process sharing the store)
   * and returns those nobody had seen before, from any feed: in input order,
   * without duplicates. URLs are compared exactly as given, so pass them
   * normalised. Adds the number returned to that feed's itemsSeen (and sets
   * its lastNewItemAt when that is not zero). Records
   * that this feed lists every one of `urls`, new or not: an article already
   * stored gains the feed's URL in its feedUrls at once; one not stored yet
   * gains it when it is upserted.
   *
   * A URL with a NUL character (no article can have one) is left out alone,
   * never claimed nor returned; the other URLs are claimed. (This and the
   * other item methods, on both backends: src/feeds/item-input.ts.)
   *
   * `guids` (item URL -> the guid the feed gave it) are recorded with the
   * claims this call makes, for claimedItemsByGuid; a claim made before
   * keeps the guid it had.
   *
   * @throws TidingsError `invalid-payload` for a feed id with a NUL character.
   */
  claimNewItems(feedId: string, urls: string[], guids?: ReadonlyMap<string, string>): Promise<string[]>;
  /**
   * For each of `guids`, the item URL this feed claimed first (claimNewItems)
   * under that guid, its latest claim when several; guids never recorded
   * are left out. The parser tells by it an item whose link changed (a new
   * slug, a session id in the link) from a new one.
   */
  claimedItemsByGuid(feedId: string, guids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Which of `urls` no feed has claimed yet (claimNewItems), in input order,
   * without duplicates, a URL with a NUL character left out (it cannot be
   * claimed); changes nothing. The parser queues these under
   * deterministic job ids before it claims them, so a crash between the two
   * leaves work queued twice (harmless) rather than claimed and never queued.
   */
  unclaimedItems(urls: string[]): Promise<string[]>;
  /**
   * Which claimed items (claimNewItems) a feed now says were revised since
   * their revision was recorded (recordItemRevisions): those whose recorded
   * revision is earlier than the one given; and which have none recorded
   * yet (an item never recorded is not revised: its first revision is a
   * baseline). Changes nothing; an item whose URL has a NUL character is in
   * neither list. The parser queues the revised again before it records
   * their revisions, as it does new items before claiming them, and records
   * only these two lists: a feed whose items did not change writes nothing.
   */
  checkItemRevisions(items: readonly ItemRevision[]): Promise<ItemRevisionCheck>;
  /**
   * Records the revisions of claimed items, keeping the latest of the
   * recorded and the given one; an item whose URL has a NUL character is
   * skipped, a NUL in a revision kept as U+FFFD.
   */
  recordItemRevisions(items: readonly ItemRevision[]): Promise<void>;
  /**
   * Forgets every claim (claimNewItems) whose URL is no stored article's:
   * items queued whose jobs Redis may have lost. The next poll of a feed
   * that still lists one claims and queues it again (an article stored
   * under another URL than its item's, its canonical one, is then fetched
   * once more and updated). Returns how many claims went.
   */
  releaseUnindexedClaims(): Promise<number>;

  /** A fact about the installation kept beside the index (store_meta), or null when none was written. */
  readMeta(key: string): Promise<string | null>;
  /** Writes (or replaces) a fact about the installation. */
  writeMeta(key: string, value: string): Promise<void>;

  /**
   * Retention: deletes the articles fetched before `options.before` (by
   * `fetchedAt`, the time Tidings fetched what it indexed, never the
   * publisher's date) with everything searched beside them, and the item
   * claims (claimNewItems) made before it, so an item a feed still lists
   * is fetched again. In batches of `batchSize` rows, each its own short
   * transaction: concurrent writers are never blocked for long. An article
   * fetched again while the prune runs stays.
   *
   * @throws TidingsError `invalid-payload` for a cutoff that is not a time.
   */
  prune(options: PruneOptions): Promise<PruneResult>;

  /** Releases the store. Calling it twice is harmless; any other call afterwards fails. */
  close(): Promise<void>;
}
