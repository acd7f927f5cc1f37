import type { FeedRecord, SearchHit } from '@tidings/contracts';

/** A `feeds` row as SQLite returns it. */
export interface FeedRow {
  id: string;
  url: string;
  title: string | null;
  added_at: string;
  last_fetch_at: string | null;
  last_status: string | null;
  last_error: string | null;
  consecutive_failures: number;
  items_seen: number;
  etag: string | null;
  last_modified: string | null;
}

export function feedFromRow(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    addedAt: row.added_at,
    lastFetchAt: row.last_fetch_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    itemsSeen: row.items_seen,
    etag: row.etag,
    lastModified: row.last_modified,
  };
}

/** One row of the search query, before the snippet is made safe. */
export interface HitRow {
  id: string;
  url: string;
  title: string;
  published_at: string | null;
  site_name: string | null;
  snippet: string;
  score: number;
}

/**
 * snippet() marks matches with these control characters rather than with
 * `<mark>` itself, so the article text can be HTML-escaped around them
 * first. They are removed from the indexed copy of every article
 * ({@link ftsText}), so any in a snippet are ours.
 */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** Text as it goes into articles_fts: without the match markers. */
export function ftsText(text: string): string {
  return text.replaceAll(MATCH_START, ' ').replaceAll(MATCH_END, ' ');
}

/**
 * The article text with `&`, `<` and `>` escaped and matches wrapped in
 * `<mark>`: an HTML fragment, safe to insert as element content. (Quotes are
 * left alone: they only matter inside attributes, and apostrophes are common.)
 */
function markSnippet(raw: string): string {
  return raw
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll(MATCH_START, '<mark>')
    .replaceAll(MATCH_END, '</mark>');
}

export function hitFromRow(row: HitRow): SearchHit {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    publishedAt: row.published_at,
    siteName: row.site_name,
    snippet: markSnippet(row.snippet),
    score: row.score,
  };
}
