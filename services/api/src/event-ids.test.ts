import { describe, expect, it } from 'vitest';
import type { AlertMatchEvent } from '@tidings/contracts';
import type { AlertMatchEntry, IndexedEntry, IndexedEvent } from '@tidings/queue';
import { articleEventId, isMatchEventId, isStreamEntryId, isStreamEventId, matchesSince, newerThanEvent } from './event-ids.js';
import { alertMatchEvent, indexedEvent } from '../../../test/support/announcements.js';

/** Event ids and finding a reader's Last-Event-ID in a run of stream entries: pure, no Redis. */

const event = (id: string, indexedAt: string): IndexedEvent => indexedEvent(id, { fetchedAt: indexedAt, indexedAt });
const entry = (streamId: string, announced: IndexedEvent | null): IndexedEntry => ({ id: streamId, event: announced });

describe('articleEventId and isStreamEventId', () => {
  it('names one announcement: the article id and its indexing time in ms, accepted back as a Last-Event-ID', () => {
    const id = articleEventId(event('3f2a9c0e1b7d4a55', '2025-12-02T18:26:40.000Z'));
    expect(id).toBe('3f2a9c0e1b7d4a55-1764700000000');
    expect(isStreamEventId(id)).toBe(true);
    // A bare article id (the form ids had before) is well formed; anything else is not.
    expect(isStreamEventId('3f2a9c0e1b7d4a55')).toBe(true);
    for (const bad of ['3f2a9c0e1b7d4a55-', '3F2A9C0E1B7D4A55-1', '3f2a9c0e1b7d4a55-1;2', '1764700000000-0']) expect(isStreamEventId(bad)).toBe(false);
  });

  it('writes time 0 for an unreadable indexing time rather than NaN', () => {
    expect(articleEventId(event('3f2a9c0e1b7d4a55', 'not a date'))).toBe('3f2a9c0e1b7d4a55-0');
  });
});

describe('newerThanEvent', () => {
  const one = event('0000000000000001', '2025-12-02T18:00:00.000Z');
  const two = event('0000000000000002', '2025-12-02T18:00:01.000Z');
  const oneAgain = event('0000000000000001', '2025-12-02T18:00:02.000Z');
  // Newest first, as XREVRANGE answers; one article indexed twice is two announcements.
  const newestFirst = [entry('5-0', oneAgain), entry('4-0', null), entry('3-0', two), entry('2-0', one)];

  it('gives the entries newer than the announcement, newest first, skipping entries without an event', () => {
    expect(newerThanEvent(newestFirst, articleEventId(one))).toEqual({ found: true, newer: [newestFirst[0], newestFirst[2]] });
    expect(newerThanEvent(newestFirst, articleEventId(oneAgain))).toEqual({ found: true, newer: [] });
  });

  it('says not found, with every entry that has an event, for an id not among them', () => {
    expect(newerThanEvent(newestFirst, '0000000000000001')).toEqual({ found: false, newer: [newestFirst[0], newestFirst[2], newestFirst[3]] });
    expect(newerThanEvent([], articleEventId(one))).toEqual({ found: false, newer: [] });
  });
});

describe('isMatchEventId', () => {
  it('takes a stream entry id as Redis writes it, or a bare article id (what match ids were before)', () => {
    for (const good of ['1764700000000-0', '1764700000000-12', '0-0', '1-0', '999999999999999-999999999999999999']) {
      expect(isMatchEventId(good), good).toBe(true);
      expect(isStreamEntryId(good), good).toBe(true);
    }
    expect(isMatchEventId('3f2a9c0e1b7d4a55')).toBe(true);
    expect(isStreamEntryId('3f2a9c0e1b7d4a55')).toBe(false);
    // Leading zeros, too many digits for a Redis id, a missing part, an article event id, anything else: not one.
    for (const bad of ['01764700000000-0', '1764700000000-01', '1000000000000000-0', '1-10000000000000000000', '1764700000000', '1764700000000-', '-0', '3f2a9c0e1b7d4a55-1764700000000', '3F2A9C0E1B7D4A55', '1764700000000-0 ', '$', '+', '(1-0']) {
      expect(isMatchEventId(bad), bad).toBe(false);
    }
  });
});

describe('matchesSince', () => {
  const match = (searchId: string, articleId: string): AlertMatchEvent => alertMatchEvent(searchId, articleId, { matchedAt: '2025-12-02T18:00:00.000Z' });
  const entry = (id: string, event: AlertMatchEvent | null): AlertMatchEntry => ({ id, event });
  const at = entry('5-0', match('mine', 'a'));
  // What the stream holds after it, oldest first: another search's match, a malformed entry, two of mine.
  const newer = [entry('6-0', match('other', 'b')), entry('7-0', null), entry('8-0', match('mine', 'c')), entry('8-1', match('mine', 'a'))];

  it("gives the search's matches after the reader's event, oldest first", () => {
    expect(matchesSince('mine', '5-0', at, newer, 10)).toEqual([newer[2], newer[3]]);
    expect(matchesSince('mine', '5-0', at, [], 10)).toEqual([]);
    // Exactly the last `limit` announcements, its own included.
    expect(matchesSince('mine', '5-0', at, newer, 5)).toEqual([newer[2], newer[3]]);
  });

  it('says the reader cannot resume when its event is not held, is no match of this search, or is older than the last `limit` announcements', () => {
    // The entry at or before the id is another (the reader's was trimmed, or never was).
    expect(matchesSince('mine', '5-1', at, newer, 10)).toBeNull();
    expect(matchesSince('mine', '5-0', undefined, [], 10)).toBeNull();
    // Another search's event, or an entry that held no match.
    expect(matchesSince('other', '5-0', at, newer, 10)).toBeNull();
    expect(matchesSince('mine', '7-0', entry('7-0', null), newer.slice(2), 10)).toBeNull();
    // `limit` entries after it: it is not among the last `limit`.
    expect(matchesSince('mine', '5-0', at, newer, 4)).toBeNull();
  });
});
