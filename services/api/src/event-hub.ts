import type { Logger } from 'pino';
import { parseAlertMatchEvent } from '@tidings/alerts';
import { redisKeys, type AlertMatchEvent } from '@tidings/contracts';
import { indexedEntriesBack, newestIndexedId, readIndexedAfter, startReadLoop, type IndexedEntry, type ReadLoop, type RedisClient } from '@tidings/queue';
import { newerThanEvent } from './event-ids.js';
import type { AnnouncementSource } from './live-streams.js';

/** Longest one read of the stream waits for new entries; stopping cuts it short. */
const READ_BLOCK_MS = 5_000;
/** Entries read at once: a burst reaches the live streams together, so it is matched together. */
const READ_COUNT = 500;
/** Entries looked at per step when searching the stream back for a reader's Last-Event-ID. */
const LOOK_BACK_PAGE = 100;

/** Listeners of one kind of event, each kept from failing the others. */
class Listeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  constructor(private readonly log: Logger) {}

  /** Calls `listener` with each event from now on; returns a function that stops it. */
  listen(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  dispatch(event: E): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn({ err: error }, 'a stream listener failed');
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * What one API process reads from Redis for its live streams, fanned out to
 * every stream it serves (a connection per reader would not scale): the
 * stream of newly indexed articles, read from its newest entry on by one
 * blocking connection, and the saved-search match channel (pub/sub, one
 * subscribed connection). Both carry on by themselves when Redis goes away
 * and comes back.
 */
export class IndexedEventHub implements AnnouncementSource {
  private readonly indexed: Listeners<IndexedEntry>;
  /** Saved-search matches as the alerter announces them, for the live stream of each saved search. */
  readonly alertMatches: Listeners<AlertMatchEvent>;
  private reading: ReadLoop | null = null;

  private constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly log: Logger,
    /** Id of the last entry handed to listeners; before any, the stream's newest when reading began. */
    private last: string,
  ) {
    this.indexed = new Listeners(log);
    this.alertMatches = new Listeners(log);
  }

  /**
   * Starts reading after the stream's newest entry, and subscribes to the
   * match channel. `redis` is for looking back in the stream; the reads and
   * the subscription get connections of their own.
   */
  static async connect(redis: RedisClient, prefix: string, log: Logger): Promise<IndexedEventHub> {
    const subscriber = redis.duplicate();
    subscriber.on('error', (error: unknown) => log.warn({ err: error }, 'live streams: Redis subscriber error'));
    const hub = new IndexedEventHub(redis, subscriber, prefix, log, await newestIndexedId(redis, prefix));
    const matchChannel = redisKeys(prefix).alertDelivery.matchChannel;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === matchChannel) hub.receiveMatch(message);
    });
    await subscriber.subscribe(matchChannel);
    hub.reading = startReadLoop({ redis, log, what: 'live streams', round: (connection) => hub.readNext(connection) });
    return hub;
  }

  /** Reads what follows the last entry (waiting a while for it) and hands it to the listeners, in order. */
  private async readNext(connection: RedisClient): Promise<void> {
    const entries = await readIndexedAfter(connection, this.prefix, this.last, { count: READ_COUNT, blockMs: READ_BLOCK_MS });
    for (const entry of entries) {
      this.last = entry.id;
      if (entry.event === null) this.log.warn({ entry: entry.id }, 'ignored a stream entry that is not an indexed-article announcement');
      else this.indexed.dispatch(entry);
    }
  }

  private receiveMatch(message: string): void {
    const event = parseAlertMatchEvent(message);
    if (event === null) this.log.warn({ message: message.slice(0, 200) }, 'ignored a malformed saved-search match event');
    else this.alertMatches.dispatch(event);
  }

  get position(): string {
    return this.last;
  }

  listen(listener: (entry: IndexedEntry) => void): () => void {
    return this.indexed.listen(listener);
  }

  async announcedAfter(eventId: string, upTo: string, limit: number): Promise<IndexedEntry[] | null> {
    const newer: IndexedEntry[] = [];
    let end = upTo;
    for (let looked = 0; looked < limit; ) {
      const page = await indexedEntriesBack(this.redis, this.prefix, end, Math.min(LOOK_BACK_PAGE, limit - looked));
      const last = page.at(-1);
      if (last === undefined) return null;
      const found = newerThanEvent(page, eventId);
      newer.push(...found.newer);
      if (found.found) return newer.reverse();
      looked += page.length;
      end = `(${last.id}`;
    }
    return null;
  }

  /** How many streams are listening for indexed articles. */
  get size(): number {
    return this.indexed.size;
  }

  async close(): Promise<void> {
    this.indexed.clear();
    this.alertMatches.clear();
    await this.reading?.stop();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
