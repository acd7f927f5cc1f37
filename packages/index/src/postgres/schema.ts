import type { ClientBase } from 'pg';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { feedTagKeys } from '../feeds/feed-tags.js';
import { articleFacts } from '../search/article-facts.js';
import {
  cjkClass,
  hasCjk,
  hasIndicJoiner,
  hasLetterFold,
  hasSegmentedScript,
  indicJoinerPattern,
  isRetokenized,
  letterFoldClass,
  retokenizedClass,
  segmentedClass,
} from '../text/folds.js';
import { articleTsvector } from './lexemes.js';

/** A migration: SQL to run, or a function for one that needs the record read (inside the migration's transaction). */
type Migration = string | ((client: ClientBase) => Promise<void>);

/**
 * PostgreSQL schema migrations, applied in order inside the index's schema;
 * `tidings_schema_version` records how many have run. Append new entries,
 * never edit a shipped one: databases already migrated have run it.
 *
 * Times the interface returns as given (addedAt, lastFetchAt...) are text,
 * so they come back exactly as written; `date_at`, which is sorted and
 * compared, is a timestamptz.
 */
const MIGRATIONS: readonly Migration[] = [
  // 1: articles with full-text search, feeds, seen items (the SQLite schema as of its version 3).
  `
  CREATE TABLE articles (
    doc          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    url          text NOT NULL UNIQUE,
    title        text NOT NULL,
    published_at text,
    site_name    text,
    fetched_at   text NOT NULL,
    -- What search filters, facets and sorts by (see search/article-facts.ts).
    date_at      timestamptz NOT NULL,
    site         text NOT NULL,
    site_key     text NOT NULL,
    host         text NOT NULL,
    lang         text,
    authors      text[] NOT NULL,
    author_keys  text[] NOT NULL,
    tag_keys     text[] NOT NULL,
    feed_urls    text[] NOT NULL,
    -- Lexemes made by postgres/lexemes.ts: A title, B authors, C text, D site and lang.
    tsv          tsvector NOT NULL,
    -- The whole ArticleRecord: what getArticle returns.
    record       jsonb NOT NULL
  );
  CREATE INDEX articles_tsv ON articles USING gin (tsv);
  CREATE INDEX articles_by_date ON articles (date_at DESC, doc DESC);
  CREATE INDEX articles_by_site ON articles (site_key);
  CREATE INDEX articles_by_host ON articles (host);
  CREATE INDEX articles_by_lang ON articles (lang);
  CREATE INDEX articles_by_author ON articles USING gin (author_keys);
  CREATE INDEX articles_by_tag ON articles USING gin (tag_keys);
  CREATE INDEX articles_by_feed ON articles USING gin (feed_urls);

  CREATE TABLE feeds (
    id                   text PRIMARY KEY,
    url                  text NOT NULL UNIQUE,
    -- Orders feeds added in the same millisecond.
    seq                  bigint GENERATED ALWAYS AS IDENTITY,
    title                text,
    added_at             text NOT NULL,
    last_fetch_at        text,
    last_status          text CHECK (last_status IN ('ok', 'not-modified', 'error')),
    last_error           text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    items_seen           integer NOT NULL DEFAULT 0,
    etag                 text,
    last_modified        text,
    tags                 text[] NOT NULL DEFAULT '{}',
    state                text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'stopped')),
    state_reason         text,
    interval_ms          bigint,
    next_poll_at         text,
    last_new_item_at     text,
    last_http_status     integer
  );

  -- Article URLs already sent on to be fetched, from any feed. Not tied to
  -- feeds: removing a feed must not make its old items look new again.
  CREATE TABLE seen_items (
    url           text PRIMARY KEY,
    first_feed_id text NOT NULL,
    seen_at       text NOT NULL
  );

  -- Which feeds list each item URL (see the SQLite schema, migration 2).
  CREATE TABLE item_feeds (
    url      text NOT NULL,
    feed_url text NOT NULL,
    PRIMARY KEY (url, feed_url)
  );

  -- first, then whatever of second it lacks, in order, without duplicates (feedUrls).
  CREATE FUNCTION tidings_union(first text[], second text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(u ORDER BY n), '{}') FROM (
      SELECT DISTINCT ON (u) u, n FROM unnest(first || second) WITH ORDINALITY AS t(u, n) ORDER BY u, n
    ) AS firsts
  $$;
  `,
  // 2: a feed's polling hints (from its last parse, for scheduling after a 304) and its last fetch's warnings (issue 12).
  `
  ALTER TABLE feeds ADD COLUMN poll_hints jsonb;
  ALTER TABLE feeds ADD COLUMN last_warnings text[] NOT NULL DEFAULT '{}';
  `,
  // 3: search at scale (issue 9). A search by relevance ranks a window of the newest matches (window.ts):
  // one GIN index on (tsv, doc) finds the matches in a doc range without reading a row, where the planner
  // otherwise walks the range reading every tsvector. It needs btree_gin (contrib, a trusted extension);
  // without it searches still work, slower. lz4 decompresses the tsvectors ranking reads several times
  // faster than pglz (new rows; where the server lacks lz4, pglz stays).
  `
  DO $$ BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA public;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'btree_gin is not available (%): searches by relevance will be slower', SQLERRM;
  END $$;
  DO $$ DECLARE home text; BEGIN
    SELECT n.nspname INTO home FROM pg_extension AS e JOIN pg_namespace AS n ON n.oid = e.extnamespace WHERE e.extname = 'btree_gin';
    IF home IS NOT NULL THEN
      EXECUTE format('CREATE INDEX articles_tsv_doc ON articles USING gin (tsv, doc %I.int4_ops)', home);
      DROP INDEX articles_tsv;
    END IF;
  END $$;
  -- The site filter's subdomain match (host ends with .site) as a prefix of the reversed host: indexable.
  CREATE INDEX articles_by_host_suffix ON articles (reverse(host) text_pattern_ops);
  DO $$ BEGIN
    ALTER TABLE articles ALTER COLUMN tsv SET COMPRESSION lz4, ALTER COLUMN record SET COMPRESSION lz4;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 is not available (%): tsvectors stay pglz-compressed', SQLERRM;
  END $$;
  `,
  // 4: each article's story (issue 13), assigned by the indexer; null for articles indexed before (SQLite's migration 5).
  `
  ALTER TABLE articles ADD COLUMN story_id text;
  CREATE INDEX articles_by_story ON articles (story_id, date_at);
  `,
  // 5: indexing speed (issue 9). Each insert adds its article's words (about 450 entries) to the full-text index's
  // pending list; the insert that fills the list past gin_pending_list_limit merges it into the index, which was
  // two thirds of the server's CPU an article costs (sorting the entries, rewriting each word's posting list). A
  // 16 MB list (the default is 4 MB) is merged a quarter as often with the same entries, rewriting each posting list
  // a quarter as often: about a third less WAL and a quarter less server CPU an article. A search reads the whole
  // pending list too, so searches while articles are being indexed read up to 16 MB more (README).
  `
  DO $$ BEGIN
    IF to_regclass('articles_tsv_doc') IS NOT NULL THEN
      ALTER INDEX articles_tsv_doc SET (gin_pending_list_limit = 16384);
    ELSE
      ALTER INDEX articles_tsv SET (gin_pending_list_limit = 16384);
    END IF;
  END $$;
  `,
  // 6: filtered searches (issue 9). A site filter is an OR of three indexed arms (search.ts conditions); a since/until
  // bound beside it was checked on each row of the site matching the words (two of three of them thrown away for a
  // quarter's dates). With the date second in each arm's index, the planner puts the bound into each arm's index
  // condition by itself, so the site's bitmap holds only its articles in the dates: a quarter fewer pages read by a
  // filtered search on 100,000 articles. The new indexes replace the old ones (as narrow a key would serve no search
  // the wider one does not), so an insert still updates as many indexes.
  `
  CREATE INDEX articles_by_site_date ON articles (site_key, date_at);
  CREATE INDEX articles_by_host_date ON articles (host, date_at);
  CREATE INDEX articles_by_host_suffix_date ON articles (reverse(host) text_pattern_ops, date_at);
  DROP INDEX articles_by_site, articles_by_host, articles_by_host_suffix;
  `,
  // 7: facts about the installation that must outlive Redis (see the SQLite schema, migration 9).
  `
  CREATE TABLE store_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
  );
  `,
  // 8: the typed code of a feed's last failed poll (see the SQLite schema, migration 10).
  `
  ALTER TABLE feeds ADD COLUMN last_error_code text;
  `,
  // 9: each Chinese, Japanese or Korean character a lexeme of its own (see relexCjkArticles).
  relexCjkArticles,
  // 10: the revision each claimed item was last fetched for (see the SQLite schema, migration 12).
  `
  ALTER TABLE seen_items ADD COLUMN revision text;
  `,
  // 11: the site's and language's lexemes before the text's (see relexLongArticles).
  relexLongArticles,
  // 12: Thai, Lao, Khmer and Burmese cut into words (see relexSegmentedArticles).
  relexSegmentedArticles,
  // 13: combining marks inside words, not between them; Arabic and Hebrew points folded away; NFKC (see relexMarkedArticles).
  relexMarkedArticles,
  // 14: a zero-width joiner or non-joiner inside an Indic word part of it (see relexIndicJoinerArticles).
  relexIndicJoinerArticles,
  // 15: Greek letters without their accents, ß as ss, ё as е (see relexLetterFoldArticles).
  relexLetterFoldArticles,
  // 16: the feeds carrying a tag found by an index (see indexFeedTags).
  indexFeedTags,
  // 17: the guid a feed gave each item it claimed first (see the SQLite schema, migration 19).
  `
  ALTER TABLE seen_items ADD COLUMN guid text;
  CREATE INDEX seen_items_by_guid ON seen_items (first_feed_id, guid) WHERE guid IS NOT NULL;
  `,
  // 18: the canonical URL an item's article was last stored under, when it is not the item's own URL (see the SQLite schema, migration 20).
  'ALTER TABLE seen_items ADD COLUMN article_url text;',
];

/**
 * Migration 16. The tag filter finds the feeds carrying its tag in
 * `feed_tags`, a row per feed and tag key (feeds/feed-tags.ts, folded in
 * JavaScript as the filter is: not by lower(), which folds by the
 * database's locale), written with the feed's tags and deleted with the
 * feed (ON DELETE CASCADE): before, every search with a tag filter read the
 * tags of every tagged feed (a sequential scan) and compared them in
 * JavaScript (as SQLite's migration 18). The table is filled from the feeds
 * stored before, 500 read at a time.
 */
async function indexFeedTags(client: ClientBase): Promise<void> {
  await client.query(`
  CREATE TABLE feed_tags (
    feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    tag_key text NOT NULL,
    PRIMARY KEY (feed_id, tag_key)
  );
  CREATE INDEX feed_tags_by_key ON feed_tags (tag_key, feed_id);
  `);
  for (let after = ''; ; ) {
    const { rows } = await client.query<{ id: string; tags: string[] }>("SELECT id, tags FROM feeds WHERE id > $1 AND tags <> '{}' ORDER BY id LIMIT 500", [after]);
    if (rows.length === 0) return;
    const keys = rows.flatMap((row) => feedTagKeys(row.tags).map((key) => [row.id, key] as const));
    await client.query('INSERT INTO feed_tags (feed_id, tag_key) SELECT * FROM unnest($1::text[], $2::text[])', [keys.map(([id]) => id), keys.map(([, key]) => key)]);
    after = rows.at(-1)?.id ?? '';
  }
}

/**
 * Migration 9. Chinese, Japanese and Korean characters became a lexeme each
 * (text/tokens.ts), so that a word is found inside a run of them: the
 * lexemes of articles written before, whose runs were one lexeme, are made
 * again. The server picks the candidates (a title, text, author or site
 * name holding kana, Han or Hangul); the code confirms each with the
 * tokenizer's own test.
 */
async function relexCjkArticles(client: ClientBase): Promise<void> {
  await relexArticlesHolding(client, cjkClass, hasCjk);
}

/**
 * Migration 12. Thai, Lao, Khmer and Burmese are cut into words
 * (text/tokens.ts), so that a word is found inside a stretch written without
 * spaces: the lexemes of articles written before are made again. The server
 * picks the candidates, as in migration 9; the code confirms each.
 */
async function relexSegmentedArticles(client: ClientBase): Promise<void> {
  await relexArticlesHolding(client, segmentedClass, hasSegmentedScript);
}

/**
 * Migration 13. Combining marks are token characters (text/fts5-table.ts,
 * as SQLite's migration 15): a word of a script that writes vowels as marks
 * (Devanagari, Bengali, Tamil, Thai...) was cut at each of them; Arabic and
 * Hebrew points and the tatweel are folded away; text is read in its
 * compatibility form (NFKC: full-width `２０２４` is `2024`; text/folds.ts
 * searchForm). The lexemes of articles written before that hold such a
 * character, or are not in that form, are made again; the server picks the
 * candidates, the code confirms each, as in migration 9.
 */
async function relexMarkedArticles(client: ClientBase): Promise<void> {
  await relexArticlesHolding(client, retokenizedClass, isRetokenized, 'IS NOT NFKC NORMALIZED');
}

/**
 * Migration 14. A zero-width joiner or non-joiner after a letter, mark or
 * digit of an Indic script is part of that word (text/tokens.ts fts5Text,
 * as SQLite's migration 16): a word written with one (`दर्‍या`) was cut at
 * it. The lexemes of articles written before that hold such a joiner are
 * made again; the server picks the candidates (a joiner after such a
 * character: not the Persian text that writes many), the code confirms each.
 */
async function relexIndicJoinerArticles(client: ClientBase): Promise<void> {
  await relexArticlesHolding(client, indicJoinerPattern, hasIndicJoiner);
}

/**
 * Migration 15. A Greek letter's accents and breathings are folded away,
 * `ß` is `ss` and `ё` is `е` (text/folds.ts LETTER_FOLDS, as SQLite's
 * migration 17): `λογος` did not find `λόγος`. The lexemes of articles
 * written before that hold such a letter are made again; the server picks
 * the candidates (such a letter, or an accent it may be written with as a
 * letter and its accent), the code confirms each.
 */
async function relexLetterFoldArticles(client: ClientBase): Promise<void> {
  await relexArticlesHolding(client, letterFoldClass, hasLetterFold);
}

/**
 * Makes the lexemes again of the articles whose title, text, authors or site
 * name hold a match of a pattern, a character class mostly (or, given
 * `orText`, of which that SQL test on their text is true): the server picks
 * the candidates with `regexp` (written with its escapes), the code confirms
 * each with `holds`, the tokenizer's own test.
 */
async function relexArticlesHolding(
  client: ClientBase,
  regexp: (escape: (code: number) => string) => string,
  holds: (text: string) => boolean,
  orText?: string,
): Promise<void> {
  const text = `concat_ws(' ', record->>'title', record->>'text', record->>'authors', record->>'siteName')`;
  // PostgreSQL's regular expressions write a code point as \Uhhhhhhhh.
  const pattern = regexp((code) => `\\U${code.toString(16).padStart(8, '0')}`);
  await relexArticles(client, orText ? `(${text} ~ '${pattern}' OR ${text} ${orText})` : `${text} ~ '${pattern}'`, (record) =>
    holds(`${record.title} ${record.text} ${record.authors.join(' ')} ${record.siteName ?? ''}`),
  );
}

/**
 * Migration 11. The site's and language's lexemes come before the text's
 * (lexemes.ts): after a text of more than 16,383 words they all stood at the
 * last position, and a phrase of them (site:news.example.org) matched
 * nothing. Articles long enough for that (a word is at least two characters
 * with its space) get their lexemes again.
 */
async function relexLongArticles(client: ClientBase): Promise<void> {
  await relexArticles(client, `length(record->>'text') > 32000`, () => true);
}

/** Makes the lexemes (tsv) again of the articles `candidates` (SQL) picks and `confirm` keeps, 500 at a time. */
async function relexArticles(client: ClientBase, candidates: string, confirm: (record: ArticleRecord) => boolean): Promise<void> {
  for (let after = 0; ; ) {
    const { rows } = await client.query<{ doc: number; record: ArticleRecord }>(`SELECT doc, record FROM articles WHERE doc > $1 AND ${candidates} ORDER BY doc LIMIT 500`, [after]);
    if (rows.length === 0) return;
    for (const { doc, record } of rows) {
      if (confirm(record)) await client.query('UPDATE articles SET tsv = $1::tsvector WHERE doc = $2', [articleTsvector(record, articleFacts(record)), doc]);
    }
    after = rows.at(-1)?.doc ?? Number.MAX_SAFE_INTEGER;
  }
}

/** The schema version this code writes. */
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Key of the advisory lock held while migrating: one for the whole database, simple and enough. */
const MIGRATION_LOCK = 0x7469_6469; // "tidi"

/** A schema name safe to interpolate: lower-case letters, digits and `_`. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/u;

/**
 * Creates the schema if needed and brings it up to {@link PG_SCHEMA_VERSION}.
 * Safe when several processes start at once: they queue on an advisory lock
 * and re-read the version under it, so each migration runs exactly once.
 *
 * @throws TidingsError `io` (permanent) when the schema was written by a newer version.
 */
export function migrate(client: ClientBase, schema: string): Promise<void> {
  return migrateTo(client, schema, PG_SCHEMA_VERSION);
}

/**
 * {@link migrate} up to `target` only. For tests of a migration, which
 * build the older schema it upgrades; the index itself always migrates to
 * the latest version. Not exported from the package.
 */
export async function migrateTo(client: ClientBase, schema: string, target: number): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new TidingsError('invalid-payload', `invalid PostgreSQL schema name "${schema}"`, { permanent: true });
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".tidings_schema_version (version integer NOT NULL)`);
    const found = await client.query<{ version: number }>(`SELECT version FROM "${schema}".tidings_schema_version`);
    const current = found.rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new TidingsError('io', `index schema version ${current} is newer than this code understands (${PG_SCHEMA_VERSION}); upgrade Tidings`, { permanent: true });
    }
    if (current >= target) return;
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      for (const step of MIGRATIONS.slice(current, target)) {
        if (typeof step === 'string') await client.query(step);
        else await step(client);
      }
      await client.query('DELETE FROM tidings_schema_version');
      await client.query('INSERT INTO tidings_schema_version (version) VALUES ($1)', [target]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
