import type { IndexedEntry, IndexedEvent } from '@tidings/queue';

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
