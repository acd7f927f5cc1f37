import { ArticleRecordSchema, type ArticleRecord, type FeedRecord } from '@tidings/contracts';
import { feedFromDecodedRow, type DecodedFeedRow } from '../feeds/feed-row.js';
import type { ArticleFacts } from '../search/article-facts.js';
import { articleTsvector } from './lexemes.js';

/** A `feeds` row as pg returns it: jsonb parsed, bigint as a string. */
export type PgFeedRow = Omit<DecodedFeedRow, 'interval_ms'> & { interval_ms: string | null };

export function feedFromPgRow(row: PgFeedRow): FeedRecord {
  return feedFromDecodedRow({ ...row, interval_ms: row.interval_ms === null ? null : Number(row.interval_ms) });
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
    record.storyId ?? null,
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
  ['story_id', 'text'],
];
