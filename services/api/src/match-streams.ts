import type { Logger } from 'pino';
import type { AlertMatchEvent } from '@tidings/contracts';
import { compareStreamIds, type AlertMatchEntry } from '@tidings/queue';
import { REPLAY_CAPACITY, type EventSource } from './live-streams.js';

/** A match as a saved search's reader gets it: the id of its announcement on the stream of matches (the event's id) and the match. */
export interface SavedSearchMatch {
  id: string;
  event: AlertMatchEvent;
}

/** Where a saved search's reader gets its matches, in the order the alerter announced them. */
export type MatchSink = (match: SavedSearchMatch) => void;

/** Saved-search matches as the alerter announced them on the stream of matches (event-hub.ts). */
export interface MatchSource extends EventSource<AlertMatchEntry> {
  /** Id of the last entry handed to the listeners; before any, the stream's newest when reading began. */
  readonly position: string;
  /**
   * The matches of saved search `searchId` announced after entry `eventId`,
   * up to and including entry `upTo`, oldest first; null when `eventId` is
   * no entry held that announced a match of this search, or is not among
   * the `limit` entries up to `upTo` (matchesSince of event-ids.ts).
   */
  matchesAfter(searchId: string, eventId: string, upTo: string, limit: number): Promise<AlertMatchEntry[] | null>;
}

/** Where a saved search's reader's stream goes: its `ready` event, then its matches. */
export interface MatchReader {
  /** Called once, before any match: `resumed` says whether the stream goes on after the reader's Last-Event-ID (false when none was given). */
  ready(resumed: boolean): void;
  sink: MatchSink;
}

interface Reader {
  sink: MatchSink;
  /** Entry id of the last announcement the reader is owed nothing up to: it gets only later ones. */
  after: string;
}

/**
 * The readers of saved searches' matches in one API process, by saved
 * search: each match the source hands on goes to the readers of its search,
 * in the order the alerter announced them. No query: the alerter matched.
 */
export class MatchStreams {
  private readonly readers = new Map<string, Set<Reader>>();
  private readonly stopListening: () => void;

  constructor(
    private readonly source: MatchSource,
    private readonly log: Logger,
  ) {
    this.stopListening = source.listen((entry) => this.receive(entry));
  }

  /**
   * Starts delivering the matches of saved search `searchId` announced from
   * now on to `reader`, after its `ready`. With `lastEventId` (the id of
   * the last match event it got), the matches of that search announced
   * since come first, looked up in the Redis stream (so any API process
   * resumes any reader), then the live ones, none twice and none skipped in
   * between; `ready` is called once that is known. An event not found (or
   * no longer among the last REPLAY_CAPACITY announcements, or Redis cannot
   * be asked) starts the stream live, `resumed` false. Returns a function
   * that stops delivering (idempotent).
   */
  attach(searchId: string, { ready, sink }: MatchReader, lastEventId?: string): () => void {
    const reader: Reader = { sink, after: this.source.position };
    const readers = this.readers.get(searchId) ?? new Set<Reader>();
    this.readers.set(searchId, readers);
    readers.add(reader);
    let detached = false;
    if (lastEventId === undefined) ready(false);
    else this.resume(searchId, reader, ready, lastEventId, () => detached);
    return () => {
      detached = true;
      readers.delete(reader);
      if (readers.size === 0 && this.readers.get(searchId) === readers) this.readers.delete(searchId);
    };
  }

  /** Stops listening for matches. */
  close(): void {
    this.stopListening();
  }

  private receive(entry: AlertMatchEntry): void {
    const { id, event } = entry;
    if (event === null) return;
    for (const reader of this.readers.get(event.searchId) ?? []) {
      if (compareStreamIds(id, reader.after) > 0) reader.sink({ id, event });
    }
  }

  /**
   * Sends `reader` the matches announced after `lastEventId` up to the
   * source's place when it attached, after its `ready`; live matches for it
   * wait meanwhile and follow. A reader ahead of this process (it got its
   * last event from one that had read further) gets nothing up to that
   * event again.
   */
  private resume(searchId: string, reader: Reader, ready: (resumed: boolean) => void, lastEventId: string, detached: () => boolean): void {
    const sink = reader.sink;
    const upTo = reader.after;
    const waiting: SavedSearchMatch[] = [];
    reader.sink = (match) => waiting.push(match);
    void (async () => {
      let missed: AlertMatchEntry[] | null = null;
      try {
        missed = await this.source.matchesAfter(searchId, lastEventId, upTo, REPLAY_CAPACITY);
      } catch (error) {
        this.log.warn({ err: error, searchId }, 'could not look up the Last-Event-ID of a returning saved-search stream reader: it starts live');
      }
      if (detached()) return;
      ready(missed !== null);
      for (const { id, event } of missed ?? []) if (event !== null) sink({ id, event });
      // In one go, with nothing awaited between: no live match slips in before or between these.
      reader.after = missed !== null && compareStreamIds(lastEventId, upTo) > 0 ? lastEventId : upTo;
      for (const match of waiting) if (compareStreamIds(match.id, reader.after) > 0) sink(match);
      reader.sink = sink;
    })();
  }
}
