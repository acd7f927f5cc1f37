import { createHash } from 'node:crypto';
import type { FeedEnclosure, FeedItem } from '@tidings/contracts';
import { parseFeedDate } from './dates.js';
import { sanitiseFeedHtml } from './sanitise.js';
import { toHtmlSource, toPlainText, type TextContent } from './text.js';
import { feedLink } from './xml-base.js';

/** What every format mapper needs besides its own document. */
export interface MapContext {
  /** The URL the feed was fetched from (options.feedUrl): the last base for relative links. */
  documentUrl: string | null;
  warnings: string[];
}

/** An item as a format mapper reads it, before ids are settled and lists cleaned. */
export interface ItemDraft {
  /** guid / atom:id / JSON id as written, or null. */
  id: string | null;
  url: string | null;
  title: string | null;
  summary: string | null;
  contentHtml: string | null;
  /** Author names as written (email forms allowed), in order of preference. */
  authors: (string | null)[];
  publishedAt: string | null;
  updatedAt: string | null;
  categories: (string | null)[];
  enclosures: (FeedEnclosure | null)[];
}

/**
 * Settles an item: its id falls back to its URL, then to a hash of its title
 * and date (so it is never empty and stays stable across fetches); author
 * names lose their email addresses; authors, categories and enclosures are
 * deduplicated keeping their first spelling and feed order.
 */
export function finishItem(draft: ItemDraft): FeedItem {
  return {
    id: draft.id?.trim() || draft.url || hashId(draft),
    url: draft.url,
    title: draft.title,
    summary: draft.summary,
    contentHtml: draft.contentHtml,
    authors: dedupe(draft.authors.map((name) => (name === null ? null : authorName(name)))),
    publishedAt: draft.publishedAt,
    updatedAt: draft.updatedAt,
    categories: dedupe(draft.categories.map((category) => (category === null ? null : toPlainText({ kind: 'html', value: category })))),
    enclosures: dedupeEnclosures(draft.enclosures),
  };
}

/** The first candidate that parses as a date; each one that does not is reported as `<where>: unparseable date "..."`. */
export function readDate(candidates: (string | null)[], where: string, warnings: string[]): string | null {
  for (const candidate of candidates) {
    if (candidate === null || candidate.trim() === '') continue;
    const parsed = parseFeedDate(candidate);
    if (parsed !== null) return parsed;
    warnings.push(`${where}: unparseable date "${clip(candidate.replace(/\s+/g, ' ').trim(), 80)}"`);
  }
  return null;
}

/** Sanitised HTML for a text or HTML field, or null when it is absent or nothing survives sanitising. */
export function htmlField(content: TextContent | null, baseUrl: string | null): string | null {
  if (content === null) return null;
  const html = sanitiseFeedHtml(toHtmlSource(content), baseUrl);
  return html === '' ? null : html;
}

/** An enclosure with an absolute http(s) URL, or null; length only when it is a non-negative integer. */
export function enclosureOf(url: string | null, type: string | null, length: string | number | null, base: string | null): FeedEnclosure | null {
  const absolute = feedLink(url, base);
  if (absolute === null) return null;
  const lengthText = typeof length === 'number' ? String(length) : length?.trim() ?? '';
  return {
    url: absolute,
    type: type?.trim() || null,
    length: /^\d{1,15}$/.test(lengthText) ? Number(lengthText) : null,
  };
}

/**
 * A person's display name: "jo@example.org (Jo Bloggs)" and
 * "Jo Bloggs <jo@example.org>" (RSS and RFC 822 habits) give "Jo Bloggs";
 * entities decoded, whitespace collapsed. A bare address stays as it is:
 * it is the only name the feed gives.
 */
export function authorName(raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  const email = String.raw`(?:mailto:)?[^\s@()<>]+@[^\s@()<>]+`;
  const named =
    new RegExp(`^${email} ?\\((.+)\\)$`).exec(text)?.[1] ??
    new RegExp(`^(.+?) ?<${email}>$`).exec(text)?.[1] ??
    new RegExp(`^(.+?) ?\\(${email}\\)$`).exec(text)?.[1] ??
    text;
  const plain = toPlainText({ kind: 'html', value: named.replace(/^"(.*)"$/, '$1') });
  return plain === null ? null : plain.replace(/^"(.*)"$/, '$1').trim() || null;
}

/** Items with neither an id nor a link are keyed by what identifies them to a reader. */
function hashId(draft: ItemDraft): string {
  const date = draft.publishedAt ?? draft.updatedAt;
  const key = draft.title !== null || date !== null ? [draft.title, date] : [draft.summary, draft.contentHtml];
  return `sha256:${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)}`;
}

/** Non-null values, first spelling kept, compared case-insensitively ("News" and "news" are one tag). */
function dedupe(values: (string | null)[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of values) {
    if (value === null) continue;
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(value);
  }
  return kept;
}

/** One enclosure per URL; a later duplicate only fills in a type or length the first one lacked. */
function dedupeEnclosures(enclosures: (FeedEnclosure | null)[]): FeedEnclosure[] {
  const byUrl = new Map<string, FeedEnclosure>();
  for (const enclosure of enclosures) {
    if (enclosure === null) continue;
    const known = byUrl.get(enclosure.url);
    if (known === undefined) byUrl.set(enclosure.url, { ...enclosure });
    else byUrl.set(enclosure.url, { url: known.url, type: known.type ?? enclosure.type, length: known.length ?? enclosure.length });
  }
  return [...byUrl.values()];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
