import type { Logger } from 'pino';
import type { SearchHit } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import type { IndexedEntry, IndexedEvent } from '@tidings/queue';
import type { MatchReader, MatchStreams } from './match-streams.js';
import { filterKey, followsEverything, matchBatch, type StreamFilter } from './stream-filter.js';

/** Newly indexed articles matched in one go, at most; a larger burst is matched in several batches. */
const MAX_BATCH = 100;
/**
 * How far back a reader who reconnects with a Last-Event-ID is looked up:
 * the last REPLAY_CAPACITY announcements of the installation (the Redis
 * stream holds far more, for the alerter), so the most one reconnection
 * replays (for a saved search's stream, the last REPLAY_CAPACITY matches
 * of the installation: match-streams.ts). On a busy installation (several
 * articles a second) that covers a dropped connection or a restart of the
 * API of a few minutes; on a quiet one, hours. A filtered reader's replay
 * costs at most REPLAY_CAPACITY / MAX_BATCH searches.
 */
export const REPLAY_CAPACITY = 1000;
/** Filter groups matched at once, so one batch does not take every database connection. */
const GROUP_CONCURRENCY = 4;

/** Where a reader's events go: its article frames, in the order the articles were indexed. */
export type ArticleSink = (event: IndexedEvent, hit: SearchHit | null) => void;

/** A source of events: the API's reader of a Redis stream (event-hub.ts). */
export interface EventSource<E> {
  listen(listener: (event: E) => void): () => void;
}

/** The announcements of newly indexed articles, as the Redis stream holds them (event-hub.ts). */
export interface AnnouncementSource extends EventSource<IndexedEntry> {
  /** Id of the last entry handed to the listeners; before any, the stream's newest when reading began. */
  readonly position: string;
  /**
   * The entries after the one that announced `eventId` (an articleEventId),
   * oldest first, up to and including entry `upTo`; null when it is not
   * among the `limit` entries up to `upTo`.
   */
  announcedAfter(eventId: string, upTo: string, limit: number): Promise<IndexedEntry[] | null>;
}

/** Where a reader's stream goes: its `ready` event, then its article frames. */
export interface ArticleReader {
  /**
   * Called once, before any article: `resumed` says whether the stream goes
   * on after the reader's Last-Event-ID (false when none was given).
   */
  ready(resumed: boolean): void;
  sink: ArticleSink;
}

/** A place among the live streams, held from before the stream starts until it ends. */
export interface StreamSlot {
  /**
   * Starts delivering articles indexed from now on that match `filter` to
   * the reader, after its `ready`. With `lastEventId` (the id of the last
   * event the reader got, see event-ids.ts), the articles announced after
   * that event that match come first (looked up in the Redis stream, so
   * any API process can resume any reader), then the live ones, none twice
   * and none skipped in between; `ready` is called once that event is
   * found, or known to be no longer (or never) in the last REPLAY_CAPACITY
   * announcements: the stream then starts live, `resumed` false.
   */
  attach(filter: StreamFilter, reader: ArticleReader, lastEventId?: string): void;
  /**
   * Starts delivering the matches of saved search `searchId` to the reader
   * instead of articles: from now on, or after `lastEventId` as `attach`
   * does (MatchStreams.attach). Only when the streams have a source of
   * matches.
   */
  attachMatches(searchId: string, reader: MatchReader, lastEventId?: string): void;
  /** Frees the place (idempotent); the reader gets nothing more. */
  release(): void;
}

interface Reader {
  sink: ArticleSink;
  /** Sequence number of the last event before it attached: it gets only later ones. */
  after: number;
}

/** An announcement as this process received it, numbered in the order it did (the stream's order). */
interface Numbered {
  seq: number;
  event: IndexedEvent;
}

interface Group {
  filter: StreamFilter;
  readers: Set<Reader>;
}

/**
 * Every live stream one API process serves, capped at `maxStreams`.
 *
 * Filtered streams cost one index query per batch of new articles and per
 * distinct filter, not one per article per reader: readers with the same
 * query and filters form a group, new articles queue up while a batch is
 * being matched, and each batch is matched for each group with one search
 * restricted to the batch (stream-filter.ts). Streams that follow everything
 * need no query at all. Each reader still gets its articles in the order
 * they were indexed. A stream of one saved search's matches (attachMatches,
 * served by `matches`) takes a place under the same cap and costs no query:
 * the alerter matched.
 */
export class LiveStreams {
  private readonly everything = new Set<Reader>();
  private readonly groups = new Map<string, Group>();
  private pending: Numbered[] = [];
  private lastSeq = 0;
  private held = 0;
  private draining = false;
  private readonly stopListening: Array<() => void>;

  constructor(
    private readonly index: TidingsIndex,
    private readonly events: AnnouncementSource,
    private readonly log: Logger,
    private readonly maxStreams: number,
    private readonly matches?: MatchStreams,
  ) {
    this.stopListening = [events.listen((entry) => entry.event && this.receive(entry.event))];
    if (matches) this.stopListening.push(() => matches.close());
  }

  /** Streams open (or about to open) now. */
  get size(): number {
    return this.held;
  }

  /** A place for one more stream, or null when `maxStreams` are open. Taken synchronously, so the cap holds under a burst. */
  reserve(): StreamSlot | null {
    if (this.held >= this.maxStreams) return null;
    this.held++;
    let reader: Reader | null = null;
    let group: Group | null = null;
    let detachMatches: (() => void) | null = null;
    let released = false;
    return {
      attachMatches: (searchId, matchReader, lastEventId) => {
        if (released || reader !== null || detachMatches !== null || !this.matches) return;
        detachMatches = this.matches.attach(searchId, matchReader, lastEventId);
      },
      attach: (filter, { ready, sink }, lastEventId) => {
        if (released || reader !== null || detachMatches !== null) return;
        // Live articles are those announced from now on; the missed ones, all announced up to the stream's `position`, come first.
        reader = { sink, after: this.lastSeq };
        if (lastEventId === undefined) ready(false);
        else this.resume(reader, filter, ready, lastEventId, () => released);
        if (followsEverything(filter)) {
          this.everything.add(reader);
        } else {
          const key = filterKey(filter);
          group = this.groups.get(key) ?? { filter, readers: new Set() };
          this.groups.set(key, group);
          group.readers.add(reader);
        }
      },
      release: () => {
        if (released) return;
        released = true;
        this.held--;
        detachMatches?.();
        if (reader === null) return;
        this.everything.delete(reader);
        if (group) {
          group.readers.delete(reader);
          if (group.readers.size === 0 && this.groups.get(filterKey(group.filter)) === group) this.groups.delete(filterKey(group.filter));
        }
      },
    };
  }

  /** Stops listening for new articles and matches. */
  close(): void {
    for (const stop of this.stopListening) stop();
    this.pending = [];
  }

  /**
   * Looks up the announcements after `lastEventId`, up to the last one
   * received so far, and sends `reader` those that match `filter`, in
   * order, after its `ready`; live articles for it wait meanwhile and
   * follow. Matched MAX_BATCH at a time for this reader alone (a
   * reconnection is one reader's affair). When the event is not found (or
   * Redis cannot be asked) the reader goes on live, `resumed` false.
   */
  private resume(reader: Reader, filter: StreamFilter, ready: (resumed: boolean) => void, lastEventId: string, released: () => boolean): void {
    const sink = reader.sink;
    const waiting: Array<Parameters<ArticleSink>> = [];
    reader.sink = (...live) => waiting.push(live);
    const upTo = this.events.position;
    void (async () => {
      let missed: IndexedEntry[] | null = null;
      try {
        missed = await this.events.announcedAfter(lastEventId, upTo, REPLAY_CAPACITY);
      } catch (error) {
        this.log.warn({ err: error }, 'could not look up the Last-Event-ID of a returning live stream reader: it starts live');
      }
      if (released()) return;
      ready(missed !== null);
      const events = (missed ?? []).flatMap((entry) => (entry.event ? [entry.event] : []));
      for (let start = 0; start < events.length && !released(); start += MAX_BATCH) {
        for (const [event, hit] of await this.matchMissed(filter, events.slice(start, start + MAX_BATCH))) sink(event, hit);
      }
      // In one go, with nothing awaited between: no live article slips in before or between these.
      for (const live of waiting) sink(...live);
      reader.sink = sink;
    })();
  }

  /** Which of `events` match `filter`, with their hits (every one, hitless, when it follows everything); none when the index fails, as for live ones. */
  private async matchMissed(filter: StreamFilter, events: IndexedEvent[]): Promise<Array<[IndexedEvent, SearchHit | null]>> {
    if (followsEverything(filter)) return events.map((event) => [event, null]);
    try {
      const hits = await matchBatch(this.index, filter, events);
      return events.flatMap((event): Array<[IndexedEvent, SearchHit]> => {
        const hit = hits.get(event.id);
        return hit ? [[event, hit]] : [];
      });
    } catch (error) {
      this.log.warn({ err: error, articles: events.length }, 'could not match missed articles for a returning live stream reader');
      return [];
    }
  }

  private receive(event: IndexedEvent): void {
    const seq = ++this.lastSeq;
    for (const reader of this.everything) reader.sink(event, null);
    if (this.groups.size === 0) return;
    this.pending.push({ seq, event });
    if (!this.draining) {
      this.draining = true;
      // After this tick: articles announced together are matched together.
      setImmediate(() => void this.drain());
    }
  }

  /** Matches queued articles batch by batch until none are left. */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        const groups = [...this.groups.values()];
        for (let start = 0; start < groups.length; start += GROUP_CONCURRENCY) {
          await Promise.all(groups.slice(start, start + GROUP_CONCURRENCY).map((group) => this.deliver(group, batch)));
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Matches `batch` for one group (one search) and sends each reader the matches it is owed. */
  private async deliver(group: Group, batch: Numbered[]): Promise<void> {
    const readers = [...group.readers];
    // Articles indexed before every reader of the group attached are nobody's business here.
    const owed = batch.filter((item) => readers.some((reader) => reader.after < item.seq));
    if (owed.length === 0) return;
    let hits: Map<string, SearchHit>;
    try {
      hits = await matchBatch(
        this.index,
        group.filter,
        owed.map((item) => item.event),
      );
    } catch (error) {
      this.log.warn({ err: error, articles: owed.length }, 'could not match new articles against a live stream filter');
      return;
    }
    for (const item of owed) {
      const hit = hits.get(item.event.id);
      if (!hit) continue;
      // Readers that left meanwhile are no longer in the group.
      for (const reader of group.readers) if (reader.after < item.seq) reader.sink(item.event, hit);
    }
  }
}
