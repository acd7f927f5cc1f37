import { IndexedEventSchema, redisKeys, type IndexedEvent } from '@tidings/contracts';
import type { RedisClient } from './redis-client.js';

/**
 * Live events over Redis pub/sub: the indexer announces each newly indexed
 * article, the API streams it to readers (Server-Sent Events). Pub/sub is
 * fire-and-forget: nobody listening costs nothing, and a reader that was not
 * connected misses the event (the index itself is the durable record).
 * On a Redis Cluster a PUBLISH reaches the subscribers of every node, so the
 * publisher and the listeners may be connected to different masters.
 */

export type { IndexedEvent } from '@tidings/contracts';

/** The channel of `prefix`'s installation (see redisKeys). */
export function indexedChannel(prefix: string): string {
  return redisKeys(prefix).indexedChannel;
}

/** Parses a message from the channel; null when it is not an IndexedEvent (a listener skips it). */
export function parseIndexedEvent(message: string): IndexedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = IndexedEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Publishes IndexedEvents for one installation. */
export class IndexedEventPublisher {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** Publishes `event`; resolves to the number of listeners that received it. */
  async publish(event: IndexedEvent): Promise<number> {
    return this.redis.publish(indexedChannel(this.prefix), JSON.stringify(event));
  }
}
