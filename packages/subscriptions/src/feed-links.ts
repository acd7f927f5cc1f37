import { Parser } from 'htmlparser2';

/**
 * Feed autodiscovery: the feeds a web page announces with
 * `<link rel="alternate" type="application/rss+xml" href="...">` (and the
 * Atom, JSON Feed and RDF types), and the paths sites commonly serve feeds
 * at when they announce none.
 */

/** A feed a page links to. */
export interface FeedLink {
  /** Absolute URL, resolved against the page (and its `<base href>`). */
  url: string;
  /** The link's `title`, or null. */
  title: string | null;
  /** The declared media type, lower-case, e.g. `application/atom+xml`. */
  type: string;
}

/** Media types that announce a feed. */
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
]);

/** Paths tried, in order, on a site whose home page announces no feed. */
export const COMMON_FEED_PATHS: readonly string[] = ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/rss', '/index.xml', '/feed.json'];

/**
 * The feeds `html` announces, in document order, without duplicates. Only
 * `<link>` elements count (in the head or, as some sites put them, the
 * body): `rel` must contain `alternate` (or be `feed`) and `type` must be a
 * feed type; `application/json` also needs the JSON Feed profile hint in the
 * URL or title to avoid catching oEmbed/WP-JSON links. Only http(s) URLs are
 * returned.
 */
export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  let base = pageUrl;
  let sawBase = false;
  const raw: Array<{ href: string; title: string | null; type: string }> = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && !sawBase && attributes.href) {
          sawBase = true;
          base = resolve(attributes.href, pageUrl) ?? pageUrl;
        }
        if (name !== 'link' || !attributes.href) return;
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attributes.type ?? '').toLowerCase().split(';')[0]!.trim();
        if (!(rel.includes('alternate') || rel.includes('feed'))) return;
        if (rel.includes('stylesheet') || !FEED_TYPES.has(type)) return;
        const title = attributes.title?.trim() || null;
        if (type === 'application/json' && !/feed|rss|atom/i.test(`${attributes.href} ${title ?? ''}`)) return;
        raw.push({ href: attributes.href, title, type });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  const seen = new Set<string>();
  const links: FeedLink[] = [];
  for (const link of raw) {
    // The base applies to links wherever they stand, as in a browser.
    const url = resolve(link.href, base);
    if (url === null || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, title: link.title, type: link.type });
  }
  return links;
}

/** True when a response is an HTML page rather than a feed: by media type, else by its first markup. */
export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType === 'text/html' || contentType === 'application/xhtml+xml') {
    // Some servers send feeds as text/html; their first element gives them away.
    return !startsWithFeedRoot(text);
  }
  if (contentType && /(?:xml|json)/.test(contentType)) return false;
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>])/i.test(text);
}

const BLANKS = /\s*/y;
const XML_DECLARATION = /<\?xml/iy;
const COMMENT = /<!--/y;
const FEED_ROOT = /<(?:rss|feed|rdf:RDF)[\s>]/iy;

/**
 * The first element, past an XML declaration, comments and blanks, is a
 * feed's root (<rss>, <feed>, <rdf:RDF>). Read step by step: one regular
 * expression with a repeated comment group tries exponentially many ways
 * through a row of comments that never reaches a root.
 */
function startsWithFeedRoot(text: string): boolean {
  let at = skipBlanks(text, 0);
  XML_DECLARATION.lastIndex = at;
  if (XML_DECLARATION.test(text)) {
    const end = text.indexOf('>', at);
    if (end < 0) return false;
    at = skipBlanks(text, end + 1);
  }
  for (COMMENT.lastIndex = at; COMMENT.test(text); COMMENT.lastIndex = at) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = skipBlanks(text, end + 3);
  }
  FEED_ROOT.lastIndex = at;
  return FEED_ROOT.test(text);
}

function skipBlanks(text: string, from: number): number {
  BLANKS.lastIndex = from;
  BLANKS.test(text);
  return BLANKS.lastIndex;
}

function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
