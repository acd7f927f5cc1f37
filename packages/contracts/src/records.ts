import { z } from 'zod';

/** Where the extractor found a field's value (null when no source had it). */
const FieldSourceSchema = z
  .enum(['json-ld', 'opengraph', 'meta', 'microdata', 'markup', 'readability', 'url', 'feed-item', 'body', 'detected'])
  .nullable();

/**
 * The kinds of page the extractor tells apart: an article (news, blog post,
 * essay), a forum or Q&A thread, documentation, one product, a collection of
 * products, a listing of articles or items, a service or landing page.
 */
export const PAGE_TYPES = ['article', 'forum', 'documentation', 'product', 'collection', 'listing', 'service'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

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
  /** The article's section (e.g. "World"), when the page names one. */
  section: z.string().nullable().optional(),
  /**
   * What kind of page the record came from (see PAGE_TYPES); the indexer stores
   * only the kinds TIDINGS_INDEX_PAGE_TYPES names. Optional: older records lack it.
   */
  pageType: z.enum(PAGE_TYPES).optional(),
  /** 0..1: how sure the extractor is of `pageType`. */
  pageTypeConfidence: z.number().min(0).max(1).optional(),
  /** How the record was made: the text's path, a confidence, and which source won each field. */
  extraction: z
    .object({
      method: z.enum(['readability', 'fallback:json-ld', 'fallback:article-element', 'fallback:list', 'feed-content']),
      confidence: z.number().min(0).max(1),
      engine: z.enum(['linkedom', 'jsdom']).nullable(),
      sources: z.record(z.string(), FieldSourceSchema),
    })
    .optional(),
  /**
   * The story the article belongs to (articles reporting the same story, across
   * feeds and sites, share it), assigned by the indexer; kept when the article is
   * indexed again. Optional: articles indexed before stories lack it.
   */
  storyId: z.string().min(1).optional(),
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

/**
 * What a feed document itself says about polling it: RSS 2.0 `<ttl>`, the
 * Syndication module's `sy:updatePeriod` / `sy:updateFrequency`, and RSS
 * 2.0 `<skipHours>` / `<skipDays>`. Each absent one is null or empty.
 */
export interface FeedHints {
  /** `<ttl>` in ms. */
  ttlMs: number | null;
  /** `sy:updatePeriod` divided by `sy:updateFrequency`, in ms. */
  updatePeriodMs: number | null;
  /** UTC hours (0-23) in which the publisher asks not to be polled. */
  skipHours: number[];
  /** UTC days (0 = Sunday ... 6 = Saturday) in which the publisher asks not to be polled. */
  skipDays: number[];
}

/** The output of `tidings parse-feed --json`. */
export interface ParsedFeed {
  format: FeedFormat;
  feed: {
    title: string | null;
    siteUrl: string | null;
    feedUrl: string | null;
    /**
     * WebSub hubs the feed declares (`<link rel="hub">`, atom:link in RSS,
     * JSON Feed `hubs`), absolute URLs in document order; absent when none.
     */
    hubs?: string[];
    description: string | null;
    language: string | null;
    updatedAt: string | null;
  };
  items: FeedItem[];
  warnings: string[];
  /** The feed's polling hints, read from its channel (none for a JSON Feed). */
  hints: FeedHints;
}

/** Whether the scheduler polls a feed: paused/stopped feeds are left alone, with the reason in `stateReason`. */
export const FEED_STATES = ['active', 'paused', 'stopped'] as const;
export type FeedState = (typeof FEED_STATES)[number];

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
  /** The typed code of the last poll's failure (`http-status`, `malformed-feed`, `timeout`...), as in a failed job's reason; null when it worked or never ran. */
  lastErrorCode: string | null;
  consecutiveFailures: number;
  itemsSeen: number;
  etag: string | null;
  lastModified: string | null;
  /** Folders/categories (from OPML), in the order given, without duplicates. */
  tags: string[];
  /** 'active' (polled), 'paused' (e.g. too many failures) or 'stopped' (e.g. HTTP 410). */
  state: FeedState;
  /** Why the feed is paused or stopped, for people; null when active. */
  stateReason: string | null;
  /** The current (adaptive) polling interval in ms, or null when not yet decided. */
  intervalMs: number | null;
  /** ISO time of the next poll, or null when not scheduled. */
  nextPollAt: string | null;
  /** ISO time the feed last listed an item never seen before. */
  lastNewItemAt: string | null;
  /** HTTP status of the last fetch (200, 304, 410...), or null when none. */
  lastHttpStatus: number | null;
  /**
   * The polling hints of the last parse (`<ttl>`, `sy:updatePeriod`,
   * skipHours/skipDays), or null before the first parse: a 304 has no body,
   * so its next poll is scheduled from these.
   */
  pollHints: FeedHints | null;
  /** What the last fetch and parse warned about (charset guessed, items dropped...); empty when nothing. */
  lastWarnings: string[];
}

/** A search hit as `tidings search --json` prints it. */
export interface SearchHit {
  id: string;
  url: string;
  title: string;
  publishedAt: string | null;
  siteName: string | null;
  /** HTML fragment: the text around the matches, `&<>` escaped, matches in `<mark>`. */
  snippet: string;
  /** Higher is better; comparable only within one result set and one backend. */
  score: number;
  authors: string[];
  /** The article's story (see ArticleRecord.storyId), when it has one. */
  storyId?: string;
  /** With `collapse: 'story'`: how many articles the hit's story has in all (1 for an article without a story). */
  storySize?: number;
  /** With `collapse: 'story'`: the distinct sites of the story's articles, the hit's own included, sorted. */
  storySites?: string[];
}

/** One value of a facet and how many matching articles have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Facets counted over every article the search matched (not only the page).
 * `site` is the site name (the URL's host when the page gave none), `day`
 * is YYYY-MM-DD (UTC) of the article's date (publishedAt, else fetchedAt).
 */
export interface SearchFacets {
  site: FacetCount[];
  lang: FacetCount[];
  author: FacetCount[];
  day: FacetCount[];
}

export interface SearchResult {
  /** How many articles matched in all (estimated when `totalIsEstimate`). */
  total: number;
  /**
   * Present and true when `total` (and the facet counts) were estimated from
   * the newest matches rather than counted: on PostgreSQL, for searches with
   * many matches that the index alone cannot count (phrases, field words, filters).
   */
  totalIsEstimate?: boolean;
  hits: SearchHit[];
  /** Opaque; pass as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  /** Present when asked for (`facets: true`). */
  facets?: SearchFacets;
}
