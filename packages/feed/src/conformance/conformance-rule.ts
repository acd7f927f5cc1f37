import type { FeedItem, ParsedFeed } from '@tidings/contracts';

/**
 * One rule of a feed specification, shown by the smallest document that
 * exercises it, and the normalised values parsing it must give. Rules are
 * kept in tables (`*.rules.ts`), one row per rule, so several hundred stay
 * readable: most rows are built by the document helpers below.
 */
export interface ConformanceRule {
  /** The rule, in words: the test's name. Unique. */
  rule: string;
  /** The document: text (parsed with `parseFeed`) or bytes (decoded and parsed with `parseFeedBytes`). */
  document: string | Uint8Array;
  /** Where it came from: the document URL, the HTTP Content-Location and Content-Type. */
  feedUrl?: string | null;
  contentLocation?: string | null;
  contentType?: string | null;
  format?: ParsedFeed['format'];
  /** Channel fields that must have these values (others are not checked). */
  feed?: Partial<ParsedFeed['feed']>;
  /** The first item's fields that must have these values. */
  item?: Partial<FeedItem>;
}

/** The document URL every rule is parsed with unless it says otherwise. */
export const DOCUMENT_URL = 'https://conformance.example/feeds/main.xml';

const RSS_NAMESPACES = [
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
  'xmlns:xhtml="http://www.w3.org/1999/xhtml"',
].join(' ');

/** An RSS 2.0 document: `channel` inside <channel> (a title is added unless it has one), `item` inside its one <item>. */
export function rss2(item: string, channel = '', rootAttributes = ''): string {
  const title = channel.includes('<title') ? '' : '<title>Conformance</title>';
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" ${RSS_NAMESPACES}${rootAttributes}><channel>${title}${channel}<item>${item}</item></channel></rss>`;
}

/** An RSS 1.0 (RDF) document with one item. */
export function rss1(item: string, channel = '', about = 'https://conformance.example/rdf/1'): string {
  const title = channel.includes('<title') ? '' : '<title>Conformance</title>';
  return `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ${RSS_NAMESPACES}><channel rdf:about="https://conformance.example/">${title}${channel}</channel><item rdf:about="${about}">${item}</item></rdf:RDF>`;
}

/** An RSS 0.91 document with one item. */
export function rss091(item: string, channel = ''): string {
  const title = channel.includes('<title') ? '' : '<title>Conformance</title>';
  return `<?xml version="1.0"?>\n<rss version="0.91"><channel>${title}<link>https://conformance.example/</link><description>d</description>${channel}<item>${item}</item></channel></rss>`;
}

/** An Atom 1.0 document: `feed` inside <feed>, `entry` inside its one <entry> (an id is added unless it has one). */
export function atom1(entry: string, feed = '', rootAttributes = ''): string {
  const id = entry.includes('<id') ? '' : '<id>tag:conformance.example,2024:1</id>';
  const title = feed.includes('<title') ? '' : '<title>Conformance</title>';
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"${rootAttributes}>${title}<id>tag:conformance.example,2024:feed</id><updated>2024-01-01T00:00:00Z</updated>${feed}<entry>${id}${entry}</entry></feed>`;
}

/** An Atom 0.3 document with one entry. */
export function atom03(entry: string, feed = '', rootAttributes = ''): string {
  const id = entry.includes('<id') ? '' : '<id>tag:conformance.example,2004:1</id>';
  const title = feed.includes('<title') ? '' : '<title>Conformance</title>';
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed version="0.3" xmlns="http://purl.org/atom/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"${rootAttributes}>${title}<modified>2004-01-01T00:00:00Z</modified>${feed}<entry>${id}${entry}</entry></feed>`;
}

/** A JSON Feed 1.1 document: the top-level members and one item (an id is added unless it has one). */
export function jsonFeed(item: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Conformance', ...top, items: [{ id: 'j1', ...item }] });
}

/** Base64 of UTF-8 text, for Atom 0.3 mode="base64". */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
