import type { FeedFormat } from '@tidings/contracts';
import { malformedFeed } from './errors.js';
import { prologLength } from './xml-markup.js';
import { NS_ATOM_03, NS_ATOM_1, NS_RSS_090 } from './xml-namespaces.js';

/** The document element of an XML feed: its qualified name and attributes. */
export interface XmlRoot {
  name: string;
  attributes: Readonly<Record<string, string>>;
}

/** What kind of document `detectFormat` found, and the text to parse (leading junk removed). */
export type DetectedDocument =
  | { kind: 'json'; text: string }
  | { kind: 'xml'; format: Exclude<FeedFormat, 'jsonfeed'>; root: XmlRoot; text: string };

/** A start tag; attribute values may be unquoted or missing, as in sloppy feeds (`<rss version=2.0>`). */
const START_TAG = /^<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** A start tag that can begin a feed, found anywhere (to skip junk such as a PHP warning printed first). */
const FEED_ROOT_TAG = /<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|rdf)[\s/>]/i;
/** Root element names (local, lower-cased) of the feed formats; element names are read case-insensitively throughout. */
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf']);

/**
 * Finds what the document is from its start: JSON, or XML whose root
 * element is RSS (`<rss>`), RDF (RSS 1.0 and 0.90) or Atom (`<feed>`).
 * Skips a byte-order mark and, with a warning, junk printed before the
 * document. Throws a permanent `malformed-feed` TidingsError for HTML pages
 * and anything else that is not a feed.
 */
export function detectFormat(input: string, warnings: string[]): DetectedDocument {
  const text = input.replace(/^\uFEFF+/, '').trimStart();
  if (text === '') throw malformedFeed('the document is empty');
  if (looksBinary(text)) throw malformedFeed('the document is binary data, not a feed');
  if (text.startsWith('{') || text.startsWith('[')) return { kind: 'json', text };
  const xml = skipLeadingJunk(text, warnings);
  // Whitespace, the XML declaration, PIs, comments and a DOCTYPE may come before the root element.
  const prolog = xml.slice(0, prologLength(xml));
  if (/<!DOCTYPE\s+html\b/i.test(prolog)) throw malformedFeed('the document is an HTML page, not a feed');
  const start = START_TAG.exec(xml.slice(prolog.length));
  const root: XmlRoot | null = start ? { name: start[1] ?? '', attributes: parseAttributes(start[2] ?? '') } : null;
  if (root !== null && localName(root.name).toLowerCase() === 'html') throw malformedFeed('the document is an HTML page, not a feed');
  if (root === null || !FEED_ROOTS.has(localName(root.name).toLowerCase())) {
    // Junk between the prolog and the real root (say "<br />" or text from a PHP warning): skip to the feed.
    const later = FEED_ROOT_TAG.exec(xml.slice(prolog.length));
    if (later && later.index > 0) {
      warnings.push(`ignored ${later.index} characters before the feed's root element`);
      return detectFormat(xml.slice(prolog.length + later.index), warnings);
    }
    if (root === null) throw malformedFeed('the document is not well-formed XML: no root element found');
    throw malformedFeed(`the root element <${root.name}> is not RSS, RDF or Atom`);
  }
  return { kind: 'xml', format: formatOf(root, warnings), root, text: xml };
}

/**
 * An image or archive served as the feed: a NUL, or many other control
 * characters, near the start. (A stray control character or two is a
 * sloppy feed, not a binary one.) A document that opens as markup or JSON
 * is a feed with a stray NUL in it (in an item's title, say), which the
 * parser drops as it does past the first kilobyte; only many of them make
 * it binary (UTF-16 read as a single-byte charset is half NULs).
 */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 1024);
  const textual = /^\ufeff?\s*[<{[]/.test(head);
  let controls = 0;
  for (let index = 0; index < head.length; index += 1) {
    const code = head.charCodeAt(index);
    if (code === 0 && !textual) return true;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) controls += 1;
  }
  return controls > head.length / 20;
}

/**
 * Drops text before the document: before `<?xml` when the declaration comes
 * before any feed root, else before the first `<`. Whitespace goes silently;
 * anything else is reported.
 */
function skipLeadingJunk(text: string, warnings: string[]): string {
  const declaration = text.indexOf('<?xml');
  const feedRoot = FEED_ROOT_TAG.exec(text)?.index ?? Number.POSITIVE_INFINITY;
  const start = declaration >= 0 && declaration < feedRoot ? declaration : text.indexOf('<');
  if (start < 0) throw malformedFeed('the document is neither XML nor JSON');
  const junk = text.slice(0, start);
  if (junk.trim() !== '') warnings.push(`ignored ${junk.length} characters before the XML document`);
  return text.slice(start);
}

function formatOf(root: XmlRoot, warnings: string[]): Exclude<FeedFormat, 'jsonfeed'> {
  const local = localName(root.name).toLowerCase();
  if (local === 'rdf') {
    // RSS 0.90 is RDF too; only its default namespace tells it from RSS 1.0.
    return root.attributes.xmlns?.trim() === NS_RSS_090 ? 'rss09x' : 'rss1';
  }
  if (local === 'rss') {
    const version = root.attributes.version?.trim();
    if (version === undefined || version === '') {
      warnings.push('the <rss> element has no version; read as RSS 2.0');
      return 'rss2';
    }
    if (/^2(?:\.\d+)*$/.test(version)) return 'rss2';
    if (/^0\.9\d?$/.test(version)) return 'rss09x';
    warnings.push(`unknown RSS version "${version}"; read as RSS 2.0`);
    return 'rss2';
  }
  const namespace = namespaceOf(root);
  if (namespace === NS_ATOM_03 || root.attributes.version?.trim() === '0.3') return 'atom03';
  if (namespace !== NS_ATOM_1) warnings.push(`the <${root.name}> element is not in the Atom namespace; read as Atom 1.0`);
  return 'atom1';
}

/** The namespace URI the root element's prefix (or the default namespace) is bound to on the root. */
function namespaceOf(root: XmlRoot): string | undefined {
  const colon = root.name.indexOf(':');
  const declaration = colon < 0 ? 'xmlns' : `xmlns:${root.name.slice(0, colon)}`;
  return root.attributes[declaration]?.trim();
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const [, name, doubleQuoted, singleQuoted, unquoted] = match;
    if (name !== undefined) attributes[name] = doubleQuoted ?? singleQuoted ?? unquoted ?? '';
  }
  return attributes;
}
