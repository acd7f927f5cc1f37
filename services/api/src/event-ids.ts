import type { Announcement, IndexedEntry, IndexedEvent } from '@tidings/queue';

/**
 * The `id` of an `article` event: the article's id and when it was indexed
 * (ms since the epoch), `3f2a9c0e1b7d4a55-1764700000000`. One article
 * indexed again is announced again, as another event with another id, so a
 * reader's Last-Event-ID names one place in the stream. The id is made of
 * the announcement alone, so any API process finds it in the Redis stream
 * of announcements (see {@link newerThanEvent}).
 */
export function articleEventId(event: IndexedEvent): string {
  const indexedAt = Date.parse(event.indexedAt);
  return `${event.id}-${Number.isFinite(indexedAt) ? indexedAt : 0}`;
}

/** Article ids are 16 hex digits (`articleId` of @tidings/url); the time is at most 16 digits. */
const EVENT_ID = /^[0-9a-f]{16}(?:-\d{1,16})?$/;

/**
 * Whether `value` can be a Last-Event-ID this stream handed out: an id
 * {@link articleEventId} writes, or a bare article id (what `id` was before
 * it named the announcement; well formed, so an EventSource holding one
 * reconnects, but never found).
 */
export function isStreamEventId(value: string): boolean {
  return EVENT_ID.test(value);
}

/**
 * In `newestFirst`, a run of stream entries newest first, the entries newer
 * than the one that announced `eventId`: `found` when it is among them
 * (`newer` then ends just before it), else every entry with an event. Only
 * entries with an event count (a malformed entry was never sent). Pure.
 */
export function newerThanEvent(newestFirst: readonly IndexedEntry[], eventId: string): { found: boolean; newer: IndexedEntry[] } {
  const newer: IndexedEntry[] = [];
  for (const entry of newestFirst) {
    if (entry.event === null) continue;
    if (articleEventId(entry.event) === eventId) return { found: true, newer };
    newer.push(entry);
  }
  return { found: false, newer };
}

/**
 * A stream entry id as Redis writes it, `<ms>-<seq>` (`1764700000000-0`):
 * decimal without leading zeros, and short enough for a 64-bit Redis id
 * (15 digits of ms last until the year 33658).
 */
const ENTRY_ID = /^(?:0|[1-9]\d{0,14})-(?:0|[1-9]\d{0,18})$/;
/** An article id alone: what a `match` event's `id` was before it named the announcement. */
const ARTICLE_ID = /^[0-9a-f]{16}$/;

/**
 * Whether `value` can be the `id` of a saved search's `match` event. That
 * id is the id of the entry that announced the match on the installation's
 * stream of matches (alertMatchStream of @tidings/queue): unique per
 * announcement (the same article matched again is another entry), the same
 * for every API process, and found in the stream at once (no scan), so a
 * reader's Last-Event-ID is checked against what the stream holds there.
 * A bare article id is well formed too (an EventSource that got one before
 * reconnects with it), but never found.
 */
export function isMatchEventId(value: string): boolean {
  return ENTRY_ID.test(value) || ARTICLE_ID.test(value);
}

/** Whether `value` is a stream entry id, one the stream of matches may hold (see {@link isMatchEventId}). */
export function isStreamEntryId(value: string): boolean {
  return ENTRY_ID.test(value);
}

/**
 * The matches of saved search `searchId` a reader missed since the event
 * it last got, `eventId`, from what the stream of matches holds: `at`, the
 * entry at or before `eventId` (the newest), and `newer`, the entries after
 * it, oldest first, at most `limit` of them. Null when the reader cannot
 * resume: `eventId` names no entry held, or one that announced no match of
 * this search (another search's event), or one not among the last `limit`
 * announcements (`newer` is full). Pure.
 */
export function matchesSince<E extends { searchId: string }>(
  searchId: string,
  eventId: string,
  at: Announcement<E> | undefined,
  newer: ReadonlyArray<Announcement<E>>,
  limit: number,
): Array<Announcement<E>> | null {
  if (at?.id !== eventId || at.event?.searchId !== searchId || newer.length >= limit) return null;
  return newer.filter((entry) => entry.event?.searchId === searchId);
}
