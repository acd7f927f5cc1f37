import type { Database } from 'better-sqlite3';
import { TidingsError } from '@tidings/contracts';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many
 * have run. Append new entries, never edit a shipped one: files already on
 * disk have run it.
 */
const MIGRATIONS: readonly string[] = [
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
];

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
    for (const ddl of MIGRATIONS.slice(current)) db.exec(ddl);
    // PRAGMA takes no bound parameters; SCHEMA_VERSION is a number we control.
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  // Read first without the write lock: every open of an up-to-date file (the usual case) stays read-only.
  if (userVersion(db) !== SCHEMA_VERSION) apply.immediate();
}
