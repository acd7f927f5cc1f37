import type { ArticleRecord } from '@tidings/contracts';
import { tokenize } from '@tidings/index';
import type { Column } from './saved-search.js';
import { langKey } from './saved-search.js';

/**
 * An article as saved searches see it: each searchable column tokenised the
 * way the index tokenises it (same text in each column as the index
 * stores), and the values the filters compare. Built once per article.
 */
export interface ArticleDocument {
  columns: Record<Column, string[]>;
  /** Per column, each token's positions. */
  positions: Record<Column, Map<string, number[]>>;
  siteKey: string;
  host: string;
  lang: string | null;
  authorKeys: string[];
  /** The article's tags and those of the feeds that listed it, lower case. */
  tagKeys: string[];
  /** The URLs of the feeds that listed it, and the ids of those subscribed. */
  feedKeys: string[];
}

/** A subscribed feed, as far as matching cares. */
export interface ContextFeed {
  id: string;
  url: string;
  tags: readonly string[];
}

/**
 * What matching needs beyond the record: the subscribed feeds (the index's
 * `tag` filter also looks at the tags of the feeds that listed an article,
 * and its `feed` filter takes a feed's id as well as its URL). Only those
 * among the article's feedUrls count.
 */
export interface ArticleContext {
  feeds?: readonly ContextFeed[];
}

const COLUMNS: readonly Column[] = ['title', 'authors', 'text', 'site', 'lang'];

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./u, '');
  } catch {
    return '';
  }
}

/** Trimmed, non-empty, unique ignoring case, first spelling kept (as the index keeps authors and tags). */
function cleanList(values: readonly string[]): string[] {
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

export function articleDocument(record: ArticleRecord, context: ArticleContext = {}): ArticleDocument {
  const host = hostOf(record.url);
  const site = record.siteName?.trim() || host;
  const authors = cleanList(record.authors);
  const lang = record.lang === null || record.lang.trim() === '' ? null : langKey(record.lang);
  const text: Record<Column, string> = {
    title: record.title,
    authors: authors.join(', '),
    text: record.text,
    site: site === host ? host : `${site} ${host}`,
    lang: lang ?? '',
  };
  const columns = {} as Record<Column, string[]>;
  const positions = {} as Record<Column, Map<string, number[]>>;
  for (const column of COLUMNS) {
    const tokens = tokenize(text[column]);
    const map = new Map<string, number[]>();
    tokens.forEach((token, i) => {
      const list = map.get(token);
      if (list) list.push(i);
      else map.set(token, [i]);
    });
    columns[column] = tokens;
    positions[column] = map;
  }
  const listing = (context.feeds ?? []).filter((feed) => record.feedUrls.includes(feed.url));
  return {
    columns,
    positions,
    siteKey: site.toLowerCase(),
    host,
    lang,
    authorKeys: authors.map((author) => author.toLowerCase()),
    tagKeys: [...new Set([...cleanList(record.tags), ...cleanList(listing.flatMap((feed) => feed.tags))].map((tag) => tag.toLowerCase()))],
    feedKeys: [...record.feedUrls, ...listing.map((feed) => feed.id)],
  };
}
