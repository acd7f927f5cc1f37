import Parser from 'rss-parser';
import type { FeedFormat } from '@tidings/contracts';
import { NS_ATOM_03, NS_ATOM_1, NS_RSS_090, type XmlRoot } from './detect-format.js';
import { malformedFeed } from './errors.js';
import { isRecord, XmlElement } from './xml-element.js';

/** The channel (RSS) or feed (Atom) element and its items/entries, in document order. */
export interface XmlFeedTree {
  channel: XmlElement;
  items: XmlElement[];
}

/** Channel/feed children we read. rss-parser keeps only a lossy digest of these, so we ask for the raw values. */
const CHANNEL_FIELDS = [
  'title', 'dc:title', 'link', 'atom:link', 'description', 'dc:description', 'subtitle', 'tagline',
  'language', 'dc:language', 'lastBuildDate', 'pubDate', 'dc:date', 'updated', 'modified', 'author', 'dc:creator',
];

/** Item/entry children we read, RSS and Atom names together (each format simply lacks the other's). */
const ITEM_FIELDS = [
  'title', 'dc:title', 'link', 'guid', 'id', 'description', 'summary', 'content', 'content:encoded',
  'author', 'dc:creator', 'itunes:author', 'category', 'dc:subject',
  'enclosure', 'media:content', 'media:group', 'media:description', 'itunes:summary',
  'pubDate', 'dc:date', 'published', 'updated', 'issued', 'modified', 'created',
  'atom:link', 'atom:published', 'atom:updated', 'dcterms:issued', 'dcterms:modified',
];

/** Where our copies of the raw values go on rss-parser's output objects. */
const RAW_KEY = 'tidings:raw:';

/**
 * A customFields entry copying one child array (or `$`, xml2js's attribute
 * object) as-is: `keepArray` stops rss-parser from keeping only the first
 * value and unwrapping its text.
 */
const rawField = (name: string) => [name, RAW_KEY + name, { keepArray: true }];

/**
 * Namespace URIs we read elements from, with the prefix our field names use.
 * A feed may bind them to any prefix (WCF feeds say `a10:` for Atom); element
 * names are rewritten to these prefixes while parsing.
 */
const CANONICAL_PREFIXES: Readonly<Record<string, string>> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  [NS_ATOM_1]: 'atom',
};

/**
 * Parses the (repaired) XML with rss-parser and returns the raw channel and
 * items as `XmlElement`s. rss-parser finds the channel and items for RSS
 * 0.9x, 1.0 (RDF) and 2.0 and for Atom; its `customFields` hand us the raw
 * xml2js values, from which we read what its digest misses or gets wrong
 * (xml:base, content types, every link, author and date).
 *
 * A document cut off part-way (a truncated download) is retried once, closed
 * after its last complete item, with a warning. Throws `malformed-feed` for
 * XML that cannot be parsed or has no channel.
 */
export async function readXmlTree(xml: string, format: Exclude<FeedFormat, 'jsonfeed'>, root: XmlRoot, warnings: string[]): Promise<XmlFeedTree> {
  const first = await parseOnce(xml, format);
  if (first.tree !== null) return first.tree;
  // rss-parser fails with a TypeError when the XML parsed but lacks what it walks (an RSS document without
  // <channel>); every XML syntax error reaches us as a plain Error from sax.
  if (first.error instanceof TypeError) throw malformedFeed(structureProblem(xml, format, first.error), first.error);
  const reason = firstLine(first.error);
  const truncated = closeAfterLastItem(xml, format, root);
  if (truncated !== null) {
    const retry = await parseOnce(truncated, format);
    if (retry.tree !== null) {
      warnings.push(`the XML is not well-formed (${reason}); kept the items before the point where it breaks`);
      return retry.tree;
    }
  }
  throw malformedFeed(`the XML is not well-formed: ${reason}`, first.error);
}

type ParseOutcome = { tree: XmlFeedTree; error: null } | { tree: null; error: unknown };

async function parseOnce(xml: string, format: Exclude<FeedFormat, 'jsonfeed'>): Promise<ParseOutcome> {
  const rename = prefixRenamer(xml, format);
  // A fresh parser per document: xml2js keeps per-parse state, and an aborted parse must not leak into the next.
  const parser = new Parser({
    // rss-parser reads <rss> without a version as 0.9 or 2.0 only if told to; 2.0 is what such feeds almost always mean.
    defaultRSS: 2,
    xml2js: {
      // Text always under `_`: rss-parser then leaves Atom dates alone (it would throw RangeError on a bad one
      // and lose the whole feed) and every value has one shape for XmlElement.
      explicitCharkey: true,
      tagNameProcessors: rename === null ? [] : [rename],
      attrNameProcessors: rename === null ? [] : [rename],
      validator: format === 'atom1' || format === 'atom03' ? atomLinkWithHref : undefined,
    },
    customFields: { feed: ['$', ...CHANNEL_FIELDS].map(rawField), item: ['$', ...ITEM_FIELDS].map(rawField) },
    // rss-parser's typings allow keepArray only on item fields; its code applies the options to feed fields too.
  } as unknown as Parser.ParserOptions<Record<string, unknown>, Record<string, unknown>>);
  let output: unknown;
  try {
    output = await parser.parseString(xml);
  } catch (error) {
    return { tree: null, error };
  }
  if (!isRecord(output)) return { tree: null, error: new TypeError('rss-parser returned no feed') };
  const items = Array.isArray(output.items) ? output.items : [];
  return { tree: { channel: fromRawFields(output), items: items.map(fromRawFields) }, error: null };
}

/** Rebuilds an element from the raw values rss-parser copied onto one of its output objects. */
function fromRawFields(copy: unknown): XmlElement {
  const children: Record<string, unknown> = {};
  if (!isRecord(copy)) return XmlElement.fromParts(null, children);
  for (const [key, value] of Object.entries(copy)) {
    if (key.startsWith(RAW_KEY) && key !== `${RAW_KEY}$`) children[key.slice(RAW_KEY.length)] = value;
  }
  return XmlElement.fromParts(copy[`${RAW_KEY}$`], children);
}

/**
 * rss-parser reads `link.$.rel` on every Atom link and throws when a link has
 * no attributes (`<link>http://...</link>`, seen in broken feeds); such a link
 * gets its text as href instead, which is also what it meant.
 */
function atomLinkWithHref(xpath: string, _current: unknown, value: unknown): unknown {
  if (xpath !== '/feed/link' && xpath !== '/feed/entry/link') return value;
  if (isRecord(value) && isRecord(value.$)) return value;
  const text = typeof value === 'string' ? value : isRecord(value) && typeof value._ === 'string' ? value._ : '';
  return { ...(isRecord(value) ? value : {}), $: text.trim() === '' ? {} : { href: text.trim() } };
}

/**
 * A name processor giving the namespaces we read their usual prefixes, from
 * the `xmlns:` declarations in the document; null when every prefix already
 * is the usual one. In an Atom document Atom elements are unprefixed (that is
 * where rss-parser looks for them); in RSS 1.0/0.90 so are the RSS ones.
 */
function prefixRenamer(xml: string, format: Exclude<FeedFormat, 'jsonfeed'>): ((name: string) => string) | null {
  const canonical: Record<string, string> = { ...CANONICAL_PREFIXES };
  if (format === 'atom1') canonical[NS_ATOM_1] = '';
  if (format === 'atom03') canonical[NS_ATOM_03] = '';
  if (format === 'rss1') canonical['http://purl.org/rss/1.0/'] = '';
  if (format === 'rss09x') canonical[NS_RSS_090] = '';
  const renames = new Map<string, string>();
  const conflicting = new Set<string>();
  for (const match of xml.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const [, prefix = '', doubleQuoted, singleQuoted] = match;
    const target = canonical[(doubleQuoted ?? singleQuoted ?? '').trim()];
    if (target === undefined || target === prefix) continue;
    // A prefix bound to two different namespaces in one document is left alone: we cannot tell which is which.
    if (renames.has(prefix) && renames.get(prefix) !== target) conflicting.add(prefix);
    renames.set(prefix, target);
  }
  for (const prefix of conflicting) renames.delete(prefix);
  if (renames.size === 0) return null;
  return (name) => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const target = renames.get(name.slice(0, colon));
    if (target === undefined) return name;
    return target === '' ? name.slice(colon + 1) : `${target}:${name.slice(colon + 1)}`;
  };
}

/**
 * The document cut after its last complete item or entry and closed, for a
 * download that stopped part-way; null when there is no complete item.
 */
function closeAfterLastItem(xml: string, format: Exclude<FeedFormat, 'jsonfeed'>, root: XmlRoot): string | null {
  const isAtom = format === 'atom1' || format === 'atom03';
  const prefix = root.name.includes(':') && isAtom ? `${root.name.slice(0, root.name.indexOf(':'))}:` : '';
  const closeTag = isAtom ? `</${prefix}entry>` : '</item>';
  const end = xml.lastIndexOf(closeTag);
  if (end < 0) return null;
  const inChannel = format === 'rss2' || (format === 'rss09x' && !root.name.endsWith('RDF'));
  return `${xml.slice(0, end + closeTag.length)}${inChannel ? '</channel>' : ''}</${root.name}>`;
}

function structureProblem(xml: string, format: Exclude<FeedFormat, 'jsonfeed'>, error: unknown): string {
  const isRss = format !== 'atom1' && format !== 'atom03';
  if (isRss && !/<(?:[A-Za-z_][\w.-]*:)?channel[\s/>]/.test(xml)) return 'the RSS document has no <channel> element';
  return `the feed's structure could not be read: ${firstLine(error)}`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown XML error';
}
