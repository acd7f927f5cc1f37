import { describe, expect, it } from 'vitest';
import type { IndexedEntry, IndexedEvent } from '@tidings/queue';
import { articleEventId, isStreamEventId, newerThanEvent } from './event-ids.js';

/** Event ids and finding a reader's Last-Event-ID in a run of stream entries: pure, no Redis. */

const event = (id: string, indexedAt: string): IndexedEvent => ({
  id,
  url: `https://news.example/${id}`,
  title: id,
  siteName: null,
  authors: [],
  publishedAt: null,
  fetchedAt: indexedAt,
  indexedAt,
});
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
