import type { ArticleRecord } from '@tidings/contracts';
import { articleFacts, cleanList, tokenize } from '@tidings/index';
import type { Column } from './saved-search.js';

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

export function articleDocument(record: ArticleRecord, context: ArticleContext = {}): ArticleDocument {
  // The filter values and column texts exactly as the index derives them for the same record.
  const facts = articleFacts(record);
  const text: Record<Column, string> = {
    title: record.title,
    authors: facts.authors.join(', '),
    text: record.text,
    site: facts.siteText,
    lang: facts.lang ?? '',
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
    siteKey: facts.siteKey,
    host: facts.host,
    lang: facts.lang,
    authorKeys: facts.authorKeys,
    tagKeys: [...new Set([...facts.tagKeys, ...cleanList(listing.flatMap((feed) => feed.tags)).map((tag) => tag.toLowerCase())])],
    feedKeys: [...record.feedUrls, ...listing.map((feed) => feed.id)],
  };
}
