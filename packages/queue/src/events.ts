import type { Redis } from 'ioredis';

/**
 * Live events over Redis pub/sub: the indexer announces each newly indexed
 * article, the API streams it to readers (Server-Sent Events). Pub/sub is
 * fire-and-forget: nobody listening costs nothing, and a reader that was not
 * connected misses the event (the index itself is the durable record).
 */

/** A newly indexed article, small enough to publish (no text or HTML). */
export interface IndexedEvent {
  id: string;
  url: string;
  title: string;
  siteName: string | null;
  authors: string[];
  publishedAt: string | null;
  fetchedAt: string;
  /** ISO time the indexer stored it. */
  indexedAt: string;
}

/** The channel of `prefix`'s installation; renaming it strands every listener, so treat it as data. */
export function indexedChannel(prefix: string): string {
  return `${prefix}:events:indexed`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** Parses a message from the channel; null when it is not an IndexedEvent (a listener skips it). */
export function parseIndexedEvent(message: string): IndexedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const valid =
    isString(v.id) &&
    isString(v.url) &&
    isString(v.title) &&
    isNullableString(v.siteName) &&
    Array.isArray(v.authors) &&
    v.authors.every(isString) &&
    isNullableString(v.publishedAt) &&
    isString(v.fetchedAt) &&
    isString(v.indexedAt);
  if (!valid) return null;
  return {
    id: v.id as string,
    url: v.url as string,
    title: v.title as string,
    siteName: v.siteName as string | null,
    authors: v.authors as string[],
    publishedAt: v.publishedAt as string | null,
    fetchedAt: v.fetchedAt as string,
    indexedAt: v.indexedAt as string,
  };
}

/** Publishes IndexedEvents for one installation. */
export class IndexedEventPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Publishes `event`; resolves to the number of listeners that received it. */
  async publish(event: IndexedEvent): Promise<number> {
    return this.redis.publish(indexedChannel(this.prefix), JSON.stringify(event));
  }
}
