import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AlertMatchEvent } from '@tidings/contracts';
import { compareStreamIds, type AlertMatchEntry } from '@tidings/queue';
import { matchesSince } from './event-ids.js';
import { MatchStreams, type MatchReader, type MatchSource } from './match-streams.js';
import { alertMatchEvent } from '../../../test/support/announcements.js';

/**
 * The fan-out of saved-search matches and its resumption, over a source in
 * memory that stands for the Redis stream (what it holds) and this process's
 * reading of it (what it has handed on so far): the two may differ, as they
 * do between API processes. No Redis.
 */

const match = (searchId: string, articleId: string): AlertMatchEvent => alertMatchEvent(searchId, articleId, { matchedAt: '2025-12-02T18:00:00.000Z' });

/** The stream (`held`) and a reader of it that hands on entries when told to (`readUpTo`). */
class HeldMatches implements MatchSource {
  readonly held: AlertMatchEntry[] = [];
  position = '0-0';
  /** Resolved when a lookup may answer; a test holds it to announce meanwhile. */
  lookupMayAnswer: Promise<void> = Promise.resolve();
  lookups = 0;
  private readonly listeners = new Set<(entry: AlertMatchEntry) => void>();

  listen(listener: (entry: AlertMatchEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends matches to the stream (not yet read by this process). */
  append(...events: AlertMatchEvent[]): string[] {
    return events.map((event) => {
      const id = `${this.held.length + 1}-0`;
      this.held.push({ id, event });
      return id;
    });
  }

  /** Reads the stream up to entry `id` (all of it by default), handing each entry on. */
  readUpTo(id = this.held.at(-1)?.id ?? '0-0'): void {
    for (const entry of this.held) {
      if (compareStreamIds(entry.id, this.position) <= 0 || compareStreamIds(entry.id, id) > 0) continue;
      this.position = entry.id;
      for (const listener of this.listeners) listener(entry);
    }
  }

  async matchesAfter(searchId: string, eventId: string, upTo: string, limit: number): Promise<AlertMatchEntry[] | null> {
    this.lookups++;
    await this.lookupMayAnswer;
    const at = this.held.findLast((entry) => compareStreamIds(entry.id, eventId) <= 0);
    const newer = this.held.filter((entry) => compareStreamIds(entry.id, eventId) > 0 && compareStreamIds(entry.id, upTo) <= 0).slice(0, limit);
    return matchesSince(searchId, eventId, at, newer, limit);
  }
}

/** A reader that records its `ready` and the article ids it gets. */
function recorder(): MatchReader & { resumed: boolean | null; articles: string[]; ids: string[] } {
  const reader = {
    resumed: null as boolean | null,
    articles: [] as string[],
    ids: [] as string[],
    ready: (resumed: boolean) => {
      reader.resumed = resumed;
    },
    sink: ({ id, event }: { id: string; event: AlertMatchEvent }) => {
      if (reader.resumed === null) throw new Error('a match before ready');
      reader.ids.push(id);
      reader.articles.push(event.article.id);
    },
  };
  return reader;
}

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('MatchStreams', () => {
  const log = pino({ level: 'silent' });

  it("gives each reader its search's matches from when it attached, and nothing once detached", () => {
    const source = new HeldMatches();
    const streams = new MatchStreams(source, log);
    source.append(match('s1', 'before'));
    source.readUpTo();
    const one = recorder();
    const other = recorder();
    const detach = streams.attach('s1', one);
    streams.attach('s2', other);
    expect([one.resumed, other.resumed]).toEqual([false, false]);
    source.append(match('s1', 'a'), match('s2', 'x'), match('s1', 'b'));
    source.readUpTo();
    expect(one.articles).toEqual(['a', 'b']);
    expect(other.articles).toEqual(['x']);
    detach();
    source.append(match('s1', 'c'));
    source.readUpTo();
    expect(one.articles).toEqual(['a', 'b']);
  });

  it('sends the missed matches first and the live ones that came during the lookup after them, none twice', async () => {
    const source = new HeldMatches();
    const streams = new MatchStreams(source, log);
    const [seen] = source.append(match('s1', 'seen'));
    source.append(match('s1', 'missed-1'), match('s2', 'other'), match('s1', 'missed-2'));
    source.readUpTo();
    let answer = (): void => {};
    source.lookupMayAnswer = new Promise((resolve) => (answer = resolve));
    const back = recorder();
    streams.attach('s1', back, seen);
    // Matches read while the lookup is under way wait for it.
    source.append(match('s1', 'live-1'));
    source.readUpTo();
    expect(source.lookups).toBe(1);
    expect(back.articles).toEqual([]);
    answer();
    await settled();
    expect(back.resumed).toBe(true);
    source.append(match('s1', 'live-2'));
    source.readUpTo();
    expect(back.articles).toEqual(['missed-1', 'missed-2', 'live-1', 'live-2']);
  });

  it('gives a reader ahead of this process (its last event came from another that had read further) nothing up to that event again', async () => {
    const source = new HeldMatches();
    const streams = new MatchStreams(source, log);
    const ids = source.append(match('s1', 'a'), match('s1', 'b'), match('s1', 'c'), match('s1', 'd'));
    // This process has read up to `a`; the reader got up to `c` elsewhere.
    source.readUpTo(ids[0]);
    const back = recorder();
    streams.attach('s1', back, ids[2]);
    await settled();
    expect(back.resumed).toBe(true);
    source.readUpTo();
    expect(back.articles).toEqual(['d']);
  });

  it('starts live, resumed false, for an event it does not hold, and for a failed lookup', async () => {
    const source = new HeldMatches();
    const streams = new MatchStreams(source, log);
    source.append(match('s1', 'a'));
    source.readUpTo();
    const unknown = recorder();
    streams.attach('s1', unknown, '99-0');
    const failed = recorder();
    source.matchesAfter = () => Promise.reject(new Error('Redis is away'));
    streams.attach('s1', failed, '1-0');
    await settled();
    expect([unknown.resumed, failed.resumed]).toEqual([false, false]);
    source.append(match('s1', 'b'));
    source.readUpTo();
    expect(unknown.articles).toEqual(['b']);
    expect(failed.articles).toEqual(['b']);
  });
});
