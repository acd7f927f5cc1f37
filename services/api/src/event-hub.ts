import type { Logger } from 'pino';
import type { AlertMatchEvent } from '@tidings/contracts';
import {
  alertMatchStream,
  compareStreamIds,
  indexedEventStream,
  readAnnouncements,
  startReadLoop,
  type AlertMatchEntry,
  type AnnouncementStream,
  type IndexedEntry,
  type IndexedEvent,
  type ReadLoop,
  type RedisClient,
} from '@tidings/queue';
import { isStreamEntryId, matchesSince, newerThanEvent } from './event-ids.js';
import type { AnnouncementSource } from './live-streams.js';
import type { MatchSource } from './match-streams.js';

/** Longest one read of the streams waits for new entries; stopping cuts it short. */
const READ_BLOCK_MS = 5_000;
/** Entries read at once, per stream: a burst reaches the live streams together, so it is matched together. */
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
 * Saved-search matches as the alerter announces them on their stream, for
 * the live streams of saved searches: handed on as the hub reads them, and
 * looked up in the stream for a reader that comes back.
 */
class SavedSearchMatches implements MatchSource {
  private readonly listeners: Listeners<AlertMatchEntry>;

  constructor(
    private readonly redis: RedisClient,
    readonly stream: AnnouncementStream<AlertMatchEvent>,
    private readonly log: Logger,
    /** Id of the last entry handed to listeners; before any, the stream's newest when reading began. */
    private last: string,
  ) {
    this.listeners = new Listeners(log);
  }

  get position(): string {
    return this.last;
  }

  listen(listener: (entry: AlertMatchEntry) => void): () => void {
    return this.listeners.listen(listener);
  }

  /** Hands what the hub read to the listeners, in order. */
  receive(entries: readonly AlertMatchEntry[]): void {
    for (const entry of entries) {
      this.last = entry.id;
      if (entry.event === null) this.log.warn({ entry: entry.id }, 'ignored a stream entry that is not a saved-search match');
      else this.listeners.dispatch(entry);
    }
  }

  async matchesAfter(searchId: string, eventId: string, upTo: string, limit: number): Promise<AlertMatchEntry[] | null> {
    // A bare article id (what ids were before) names no entry.
    if (!isStreamEntryId(eventId)) return null;
    const [at] = await this.stream.entriesBack(this.redis, eventId, 1);
    // A reader ahead of this process (it got the event from one that had read further) has missed nothing up to `upTo`.
    const newer = at?.id === eventId && compareStreamIds(eventId, upTo) < 0 ? await this.stream.entriesAfter(this.redis, eventId, upTo, limit) : [];
    return matchesSince(searchId, eventId, at, newer, limit);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * What one API process reads from Redis for its live streams, fanned out to
 * every stream it serves (a connection per reader would not scale): the
 * stream of newly indexed articles and the stream of saved-search matches,
 * both read from their newest entry on by one blocking XREAD of the two keys
 * (they share a hash tag, so a Redis Cluster serves it) on one connection.
 * It carries on by itself when Redis goes away and comes back, with its data
 * or without (the streams' new entries then come after the old places).
 */
export class LiveEventHub implements AnnouncementSource {
  private readonly indexed: Listeners<IndexedEntry>;
  private reading: ReadLoop | null = null;

  private constructor(
    private readonly redis: RedisClient,
    private readonly stream: AnnouncementStream<IndexedEvent>,
    /** Saved-search matches as the alerter announces them, for the live stream of each saved search. */
    readonly alertMatches: SavedSearchMatches,
    private readonly log: Logger,
    /** Id of the last entry handed to listeners; before any, the stream's newest when reading began. */
    private last: string,
  ) {
    this.indexed = new Listeners(log);
  }

  /**
   * Starts reading after each stream's newest entry. `redis` is for looking
   * back in the streams; the reads get a connection of their own.
   */
  static async connect(redis: RedisClient, prefix: string, log: Logger): Promise<LiveEventHub> {
    const articles = indexedEventStream(prefix);
    const matches = alertMatchStream(prefix);
    const [lastArticle, lastMatch] = await Promise.all([articles.newestId(redis), matches.newestId(redis)]);
    const hub = new LiveEventHub(redis, articles, new SavedSearchMatches(redis, matches, log, lastMatch), log, lastArticle);
    hub.reading = startReadLoop({ redis, log, what: 'live streams', round: (connection) => hub.readNext(connection) });
    return hub;
  }

  /** Reads what follows the last entry of each stream (waiting a while for it) and hands it to the listeners, in order. */
  private async readNext(connection: RedisClient): Promise<void> {
    const [articles, matches] = await readAnnouncements(connection, [this.stream, this.alertMatches.stream] as const, [this.last, this.alertMatches.position], {
      count: READ_COUNT,
      blockMs: READ_BLOCK_MS,
    });
    for (const entry of articles) {
      this.last = entry.id;
      if (entry.event === null) this.log.warn({ entry: entry.id }, 'ignored a stream entry that is not an indexed-article announcement');
      else this.indexed.dispatch(entry);
    }
    this.alertMatches.receive(matches);
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
      const page = await this.stream.entriesBack(this.redis, end, Math.min(LOOK_BACK_PAGE, limit - looked));
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
  }
}
