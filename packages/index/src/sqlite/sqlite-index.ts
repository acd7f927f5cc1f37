import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { ArticleRecordSchema, TidingsError, type ArticleRecord, type FeedRecord, type SearchResult } from '@tidings/contracts';
import { feedId as feedIdOf, normaliseUrl } from '@tidings/url';
import { buildFtsQuery } from '../query.js';
import type { FeedStatusUpdate, SearchOptions, TidingsIndex } from '../types.js';
import { feedFromRow, ftsText, hitFromRow } from './rows.js';
import { migrate } from './schema.js';
import { prepareStatements, type ArticleColumns, type ArticleRow, type Statements } from './statements.js';

const DEFAULT_LIMIT = 10;
const STATUSES = new Set(['ok', 'not-modified', 'error']);

/** `first` then whatever of `second` it lacks, in order, without duplicates. */
function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

function articleColumns(record: ArticleRecord): ArticleColumns {
  return {
    id: record.id,
    url: record.url,
    title: record.title,
    published_at: record.publishedAt,
    site_name: record.siteName,
    lang: record.lang,
    fetched_at: record.fetchedAt,
    record: JSON.stringify(record),
  };
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

function pageSize(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw invalid(`search ${name} must be a non-negative integer, got ${String(value)}`);
  return value;
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

  private constructor(db: Database) {
    this.db = db;
    this.sql = prepareStatements(db);
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
      migrate(db);
      return new SqliteIndex(db);
    } catch (error) {
      db.close();
      throw asIndexError(error, `open ${file}`);
    }
  }

  async upsertArticle(input: ArticleRecord, options: { itemUrl?: string } = {}): Promise<{ id: string; created: boolean }> {
    const parsed = ArticleRecordSchema.safeParse(input);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      throw invalid(`invalid article record: ${detail}`);
    }
    const record = parsed.data;
    if (record.id === '' || record.url === '') throw invalid('invalid article record: id and url must not be empty');
    return this.run('upsert article', () =>
      this.write(() => {
        const clash = this.sql.articleById.get(record.id);
        if (clash && clash.url !== record.url) {
          throw invalid(`article id ${record.id} of ${record.url} is already used by ${clash.url}`);
        }
        const listedBy = this.sql.itemFeeds.all(record.url, options.itemUrl ?? record.url).map((row) => row.feed_url);
        const existing = this.sql.articleByUrl.get(record.url);
        if (!existing) {
          const columns = articleColumns({ ...record, feedUrls: union(record.feedUrls, listedBy) });
          const doc = Number(this.sql.insertArticle.run(columns).lastInsertRowid);
          this.indexText(doc, record);
          return { id: record.id, created: true };
        }
        const stored = JSON.parse(existing.record) as ArticleRecord;
        const merged = { ...record, feedUrls: union(union(stored.feedUrls, record.feedUrls), listedBy) };
        this.sql.updateArticle.run({ ...articleColumns(merged), doc: existing.doc });
        this.sql.deleteText.run(existing.doc);
        this.indexText(existing.doc, merged);
        return { id: record.id, created: false };
      }),
    );
  }

  async getArticle(idOrUrl: string): Promise<ArticleRecord | null> {
    return this.run('read article', () => {
      const row = this.sql.articleById.get(idOrUrl) ?? this.findByUrl(idOrUrl);
      return row ? (JSON.parse(row.record) as ArticleRecord) : null;
    });
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const match = buildFtsQuery(query);
    const limit = pageSize(options.limit, DEFAULT_LIMIT, 'limit');
    const offset = pageSize(options.offset, 0, 'offset');
    return this.run('search', () => {
      try {
        // One read transaction: total and hits come from the same snapshot.
        return this.db.transaction(() => ({
          total: this.sql.countMatches.get(match)?.n ?? 0,
          hits: limit === 0 ? [] : this.sql.search.all(match, limit, offset).map(hitFromRow),
        }))();
      } catch (error) {
        // buildFtsQuery quotes every word, so this "cannot happen"; if it does, the
        // caller learns their query failed, not what SQLite said about it.
        if (error instanceof Sqlite.SqliteError && error.code === 'SQLITE_ERROR') {
          throw new TidingsError('invalid-payload', `search query "${query}" could not be run; try simpler words`, { permanent: true, cause: error });
        }
        throw error;
      }
    });
  }

  async countArticles(): Promise<number> {
    return this.run('count articles', () => this.sql.countArticles.get()?.n ?? 0);
  }

  async addFeed(url: string): Promise<{ feed: FeedRecord; created: boolean }> {
    const normalised = normaliseUrl(url);
    if (normalised === null) throw new TidingsError('invalid-url', `feed URL "${url}" is not an absolute http(s) URL`, { permanent: true });
    const id = feedIdOf(normalised);
    return this.run('add feed', () =>
      this.write(() => {
        const created = this.sql.insertFeed.run({ id, url: normalised, added_at: new Date().toISOString() }).changes === 1;
        const row = this.sql.feedById.get(id);
        if (!row) throw new Error(`feed ${id} missing right after insert`);
        return { feed: feedFromRow(row), created };
      }),
    );
  }

  async removeFeed(id: string): Promise<boolean> {
    return this.run('remove feed', () => this.sql.deleteFeed.run(id).changes === 1);
  }

  async getFeed(id: string): Promise<FeedRecord | null> {
    return this.run('read feed', () => {
      const row = this.sql.feedById.get(id);
      return row ? feedFromRow(row) : null;
    });
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return this.run('list feeds', () => this.sql.listFeeds.all().map(feedFromRow));
  }

  async recordFeedStatus(id: string, update: FeedStatusUpdate): Promise<void> {
    if (!STATUSES.has(update.status)) throw invalid(`feed status must be ok, not-modified or error, got ${String(update.status)}`);
    if (typeof update.at !== 'string' || Number.isNaN(Date.parse(update.at))) throw invalid(`feed status time must be an ISO date, got ${String(update.at)}`);
    // A feed removed while its fetch was in flight has nowhere to record to: nothing to do.
    this.run('record feed status', () =>
      this.sql.updateFeedStatus.run({
        id,
        at: update.at,
        status: update.status,
        error: update.status === 'error' ? (update.error ?? null) : null,
        set_etag: update.etag === undefined ? 0 : 1,
        etag: update.etag ?? null,
        set_last_modified: update.lastModified === undefined ? 0 : 1,
        last_modified: update.lastModified ?? null,
        set_title: update.title === undefined ? 0 : 1,
        title: update.title ?? null,
      }),
    );
  }

  async claimNewItems(feedId: string, urls: string[]): Promise<string[]> {
    const unique = [...new Set(urls)];
    if (unique.length === 0) return [];
    return this.run('claim items', () =>
      this.write(() => {
        const seenAt = new Date().toISOString();
        // INSERT OR IGNORE under the write lock: exactly one claimer, in any process, gets changes === 1 for a URL.
        const fresh = unique.filter((url) => this.sql.insertSeen.run(url, feedId, seenAt).changes === 1);
        if (fresh.length > 0) this.sql.addItemsSeen.run(fresh.length, feedId);
        const feedUrl = this.sql.feedById.get(feedId)?.url;
        if (feedUrl) {
          const freshSet = new Set(fresh);
          for (const url of unique) {
            this.sql.insertItemFeed.run(url, feedUrl);
            if (!freshSet.has(url)) this.addFeedUrl(url, feedUrl);
          }
        }
        return fresh;
      }),
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Adds `feedUrl` to a stored article's feedUrls (inside a write transaction). */
  private addFeedUrl(url: string, feedUrl: string): void {
    const row = this.findByUrl(url);
    if (!row) return;
    const record = JSON.parse(row.record) as ArticleRecord;
    if (record.feedUrls.includes(feedUrl)) return;
    record.feedUrls.push(feedUrl);
    this.sql.updateRecord.run(JSON.stringify(record), row.doc);
  }

  /** Runs `body` in an IMMEDIATE transaction (write lock taken at BEGIN). */
  private write<T>(body: () => T): T {
    return this.db.transaction(body).immediate();
  }

  private indexText(doc: number, record: ArticleRecord): void {
    this.sql.insertText.run(doc, ftsText(record.title), ftsText(record.authors.join(', ')), ftsText(record.text));
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
