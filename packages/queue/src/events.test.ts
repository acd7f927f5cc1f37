import { afterAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@tidings/contracts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { compareStreamIds, type RawStreamEntry } from './announcement-stream.js';
import { ANNOUNCING_MARK_TTL_S, createdByJob, indexedEventStream, IndexedEventPublisher } from './events.js';
import { trimmedUnread } from './indexed-consumer.js';
import { connectRedis } from './redis-client.js';

/** The pure parts of the stream of indexed articles (entry ids, entries, trimming), and the marks of index jobs against the shared Redis, a prefix per test. */

const indexedEntry = (raw: RawStreamEntry) => indexedEventStream('tidings').entry(raw);

const event = { id: 'abc', url: 'https://news.example/a', title: 'A', siteName: null, authors: [], publishedAt: null, fetchedAt: '2025-12-02T18:00:00.000Z', indexedAt: '2025-12-02T18:00:01.000Z' };

describe('compareStreamIds', () => {
  it('orders by time, then sequence, as numbers (not as text), exactly past 2^53', () => {
    expect(compareStreamIds('1700000000000-0', '1700000000000-0')).toBe(0);
    expect(compareStreamIds('1700000000000-1', '1700000000000-0')).toBeGreaterThan(0);
    expect(compareStreamIds('999-5', '1000-0')).toBeLessThan(0);
    expect(compareStreamIds('1700000000000-9', '1700000000000-10')).toBeLessThan(0);
    expect(compareStreamIds('0-0', '1-0')).toBeLessThan(0);
    expect(compareStreamIds('1-18446744073709551615', '1-18446744073709551614')).toBeGreaterThan(0);
  });
});

describe('the entries of the indexed-article stream', () => {
  it('reads the event field, and gives no event for an entry without a valid one', () => {
    expect(indexedEntry(['1-0', ['event', JSON.stringify(event)]])).toEqual({ id: '1-0', event });
    expect(indexedEntry(['2-0', ['event', '{"id":1}']])).toEqual({ id: '2-0', event: null });
    expect(indexedEntry(['3-0', ['event', 'not json']])).toEqual({ id: '3-0', event: null });
    expect(indexedEntry(['4-0', ['other', JSON.stringify(event)]])).toEqual({ id: '4-0', event: null });
    // A field value that happens to read "event" is not the field.
    expect(indexedEntry(['5-0', ['other', 'event', 'x', JSON.stringify(event)]])).toEqual({ id: '5-0', event: null });
    expect(indexedEntry(['5-1', ['other', 'event', 'event', JSON.stringify(event)]])).toEqual({ id: '5-1', event });
    // A pending entry trimmed away since: XREADGROUP answers it without fields.
    expect(indexedEntry(['6-0', null])).toEqual({ id: '6-0', event: null });
  });
});

describe('trimmedUnread', () => {
  // 20 announced, the group has read 10 of them (up to 100-0), the stream holds all 20.
  const position = { lastDelivered: '100-0', entriesRead: 10, firstEntry: '10-0', lastGenerated: '200-0', entriesAdded: 20, length: 20 };

  it('sees nothing lost while the group is inside what the stream holds, or nothing was trimmed', () => {
    expect(trimmedUnread(position)).toBeNull();
    // Trimmed, but only what it had read: its place is still held.
    expect(trimmedUnread({ ...position, firstEntry: '100-0', length: 11 })).toBeNull();
    expect(trimmedUnread({ ...position, firstEntry: '50-3', length: 12 })).toBeNull();
    // A group that read everything, the stream trimmed to nothing.
    expect(trimmedUnread({ ...position, lastDelivered: '200-0', firstEntry: null, length: 0 })).toBeNull();
    // Trimmed exactly up to its place: Redis' count says it read them all.
    expect(trimmedUnread({ ...position, firstEntry: '101-0', length: 10 })).toBeNull();
  });

  it('counts the entries trimmed past the group: those trimmed, less those it read', () => {
    // 17 trimmed, 10 of them read: 7 lost.
    expect(trimmedUnread({ ...position, firstEntry: '170-0', length: 3 })).toEqual({ lost: 7 });
    expect(trimmedUnread({ ...position, firstEntry: null, length: 0 })).toEqual({ lost: 10 });
    // Redis cannot tell what the group read (a group made at the end of a stream that had entries): some.
    expect(trimmedUnread({ ...position, firstEntry: '170-0', length: 3, entriesRead: null })).toEqual({ lost: null });
  });
});

describe('createdByJob', () => {
  it('is what the write found on a first run, and created after an earlier run unless that run recorded updated', () => {
    expect(createdByJob(true, null)).toBe(true);
    expect(createdByJob(false, null)).toBe(false);
    expect(createdByJob(false, 'created')).toBe(true);
    // The earlier run died before it knew what its write did: it may have created the article.
    expect(createdByJob(false, 'begun')).toBe(true);
    expect(createdByJob(false, 'updated')).toBe(false);
    // Gone since that run (deleted): created by this one.
    expect(createdByJob(true, 'updated')).toBe(true);
  });
});

describe("an index job's mark", () => {
  const prefix = uniquePrefix('announcing');
  const redis = connectRedis(TEST_REDIS_URL);
  const publisher = new IndexedEventPublisher(redis, prefix);
  const key = redisKeys(prefix).announcing('job');
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('gives each run the mark of the run before, begun until it records its outcome, and lasts its TTL from each write', async () => {
    expect(await publisher.begin('job')).toBeNull();
    expect(await publisher.begin('job')).toBe('begun');
    await publisher.record('job', 'updated');
    expect(await redis.ttl(key)).toBeGreaterThan(ANNOUNCING_MARK_TTL_S - 5);
    expect(await publisher.begin('job')).toBe('updated');
    await publisher.record('job', 'created');
    expect(await publisher.begin('job')).toBe('created');
    await publisher.end('job');
    expect(await publisher.begin('job')).toBeNull();
    // A mark set before outcomes were recorded.
    await redis.set(key, '1');
    expect(await publisher.begin('job')).toBe('begun');
  });
});
