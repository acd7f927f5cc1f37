import type { IndexedEvent } from '@tidings/queue';

/** A newly indexed article as one API process heard of it, numbered in the order it did. */
export interface Numbered {
  seq: number;
  event: IndexedEvent;
}

/**
 * The `id` of an `article` event: the article's id and when it was indexed
 * (ms since the epoch), `3f2a9c0e1b7d4a55-1764700000000`. One article
 * indexed again is announced again, as another event with another id, so a
 * reader's Last-Event-ID names one place in the stream. Every API process
 * hears the same announcements in the same order (one Redis channel), and
 * the id is made of the announcement alone, so any process can resume it.
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
 * The last `capacity` announcements, oldest first, for readers who come
 * back with a Last-Event-ID: a ring, so keeping them costs nothing per
 * announcement but the slot it overwrites.
 */
export class RecentEvents {
  private readonly ring: Array<{ id: string; item: Numbered } | undefined>;
  /** Announcements ever added; the next goes to `added % capacity`. */
  private added = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<{ id: string; item: Numbered } | undefined>(capacity);
  }

  add(item: Numbered): void {
    this.ring[this.added % this.capacity] = { id: articleEventId(item.event), item };
    this.added++;
  }

  /**
   * The announcements held after the one whose event id is `id`, oldest
   * first; null when none held has that id (it is older than the oldest
   * held, or was never heard here).
   */
  after(id: string): Numbered[] | null {
    const held = Math.min(this.added, this.capacity);
    for (let back = 1; back <= held; back++) {
      if (this.ring[(this.added - back) % this.capacity]?.id !== id) continue;
      const missed: Numbered[] = [];
      for (let forward = back - 1; forward >= 1; forward--) missed.push(this.ring[(this.added - forward) % this.capacity]!.item);
      return missed;
    }
    return null;
  }
}
