import type { Database } from 'better-sqlite3';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { feedTagKeys } from '../feeds/feed-tags.js';
import { articleFacts } from '../search/article-facts.js';
import { FTS5_TOKENIZE } from '../text/fts5-table.js';
import { hasCjk, hasIndicJoiner, hasLetterFold, hasSegmentedScript } from '../text/folds.js';
import { articleColumns, indexArticle, indexText } from './article-store.js';

/** A migration: SQL to run, or a function for one that needs the record parsed. */
type Migration = string | ((db: Database) => void);

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many
 * have run. Append new entries, never edit a shipped one: files already on
 * disk have run it.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 1: articles with full-text search, feeds, seen items.
  `
  CREATE TABLE articles (
    -- An INTEGER PRIMARY KEY is the rowid, which articles_fts shares. A
    -- table without one may have its rowids renumbered by VACUUM, which
    -- would silently point every search hit at the wrong article.
    doc          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    published_at TEXT,
    site_name    TEXT,
    lang         TEXT,
    fetched_at   TEXT NOT NULL,
    -- The whole ArticleRecord as JSON: what getArticle returns.
    record       TEXT NOT NULL
  );

  -- Standalone (it keeps its own copy of the indexed text) rather than
  -- external-content: a row is replaced by rowid alone, with no risk of a
  -- 'delete' carrying stale values and corrupting the index, and snippet()
  -- reads its own copy instead of parsing the record JSON of every hit.
  -- Kept in step with articles by the statements in sqlite-index.ts, always
  -- in the same transaction.
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, authors, text,
    tokenize = 'unicode61 remove_diacritics 2'
  );

  CREATE TABLE feeds (
    id                   TEXT PRIMARY KEY,
    url                  TEXT NOT NULL UNIQUE,
    title                TEXT,
    added_at             TEXT NOT NULL,
    last_fetch_at        TEXT,
    last_status          TEXT CHECK (last_status IN ('ok', 'not-modified', 'error')),
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    etag                 TEXT,
    last_modified        TEXT
  );

  -- Article URLs already sent on to be fetched, from any feed. Not tied to
  -- feeds: removing a feed must not make its old items look new again.
  CREATE TABLE seen_items (
    url           TEXT PRIMARY KEY,
    first_feed_id TEXT NOT NULL,
    seen_at       TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: which feeds list each item URL, recorded when a feed's items are
  // claimed, so an article reached through two feeds lists both even when the
  // second feed is parsed before the first has finished indexing it.
  `
  CREATE TABLE item_feeds (
    url      TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    PRIMARY KEY (url, feed_url)
  ) WITHOUT ROWID;
  `,
  // 3: search filters, facets, date order and feed health (issues 4 and 5).
  migrateToFilters,
  // 4: a feed's polling hints (from its last parse, for scheduling after a 304) and its last fetch's warnings (issue 12).
  `
  ALTER TABLE feeds ADD COLUMN poll_hints TEXT;
  ALTER TABLE feeds ADD COLUMN last_warnings TEXT NOT NULL DEFAULT '[]';
  `,
  // 5: each article's story (issue 13), assigned by the indexer; null for articles indexed before. The index
  // serves the story filter, a story's figures and the story list (grouped by story, dates beside it).
  `
  ALTER TABLE articles ADD COLUMN story_id TEXT;
  CREATE INDEX articles_by_story ON articles (story_id, date_key);
  `,
  // 6: the FTS table keeps no copy of the text (see migrateToContentless).
  migrateToContentless,
  // 7: indexes no query can use, which every insert paid for (issue 9). The site and lang filters compare with an
  // OR whose last arm is a substr() (a host's last labels, a language's region), so SQLite cannot answer them from
  // an index: FTS5 narrows those searches (window.ts), the rows decide. (count(*) reads another index.)
  `
  DROP INDEX articles_by_site;
  DROP INDEX articles_by_host;
  DROP INDEX articles_by_lang;
  `,
  // 8: indexing speed (issue 9). Each batch's commit writes its terms as a new full-text segment, and FTS5 merges
  // segments as they gather: by default four of a level into one of the next, so a term is rewritten once per level
  // (log4 of the segments written). Merging eight at a time rewrites it half as often: about a sixth less CPU an
  // article at 40,000 articles, more as the index grows. A search reads up to seven segments a level instead of
  // three; at 100,000 articles the query p95s stay well inside their targets (README, bench:query).
  `
  INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
  `,
  // 9: facts about the installation that must outlive Redis: the identity of the Redis data the index was last
  // used with (store_meta 'redis-lineage:<prefix>'), by which the scheduler notices that Redis lost its data.
  `
  CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 10: the typed code of a feed's last failed poll, beside its message (lastErrorCode).
  `
  ALTER TABLE feeds ADD COLUMN last_error_code TEXT;
  `,
  // 11: each Chinese, Japanese or Korean character a token of its own (see reindexCjkText).
  reindexCjkText,
  // 12: the revision (the feed's update time) each claimed item was last fetched for (recordItemRevisions).
  `
  ALTER TABLE seen_items ADD COLUMN revision TEXT;
  `,
  // 13: articles dated outside the years 1-9999 dated as search/dates.ts says (see redateOutOfRange).
  redateOutOfRange,
  // 14: Thai, Lao, Khmer and Burmese cut into words (see reindexSegmentedText).
  reindexSegmentedText,
  // 15: combining marks inside words, not between them; Arabic and Hebrew points folded away; NFKC (see retokenize).
  retokenize,
  // 16: a zero-width joiner or non-joiner inside an Indic word part of it (see reindexIndicJoiners).
  reindexIndicJoiners,
  // 17: Greek letters without their accents, ß as ss, ё as е (see reindexLetterFolds).
  reindexLetterFolds,
  // 18: the feeds carrying a tag found by an index (see indexFeedTags).
  indexFeedTags,
  // 19: the guid a feed gave each item it claimed first, so that an item whose link changed (a new slug, a session id in
  // it) is known as the same item (claimNewItems, claimedItemsByGuid).
  `
  ALTER TABLE seen_items ADD COLUMN guid TEXT;
  CREATE INDEX seen_items_by_guid ON seen_items (first_feed_id, guid) WHERE guid IS NOT NULL;
  `,
  // 20: the canonical URL an item's article was last stored under, when it is not the item's own URL (a feed link
  // that redirects, a short link), so that the article is found again when its canonical URL changes (articleUrlOfItem).
  'ALTER TABLE seen_items ADD COLUMN article_url TEXT;',
];

/**
 * Migration 18. The tag filter finds the feeds carrying its tag in
 * `feed_tags`, a row per feed and tag key (feeds/feed-tags.ts, folded in
 * JavaScript as the filter is), written with the feed's tags: before, every
 * search with a tag filter read the tags of every tagged feed and compared
 * them in JavaScript. The table is filled from the feeds stored before,
 * 500 read at a time.
 */
function indexFeedTags(db: Database): void {
  db.exec(`
  CREATE TABLE feed_tags (
    feed_id TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    PRIMARY KEY (feed_id, tag_key)
  ) WITHOUT ROWID;
  CREATE INDEX feed_tags_by_key ON feed_tags (tag_key, feed_id);
  `);
  const page = db.prepare<[string], { id: string; tags: string }>("SELECT id, tags FROM feeds WHERE id > ? AND tags <> '[]' ORDER BY id LIMIT 500");
  const insert = db.prepare<[string, string]>('INSERT OR IGNORE INTO feed_tags (feed_id, tag_key) VALUES (?, ?)');
  for (let rows = page.all(''); rows.length > 0; rows = page.all(rows.at(-1)?.id ?? '')) {
    for (const row of rows) for (const key of feedTagKeys(JSON.parse(row.tags) as string[])) insert.run(row.id, key);
  }
}

/**
 * Migration 17. A Greek letter's accents and breathings are folded away,
 * `ß` is `ss` and `ё` is `е` in the text FTS5 reads (text/tokens.ts
 * fts5Text, text/folds.ts LETTER_FOLDS), so that `λογος` finds `λόγος`,
 * `strassenbahn` `Straßenbahn` and `елка` `ёлка`: the articles indexed
 * before, whose words kept those letters, are indexed again. The tokenizer
 * setting is unchanged: the table stays.
 */
function reindexLetterFolds(db: Database): void {
  reindexTextOf(db, hasLetterFold);
}

/**
 * Migration 16. A zero-width joiner or non-joiner after a letter, mark or
 * digit of an Indic script (Devanagari to Sinhala) is taken out of the text
 * FTS5 reads (text/tokens.ts fts5Text), so that a word written with one
 * (`दर्‍या`, a half form or a Malayalam chillu) is found as typed without
 * it: the articles indexed before, whose words were cut at the joiner, are
 * indexed again. The tokenizer setting is unchanged: the table stays.
 */
function reindexIndicJoiners(db: Database): void {
  reindexTextOf(db, hasIndicJoiner);
}

/**
 * Migration 15. The full-text table is made with the tokenizer setting
 * text/fts5-table.ts records (FTS5_TOKENIZE): combining marks are token
 * characters. Before, every word of a script that writes vowels as marks
 * (Devanagari, Bengali, Tamil, Thai...) was cut at each of them, and words
 * differing only in their vowels matched each other ("किताब", book, and
 * "कातिब", scribe, were both "क त ब"); Arabic and Hebrew points and the
 * tatweel are taken out of the text FTS5 reads (text/tokens.ts fts5Text), so
 * that a word is found however it is pointed; and FTS5 reads text in its
 * compatibility form (NFKC, text/folds.ts searchForm: full-width `２０２４`
 * is `2024`). FTS5 cannot change a table's
 * tokenizer in place: the table is made again, with the settings of
 * migrations 6 and 8, and every article indexed again (doc numbers kept).
 */
function retokenize(db: Database): void {
  db.exec(`
  DROP TABLE articles_vocab;
  DROP TABLE articles_fts;
  ${contentlessFts(`"${FTS5_TOKENIZE}"`)}
  INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
  `);
  reindexTextOf(db, () => true);
}

/**
 * Migration 13. An article whose publishedAt lay outside the years 1-9999
 * was dated by it (`+010000-01-01T...`, `0000-01-01T...`), a date_key that
 * sorts before every other as text and that a date cursor no longer takes
 * (PostgreSQL refused such articles): each is dated again as
 * articleFacts now dates it, by its fetchedAt. `+` and `-` sort before
 * digits, so they are the keys below year 1.
 */
function redateOutOfRange(db: Database): void {
  const rows = db
    .prepare<[], { doc: number; record: string }>("SELECT a.doc, r.record FROM articles AS a JOIN article_records AS r ON r.doc = a.doc WHERE a.date_key < '0001'")
    .all();
  const redate = db.prepare<[string, number]>('UPDATE articles SET date_key = ? WHERE doc = ?');
  for (const row of rows) redate.run(articleFacts(JSON.parse(row.record) as ArticleRecord).date, row.doc);
}

/**
 * Migration 6. The FTS table becomes contentless: it kept its own copy of
 * every article's text, beside the one in the record, which made the file a
 * third larger and every insert write the text twice; and snippet() was its
 * only reader (snippets are now made from the record's text, as on
 * PostgreSQL: search/highlight.ts). `contentless_delete` keeps what made the
 * standalone table safe: a row is deleted by its rowid alone, so no stale
 * values can corrupt the index. FTS5 cannot change this in place, so the
 * table is rebuilt from the records; doc numbers (rowids) are kept.
 */
/**
 * Migration 11. Chinese, Japanese and Korean characters became a token each
 * (text/tokens.ts fts5Text), so that a word is found inside a run of them:
 * the articles indexed before, whose runs were one token, are indexed again.
 */
function reindexCjkText(db: Database): void {
  reindexTextOf(db, hasCjk);
}

/**
 * Migration 14. Thai, Lao, Khmer and Burmese are cut into words
 * (text/tokens.ts fts5Text), so that a word is found inside a stretch
 * written without spaces: the articles indexed before, whose stretches were
 * cut only at combining marks, are indexed again.
 */
function reindexSegmentedText(db: Database): void {
  reindexTextOf(db, hasSegmentedScript);
}

/** Writes the FTS row again of each article whose record (its JSON, as stored) `holds` says so, 500 records read at a time. */
function reindexTextOf(db: Database, holds: (record: string) => boolean): void {
  const page = db.prepare<[number], { doc: number; record: string }>('SELECT doc, record FROM article_records WHERE doc > ? ORDER BY doc LIMIT 500');
  const unindex = db.prepare<[number]>('DELETE FROM articles_fts WHERE rowid = ?');
  for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)?.doc ?? Number.MAX_SAFE_INTEGER)) {
    for (const row of rows) {
      if (!holds(row.record)) continue;
      const record = JSON.parse(row.record) as ArticleRecord;
      unindex.run(row.doc);
      indexText(db, row.doc, record, articleFacts(record));
    }
  }
}

function migrateToContentless(db: Database): void {
  db.exec(`
  DROP TABLE articles_vocab;
  DROP TABLE articles_fts;
  ${contentlessFts("'unicode61 remove_diacritics 2'")}
  `);
  const page = db.prepare<[number], { doc: number; record: string }>('SELECT doc, record FROM article_records WHERE doc > ? ORDER BY doc LIMIT 500');
  for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)?.doc ?? Number.MAX_SAFE_INTEGER)) {
    for (const row of rows) {
      const record = JSON.parse(row.record) as ArticleRecord;
      indexText(db, row.doc, record, articleFacts(record));
    }
  }
}

/**
 * The FTS table as of migration 6, its tokenizer set up by `tokenize` (quoted
 * as FTS5 reads an option; migration 15 changed it): site (site name and host)
 * and lang are searched only by site: and lang:. Kept in step with articles
 * by article-store.ts, always in the same transaction.
 */
const contentlessFts = (tokenize: string): string => `
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, authors, text, site, lang,
    tokenize = ${tokenize},
    content = '', contentless_delete = 1
  );
  -- Terms pending in memory before FTS5 writes them out as a segment (default 1 MiB, which a batch of 100
  -- articles outgrew, writing two or three segments to merge later): a batch makes one segment.
  INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 16777216);
  -- Document frequency of every term, for similar().
  CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
`;

/**
 * Migration 3. The record JSON moves out of articles into article_records:
 * a search joins articles for every match (filters, date order), and with
 * multi-kilobyte records in it each row filled most of a page, so that join
 * read a page per match. The FTS table gains site and lang columns (for
 * site: and lang:), which FTS5 cannot add in place, so it is rebuilt from
 * the records too. Doc numbers (rowids) are kept.
 */
function migrateToFilters(db: Database): void {
  db.exec(`
  ALTER TABLE articles RENAME TO articles_v2;
  DROP TABLE articles_fts;
  ${ARTICLE_TABLES}
  ALTER TABLE feeds ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE feeds ADD COLUMN state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'stopped'));
  ALTER TABLE feeds ADD COLUMN state_reason TEXT;
  ALTER TABLE feeds ADD COLUMN interval_ms INTEGER;
  ALTER TABLE feeds ADD COLUMN next_poll_at TEXT;
  ALTER TABLE feeds ADD COLUMN last_new_item_at TEXT;
  ALTER TABLE feeds ADD COLUMN last_http_status INTEGER;
  `);
  const insert = db.prepare(
    `INSERT INTO articles (doc, id, url, title, published_at, site_name, fetched_at, date_key, site, site_key, host, lang, authors)
     VALUES (@doc, @id, @url, @title, @published_at, @site_name, @fetched_at, @date_key, @site, @site_key, @host, @lang, @authors)`,
  );
  const insertRecord = db.prepare<[number, string]>('INSERT INTO article_records (doc, record) VALUES (?, ?)');
  // In pages: better-sqlite3 runs nothing else on a connection while an iterator is open, and all() could be huge.
  const page = db.prepare<[number], { doc: number; record: string }>('SELECT doc, record FROM articles_v2 WHERE doc > ? ORDER BY doc LIMIT 500');
  for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)?.doc ?? Number.MAX_SAFE_INTEGER)) {
    for (const row of rows) {
      const record = JSON.parse(row.record) as ArticleRecord;
      const facts = articleFacts(record);
      insert.run({ doc: row.doc, ...articleColumns(record, facts) });
      insertRecord.run(row.doc, row.record);
      indexArticle(db, row.doc, record, facts);
    }
  }
  db.exec('DROP TABLE articles_v2');
}

/** The article tables as of migration 3 (see migrateToFilters). */
const ARTICLE_TABLES = `
  CREATE TABLE articles (
    -- An INTEGER PRIMARY KEY is the rowid, which articles_fts shares. A
    -- table without one may have its rowids renumbered by VACUUM, which
    -- would silently point every search hit at the wrong article.
    doc          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    published_at TEXT,
    site_name    TEXT,
    fetched_at   TEXT NOT NULL,
    -- What search filters, facets and sorts by (see search/article-facts.ts).
    date_key     TEXT NOT NULL,
    site         TEXT NOT NULL,
    site_key     TEXT NOT NULL,
    host         TEXT NOT NULL,
    lang         TEXT,
    -- JSON array, for search hits.
    authors      TEXT NOT NULL
  );
  CREATE INDEX articles_by_date ON articles (date_key DESC, doc DESC);
  CREATE INDEX articles_by_site ON articles (site_key, date_key DESC);
  CREATE INDEX articles_by_host ON articles (host, date_key DESC);
  CREATE INDEX articles_by_lang ON articles (lang, date_key DESC);

  -- The whole ArticleRecord as JSON: what getArticle returns. Kept apart from
  -- articles, whose rows a search reads per match: see migrateToFilters.
  CREATE TABLE article_records (
    doc    INTEGER PRIMARY KEY,
    record TEXT NOT NULL
  );

  CREATE TABLE article_authors (
    doc        INTEGER NOT NULL,
    author     TEXT NOT NULL,
    author_key TEXT NOT NULL,
    PRIMARY KEY (doc, author_key)
  ) WITHOUT ROWID;
  CREATE INDEX article_authors_by_key ON article_authors (author_key, doc);

  CREATE TABLE article_tags (
    doc     INTEGER NOT NULL,
    tag_key TEXT NOT NULL,
    PRIMARY KEY (doc, tag_key)
  ) WITHOUT ROWID;
  CREATE INDEX article_tags_by_key ON article_tags (tag_key, doc);

  -- The article's feedUrls, for the feed and tag filters.
  CREATE TABLE article_feeds (
    doc      INTEGER NOT NULL,
    feed_url TEXT NOT NULL,
    PRIMARY KEY (doc, feed_url)
  ) WITHOUT ROWID;
  CREATE INDEX article_feeds_by_url ON article_feeds (feed_url, doc);

  -- Standalone (it keeps its own copy of the indexed text) rather than
  -- external-content: a row is replaced by rowid alone, with no risk of a
  -- 'delete' carrying stale values and corrupting the index, and snippet()
  -- reads its own copy instead of parsing the record JSON of every hit.
  -- site (site name and host) and lang are searched only by site: and lang:.
  -- Kept in step with articles by article-store.ts, always in the same transaction.
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, authors, text, site, lang,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  -- Document frequency of every term, for similar().
  CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
`;

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function userVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the file's schema up to {@link SCHEMA_VERSION}. Safe when several
 * processes open a new file at once: the version is re-read under the write
 * lock, so each migration runs exactly once.
 *
 * @throws TidingsError `io` (permanent) when the file was written by a newer version.
 */
export function migrate(db: Database): void {
  const apply = db.transaction(() => {
    const current = userVersion(db);
    if (current > SCHEMA_VERSION) {
      throw new TidingsError('io', `index schema version ${current} is newer than this code understands (${SCHEMA_VERSION}); upgrade Tidings`, {
        permanent: true,
      });
    }
    for (const step of MIGRATIONS.slice(current)) {
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    // PRAGMA takes no bound parameters; SCHEMA_VERSION is a number we control.
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  // Read first without the write lock: every open of an up-to-date file (the usual case) stays read-only.
  if (userVersion(db) !== SCHEMA_VERSION) apply.immediate();
}
