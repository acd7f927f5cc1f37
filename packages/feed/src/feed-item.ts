import { createHash } from 'node:crypto';
import type { FeedEnclosure, FeedItem } from '@tidings/contracts';
import { parseDate } from '@tidings/text';
import type { RefusedLink } from './refused-links.js';
import { sanitiseFeedHtml } from './sanitise.js';
import { collapsedOrNull, toHtmlSource, toPlainText, type TextContent } from './text.js';
import { writtenHttpUrl } from './xml-base.js';

/** What every format mapper needs besides its own document. */
export interface MapContext {
  /** The URL the feed was fetched from (options.feedUrl): the feed URL when the feed names none. */
  documentUrl: string | null;
  /**
   * The base URI of the document (RFC 3986 section 5.1): the HTTP
   * Content-Location when there is one (itself relative to the document
   * URL), else the document URL. Below any xml:base, relative links resolve
   * against it.
   */
  baseUrl: string | null;
  warnings: string[];
  /** Items left with no link because the one they were given is not http(s): reported as one warning (parseFeed). */
  refusedLinks: RefusedLink[];
}

/** An item as a format mapper reads it, before ids are settled and lists cleaned. */
export interface ItemDraft {
  /** guid / atom:id / JSON id as written, or null. */
  id: string | null;
  url: string | null;
  title: string | null;
  /** Where the summary may come from, in precedence order: the first that leaves any HTML after sanitising is it. */
  summary: HtmlCandidate[];
  /** The same for the content. */
  contentHtml: HtmlCandidate[];
  /** Author names as written (email forms allowed), in order of preference. */
  authors: (string | null)[];
  publishedAt: string | null;
  updatedAt: string | null;
  /**
   * Categories as written: a string is read as HTML (the RSS habit: tags
   * dropped, entities decoded), a text value as its kind says (Atom's term
   * and label are text, RFC 4287 section 4.2.2).
   */
  categories: (string | TextContent | null)[];
  enclosures: (FeedEnclosure | null)[];
}

/** A text or HTML value that may become an HTML field, and the base its relative URLs resolve against. */
export type HtmlCandidate = readonly [content: TextContent | null, baseUrl: string | null];

/**
 * Settles an item: its id falls back to its URL, then to a hash of its title
 * and date (so it is never empty and stays stable across fetches); author
 * names lose their email addresses; authors, categories and enclosures are
 * deduplicated keeping their first spelling and feed order.
 *
 * The summary and the content are sanitised when first read, not here: a
 * feed polled again is mostly items the pipeline already has, whose HTML it
 * never reads (see {@link LazyHtmlItem}).
 */
export function finishItem(draft: ItemDraft): FeedItem {
  const item = new LazyHtmlItem(draft);
  item.id = draft.id?.trim() || draft.url || hashId(item);
  return item;
}

/** The candidates of the HTML fields not yet read. */
type PendingHtml = Partial<Record<LazyField, readonly HtmlCandidate[]>>;
type LazyField = 'summary' | 'contentHtml';

/**
 * A feed item whose `summary` and `contentHtml` are the sanitised HTML of
 * the first of their candidates that leaves any, computed on first read
 * and then kept as a plain data property. They are own enumerable
 * properties like the others (in the contract's order), so JSON.stringify,
 * structuredClone, spreading and test matchers all see the values; writing
 * one replaces it. Sanitising never throws; should it, the field is null
 * rather than the read failing. A field with no candidate is a plain null.
 *
 * The candidates live in a private field and the accessors are shared by
 * every item: closures per field and item, or a WeakMap from items to their
 * candidates, cost more than the rest of settling an item.
 */
class LazyHtmlItem implements FeedItem {
  declare id: string;
  declare url: string | null;
  declare title: string | null;
  declare summary: string | null;
  declare contentHtml: string | null;
  declare authors: string[];
  declare publishedAt: string | null;
  declare updatedAt: string | null;
  declare categories: string[];
  declare enclosures: FeedEnclosure[];
  readonly #pending: PendingHtml = {};

  constructor(draft: ItemDraft) {
    this.id = '';
    this.url = draft.url;
    this.title = draft.title;
    this.lazyField('summary', draft.summary);
    this.lazyField('contentHtml', draft.contentHtml);
    this.authors = dedupe(draft.authors.flatMap((name) => (name === null ? [] : authorNames(name))));
    this.publishedAt = draft.publishedAt;
    this.updatedAt = draft.updatedAt;
    this.categories = dedupe(draft.categories.map((category) => toPlainText(typeof category === 'string' ? { kind: 'html', value: category } : category)));
    this.enclosures = dedupeEnclosures(draft.enclosures);
  }

  private lazyField(field: LazyField, candidates: readonly HtmlCandidate[]): void {
    let present: HtmlCandidate[] | null = null;
    for (const candidate of candidates) if (candidate[0] !== null) (present ??= []).push(candidate);
    if (present === null) {
      this[field] = null;
    } else {
      this.#pending[field] = present;
      Object.defineProperty(this, field, LazyHtmlItem.#accessors[field]);
    }
  }

  static readonly #accessors: Readonly<Record<LazyField, PropertyDescriptor>> = {
    summary: LazyHtmlItem.#accessor('summary'),
    contentHtml: LazyHtmlItem.#accessor('contentHtml'),
  };

  static #accessor(field: LazyField): PropertyDescriptor {
    return {
      enumerable: true,
      configurable: true,
      get(this: LazyHtmlItem): string | null {
        let html: string | null = null;
        try {
          for (const [content, base] of this.#pending[field] ?? []) if ((html = htmlField(content, base)) !== null) break;
        } catch {
          html = null;
        }
        return this.#settle(field, html);
      },
      set(this: LazyHtmlItem, value: string | null): void {
        this.#settle(field, value);
      },
    };
  }

  #settle(field: LazyField, value: string | null): string | null {
    Object.defineProperty(this, field, { value, writable: true, enumerable: true, configurable: true });
    delete this.#pending[field];
    return value;
  }
}

/** The first candidate that parses as a date; each one that does not is reported as `<where>: unparseable date "..."`. */
export function readDate(candidates: (string | null)[], where: string, warnings: string[]): string | null {
  for (const candidate of candidates) {
    if (candidate === null || candidate.trim() === '') continue;
    const parsed = parseDate(candidate);
    if (parsed !== null) return parsed;
    warnings.push(`${where}: unparseable date "${clip(candidate.replace(/\s+/g, ' ').trim(), 80)}"`);
  }
  return null;
}

/**
 * A language tag as BCP 47 writes it: `en_US` (a POSIX locale, common in
 * feeds) becomes `en-US`; whitespace trimmed; null when empty.
 */
export function languageTag(raw: string | null): string | null {
  if (raw === null) return null;
  return collapsedOrNull(raw)?.replace(/_/g, '-') ?? null;
}

/** Sanitised HTML for a text or HTML field, or null when it is absent or nothing survives sanitising. */
export function htmlField(content: TextContent | null, baseUrl: string | null): string | null {
  if (content === null) return null;
  const html = sanitiseFeedHtml(toHtmlSource(content), baseUrl);
  return html === '' ? null : html;
}

/** An enclosure with an absolute http(s) URL, or null; length only when it is a non-negative integer. */
export function enclosureOf(url: string | null, type: string | null, length: string | number | null, base: string | null): FeedEnclosure | null {
  // As written: a media URL's parameters (a CDN signature over all of them, utm_ ones too) and fragment (#t=10) are its own.
  const absolute = writtenHttpUrl(url, base);
  if (absolute === null) return null;
  const lengthText = typeof length === 'number' ? String(length) : length?.trim() ?? '';
  return {
    url: absolute,
    // Media types are case-insensitive: written in lower case, as Atom link types are.
    type: type?.trim().toLowerCase() || null,
    length: /^\d{1,15}$/.test(lengthText) ? Number(lengthText) : null,
  };
}

const EMAIL = String.raw`(?:mailto:)?[^\s@()<>]+@[^\s@()<>]+`;
/** "jo@example.org (Jo Bloggs)" */
const EMAIL_THEN_NAME = new RegExp(`^${EMAIL} ?\\((.+)\\)$`);
/** "<jo@example.org>": the address alone, in the brackets of the other form (not an HTML tag). */
const BRACKETED_EMAIL = new RegExp(`^<(${EMAIL})>$`);
/** A bare address. */
const BARE_EMAIL = new RegExp(`^${EMAIL}$`);
/** "Jo Bloggs <jo@example.org>" */
const NAME_THEN_EMAIL = new RegExp(`^(.+?) ?<${EMAIL}>$`);
/** "Jo Bloggs (jo@example.org)" */
const NAME_THEN_EMAIL_IN_PARENS = new RegExp(`^(.+?) ?\\(${EMAIL}\\)$`);

/**
 * The people an author field names: a list of them, each with an address
 * ("jo@example.org (Jo Bloggs), al@example.org (Al)"), is each of them; any
 * other text is one name ("Bloggs, Jo" is one person, and so is
 * "jo@example.org (Bloggs, Jo)").
 */
export function authorNames(raw: string): (string | null)[] {
  const pieces = raw.includes(',') ? raw.split(',').map((piece) => piece.replace(/\s+/g, ' ').trim()) : [];
  const isPerson = (piece: string) => [EMAIL_THEN_NAME, NAME_THEN_EMAIL, NAME_THEN_EMAIL_IN_PARENS, BRACKETED_EMAIL, BARE_EMAIL].some((form) => form.test(piece));
  return pieces.length > 1 && pieces.every(isPerson) ? pieces.map(authorName) : [authorName(raw)];
}

/**
 * A person's display name: "jo@example.org (Jo Bloggs)" and
 * "Jo Bloggs <jo@example.org>" (RSS and RFC 822 habits) give "Jo Bloggs";
 * entities decoded, whitespace collapsed. A bare address stays as it is:
 * it is the only name the feed gives.
 */
export function authorName(raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  const named =
    (text.includes('@') ? (EMAIL_THEN_NAME.exec(text)?.[1] ?? NAME_THEN_EMAIL.exec(text)?.[1] ?? NAME_THEN_EMAIL_IN_PARENS.exec(text)?.[1] ?? BRACKETED_EMAIL.exec(text)?.[1]) : undefined) ?? text;
  const plain = toPlainText({ kind: 'html', value: named.replace(/^"(.*)"$/, '$1') });
  return plain === null ? null : plain.replace(/^"(.*)"$/, '$1').trim() || null;
}

/** Items with neither an id nor a link are keyed by what identifies them to a reader. */
function hashId(item: FeedItem): string {
  const date = item.publishedAt ?? item.updatedAt;
  const key = item.title !== null || date !== null ? [item.title, date] : [item.summary, item.contentHtml];
  return `sha256:${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)}`;
}

/** Non-null values, first spelling kept, compared case-insensitively ("News" and "news" are one tag). */
function dedupe(values: (string | null)[]): string[] {
  const kept: string[] = [];
  if (values.length === 0) return kept;
  // Items have a few authors and categories: comparing with those kept allocates less than a set, up to a point.
  const seen = values.length > MAX_SCANNED_VALUES ? new Set<string>() : null;
  const keys: string[] = [];
  for (const value of values) {
    if (value === null) continue;
    const key = value.toLowerCase();
    if (seen === null ? keys.includes(key) : seen.has(key)) continue;
    if (seen === null) keys.push(key);
    else seen.add(key);
    kept.push(value);
  }
  return kept;
}

/** Values deduplicated by comparing with each kept one before a set is used. */
const MAX_SCANNED_VALUES = 16;

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
