import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleRecord } from '@tidings/contracts';
import { articleId } from '@tidings/url';

/**
 * Helpers for this package's tests (not exported from the package): real
 * SQLite files in a fresh temporary directory, and article records.
 */

/** A fresh temporary directory; `remove()` deletes it and everything in it. */
export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-index-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A complete ArticleRecord for `url` (already canonical), id derived from it, with `fields` overriding. */
export function makeArticle(url: string, fields: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: articleId(url),
    url,
    title: 'Untitled',
    authors: [],
    publishedAt: '2025-01-01T00:00:00.000Z',
    modifiedAt: null,
    siteName: 'Example News',
    lang: 'en',
    excerpt: null,
    text: '',
    html: '',
    wordCount: 0,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: '2025-01-02T00:00:00.000Z',
    ...fields,
  };
}
