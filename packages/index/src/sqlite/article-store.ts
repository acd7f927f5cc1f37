import type { Database, Statement } from 'better-sqlite3';
import type { ArticleRecord } from '@tidings/contracts';
import type { ArticleFacts } from '../search/article-facts.js';
import { indexedText } from '../search/snippet.js';
import { fts5Text } from '../text/tokens.js';

/** The articles columns (the whole record goes to article_records). */
export interface ArticleColumns {
  id: string;
  url: string;
  title: string;
  published_at: string | null;
  site_name: string | null;
  fetched_at: string;
  date_key: string;
  site: string;
  site_key: string;
  host: string;
  lang: string | null;
  authors: string;
  story_id: string | null;
}

export function articleColumns(record: ArticleRecord, facts: ArticleFacts): ArticleColumns {
  return {
    id: record.id,
    url: record.url,
    title: record.title,
    published_at: record.publishedAt,
    site_name: record.siteName,
    fetched_at: record.fetchedAt,
    date_key: facts.date,
    site: facts.site,
    site_key: facts.siteKey,
    host: facts.host,
    lang: facts.lang,
    authors: JSON.stringify(facts.authors),
    story_id: record.storyId ?? null,
  };
}

interface IndexStatements {
  insertText: Statement<[number, string, string, string, string, string]>;
  deleteText: Statement<[number]>;
  insertAuthor: Statement<[number, string, string]>;
  deleteAuthors: Statement<[number]>;
  insertTag: Statement<[number, string]>;
  deleteTags: Statement<[number]>;
  insertFeed: Statement<[number, string]>;
  deleteFeeds: Statement<[number]>;
}

const prepared = new WeakMap<Database, IndexStatements>();

function statements(db: Database): IndexStatements {
  let found = prepared.get(db);
  if (!found) {
    found = {
      insertText: db.prepare('INSERT INTO articles_fts (rowid, title, authors, text, site, lang) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteText: db.prepare('DELETE FROM articles_fts WHERE rowid = ?'),
      insertAuthor: db.prepare('INSERT OR IGNORE INTO article_authors (doc, author, author_key) VALUES (?, ?, ?)'),
      deleteAuthors: db.prepare('DELETE FROM article_authors WHERE doc = ?'),
      insertTag: db.prepare('INSERT OR IGNORE INTO article_tags (doc, tag_key) VALUES (?, ?)'),
      deleteTags: db.prepare('DELETE FROM article_tags WHERE doc = ?'),
      insertFeed: db.prepare('INSERT OR IGNORE INTO article_feeds (doc, feed_url) VALUES (?, ?)'),
      deleteFeeds: db.prepare('DELETE FROM article_feeds WHERE doc = ?'),
    };
    prepared.set(db, found);
  }
  return found;
}

/**
 * Writes everything searched beside the articles row: the FTS row and the
 * author, tag and feed rows. Inside the caller's write transaction; the doc
 * must have none yet (see {@link unindexArticle}).
 */
export function indexArticle(db: Database, doc: number, record: ArticleRecord, facts: ArticleFacts): void {
  const sql = statements(db);
  indexText(db, doc, record, facts);
  facts.authors.forEach((author, i) => sql.insertAuthor.run(doc, author, facts.authorKeys[i] ?? author.toLowerCase()));
  for (const tag of facts.tagKeys) sql.insertTag.run(doc, tag);
  addArticleFeeds(db, doc, record.feedUrls);
}

/** Writes the article's FTS row (inside the caller's write transaction; the doc must have none yet). */
export function indexText(db: Database, doc: number, record: ArticleRecord, facts: ArticleFacts): void {
  // As FTS5 is to split it: match markers out, CJK characters one token each (fts5Text).
  const text = (value: string) => fts5Text(indexedText(value));
  statements(db).insertText.run(doc, text(record.title), text(facts.authors.join(', ')), text(record.text), text(facts.siteText), facts.lang ?? '');
}

/** Removes what {@link indexArticle} wrote (the feed rows stay: feedUrls only grow). */
export function unindexArticle(db: Database, doc: number): void {
  const sql = statements(db);
  sql.deleteText.run(doc);
  sql.deleteAuthors.run(doc);
  sql.deleteTags.run(doc);
}

/** Removes the rows {@link indexArticle} wrote, feed rows too: the article itself is going (retention). */
export function forgetArticle(db: Database, doc: number): void {
  unindexArticle(db, doc);
  statements(db).deleteFeeds.run(doc);
}

export function addArticleFeeds(db: Database, doc: number, feedUrls: readonly string[]): void {
  const sql = statements(db);
  for (const url of feedUrls) sql.insertFeed.run(doc, url);
}
