import type { Database } from 'better-sqlite3';
import type { FeedRow, HitRow } from './rows.js';

/** bm25 weights for (title, authors, text): a word in the title counts ten times one in the body. */
const BM25 = 'bm25(articles_fts, 10.0, 3.0, 1.0)';
/** Tokens of text around the matches in a search hit's snippet. */
const SNIPPET_TOKENS = 24;

/** The columns upsertArticle reads back. */
export interface ArticleRow {
  doc: number;
  id: string;
  url: string;
  record: string;
}

/** Article fields that live in their own columns (the rest only in `record`). */
export interface ArticleColumns {
  id: string;
  url: string;
  title: string;
  published_at: string | null;
  site_name: string | null;
  lang: string | null;
  fetched_at: string;
  record: string;
}

interface FeedStatusParams {
  id: string;
  at: string;
  status: string;
  error: string | null;
  /** 1 to write `etag`, 0 to keep the stored one (likewise for the other set_ flags). */
  set_etag: number;
  etag: string | null;
  set_last_modified: number;
  last_modified: string | null;
  set_title: number;
  title: string | null;
}

export type Statements = ReturnType<typeof prepareStatements>;

/** Every statement SqliteIndex runs, prepared once per connection. */
export function prepareStatements(db: Database) {
  const articleFields = 'doc, id, url, record';
  return {
    articleById: db.prepare<[string], ArticleRow>(`SELECT ${articleFields} FROM articles WHERE id = ?`),
    articleByUrl: db.prepare<[string], ArticleRow>(`SELECT ${articleFields} FROM articles WHERE url = ?`),
    insertArticle: db.prepare<[ArticleColumns]>(
      `INSERT INTO articles (id, url, title, published_at, site_name, lang, fetched_at, record)
       VALUES (@id, @url, @title, @published_at, @site_name, @lang, @fetched_at, @record)`,
    ),
    updateArticle: db.prepare<[ArticleColumns & { doc: number }]>(
      `UPDATE articles SET id = @id, title = @title, published_at = @published_at, site_name = @site_name,
         lang = @lang, fetched_at = @fetched_at, record = @record
       WHERE doc = @doc`,
    ),
    updateRecord: db.prepare<[string, number]>('UPDATE articles SET record = ? WHERE doc = ?'),
    countArticles: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles'),
    insertText: db.prepare<[number, string, string, string]>('INSERT INTO articles_fts (rowid, title, authors, text) VALUES (?, ?, ?, ?)'),
    deleteText: db.prepare<[number]>('DELETE FROM articles_fts WHERE rowid = ?'),
    countMatches: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?'),
    search: db.prepare<[string, number, number], HitRow>(
      `SELECT a.id, a.url, a.title, a.published_at, a.site_name,
         -- char(1)/char(2) are MATCH_START/MATCH_END (see rows.ts).
         snippet(articles_fts, 2, char(1), char(2), '…', ${SNIPPET_TOKENS}) AS snippet,
         -${BM25} AS score
       FROM articles_fts JOIN articles AS a ON a.doc = articles_fts.rowid
       WHERE articles_fts MATCH ?
       ORDER BY ${BM25}, a.published_at DESC, a.doc DESC
       LIMIT ? OFFSET ?`,
    ),

    insertFeed: db.prepare<[{ id: string; url: string; added_at: string }]>(
      'INSERT INTO feeds (id, url, added_at) VALUES (@id, @url, @added_at) ON CONFLICT DO NOTHING',
    ),
    feedById: db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE id = ?'),
    // rowid breaks ties between feeds added in the same millisecond.
    listFeeds: db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY added_at, rowid'),
    deleteFeed: db.prepare<[string]>('DELETE FROM feeds WHERE id = ?'),
    updateFeedStatus: db.prepare<[FeedStatusParams]>(
      `UPDATE feeds SET
         last_fetch_at = @at,
         last_status = @status,
         last_error = @error,
         consecutive_failures = CASE WHEN @status = 'error' THEN consecutive_failures + 1 ELSE 0 END,
         etag = CASE WHEN @set_etag THEN @etag ELSE etag END,
         last_modified = CASE WHEN @set_last_modified THEN @last_modified ELSE last_modified END,
         title = CASE WHEN @set_title THEN @title ELSE title END
       WHERE id = @id`,
    ),

    insertSeen: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO seen_items (url, first_feed_id, seen_at) VALUES (?, ?, ?)'),
    addItemsSeen: db.prepare<[number, string]>('UPDATE feeds SET items_seen = items_seen + ? WHERE id = ?'),
    insertItemFeed: db.prepare<[string, string]>('INSERT OR IGNORE INTO item_feeds (url, feed_url) VALUES (?, ?)'),
    itemFeeds: db.prepare<[string, string], { feed_url: string }>('SELECT DISTINCT feed_url FROM item_feeds WHERE url IN (?, ?)'),
  };
}
