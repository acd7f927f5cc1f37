import type { ArticleRecord } from '@tidings/contracts';
import type { IndexedEvent } from '@tidings/queue';
import { articleId } from '@tidings/url';

/**
 * Test-only: article records and their announcements, as the indexer
 * stores and announces them. Not exported from the package.
 */

/** A complete ArticleRecord for `url` (canonical) with body `text`, published and fetched at `publishedAt`; `fields` override. */
export function testArticle(url: string, text: string, publishedAt: string, fields: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: articleId(url),
    url,
    title: 'Untitled',
    authors: [],
    publishedAt,
    modifiedAt: null,
    siteName: 'Example',
    lang: 'en',
    excerpt: null,
    text,
    html: `<p>${text}</p>`,
    wordCount: text.split(/\s+/).length,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: publishedAt,
    ...fields,
  };
}

/** What the indexer announces for a stored record, indexed now. */
export function announced(record: ArticleRecord): IndexedEvent {
  const { id, url, title, siteName, authors, publishedAt, fetchedAt } = record;
  return { id, url, title, siteName, authors, publishedAt, fetchedAt, indexedAt: new Date().toISOString() };
}
