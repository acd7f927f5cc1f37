import type { Database, Statement } from 'better-sqlite3';
import type { ArticleColumns } from './article-store.js';
import type { FeedRow } from './rows.js';

/** The columns upsertArticle reads back. */
export interface ArticleRow {
  doc: number;
  id: string;
  url: string;
  record: string;
}

interface FeedInsertParams {
  id: string;
  url: string;
  added_at: string;
  title: string | null;
  tags: string;
}

/**
 * Spelt out rather than inferred: the type `db.prepare` returns lives in a
 * namespace of better-sqlite3's typings that a declaration file cannot name
 * (the build emits declarations); its exported `Statement` alias can be.
 */
export interface Statements {
  articleById: Statement<[string], ArticleRow>;
  articleByUrl: Statement<[string], ArticleRow>;
  insertArticle: Statement<[ArticleColumns]>;
  updateArticle: Statement<[ArticleColumns & { doc: number }]>;
  moveArticle: Statement<[string, string, number]>;
  insertRecord: Statement<[number, string]>;
  updateRecord: Statement<[string, number]>;
  countArticles: Statement<[], { n: number }>;
  insertFeed: Statement<[FeedInsertParams]>;
  feedById: Statement<[string], FeedRow>;
  feedByUrl: Statement<[string], FeedRow>;
  listFeeds: Statement<[], FeedRow>;
  deleteFeed: Statement<[string]>;
  insertFeedTag: Statement<[string, string]>;
  deleteFeedTags: Statement<[string]>;
  moveArticleFeeds: Statement<[string, string]>;
  docsOfFeed: Statement<[string], { doc: number; record: string }>;
  deleteArticleFeeds: Statement<[string]>;
  moveItemFeeds: Statement<[string, string]>;
  deleteItemFeeds: Statement<[string]>;
  isSeen: Statement<[string], { one: number }>;
  seenRevision: Statement<[string], { revision: string | null }>;
  itemArticle: Statement<[string], { article_url: string | null }>;
  noteItemArticle: Statement<[string, string, string]>;
  recordRevision: Statement<[string, string, string]>;
  insertSeen: Statement<[string, string, string, string | null]>;
  claimedByGuid: Statement<[string, string], { url: string }>;
  addItemsSeen: Statement<[number, string, string]>;
  releaseUnindexedClaims: Statement<[]>;
  readMeta: Statement<[string], { value: string }>;
  writeMeta: Statement<[string, string]>;
  insertItemFeed: Statement<[string, string]>;
  itemFeeds: Statement<[string, string], { feed_url: string }>;
}

/** The fixed statements SqliteIndex runs, prepared once per connection (search builds its own: see search.ts). */
export function prepareStatements(db: Database): Statements {
  const articleRow = 'SELECT a.doc, a.id, a.url, r.record FROM articles AS a JOIN article_records AS r ON r.doc = a.doc';
  return {
    articleById: db.prepare<[string], ArticleRow>(`${articleRow} WHERE a.id = ?`),
    articleByUrl: db.prepare<[string], ArticleRow>(`${articleRow} WHERE a.url = ?`),
    insertArticle: db.prepare<[ArticleColumns]>(
      `INSERT INTO articles (id, url, title, published_at, site_name, fetched_at, date_key, site, site_key, host, lang, authors, story_id)
       VALUES (@id, @url, @title, @published_at, @site_name, @fetched_at, @date_key, @site, @site_key, @host, @lang, @authors, @story_id)`,
    ),
    moveArticle: db.prepare<[string, string, number]>('UPDATE articles SET url = ?, id = ? WHERE doc = ?'),
    updateArticle: db.prepare<[ArticleColumns & { doc: number }]>(
      `UPDATE articles SET id = @id, title = @title, published_at = @published_at, site_name = @site_name,
         fetched_at = @fetched_at, date_key = @date_key, site = @site, site_key = @site_key, host = @host, lang = @lang,
         authors = @authors, story_id = @story_id
       WHERE doc = @doc`,
    ),
    insertRecord: db.prepare<[number, string]>('INSERT INTO article_records (doc, record) VALUES (?, ?)'),
    updateRecord: db.prepare<[string, number]>('UPDATE article_records SET record = ? WHERE doc = ?'),
    countArticles: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles'),

    insertFeed: db.prepare<[FeedInsertParams]>(
      'INSERT INTO feeds (id, url, added_at, title, tags) VALUES (@id, @url, @added_at, @title, @tags) ON CONFLICT DO NOTHING',
    ),
    feedById: db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE id = ?'),
    feedByUrl: db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE url = ?'),
    // rowid breaks ties between feeds added in the same millisecond.
    listFeeds: db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY added_at, rowid'),
    deleteFeed: db.prepare<[string]>('DELETE FROM feeds WHERE id = ?'),
    // A feed's tag keys (feeds/feed-tags.ts), for the tag filter; written with its tags, gone with the feed.
    insertFeedTag: db.prepare<[string, string]>('INSERT OR IGNORE INTO feed_tags (feed_id, tag_key) VALUES (?, ?)'),
    deleteFeedTags: db.prepare<[string]>('DELETE FROM feed_tags WHERE feed_id = ?'),
    // A feed that moved: its articles and listed items follow it.
    moveArticleFeeds: db.prepare<[string, string]>('UPDATE OR IGNORE article_feeds SET feed_url = ? WHERE feed_url = ?'),
    docsOfFeed: db.prepare<[string], { doc: number; record: string }>(
      'SELECT r.doc, r.record FROM article_feeds AS f JOIN article_records AS r ON r.doc = f.doc WHERE f.feed_url = ?',
    ),
    deleteArticleFeeds: db.prepare<[string]>('DELETE FROM article_feeds WHERE feed_url = ?'),
    moveItemFeeds: db.prepare<[string, string]>('UPDATE OR IGNORE item_feeds SET feed_url = ? WHERE feed_url = ?'),
    deleteItemFeeds: db.prepare<[string]>('DELETE FROM item_feeds WHERE feed_url = ?'),

    isSeen: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM seen_items WHERE url = ?'),
    seenRevision: db.prepare<[string], { revision: string | null }>('SELECT revision FROM seen_items WHERE url = ?'),
    itemArticle: db.prepare<[string], { article_url: string | null }>('SELECT article_url FROM seen_items WHERE url = ?'),
    noteItemArticle: db.prepare<[string, string, string]>('UPDATE seen_items SET article_url = ? WHERE url = ? AND article_url IS NOT ?'),
    recordRevision: db.prepare<[string, string, string]>('UPDATE seen_items SET revision = ? WHERE url = ? AND (revision IS NULL OR revision < ?)'),
    insertSeen: db.prepare<[string, string, string, string | null]>('INSERT OR IGNORE INTO seen_items (url, first_feed_id, seen_at, guid) VALUES (?, ?, ?, ?)'),
    claimedByGuid: db.prepare<[string, string], { url: string }>(
      'SELECT url FROM seen_items WHERE first_feed_id = ? AND guid = ? ORDER BY seen_at DESC, url LIMIT 1',
    ),
    addItemsSeen: db.prepare<[number, string, string]>(
      'UPDATE feeds SET items_seen = items_seen + ?, last_new_item_at = ? WHERE id = ?',
    ),
    insertItemFeed: db.prepare<[string, string]>('INSERT OR IGNORE INTO item_feeds (url, feed_url) VALUES (?, ?)'),
    releaseUnindexedClaims: db.prepare<[]>('DELETE FROM seen_items WHERE url NOT IN (SELECT url FROM articles)'),
    readMeta: db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?'),
    writeMeta: db.prepare<[string, string]>('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    itemFeeds: db.prepare<[string, string], { feed_url: string }>('SELECT DISTINCT feed_url FROM item_feeds WHERE url IN (?, ?)'),
  };
}
