import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { decode } from 'html-entities';
import JSON5 from 'json5';
import { malformedFeed } from './errors.js';
import { enclosureOf, finishItem, languageTag, readDate, type MapContext } from './feed-item.js';
import { salvageJson } from './json-salvage.js';
import { jsonFeedHubUrls, hubsField } from './links.js';
import { noHints } from './polling-hints.js';
import { noteRefusedLink } from './refused-links.js';
import { toPlainText, type TextContent } from './text.js';
import { feedLink } from './xml-base.js';

/**
 * Parses a JSON Feed 1.0 or 1.1 document (https://www.jsonfeed.org/version/1.1/).
 * Both author forms are read: 1.1's `authors` array and 1.0's `author`
 * object; an item without authors has the feed's. Throws `malformed-feed`
 * for invalid JSON and for JSON that is not a JSON Feed.
 */
export function parseJsonFeed(text: string, context: MapContext): ParsedFeed {
  const document = readJson(text, context.warnings);
  if (!isRecord(document)) throw malformedFeed('the JSON document is not a JSON Feed: it is not an object');
  const version = stringOf(document.version);
  const hasItems = Array.isArray(document.items);
  if (version === null || !version.includes('jsonfeed.org')) {
    if (!hasItems) throw malformedFeed('the JSON document is not a JSON Feed: no jsonfeed.org version and no items');
    context.warnings.push('the JSON document has no jsonfeed.org version; read as JSON Feed');
  }
  if (!hasItems) context.warnings.push('the JSON Feed has no items array');
  const declaredFeedUrl = feedLink(stringOf(document.feed_url), context.baseUrl);
  // Read from a file, the feed's own URL is the best base for a relative home page, as for item URLs below.
  const siteUrl = feedLink(stringOf(document.home_page_url), context.baseUrl ?? declaredFeedUrl);
  const feed: ParsedFeed['feed'] = {
    title: toPlainText(titleText(document.title)),
    siteUrl,
    feedUrl: declaredFeedUrl ?? feedLink(context.documentUrl, null),
    ...hubsField(jsonFeedHubUrls(document.hubs, context.baseUrl)),
    description: toPlainText(titleText(document.description)),
    language: languageTag(stringOf(document.language)),
    updatedAt: null,
  };
  const feedAuthors = authorsOf(document);
  const items: FeedItem[] = [];
  const rawItems: unknown[] = hasItems ? (document.items as unknown[]) : [];
  // Without the URL it was fetched from, the feed's own URLs are the best base for relative item URLs.
  const linkBase = context.baseUrl ?? declaredFeedUrl ?? siteUrl;
  rawItems.forEach((item, index) => {
    if (isRecord(item)) items.push(mapItem(item, index, { siteUrl, linkBase, feedAuthors, context }));
    else context.warnings.push(`item ${index + 1}: not a JSON object; skipped`);
  });
  return { format: 'jsonfeed', feed, items, warnings: context.warnings, hints: noHints() };
}

/** The parsed document; JSON cut off or followed by junk is salvaged, with a warning. */
function readJson(text: string, warnings: string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const lenient = readJson5(text);
    if (lenient !== undefined) {
      warnings.push(`the JSON is not valid (${reason}); read it as JSON5 (a trailing comma, a comment, single quotes), as it was meant`);
      return lenient;
    }
    const salvaged = salvageJson(text);
    const items = isRecord(salvaged?.value) ? salvaged.value.items : undefined;
    // Only a salvage that still holds items is worth reporting as the feed.
    if (salvaged === null || !Array.isArray(items) || items.length === 0) throw malformedFeed(`the document is not valid JSON: ${reason}`, error);
    warnings.push(`the JSON is not valid (${reason}); kept the ${items.length} complete item${items.length === 1 ? '' : 's'} before the point where it breaks`);
    return salvaged.value;
  }
}

/** The document read by JSON5's looser rules, or undefined when it is no JSON5 either. */
function readJson5(text: string): unknown {
  try {
    return JSON5.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface ItemScope {
  siteUrl: string | null;
  linkBase: string | null;
  feedAuthors: (string | null)[];
  context: MapContext;
}

function mapItem(item: Record<string, unknown>, index: number, scope: ItemScope): FeedItem {
  const { context } = scope;
  const where = `item ${index + 1}`;
  // external_url is the page a link-blog item is about: still the item's article when it has no url of its own.
  const url = feedLink(stringOf(item.url), scope.linkBase) ?? feedLink(stringOf(item.external_url), scope.linkBase);
  if (url === null) noteRefusedLink(context.refusedLinks, index, [[stringOf(item.url), scope.linkBase], [stringOf(item.external_url), scope.linkBase]]);
  // JSON Feed has no xml:base and no rule: relative URLs in content_html are written for the item's page.
  const htmlBase = url ?? scope.siteUrl ?? scope.linkBase;
  const contentText = plain(item.content_text);
  const authors = authorsOf(item);
  return finishItem({
    // The spec says id is a string, and that a number given instead is read as one.
    id: typeof item.id === 'number' ? String(item.id) : stringOf(item.id),
    url,
    title: toPlainText(titleText(item.title)),
    summary: [
      [plain(item.summary), htmlBase],
      [contentText, htmlBase],
    ],
    contentHtml: [
      [markup(item.content_html), htmlBase],
      [contentText, htmlBase],
    ],
    authors: authors.length > 0 ? authors : scope.feedAuthors,
    publishedAt: readDate([stringOf(item.date_published)], where, context.warnings),
    updatedAt: readDate([stringOf(item.date_modified)], where, context.warnings),
    categories: Array.isArray(item.tags) ? item.tags.map(stringOf) : [],
    enclosures: Array.isArray(item.attachments)
      ? item.attachments.filter(isRecord).map((attachment) => {
          const size = attachment.size_in_bytes;
          return enclosureOf(stringOf(attachment.url), stringOf(attachment.mime_type), typeof size === 'number' && Number.isInteger(size) ? size : null, scope.linkBase);
        })
      : [],
  });
}

/**
 * Author names from `authors` (1.1), else `author` (1.0): an `authors` that
 * names no one (empty, or authors with only a url or an avatar) leaves the
 * 1.0 form, and then the feed's, to count.
 */
function authorsOf(owner: Record<string, unknown>): string[] {
  const names = (authors: unknown[]): string[] =>
    authors.filter(isRecord).flatMap((author) => {
      const name = stringOf(author.name);
      return name !== null && name.trim() !== '' ? [name] : [];
    });
  const named = Array.isArray(owner.authors) ? names(owner.authors) : [];
  return named.length > 0 ? named : isRecord(owner.author) ? names([owner.author]) : [];
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function plain(value: unknown): TextContent | null {
  const text = stringOf(value);
  return text === null ? null : { kind: 'text', value: text };
}

/**
 * A JSON Feed title or description: plain text by the spec, but often
 * written HTML-escaped by the generators that make it (`&amp;`). With no XML
 * layer to undo that, its entities are decoded once; angle brackets stay.
 */
function titleText(value: unknown): TextContent | null {
  const text = stringOf(value);
  return text === null ? null : { kind: 'text', value: decode(text, { level: 'html5', scope: 'strict' }) };
}

function markup(value: unknown): TextContent | null {
  const html = stringOf(value);
  return html === null ? null : { kind: 'html', value: html };
}

/** True for a plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
