import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { TidingsError, type ArticleRecord, type FeedRecord, type SearchHit, type SearchResult, type StoryPage, type StorySummary } from '@tidings/contracts';
import { feedId as feedIdOf, normaliseUrl } from '@tidings/url';
import { checkFeedPatch, feedUrl, newFeedFields } from '../feeds/feed-input.js';
import { feedTagKeys } from '../feeds/feed-tags.js';
import { checkClaimFeedId, claimGuid, givenUrls, guidKeys, itemKeys, itemRevisionKeys } from '../feeds/item-input.js';
import { articleFacts } from '../search/article-facts.js';
import { checkFilterText, checkUpsert, checkUpserts, hasNul, similarLimit, similarPlan, unknownArticle, unstorableText } from '../search/checks.js';
import { planSearch } from '../search/plan.js';
import { candidateTerms, similarQuery } from '../search/similar.js';
import { pruneIndex } from '../retention.js';
import { planStoryList } from '../search/stories.js';
import type { AddFeedOptions, ArticleUpsert, ArticleUpsertOutcome, FeedPatch, ItemRevision, ItemRevisionCheck, PruneOptions, PruneResult, SearchOptions, StoryListOptions, TidingsIndex } from '../types.js';
import { addArticleFeeds, articleColumns, indexArticle, unindexArticle } from './article-store.js';
import { feedFromRow } from './rows.js';
import { sqlitePruneTargets } from './prune.js';
import { migrate } from './schema.js';
import { SqliteSearch } from './search.js';
import { SqliteStories } from './stories.js';
import { prepareStatements, type ArticleRow, type Statements } from './statements.js';

/** `first` then whatever of `second` it lacks, in order, without duplicates. */
function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

/** Memory-mapped window of the file, and page cache, per connection. */
const MMAP_BYTES = 1024 * 1024 * 1024;
const CACHE_KIB = 16 * 1024;
/**
 * WAL pages after which a commit checkpoints (SQLite's default is 1,000, 4 MiB). A batch of 100 articles writes
 * over 1 MiB, most of it FTS5 segment pages that the next merges rewrite, so at the default every third or fourth
 * batch copied its pages into the file and waited for an fsync; at 10,000 (about 40 MiB of WAL) a page rewritten
 * meanwhile is copied once, and indexing 100,000 articles cost 12% less CPU (README, SQLite indexing). Durability is the same:
 * a commit is in the WAL either way, and a crash replays it from there.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/**
 * The index in one SQLite file (WAL mode), shared by every worker process on
 * the machine. Calls are synchronous inside (better-sqlite3) behind the async
 * interface; every multi-statement write is one IMMEDIATE transaction, which
 * takes the write lock up front so that concurrent writers queue on
 * busy_timeout instead of failing on a stale read snapshot.
 */
export class SqliteIndex implements TidingsIndex {
  private readonly db: Database;
  private readonly sql: Statements;
  private readonly searcher: SqliteSearch;
  private readonly stories: SqliteStories;

  private constructor(db: Database) {
    this.db = db;
    this.sql = prepareStatements(db);
    this.stories = new SqliteStories(db);
    this.searcher = new SqliteSearch(db, this.stories);
  }

  /**
   * Opens (creating if missing) the index file and brings its schema up to
   * date. The directory must exist.
   *
   * @throws TidingsError `io` when the file cannot be opened or is from a newer version.
   */
  static open(file: string): SqliteIndex {
    let db: Database;
    try {
      db = new Sqlite(file);
    } catch (error) {
      throw new TidingsError('io', `cannot open the index at ${file}: ${error instanceof Error ? error.message : String(error)}`, {
        permanent: false,
        cause: error,
      });
    }
    try {
      // busy_timeout first, so that switching a new file to WAL waits for another process doing the same.
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL is durable against application crashes; a power cut may lose the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      // Searches read FTS pages all over the file: map it rather than copy each page in, and keep more of them cached.
      db.pragma(`mmap_size = ${MMAP_BYTES}`);
      db.pragma(`cache_size = -${CACHE_KIB}`);
      migrate(db);
      return new SqliteIndex(db);
    } catch (error) {
      db.close();
      throw asIndexError(error, `open ${file}`);
    }
  }

  async upsertArticle(input: ArticleRecord, options: { itemUrl?: string } = {}): Promise<{ id: string; created: boolean }> {
    const { record, itemUrl } = checkUpsert({ record: input, itemUrl: options.itemUrl });
    return this.run('upsert article', () => this.write(() => this.storeArticle(record, itemUrl)));
  }

  async upsertArticles(items: readonly ArticleUpsert[]): Promise<ArticleUpsertOutcome[]> {
    const checked = checkUpserts(items);
    return this.run('upsert articles', () =>
      this.write(() =>
        checked.map((item): ArticleUpsertOutcome => {
          if (item instanceof TidingsError) return { ok: false, error: item };
          // Refused before anything of it is written, so no savepoint is needed to take an article back: FTS5
          // writes its pending terms out as a segment of their own at every savepoint, so a savepoint per article
          // made a segment per article (and the merging of them was most of the cost of a batch). Anything
          // else that fails (disk full, locked) fails the whole batch.
          const refusal = this.refusal(item.record);
          if (refusal) return { ok: false, error: refusal };
          return { ok: true, ...this.writeArticle(item.record, item.itemUrl) };
        }),
      ),
    );
  }

  async getArticle(idOrUrl: string): Promise<ArticleRecord | null> {
    // PostgreSQL cannot take a NUL as text: refused alike (no stored article has one).
    if (hasNul(idOrUrl)) throw unstorableText('read article');
    return this.run('read article', () => {
      const row = this.findArticle(idOrUrl);
      return row ? (JSON.parse(row.record) as ArticleRecord) : null;
    });
  }

  async moveArticle(from: string, to: { url: string; id: string }): Promise<boolean> {
    if (hasNul(from) || hasNul(to.url) || hasNul(to.id)) throw unstorableText('move article');
    return this.run('move article', () =>
      this.write(() => {
        const row = this.sql.articleByUrl.get(from);
        if (!row || this.sql.articleByUrl.get(to.url) || this.sql.articleById.get(to.id)) return false;
        const record = { ...(JSON.parse(row.record) as ArticleRecord), id: to.id, url: to.url };
        this.sql.moveArticle.run(to.url, to.id, row.doc);
        this.sql.updateRecord.run(JSON.stringify(record), row.doc);
        return true;
      }),
    );
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    // SQLite could filter on a value with NUL, PostgreSQL cannot take one at all: both refuse it alike.
    checkFilterText(options.filters);
    const plan = planSearch(query, options);
    return this.run('search', () => {
      try {
        return this.searcher.run(plan);
      } catch (error) {
        // Every word is quoted (query.ts), so this "cannot happen"; if it does, the
        // caller learns their query failed, not what SQLite said about it.
        if (error instanceof Sqlite.SqliteError && error.code === 'SQLITE_ERROR') {
          throw new TidingsError('invalid-payload', `search query "${query.slice(0, 80)}" could not be run; try simpler words`, { permanent: true, cause: error });
        }
        throw error;
      }
    });
  }

  async similar(idOrUrl: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    const limit = similarLimit(options.limit);
    if (hasNul(idOrUrl)) throw unstorableText('find similar articles');
    return this.run('find similar articles', () => {
      const row = this.findArticle(idOrUrl);
      if (!row) throw unknownArticle(idOrUrl);
      const terms = candidateTerms(JSON.parse(row.record) as ArticleRecord);
      const query = similarQuery(terms, this.searcher.documentFrequencies([...terms.keys()]), this.sql.countArticles.get()?.n ?? 0);
      return query ? this.searcher.run(similarPlan(query, limit), { excludeDoc: row.doc }).hits : [];
    });
  }

  async countArticles(): Promise<number> {
    return this.run('count articles', () => this.sql.countArticles.get()?.n ?? 0);
  }

  async listStories(options: StoryListOptions = {}): Promise<StoryPage> {
    const plan = planStoryList(options);
    // One read transaction: the page's ids and their summaries come from one snapshot.
    return this.run('list stories', () => this.db.transaction(() => this.stories.list(plan))());
  }

  async getStory(storyId: string): Promise<StorySummary | null> {
    return this.run('read story', () => this.stories.summaries([storyId], null).get(storyId) ?? null);
  }

  async addFeed(url: string, options: AddFeedOptions = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    const normalised = feedUrl(url);
    const fields = newFeedFields(options);
    const id = feedIdOf(normalised);
    return this.run('add feed', () =>
      this.write(() => {
        // A feed that moved (updateFeed) keeps its id, so its current URL may be this one under another id.
        const moved = this.sql.feedByUrl.get(normalised);
        if (moved) return { feed: feedFromRow(moved), created: false };
        const params = { id, url: normalised, added_at: new Date().toISOString(), title: fields.title, tags: JSON.stringify(fields.tags) };
        const created = this.sql.insertFeed.run(params).changes === 1;
        if (created) this.writeFeedTags(id, fields.tags);
        const row = this.sql.feedById.get(id);
        if (!row) throw new Error(`feed ${id} missing right after insert`);
        return { feed: feedFromRow(row), created };
      }),
    );
  }

  async updateFeed(id: string, patch: FeedPatch): Promise<FeedRecord | null> {
    const checked = checkFeedPatch(patch);
    // A feed id with a NUL is refused as PostgreSQL refuses it (no stored feed has one), as getArticle does.
    if (hasNul(id)) throw unstorableText('update feed');
    return this.run('update feed', () =>
      this.write(() => {
        const row = this.sql.feedById.get(id);
        if (!row) return null;
        if (checked.url !== undefined && checked.url !== row.url) {
          const holder = this.sql.feedByUrl.get(checked.url);
          if (holder) throw invalid(`feed URL ${checked.url} is already used by feed ${holder.id}; remove one of the two feeds`);
          this.moveFeed(row.url, checked.url);
        }
        const columns: Record<string, unknown> = {
          url: checked.url,
          title: checked.title,
          tags: checked.tags && JSON.stringify(checked.tags),
          state: checked.state,
          state_reason: checked.stateReason,
          interval_ms: checked.intervalMs,
          next_poll_at: checked.nextPollAt,
          last_new_item_at: checked.lastNewItemAt,
          last_http_status: checked.lastHttpStatus,
          last_fetch_at: checked.lastFetchAt,
          last_status: checked.lastStatus,
          last_error: checked.lastError,
          last_error_code: checked.lastErrorCode,
          consecutive_failures: checked.consecutiveFailures,
          etag: checked.etag,
          last_modified: checked.lastModified,
          poll_hints: checked.pollHints === undefined ? undefined : checked.pollHints && JSON.stringify(checked.pollHints),
          last_warnings: checked.lastWarnings && JSON.stringify(checked.lastWarnings),
        };
        const set = Object.entries(columns).filter(([, value]) => value !== undefined);
        if (set.length > 0) {
          // Column names come from the fixed list above, never from the caller.
          this.db.prepare(`UPDATE feeds SET ${set.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...set.map(([, value]) => value), id);
        }
        if (checked.tags !== undefined) this.writeFeedTags(id, checked.tags);
        const updated = this.sql.feedById.get(id);
        return updated ? feedFromRow(updated) : null;
      }),
    );
  }

  async removeFeed(id: string): Promise<boolean> {
    if (hasNul(id)) throw unstorableText('remove feed');
    return this.run('remove feed', () =>
      this.write(() => {
        this.writeFeedTags(id, []);
        return this.sql.deleteFeed.run(id).changes === 1;
      }),
    );
  }

  async getFeed(id: string): Promise<FeedRecord | null> {
    if (hasNul(id)) throw unstorableText('read feed');
    return this.run('read feed', () => {
      const row = this.sql.feedById.get(id);
      return row ? feedFromRow(row) : null;
    });
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return this.run('list feeds', () => this.sql.listFeeds.all().map(feedFromRow));
  }

  async claimNewItems(feedId: string, urls: string[], guids?: ReadonlyMap<string, string>): Promise<string[]> {
    checkClaimFeedId(feedId);
    const items = itemKeys(urls);
    if (items.length === 0) return [];
    return this.run('claim items', () =>
      this.write(() => {
        const seenAt = new Date().toISOString();
        // INSERT OR IGNORE under the write lock: exactly one claimer, in any process, gets changes === 1 for a URL.
        const fresh = items.filter(({ url, key }) => this.sql.insertSeen.run(key, feedId, seenAt, claimGuid(guids, url)).changes === 1);
        if (fresh.length > 0) this.sql.addItemsSeen.run(fresh.length, seenAt, feedId);
        const feedUrl = this.sql.feedById.get(feedId)?.url;
        if (feedUrl) {
          for (const { key } of items) {
            this.sql.insertItemFeed.run(key, feedUrl);
            this.addFeedUrl(key, feedUrl);
          }
        }
        return fresh.map(({ url }) => url);
      }),
    );
  }

  async articleUrlOfItem(itemUrl: string): Promise<string | null> {
    if (hasNul(itemUrl)) return null;
    return this.run('find the article of an item', () => this.sql.itemArticle.get(itemUrl)?.article_url ?? null);
  }

  async claimedItemsByGuid(feedId: string, guids: readonly string[]): Promise<Map<string, string>> {
    checkClaimFeedId(feedId);
    return this.run('find items by guid', () => {
      const found = new Map<string, string>();
      for (const guid of guidKeys(guids)) {
        const row = this.sql.claimedByGuid.get(feedId, guid);
        if (row) found.set(guid, row.url);
      }
      return found;
    });
  }

  async unclaimedItems(urls: string[]): Promise<string[]> {
    const items = itemKeys(urls);
    return this.run('check claimed items', () => items.filter(({ key }) => this.sql.isSeen.get(key) === undefined).map(({ url }) => url));
  }

  async checkItemRevisions(items: readonly ItemRevision[]): Promise<ItemRevisionCheck> {
    const given = itemRevisionKeys(items);
    return this.run('check item revisions', () => {
      const revised = new Set<string>();
      const unrecorded = new Set<string>();
      for (const { key, revision } of given) {
        const row = this.sql.seenRevision.get(key);
        if (row === undefined) continue;
        if (row.revision === null) unrecorded.add(key);
        else if (row.revision < revision) revised.add(key);
      }
      return { revised: givenUrls(given, revised), unrecorded: givenUrls(given, unrecorded) };
    });
  }

  async recordItemRevisions(items: readonly ItemRevision[]): Promise<void> {
    const given = itemRevisionKeys(items);
    if (given.length === 0) return;
    this.run('record item revisions', () => this.write(() => given.forEach(({ key, revision }) => this.sql.recordRevision.run(revision, key, revision))));
  }

  async releaseUnindexedClaims(): Promise<number> {
    return this.run('release unindexed claims', () => this.write(() => this.sql.releaseUnindexedClaims.run().changes));
  }

  async readMeta(key: string): Promise<string | null> {
    return this.run('read meta', () => this.sql.readMeta.get(key)?.value ?? null);
  }

  async writeMeta(key: string, value: string): Promise<void> {
    this.run('write meta', () => this.write(() => void this.sql.writeMeta.run(key, value)));
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    const targets = this.run('prune', () =>
      sqlitePruneTargets(
        this.db,
        (body) => this.run('prune', body),
        (body) => this.run('prune', () => this.write(body)),
      ),
    );
    return pruneIndex(targets, options);
  }

  /**
   * Merges the full-text index into one segment and refreshes the query
   * planner's statistics: after a bulk load, or now and then. FTS5 merges
   * segments by itself as it goes (automerge); this is the thorough version,
   * holding the write lock while it runs.
   */
  async optimize(): Promise<void> {
    this.run('optimize', () => {
      this.write(() => this.db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')").run());
      this.db.pragma('optimize');
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Why a checked record cannot be stored (its id is another URL's), or null (inside a write transaction). */
  private refusal(record: ArticleRecord): TidingsError | null {
    const clash = this.sql.articleById.get(record.id);
    return clash && clash.url !== record.url ? invalid(`article id ${record.id} of ${record.url} is already used by ${clash.url}`) : null;
  }

  /**
   * Stores one checked record (inside a write transaction): upsertArticle's
   * body. Throws a refusal before it writes anything.
   */
  private storeArticle(record: ArticleRecord, itemUrl: string | undefined): { id: string; created: boolean } {
    const refusal = this.refusal(record);
    if (refusal) throw refusal;
    return this.writeArticle(record, itemUrl);
  }

  /** Writes a record that {@link refusal} let through (inside a write transaction). */
  private writeArticle(record: ArticleRecord, itemUrl: string | undefined): { id: string; created: boolean } {
    const listedBy = this.sql.itemFeeds.all(record.url, itemUrl ?? record.url).map((row) => row.feed_url);
    if (itemUrl !== undefined && itemUrl !== record.url) this.sql.noteItemArticle.run(record.url, itemUrl, record.url);
    const existing = this.sql.articleByUrl.get(record.url);
    if (!existing) {
      const stored = { ...record, feedUrls: union(record.feedUrls, listedBy) };
      const facts = articleFacts(stored);
      const doc = Number(this.sql.insertArticle.run(articleColumns(stored, facts)).lastInsertRowid);
      this.sql.insertRecord.run(doc, JSON.stringify(stored));
      indexArticle(this.db, doc, stored, facts);
      return { id: record.id, created: true };
    }
    const previous = JSON.parse(existing.record) as ArticleRecord;
    const merged = { ...record, feedUrls: union(union(previous.feedUrls, record.feedUrls), listedBy) };
    // An article keeps the story it was first given (the indexer's grouping state may have forgotten it since).
    const storyId = previous.storyId ?? record.storyId;
    if (storyId !== undefined) merged.storyId = storyId;
    const facts = articleFacts(merged);
    this.sql.updateArticle.run({ ...articleColumns(merged, facts), doc: existing.doc });
    this.sql.updateRecord.run(JSON.stringify(merged), existing.doc);
    unindexArticle(this.db, existing.doc);
    indexArticle(this.db, existing.doc, merged, facts);
    return { id: record.id, created: false };
  }

  /** Adds `feedUrl` to a stored article's feedUrls (inside a write transaction). */
  private addFeedUrl(url: string, feedUrl: string): void {
    const row = this.findByUrl(url);
    if (!row) return;
    const record = JSON.parse(row.record) as ArticleRecord;
    if (record.feedUrls.includes(feedUrl)) return;
    record.feedUrls.push(feedUrl);
    this.sql.updateRecord.run(JSON.stringify(record), row.doc);
    addArticleFeeds(this.db, row.doc, [feedUrl]);
  }

  /** Replaces a feed's tag keys (feed_tags, for the tag filter) with those of `tags`; none to forget them (inside a write transaction). */
  private writeFeedTags(id: string, tags: readonly string[]): void {
    this.sql.deleteFeedTags.run(id);
    for (const key of feedTagKeys(tags)) this.sql.insertFeedTag.run(id, key);
  }

  /** A feed's URL changed: its articles' feedUrls and the items it listed follow (inside a write transaction). */
  private moveFeed(from: string, to: string): void {
    for (const row of this.sql.docsOfFeed.all(from)) {
      const record = JSON.parse(row.record) as ArticleRecord;
      record.feedUrls = [...new Set(record.feedUrls.map((url) => (url === from ? to : url)))];
      this.sql.updateRecord.run(JSON.stringify(record), row.doc);
    }
    // OR IGNORE skips rows that already have the new URL; what is left under the old one is then a duplicate.
    this.sql.moveArticleFeeds.run(to, from);
    this.sql.deleteArticleFeeds.run(from);
    this.sql.moveItemFeeds.run(to, from);
    this.sql.deleteItemFeeds.run(from);
  }

  /** Runs `body` in an IMMEDIATE transaction (write lock taken at BEGIN). */
  private write<T>(body: () => T): T {
    return this.db.transaction(body).immediate();
  }

  private findArticle(idOrUrl: string): ArticleRow | undefined {
    return this.sql.articleById.get(idOrUrl) ?? this.findByUrl(idOrUrl);
  }

  private findByUrl(raw: string): ArticleRow | undefined {
    const normalised = normaliseUrl(raw);
    const byNormalised = normalised === null ? undefined : this.sql.articleByUrl.get(normalised);
    return byNormalised ?? (normalised === raw ? undefined : this.sql.articleByUrl.get(raw));
  }

  /** Guards against use after close and turns SQLite failures into TidingsErrors. */
  private run<T>(action: string, body: () => T): T {
    if (!this.db.open) throw new TidingsError('io', `cannot ${action}: the index is closed`, { permanent: false });
    try {
      return body();
    } catch (error) {
      throw asIndexError(error, action);
    }
  }
}

/**
 * A SQLite failure (locked past busy_timeout, disk full, I/O) as a retryable
 * TidingsError naming the operation and SQLite's code; other errors pass.
 */
function asIndexError(error: unknown, action: string): unknown {
  if (error instanceof Sqlite.SqliteError) {
    return new TidingsError('io', `index ${action} failed (${error.code})`, { permanent: false, cause: error });
  }
  return error;
}
