import pg from 'pg';
import type { PoolClient, QueryResult } from 'pg';
import { TidingsError, type ArticleRecord, type FeedRecord, type SearchHit, type SearchResult, type StoryPage, type StorySummary } from '@tidings/contracts';
import { feedId as feedIdOf, normaliseUrl } from '@tidings/url';
import { checkFeedPatch, feedUrl, newFeedFields } from '../feeds/feed-input.js';
import { checkClaimFeedId, claimGuid, givenUrls, guidKeys, itemKeys, itemRevisionKeys } from '../feeds/item-input.js';
import { checkFilterText, checkUpserts, hasNul, similarLimit, similarPlan, unknownArticle, unstorableText } from '../search/checks.js';
import { planSearch } from '../search/plan.js';
import { candidateTerms, similarQuery } from '../search/similar.js';
import { planStoryList } from '../search/stories.js';
import { pruneIndex } from '../retention.js';
import type { AddFeedOptions, ArticleUpsert, ArticleUpsertOutcome, FeedPatch, ItemRevision, ItemRevisionCheck, PruneOptions, PruneResult, SearchOptions, StoryListOptions, TidingsIndex } from '../types.js';
import { upsertBatch } from './article-upserts.js';
import { CLAIM_ITEMS, MOVE_ARTICLE, NOTE_ITEM_ARTICLES, findArticle } from './articles.js';
import { Connections, asIndexError, isUnstorableText, sessionOptions, sqlState } from './connection.js';
import { feedByUrlOrId, insertFeed, moveFeed, patchFeed } from './feeds.js';
import { DocumentFrequencies } from './frequencies.js';
import { postgresPruneTargets } from './prune.js';
import { runSearch, searchStart } from './ranked-search.js';
import { feedFromPgRow, recordFromJsonb, type PgFeedRow } from './rows.js';
import { SCHEMA_NAME, migrate } from './schema.js';
import { listStories, storySummaries } from './stories.js';

/** Schema the index lives in when the URL names none. */
export const DEFAULT_PG_SCHEMA = 'tidings';

/** Options of {@link PostgresIndex.open}. */
export interface PostgresIndexOptions {
  /** Schema for the tables (created when missing); overrides `?schema=` in the URL. Default `tidings`. */
  schema?: string;
  /** Connections in the pool; default 10. */
  poolSize?: number;
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/** The URL without its password and `schema` parameter, for messages. */
function describeUrl(url: URL): string {
  const shown = new URL(url);
  shown.password = '';
  shown.searchParams.delete('schema');
  return shown.toString();
}

/**
 * The index in PostgreSQL, shared by every worker on every machine that
 * reaches the database. A `pg.Pool`; every multi-statement write is one
 * transaction. Claims are atomic by INSERT ... ON CONFLICT DO NOTHING
 * RETURNING; a claim and an upsert touching the same URL also take the same
 * advisory lock, so a feed claimed while its article is being stored is
 * never lost from the article's feedUrls (what SQLite gets from its single
 * write lock). A transaction that still meets a deadlock or a concurrent
 * insert runs again. Reads that need several statements (total, hits,
 * facets) share one REPEATABLE READ snapshot.
 */
export class PostgresIndex implements TidingsIndex {
  private readonly db: Connections;
  private readonly frequencies = new DocumentFrequencies();

  private constructor(pool: pg.Pool) {
    this.db = new Connections(pool);
  }

  /**
   * Connects (a pool of `poolSize`) and creates or migrates the schema.
   *
   * @throws TidingsError `io` when the database cannot be reached or its
   *   schema is from a newer version; `invalid-payload` for a bad URL or schema name.
   */
  static async open(url: string, options: PostgresIndexOptions = {}): Promise<PostgresIndex> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid('the PostgreSQL index URL is not a URL (expected postgres://user@host:5432/database)');
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw invalid('the PostgreSQL index URL must start with postgres://');
    const schema = options.schema ?? parsed.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
    if (!SCHEMA_NAME.test(schema)) throw invalid(`invalid PostgreSQL schema name "${schema}" (lower-case letters, digits and _)`);
    const connection = new URL(parsed);
    connection.searchParams.delete('schema');
    const pool = new pg.Pool({
      connectionString: connection.toString(),
      max: options.poolSize ?? 10,
      options: sessionOptions(schema),
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection the server drops must not crash the process; the next query reports it.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await migrate(client, schema);
        return new PostgresIndex(pool);
      } finally {
        // Before pool.end() below, which waits for every client to come back.
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof TidingsError) throw error;
      throw new TidingsError('io', `cannot open the PostgreSQL index at ${describeUrl(parsed)}: ${error instanceof Error ? error.message : String(error)}`, {
        permanent: false,
        cause: error,
      });
    }
  }

  /**
   * Drops the index's schema with everything in it: for tests, benchmarks
   * and starting over. Nothing else may be using it.
   */
  static async dropSchema(url: string, schema: string): Promise<void> {
    if (!SCHEMA_NAME.test(schema)) throw invalid(`invalid PostgreSQL schema name "${schema}" (lower-case letters, digits and _)`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } catch (error) {
      throw asIndexError(error, `drop schema ${schema}`);
    } finally {
      await client.end().catch(() => {});
    }
  }

  /**
   * Refreshes the planner's statistics (and the lexeme frequencies similar()
   * uses) after a bulk load, rather than waiting for autovacuum.
   */
  async optimize(): Promise<void> {
    await this.db.withClient('optimize', async (client) => {
      await client.query('VACUUM ANALYZE articles');
    });
    this.frequencies.forget();
  }

  async upsertArticle(input: ArticleRecord, options: { itemUrl?: string } = {}): Promise<{ id: string; created: boolean }> {
    const [outcome] = await this.upsertArticles([{ record: input, itemUrl: options.itemUrl }]);
    if (!outcome) throw new TidingsError('io', 'article upsert returned nothing', { permanent: false });
    if (!outcome.ok) throw outcome.error;
    return { id: outcome.id, created: outcome.created };
  }

  async upsertArticles(items: readonly ArticleUpsert[]): Promise<ArticleUpsertOutcome[]> {
    const outcomes = await upsertBatch(this.db, checkUpserts(items));
    // The article each claimed item was stored under, when that is not the item's own URL (articleUrlOfItem): a hint
    // noted after the batch, in one statement, only for such items (most items' canonical URL is their own).
    const moved = items.flatMap((item, index) => (outcomes[index]?.ok && item.itemUrl !== undefined && item.itemUrl !== item.record.url && !hasNul(item.itemUrl) ? [item] : []));
    if (moved.length > 0) {
      await this.db.withClient('note the articles of items', (client) =>
        client.query({ name: 'tidings_note_item_articles', text: NOTE_ITEM_ARTICLES, values: [moved.map((item) => item.itemUrl), moved.map((item) => item.record.url)] }),
      );
    }
    return outcomes;
  }

  async articleUrlOfItem(itemUrl: string): Promise<string | null> {
    if (hasNul(itemUrl)) return null;
    return this.db.withClient('find the article of an item', async (client) =>
      (await client.query<{ article_url: string | null }>({ name: 'tidings_item_article', text: 'SELECT article_url FROM seen_items WHERE url = $1', values: [itemUrl] })).rows[0]?.article_url ?? null,
    );
  }

  async getArticle(idOrUrl: string): Promise<ArticleRecord | null> {
    return this.db.withClient('read article', async (client) => {
      const row = await findArticle(client, idOrUrl);
      return row ? recordFromJsonb(row.record) : null;
    });
  }

  async moveArticle(from: string, to: { url: string; id: string }): Promise<boolean> {
    if (hasNul(from) || hasNul(to.url) || hasNul(to.id)) throw unstorableText('move article');
    // Both URLs' stripe locks, exclusive: no upsert of either runs meanwhile, so none can store the new URL under the check.
    return this.db.transaction('move article', 'READ COMMITTED', async (client) => ((await client.query(MOVE_ARTICLE, [from, to.url, to.id])).rowCount ?? 0) === 1, {
      locks: { urls: [from, to.url] },
    });
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    // A filter goes to PostgreSQL as text, which cannot hold NUL: refused before planning, as on SQLite.
    checkFilterText(options.filters);
    const plan = planSearch(query, options);
    // A search ranked in the window begins its transaction with its setting and (on a first page) its horizon.
    const start = searchStart(plan);
    const body = async (client: PoolClient, prelude?: QueryResult) => {
      try {
        return await runSearch(client, plan, { started: { prelude } });
      } catch (error) {
        // Lexemes are always quoted (lexemes.ts), so this "cannot happen"; if it does, the caller
        // learns their query failed, not what PostgreSQL said about it.
        const state = sqlState(error);
        if (isUnstorableText(error)) throw unstorableText('search', error);
        if (state?.startsWith('42') || state?.startsWith('22')) {
          throw new TidingsError('invalid-payload', `search query "${query.slice(0, 80)}" could not be run; try simpler words`, { permanent: true, cause: error });
        }
        throw error;
      }
    };
    // Browsing or by date without facets a search is one statement, consistent by itself; by relevance (a ranking
    // window: postgres/ranked-search.ts) or with facets, statements share a snapshot and settings.
    const ranked = plan.sort === 'relevance' && plan.parsed !== null;
    return plan.facets || ranked ? this.db.transaction('search', 'REPEATABLE READ READ ONLY', body, start) : this.db.withClient('search', body);
  }

  async similar(idOrUrl: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    const limit = similarLimit(options.limit);
    return this.db.transaction('find similar articles', 'REPEATABLE READ READ ONLY', async (client) => {
      const row = await findArticle(client, idOrUrl);
      if (!row) throw unknownArticle(idOrUrl);
      const terms = candidateTerms(recordFromJsonb(row.record));
      const articles = (await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM articles')).rows[0]?.n ?? 0;
      const frequencies = await this.frequencies.lookup(client, [...terms.keys()], articles);
      const query = similarQuery(terms, frequencies, articles);
      return query ? (await runSearch(client, similarPlan(query, limit), { excludeDoc: row.doc })).hits : [];
    });
  }

  async listStories(options: StoryListOptions = {}): Promise<StoryPage> {
    const plan = planStoryList(options);
    return this.db.transaction('list stories', 'REPEATABLE READ READ ONLY', (client) => listStories(client, plan));
  }

  async getStory(storyId: string): Promise<StorySummary | null> {
    if (storyId.includes('\u0000')) return null;
    return this.db.withClient('read story', async (client) => (await storySummaries(client, [storyId], null)).get(storyId) ?? null);
  }

  async countArticles(): Promise<number> {
    return this.db.withClient('count articles', async (client) => (await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM articles')).rows[0]?.n ?? 0);
  }

  async addFeed(url: string, options: AddFeedOptions = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    const normalised = feedUrl(url);
    const fields = newFeedFields(options);
    const id = feedIdOf(normalised);
    return this.db.transaction('add feed', 'READ COMMITTED', async (client) => {
      // A feed that moved (updateFeed) keeps its id, so its current URL may be this one under another id.
      const inserted = await insertFeed(client, { id, url: normalised, ...fields });
      if (inserted) return { feed: inserted, created: true };
      const existing = await feedByUrlOrId(client, normalised, id);
      if (!existing) throw new Error(`feed ${id} neither inserted nor found`);
      return { feed: existing, created: false };
    });
  }

  async updateFeed(id: string, patch: FeedPatch): Promise<FeedRecord | null> {
    const checked = checkFeedPatch(patch);
    return this.db.transaction('update feed', 'READ COMMITTED', async (client) => {
      const row = (await client.query<PgFeedRow>('SELECT * FROM feeds WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row) return null;
      if (checked.url !== undefined && checked.url !== row.url) {
        const holder = (await client.query<{ id: string }>('SELECT id FROM feeds WHERE url = $1', [checked.url])).rows[0];
        if (holder) throw invalid(`feed URL ${checked.url} is already used by feed ${holder.id}; remove one of the two feeds`);
        await moveFeed(client, row.url, checked.url);
      }
      return patchFeed(client, id, checked);
    });
  }

  async removeFeed(id: string): Promise<boolean> {
    return this.db.withClient('remove feed', async (client) => ((await client.query('DELETE FROM feeds WHERE id = $1', [id])).rowCount ?? 0) === 1);
  }

  async getFeed(id: string): Promise<FeedRecord | null> {
    return this.db.withClient('read feed', async (client) => {
      const row = (await client.query<PgFeedRow>('SELECT * FROM feeds WHERE id = $1', [id])).rows[0];
      return row ? feedFromPgRow(row) : null;
    });
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return this.db.withClient('list feeds', async (client) => (await client.query<PgFeedRow>('SELECT * FROM feeds ORDER BY added_at, seq')).rows.map(feedFromPgRow));
  }

  async claimNewItems(feedId: string, urls: string[], guids?: ReadonlyMap<string, string>): Promise<string[]> {
    checkClaimFeedId(feedId);
    const items = itemKeys(urls);
    if (items.length === 0) return [];
    const keys = items.map(({ key }) => key);
    const spellings = [...new Set(keys.flatMap((url) => [url, normaliseUrl(url) ?? url]))];
    const claimed = await this.db.transaction(
      'claim items',
      'READ COMMITTED',
      async (client) =>
        (
          await client.query<{ url: string }>({
            name: 'tidings_claim_items',
            text: CLAIM_ITEMS,
            values: [keys, feedId, new Date().toISOString(), spellings, items.map(({ url }) => claimGuid(guids, url))],
          })
        ).rows,
      { locks: { urls: spellings } },
    );
    return givenUrls(items, new Set(claimed.map((row) => row.url)));
  }

  async claimedItemsByGuid(feedId: string, guids: readonly string[]): Promise<Map<string, string>> {
    checkClaimFeedId(feedId);
    const given = guidKeys(guids);
    if (given.length === 0) return new Map();
    const rows = await this.db.withClient('find items by guid', async (client) =>
      (
        await client.query<{ guid: string; url: string }>({
          name: 'tidings_claimed_by_guid',
          text: 'SELECT DISTINCT ON (guid) guid, url FROM seen_items WHERE first_feed_id = $1 AND guid = ANY($2::text[]) ORDER BY guid, seen_at DESC, url',
          values: [feedId, given],
        })
      ).rows,
    );
    return new Map(rows.map((row) => [row.guid, row.url]));
  }

  async unclaimedItems(urls: string[]): Promise<string[]> {
    const items = itemKeys(urls);
    if (items.length === 0) return [];
    const seen = await this.db.withClient('check claimed items', async (client) =>
      (await client.query<{ url: string }>({ name: 'tidings_seen_items', text: 'SELECT url FROM seen_items WHERE url = ANY($1::text[])', values: [items.map(({ key }) => key)] })).rows,
    );
    const claimed = new Set(seen.map((row) => row.url));
    return items.filter(({ key }) => !claimed.has(key)).map(({ url }) => url);
  }

  async checkItemRevisions(items: readonly ItemRevision[]): Promise<ItemRevisionCheck> {
    const given = itemRevisionKeys(items);
    if (given.length === 0) return { revised: [], unrecorded: [] };
    const rows = await this.db.withClient('check item revisions', async (client) =>
      (
        await client.query<{ url: string; unrecorded: boolean }>({
          name: 'tidings_check_item_revisions',
          text: `SELECT given.url, s.revision IS NULL AS unrecorded FROM unnest($1::text[], $2::text[]) AS given(url, revision)
            JOIN seen_items AS s ON s.url = given.url WHERE s.revision IS NULL OR s.revision < given.revision`,
          values: [given.map(({ key }) => key), given.map(({ revision }) => revision)],
        })
      ).rows,
    );
    const revised = new Set(rows.filter((row) => !row.unrecorded).map((row) => row.url));
    const unrecorded = new Set(rows.filter((row) => row.unrecorded).map((row) => row.url));
    return { revised: givenUrls(given, revised), unrecorded: givenUrls(given, unrecorded) };
  }

  async recordItemRevisions(items: readonly ItemRevision[]): Promise<void> {
    const given = itemRevisionKeys(items);
    if (given.length === 0) return;
    await this.db.withClient('record item revisions', async (client) => {
      await client.query({
        name: 'tidings_record_item_revisions',
        // The latest given revision of each URL (a feed may list one twice), kept only when later than the recorded one.
        text: `UPDATE seen_items AS s SET revision = given.revision
          FROM (SELECT url, max(revision) AS revision FROM unnest($1::text[], $2::text[]) AS g(url, revision) GROUP BY url) AS given
          WHERE s.url = given.url AND (s.revision IS NULL OR s.revision < given.revision)`,
        values: [given.map(({ key }) => key), given.map(({ revision }) => revision)],
      });
    });
  }

  async releaseUnindexedClaims(): Promise<number> {
    return this.db.withClient(
      'release unindexed claims',
      async (client) => (await client.query('DELETE FROM seen_items AS s WHERE NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.url = s.url)')).rowCount ?? 0,
    );
  }

  async readMeta(key: string): Promise<string | null> {
    return this.db.withClient('read meta', async (client) => (await client.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [key])).rows[0]?.value ?? null);
  }

  async writeMeta(key: string, value: string): Promise<void> {
    await this.db.withClient('write meta', (client) =>
      client.query('INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]),
    );
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    return pruneIndex(postgresPruneTargets(this.db), options);
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}
