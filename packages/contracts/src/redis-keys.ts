import { z } from 'zod';

/**
 * Every Redis key and channel Tidings itself names (BullMQ names its queues'
 * keys from QUEUES), for one installation's prefix. Renaming one strands
 * what is stored or listened to under the old name: treat them as data.
 * Keys of one host share the `{host}` hash tag, so a Lua script that touches
 * them all stays in one Redis Cluster slot.
 */
export function redisKeys(prefix: string) {
  return {
    /** Fetched bodies and extracted records, by content hash (body store). */
    body: (hash: string) => `${prefix}:body:${hash}`,
    bodyPrefix: `${prefix}:body:`,
    /** Pub/sub channel of newly indexed articles (IndexedEvent). */
    indexedChannel: `${prefix}:events:indexed`,
    /** Hash of every recorded pipeline figure. */
    metrics: `${prefix}:metrics`,
    /** Per-host politeness: in-flight leases, next start, reservation cursor, back-off end. */
    host: (host: string) => {
      const base = `${prefix}:host:{${host}}`;
      return { inflight: `${base}:inflight`, nextStart: `${base}:next-start`, cursor: `${base}:cursor`, backoff: `${base}:backoff` };
    },
    /** Our own network's health, as the fetchers see it. */
    network: { failing: `${prefix}:net:failing`, lastOk: `${prefix}:net:last-response`, down: `${prefix}:net:down` },
    /** Cached robots.txt of an origin, and the lock of the one fetch that refreshes it. */
    robots: (origin: string) => `${prefix}:robots:${origin}`,
    robotsFetch: (origin: string) => `${prefix}:robots-fetch:${origin}`,
    /** A feed's polling hints, kept between polls. */
    feedHints: (feedId: string) => `${prefix}:feed-hints:${feedId}`,
  } as const;
}

/** A newly indexed article as the indexer announces it on `indexedChannel` (small: no text or HTML). */
export const IndexedEventSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  siteName: z.string().nullable(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  fetchedAt: z.string(),
  /** ISO time the indexer stored it. */
  indexedAt: z.string(),
});
export type IndexedEvent = z.infer<typeof IndexedEventSchema>;
