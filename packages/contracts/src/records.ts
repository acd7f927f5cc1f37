import { z } from 'zod';

/** ISO 8601 UTC timestamp, or null when unknown. */
const isoOrNull = z.string().nullable();

/**
 * One stored article. The JSON shape of `tidings show --json`: fields may be
 * added, never renamed or dropped.
 */
export const ArticleRecordSchema = z.object({
  /** Stable id derived from the canonical URL. */
  id: z.string(),
  /** Canonical, normalised URL: the index key. */
  url: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  publishedAt: isoOrNull,
  modifiedAt: isoOrNull,
  siteName: z.string().nullable(),
  lang: z.string().nullable(),
  excerpt: z.string().nullable(),
  /** Plain text, paragraphs separated by a blank line. */
  text: z.string(),
  /** Sanitised HTML of the article body. */
  html: z.string(),
  wordCount: z.number().int().nonnegative(),
  imageUrl: z.string().nullable(),
  tags: z.array(z.string()),
  /** Every feed that listed this article. */
  feedUrls: z.array(z.string()),
  fetchedAt: z.string(),
});
export type ArticleRecord = z.infer<typeof ArticleRecordSchema>;

/** What the extractor returns: a record minus what only the pipeline knows. */
export type ExtractedArticle = Omit<ArticleRecord, 'id' | 'feedUrls' | 'fetchedAt'>;

/** Feed formats `parse-feed` reports. */
export const FEED_FORMATS = ['rss2', 'rss1', 'rss09x', 'atom1', 'atom03', 'jsonfeed'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface FeedEnclosure {
  url: string;
  type: string | null;
  length: number | null;
}

/** One feed item as `tidings parse-feed --json` prints it. */
export interface FeedItem {
  id: string;
  /** Absolute, normalised article URL, or null when the item has no link. */
  url: string | null;
  title: string | null;
  summary: string | null;
  contentHtml: string | null;
  authors: string[];
  publishedAt: string | null;
  updatedAt: string | null;
  categories: string[];
  enclosures: FeedEnclosure[];
}

/** The output of `tidings parse-feed --json`. */
export interface ParsedFeed {
  format: FeedFormat;
  feed: {
    title: string | null;
    siteUrl: string | null;
    feedUrl: string | null;
    description: string | null;
    language: string | null;
    updatedAt: string | null;
  };
  items: FeedItem[];
  warnings: string[];
}

/** A subscribed feed and its health, as `tidings feeds --json` prints it. */
export interface FeedRecord {
  id: string;
  url: string;
  title: string | null;
  addedAt: string;
  lastFetchAt: string | null;
  /** 'ok' | 'not-modified' | 'error' | null (never fetched). */
  lastStatus: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  itemsSeen: number;
  etag: string | null;
  lastModified: string | null;
}

/** A search hit as `tidings search --json` prints it. */
export interface SearchHit {
  id: string;
  url: string;
  title: string;
  publishedAt: string | null;
  siteName: string | null;
  snippet: string;
  score: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}
