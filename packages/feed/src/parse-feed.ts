import { TidingsError, type ParsedFeed } from '@tidings/contracts';
import { MAX_URL_LENGTH } from '@tidings/url';
import { mapAtom } from './atom.js';
import { detectFormat } from './detect-format.js';
import { malformedFeed } from './errors.js';
import type { MapContext } from './feed-item.js';
import { parseJsonFeed } from './json-feed.js';
import { readPollingHints } from './polling-hints.js';
import { refusedLinksWarning, type RefusedLink } from './refused-links.js';
import { mapRss } from './rss.js';
import { absoluteUrl } from './xml-base.js';
import { repairXml } from './xml-repair.js';
import { readXmlTree } from './xml-tree.js';

/** Options for {@link parseFeed}. */
export interface ParseFeedOptions {
  /**
   * The URL the feed was fetched from, after redirects: the base for
   * relative links (below any xml:base) and the feed URL reported when the
   * feed does not name its own.
   */
  feedUrl?: string | null;
  /**
   * The HTTP Content-Location the feed was served with, if any: the
   * document's base URI (RFC 3986 section 5.1.2), below any xml:base and
   * above `feedUrl`. A relative one is resolved against `feedUrl`.
   */
  contentLocation?: string | null;
  /**
   * Warnings from an earlier stage to report first among the result's
   * (say, from decoding the bytes: see `decodeBody` in @tidings/text and
   * {@link parseFeedBytes}).
   */
  warnings?: readonly string[];
}

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 1.0/0.3 or JSON Feed 1.0/1.1 document
 * into the `ParsedFeed` contract (the JSON `tidings parse-feed --json`
 * prints). `text` is the already-decoded document.
 *
 * Text fields come out as plain text with entities decoded; summary and
 * content as sanitised HTML with absolute URLs (relative ones resolved
 * against xml:base, then the Content-Location, then the feed URL); links absolute, http(s)
 * only and normalised; dates as ISO 8601 UTC. Items keep feed order.
 * Recoverable faults (junk before the XML, HTML entities in XML, bare `&`,
 * mismatched tags, a truncated document, unparseable dates) are repaired or
 * nulled and reported in `warnings`, the way feedparser reads "bozo" feeds;
 * only a document that yields no items is refused. The channel's polling
 * hints (`<ttl>`, `sy:updatePeriod`, skipHours/skipDays) come in `hints`.
 *
 * @throws TidingsError `malformed-feed` (permanent) when the document is not
 *   a feed: an HTML page, invalid XML or JSON, no channel. Never anything else.
 */
export async function parseFeed(text: string, options?: ParseFeedOptions): Promise<ParsedFeed> {
  try {
    return await parseDocument(text, options ?? {});
  } catch (error) {
    if (error instanceof TidingsError) throw error;
    // A bug here or an unforeseen shape in a library must still reach the pipeline as a typed failure.
    throw malformedFeed(`the feed could not be parsed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

async function parseDocument(text: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  if (typeof text !== 'string') throw malformedFeed('the document is not text');
  const warnings: string[] = (options.warnings ?? []).map(String);
  const feedUrl = documentUrl(options.feedUrl ?? null, warnings);
  const context: MapContext = { documentUrl: feedUrl, baseUrl: contentBase(options.contentLocation ?? null, feedUrl, warnings) ?? feedUrl, warnings, refusedLinks: [] };
  const detected = detectFormat(text, warnings);
  if (detected.kind === 'json') return storable(await parseJsonFeed(detected.text, context), context.refusedLinks);
  const tree = readXmlTree(repairXml(detected.text, warnings), detected.format, warnings);
  const { feed, items } =
    detected.format === 'atom1' || detected.format === 'atom03' ? mapAtom(tree, detected.format, context) : mapRss(tree, context);
  return storable({ format: detected.format, feed, items, warnings, hints: readPollingHints(tree.channel) }, context.refusedLinks);
}

/**
 * The parsed feed made safe to store, with every link it dropped said in
 * its warnings: the items left with no link because theirs is not http(s)
 * (`refused`, noted by the mappers), and an item whose link is longer than
 * {@link MAX_URL_LENGTH}, which keeps no link (so it is not fetched: one
 * such link would fail the claim of every item of the feed, at every poll).
 * Control characters that warnings quote from the document (a NUL in an
 * unparseable date, say) become U+FFFD, since the feed's status that shows
 * the warnings could not be written with them (PostgreSQL text refuses NUL).
 */
function storable(parsed: ParsedFeed, refused: readonly RefusedLink[]): ParsedFeed {
  const refusedWarning = refusedLinksWarning(refused);
  if (refusedWarning !== null) parsed.warnings.push(refusedWarning);
  const overlong = parsed.items.filter((item) => item.url !== null && item.url.length > MAX_URL_LENGTH);
  for (const item of overlong) item.url = null;
  if (overlong.length > 0) {
    const count = overlong.length === 1 ? 'an item' : `${overlong.length} items`;
    parsed.warnings.push(`ignored the link of ${count}: longer than ${MAX_URL_LENGTH} characters`);
  }
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
  parsed.warnings = parsed.warnings.map((warning) => warning.replace(controls, '\uFFFD'));
  return parsed;
}

/**
 * The Content-Location as an absolute URL, or null when there is none or it
 * cannot be made absolute. One on another origin than the feed's (a server
 * naming its internal host, `http://10.1.2.3/feeds/rss.xml`, as IIS does)
 * is not the feed's address and is ignored, with a warning: its links
 * would lead to pages no one can fetch, and the items would be lost.
 */
function contentBase(contentLocation: string | null, feedUrl: string | null, warnings: string[]): string | null {
  if (contentLocation === null || contentLocation.trim() === '') return null;
  const base = absoluteUrl(contentLocation, feedUrl);
  if (base === null || feedUrl === null || new URL(base).origin === new URL(feedUrl).origin) return base;
  warnings.push(`ignored the Content-Location ${base.slice(0, 200)} as the base of relative links: another origin than the feed's`);
  return null;
}

/** The feed URL as a base: only an absolute URL can serve as one. */
function documentUrl(feedUrl: string | null, warnings: string[]): string | null {
  if (feedUrl === null || feedUrl.trim() === '') return null;
  const absolute = absoluteUrl(feedUrl, null);
  if (absolute === null) warnings.push(`the feed URL "${feedUrl}" is not an absolute URL; relative links stay unresolved`);
  return absolute;
}
