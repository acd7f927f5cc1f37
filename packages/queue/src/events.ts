import { IndexedEventSchema, redisKeys, type IndexedEvent } from '@tidings/contracts';
import type { RedisClient } from './redis-client.js';

/**
 * Announcements of newly indexed articles, kept in one Redis stream per
 * installation (`redisKeys(prefix).indexedEvents`): the indexer appends one
 * entry per article; the alerter reads them through a consumer group
 * (indexed-consumer.ts), so what is announced while no alerter runs waits
 * for one; the API reads them from the newest on for its live streams, and
 * looks back in them to resume a reader's Last-Event-ID. The stream is
 * trimmed to about INDEXED_STREAM_MAXLEN entries; the index stays the
 * durable record of the articles themselves.
 */

export type { IndexedEvent } from '@tidings/contracts';

/**
 * Entries the stream keeps, about (`MAXLEN ~`: Redis trims whole nodes of
 * its radix tree, so a little more is kept). It bounds how long the alerter
 * may be down and still match every article: 100,000 announcements are a
 * day at 10,000 feeds (1.2 new articles/s), 2.4 h at 100,000 feeds and
 * 14 min at a million (README, sizing), for about 45 MB of Redis memory
 * (measured: 440 bytes an entry holding a typical 375-byte event). Beyond
 * it the oldest unread entries are gone, and the alerter says so
 * (`indexed-events-trimmed`, indexed-consumer.ts).
 */
export const INDEXED_STREAM_MAXLEN = 100_000;

/** The one field of an entry: its IndexedEvent as JSON. */
const EVENT_FIELD = 'event';

/** A stream entry as XRANGE, XREAD and XAUTOCLAIM answer it: its id and its fields, flat (null for a pending entry since trimmed away). */
export type RawStreamEntry = [id: string, fields: string[] | null];

/** One announcement read from the stream: its entry id (`<ms>-<seq>`, given by Redis) and its event, null when the entry holds none. */
export interface IndexedEntry {
  id: string;
  event: IndexedEvent | null;
}

/** Parses a JSON IndexedEvent; null when it is not one (a reader skips it). */
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

/** The announcement in a raw entry; its event is null when the entry has no valid one. */
export function indexedEntry([id, fields]: RawStreamEntry): IndexedEntry {
  for (let i = 0; fields && i + 1 < fields.length; i += 2) {
    if (fields[i] === EVENT_FIELD) return { id, event: parseIndexedEvent(fields[i + 1]!) };
  }
  return { id, event: null };
}

/**
 * Orders two stream entry ids (`<ms>-<seq>`, both decimal without leading
 * zeros): negative when `a` comes first. Compared as digit strings, so
 * sequence numbers past 2^53 compare exactly.
 */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = '', aSeq = '0'] = a.split('-');
  const [bMs = '', bSeq = '0'] = b.split('-');
  return compareDecimal(aMs, bMs) || compareDecimal(aSeq, bSeq);
}

function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Appends IndexedEvents to the stream of one installation. */
export class IndexedEventPublisher {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = redisKeys(prefix).indexedEvents;
  }

  /**
   * Appends `events`, in order, in one transaction (a reader waiting on the
   * stream gets them in one reply), trimming the stream to about
   * INDEXED_STREAM_MAXLEN. Resolves to their entry ids.
   */
  async publish(...events: IndexedEvent[]): Promise<string[]> {
    const transaction = this.redis.multi();
    for (const event of events) transaction.xadd(this.key, 'MAXLEN', '~', INDEXED_STREAM_MAXLEN, '*', EVENT_FIELD, JSON.stringify(event));
    const replies = (await transaction.exec()) ?? [];
    return replies.map(([error, id]) => {
      if (error) throw error;
      return String(id);
    });
  }
}

/** The id of the stream's newest entry; `0-0` when it has none (reading after it gets what comes next). */
export async function newestIndexedId(redis: RedisClient, prefix: string): Promise<string> {
  const [newest] = (await redis.xrevrange(redisKeys(prefix).indexedEvents, '+', '-', 'COUNT', 1)) as RawStreamEntry[];
  return newest?.[0] ?? '0-0';
}

/**
 * At most `count` entries from `end` back, newest first. `end` is an entry
 * id, itself included, or `(<id>` for the entries before it.
 */
export async function indexedEntriesBack(redis: RedisClient, prefix: string, end: string, count: number): Promise<IndexedEntry[]> {
  const raw = (await redis.xrevrange(redisKeys(prefix).indexedEvents, end, '-', 'COUNT', count)) as RawStreamEntry[];
  return raw.map(indexedEntry);
}

/**
 * At most `count` entries after `after` (an entry id), oldest first, waiting
 * up to `blockMs` for one when there are none yet (then none: []). A blocked
 * read holds its connection: give it one of its own.
 */
export async function readIndexedAfter(connection: RedisClient, prefix: string, after: string, options: { count: number; blockMs: number }): Promise<IndexedEntry[]> {
  const reply = (await connection.xread('COUNT', options.count, 'BLOCK', options.blockMs, 'STREAMS', redisKeys(prefix).indexedEvents, after)) as Array<[string, RawStreamEntry[]]> | null;
  return (reply?.[0]?.[1] ?? []).map(indexedEntry);
}
