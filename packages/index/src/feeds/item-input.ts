import { hasNul, unstorableText } from '../search/checks.js';
import { storableText, wellFormed } from '../text/encoding.js';
import type { ItemRevision } from '../types.js';

/**
 * Input of the item methods (claims and revisions), shared by both backends
 * so they claim, compare and skip exactly the same items. Pure.
 *
 * The rule of articles and feeds (search/checks.ts, feeds/feed-input.ts):
 * an item URL names the item, as an article's URL names the article, so one
 * with a NUL character (which PostgreSQL text cannot hold) is never changed
 * into another URL. Where articles refuse such an article alone, a call on
 * many items leaves such an item out, alone: it is not claimed, never
 * reported as new, unclaimed or revised, and no revision is recorded for it;
 * the other items of the call go on. (SQLite had stored it; PostgreSQL had
 * refused the whole call, every other item of the feed with it.) A lone
 * surrogate is written as U+FFFD by either store's encoder, so URLs are
 * compared in that form and reported as they were given.
 */

/** An item URL as given, and as the stores hold it (`key`). */
export interface ItemKey {
  url: string;
  key: string;
}

/** An item revision as the stores compare and keep it: its URL's key, and the revision's text (storableText). */
export interface ItemRevisionKey extends ItemKey {
  revision: string;
}

/**
 * The item URLs the stores can hold, each with its key: those with a NUL
 * character left out, and each key once (its first spelling), in input order.
 */
export function itemKeys(urls: readonly string[]): ItemKey[] {
  const firsts = new Map<string, string>();
  for (const url of urls) {
    if (hasNul(url)) continue;
    const key = wellFormed(url);
    if (!firsts.has(key)) firsts.set(key, url);
  }
  return [...firsts].map(([key, url]) => ({ url, key }));
}

/**
 * Item revisions as the stores compare and keep them, those whose URL has a
 * NUL character left out; a revision is text, its NUL kept as U+FFFD.
 * Repeated URLs stay (recording keeps the latest).
 */
export function itemRevisionKeys(items: readonly ItemRevision[]): ItemRevisionKey[] {
  return items.flatMap(({ url, revision }) => (hasNul(url) ? [] : [{ url, key: wellFormed(url), revision: storableText(revision) }]));
}

/** The given URLs of `items` whose key is in `chosen`: in input order, each key once (its first spelling). */
export function givenUrls(items: readonly ItemKey[], chosen: ReadonlySet<string>): string[] {
  const found = new Map<string, string>();
  for (const { url, key } of items) if (chosen.has(key) && !found.has(key)) found.set(key, url);
  return [...found.values()];
}

/**
 * claimNewItems' feed id. It names the feed (ids are feedId(url): none has
 * a NUL), so one with a NUL character is refused, the whole claim with it,
 * as getFeed and updateFeed refuse it.
 *
 * @throws TidingsError `invalid-payload`.
 */
export function checkClaimFeedId(feedId: string): void {
  if (hasNul(feedId)) throw unstorableText('claim items');
}

/** The guid a claim records for an item URL (storableText), or null when the caller gave none. */
export function claimGuid(guids: ReadonlyMap<string, string> | undefined, url: string): string | null {
  const guid = guids?.get(url);
  return guid === undefined || guid === '' ? null : storableText(guid);
}

/** Guids as the stores hold them (storableText), each once, empty ones left out; in input order. */
export function guidKeys(guids: readonly string[]): string[] {
  return [...new Set(guids.filter((guid) => guid !== '').map((guid) => storableText(guid)))];
}
