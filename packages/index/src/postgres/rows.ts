import { ArticleRecordSchema, type ArticleRecord, type FeedHints, type FeedRecord, type FeedState } from '@tidings/contracts';
import type { ArticleFacts } from '../search/article-facts.js';
import { articleTsvector } from './lexemes.js';

/** A `feeds` row as pg returns it. */
export interface PgFeedRow {
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
  tags: string[];
  state: string;
  state_reason: string | null;
  /** bigint: pg returns it as a string. */
  interval_ms: string | null;
  next_poll_at: string | null;
  last_new_item_at: string | null;
  last_http_status: number | null;
  /** jsonb: pg parses it. */
  poll_hints: FeedHints | null;
  last_warnings: string[];
}

export function feedFromPgRow(row: PgFeedRow): FeedRecord {
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
    tags: row.tags,
    state: row.state as FeedState,
    stateReason: row.state_reason,
    intervalMs: row.interval_ms === null ? null : Number(row.interval_ms),
    nextPollAt: row.next_poll_at,
    lastNewItemAt: row.last_new_item_at,
    lastHttpStatus: row.last_http_status,
    pollHints: row.poll_hints,
    lastWarnings: row.last_warnings,
  };
}

const RECORD_KEYS = Object.keys(ArticleRecordSchema.shape) as Array<keyof ArticleRecord>;

/**
 * A record read back from jsonb, with its fields in the contract's order
 * (jsonb sorts keys by length), so `--json` output looks the same on both backends.
 */
export function recordFromJsonb(value: Record<string, unknown>): ArticleRecord {
  const ordered: Record<string, unknown> = {};
  for (const key of RECORD_KEYS) if (key in value) ordered[key] = value[key];
  return ordered as ArticleRecord;
}

/** The articles columns of a record, in the order of ARTICLE_COLUMNS. */
export function articleValues(record: ArticleRecord, facts: ArticleFacts): unknown[] {
  return [
    record.id,
    record.url,
    record.title,
    record.publishedAt,
    record.siteName,
    record.fetchedAt,
    facts.date,
    facts.site,
    facts.siteKey,
    facts.host,
    facts.lang,
    facts.authors,
    facts.authorKeys,
    facts.tagKeys,
    record.feedUrls,
    articleTsvector(record, facts),
    JSON.stringify(record),
  ];
}

/** Columns articleValues fills, with the cast each parameter needs. */
export const ARTICLE_COLUMNS: ReadonlyArray<[string, string]> = [
  ['id', 'text'],
  ['url', 'text'],
  ['title', 'text'],
  ['published_at', 'text'],
  ['site_name', 'text'],
  ['fetched_at', 'text'],
  ['date_at', 'timestamptz'],
  ['site', 'text'],
  ['site_key', 'text'],
  ['host', 'text'],
  ['lang', 'text'],
  ['authors', 'text[]'],
  ['author_keys', 'text[]'],
  ['tag_keys', 'text[]'],
  ['feed_urls', 'text[]'],
  ['tsv', 'tsvector'],
  ['record', 'jsonb'],
];
