import type { ArticleRecord } from '@tidings/contracts';
import { filingTime } from './dates.js';

/**
 * What both backends store beside an article to filter, facet and sort by,
 * derived the same way for each. Pure.
 */
export interface ArticleFacts {
  /**
   * ISO time the article is dated by: publishedAt, else fetchedAt (normalised to `toISOString`); a time outside the
   * years 1-9999 counts as none (search/dates.ts: PostgreSQL cannot store it, SQLite sorted it wrongly).
   */
  date: string;
  /** The `site` facet value: the site name, or the host when the page gave none. */
  site: string;
  /** Lower-cased `site`, for case-insensitive filtering. */
  siteKey: string;
  /** The URL's host name, lower case, without a leading `www.`; '' when the URL has none. */
  host: string;
  /** Language code in lower case with `-` (`en-gb`), or null. */
  lang: string | null;
  /** Author names, trimmed, without empty ones or duplicates. */
  authors: string[];
  /** Lower-cased `authors`. */
  authorKeys: string[];
  /** The article's tags, lower-cased, without duplicates. */
  tagKeys: string[];
  /** What the FTS `site` column holds: site name and host, so `site:` finds either. */
  siteText: string;
}

/** The same time as `toISOString`, or null when `value` is not a date. */
export function isoTime(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Host of `url` in lower case without `www.`, or '' when it has none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./u, '');
  } catch {
    return '';
  }
}

/** A language code as stored and compared: trimmed, lower case, `_` as `-`; null when empty. */
export function langKey(lang: string | null | undefined): string | null {
  const key = (lang ?? '').trim().toLowerCase().replaceAll('_', '-');
  return key === '' ? null : key;
}

/** Trimmed, non-empty, unique (case-insensitively), first spelling kept. */
export function cleanList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    const key = trimmed.toLowerCase();
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}

export function articleFacts(record: ArticleRecord): ArticleFacts {
  const host = hostOf(record.url);
  const site = record.siteName?.trim() || host;
  const authors = cleanList(record.authors);
  return {
    date: filingTime(record),
    site,
    siteKey: site.toLowerCase(),
    host,
    lang: langKey(record.lang),
    authors,
    authorKeys: authors.map((author) => author.toLowerCase()),
    tagKeys: cleanList(record.tags).map((tag) => tag.toLowerCase()),
    siteText: site === host ? host : `${site} ${host}`,
  };
}
