import type { RedisClient } from './redis-client.js';

/**
 * A Redis stream of announcements: one JSON event per entry, appended by one
 * kind of process and read by others, trimmed approximately to a bound (the
 * stream is a window on what happened lately, not the record of it). The
 * stream of indexed articles (events.ts) and that of saved-search matches
 * (alert-matches.ts) are two of them; everything that appends to, reads
 * from or looks back in one goes through here.
 */

/** The one field of an entry: its event as JSON. */
const EVENT_FIELD = 'event';

/** A stream entry as XRANGE, XREAD and XAUTOCLAIM answer it: its id and its fields, flat (null for a pending entry since trimmed away). */
export type RawStreamEntry = [id: string, fields: string[] | null];

/** One announcement read from a stream: its entry id (`<ms>-<seq>`, given by Redis) and its event, null when the entry holds none. */
export interface Announcement<E> {
  id: string;
  event: E | null;
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

/** A stream of announcements of events of type `E`: its key, its bound, and how its entries are read. */
export class AnnouncementStream<E> {
  /**
   * @param key the stream's Redis key (from redisKeys).
   * @param maxLength entries kept, about (`MAXLEN ~`: Redis trims whole
   *   nodes of its radix tree, so a little more is kept, never fewer).
   * @param parse an event from its JSON; null when it is not one (readers skip the entry).
   */
  constructor(
    readonly key: string,
    readonly maxLength: number,
    private readonly parse: (json: string) => E | null,
  ) {}

  /** The announcement in a raw entry; its event is null when the entry has no valid one. */
  entry([id, fields]: RawStreamEntry): Announcement<E> {
    for (let i = 0; fields && i + 1 < fields.length; i += 2) {
      if (fields[i] === EVENT_FIELD) return { id, event: this.parse(fields[i + 1]!) };
    }
    return { id, event: null };
  }

  /**
   * Appends `events`, in order, in one transaction (a reader waiting on the
   * stream gets them in one reply), trimming the stream to about
   * `maxLength`. Resolves to their entry ids.
   */
  async append(redis: RedisClient, ...events: E[]): Promise<string[]> {
    const transaction = redis.multi();
    for (const event of events) transaction.xadd(this.key, 'MAXLEN', '~', this.maxLength, '*', EVENT_FIELD, JSON.stringify(event));
    const replies = (await transaction.exec()) ?? [];
    return replies.map(([error, id]) => {
      if (error) throw error;
      return String(id);
    });
  }

  /** The id of the newest entry; `0-0` when there is none (reading after it gets what comes next). */
  async newestId(redis: RedisClient): Promise<string> {
    const [newest] = (await redis.xrevrange(this.key, '+', '-', 'COUNT', 1)) as RawStreamEntry[];
    return newest?.[0] ?? '0-0';
  }

  /**
   * At most `count` entries from `end` back, newest first. `end` is an entry
   * id, itself included, or `(<id>` for the entries before it.
   */
  async entriesBack(redis: RedisClient, end: string, count: number): Promise<Array<Announcement<E>>> {
    const raw = (await redis.xrevrange(this.key, end, '-', 'COUNT', count)) as RawStreamEntry[];
    return raw.map((entry) => this.entry(entry));
  }

  /** At most `count` entries after entry `after` (itself excluded) up to entry `upTo` (included), oldest first. */
  async entriesAfter(redis: RedisClient, after: string, upTo: string, count: number): Promise<Array<Announcement<E>>> {
    const raw = (await redis.xrange(this.key, `(${after}`, upTo, 'COUNT', count)) as RawStreamEntry[];
    return raw.map((entry) => this.entry(entry));
  }
}

/** Where {@link readAnnouncements} reads, per stream: the entry it reads after. */
export type ReadPositions<S extends ReadonlyArray<AnnouncementStream<unknown>>> = { readonly [K in keyof S]: string };
/** What {@link readAnnouncements} read, per stream, oldest first. */
export type ReadAnnouncements<S extends ReadonlyArray<AnnouncementStream<unknown>>> = { [K in keyof S]: S[K] extends AnnouncementStream<infer E> ? Array<Announcement<E>> : never };

/**
 * What follows `after[i]` in each of `streams[i]`, oldest first, at most
 * `count` entries per stream, in one XREAD that waits up to `blockMs` for
 * an entry in any of them when none has one yet (then none: empty lists).
 * On a Redis Cluster the streams' keys must share a hash tag (one XREAD
 * reaches one slot). A blocked read holds its connection: give it one of its
 * own.
 */
export async function readAnnouncements<const S extends ReadonlyArray<AnnouncementStream<unknown>>>(
  connection: RedisClient,
  streams: S,
  after: ReadPositions<S>,
  options: { count: number; blockMs: number },
): Promise<ReadAnnouncements<S>> {
  const keys = streams.map((stream) => stream.key);
  const reply = (await connection.xread('COUNT', options.count, 'BLOCK', options.blockMs, 'STREAMS', ...keys, ...(after as readonly string[]))) as Array<[string, RawStreamEntry[]]> | null;
  const byKey = new Map(reply ?? []);
  return streams.map((stream) => (byKey.get(stream.key) ?? []).map((entry) => stream.entry(entry))) as ReadAnnouncements<S>;
}
