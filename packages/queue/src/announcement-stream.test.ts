import { afterAll, describe, expect, it } from 'vitest';
import type { AlertMatchEvent, IndexedEvent } from '@tidings/contracts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { alertMatchStream } from './alert-matches.js';
import { AnnouncementStream, readAnnouncements } from './announcement-stream.js';
import { indexedEventStream } from './events.js';
import { connectRedis } from './redis-client.js';
import { alertMatchEvent, indexedEvent } from '../../../test/support/announcements.js';

/** The announcement streams against the shared Redis, a prefix per test. */

const indexed = (id: string): IndexedEvent => indexedEvent(id, { fetchedAt: '2025-12-02T18:00:00.000Z', indexedAt: '2025-12-02T18:00:01.000Z' });
const match = (searchId: string, articleId: string): AlertMatchEvent => alertMatchEvent(searchId, articleId, { matchedAt: '2025-12-02T18:00:02.000Z', article: { lang: 'en' } });

describe('AnnouncementStream', () => {
  const prefixes: string[] = [];
  const redis = connectRedis(TEST_REDIS_URL);
  const prefix = (): string => {
    prefixes.push(uniquePrefix('announcements'));
    return prefixes.at(-1)!;
  };
  afterAll(async () => {
    for (const each of prefixes) await deletePrefix(each);
    redis.disconnect();
  });

  it('appends in order and reads back a page either way, skipping nothing and parsing each entry', async () => {
    const stream = indexedEventStream(prefix());
    expect(await stream.newestId(redis)).toBe('0-0');
    const ids = await stream.append(redis, indexed('a'), indexed('b'), indexed('c'), indexed('d'));
    expect(await stream.newestId(redis)).toBe(ids[3]);
    expect(await stream.entriesBack(redis, ids[2]!, 2)).toEqual([
      { id: ids[2], event: indexed('c') },
      { id: ids[1], event: indexed('b') },
    ]);
    expect((await stream.entriesBack(redis, `(${ids[2]!}`, 10)).map((entry) => entry.id)).toEqual([ids[1], ids[0]]);
    expect(await stream.entriesAfter(redis, ids[0]!, ids[2]!, 10)).toEqual([
      { id: ids[1], event: indexed('b') },
      { id: ids[2], event: indexed('c') },
    ]);
    expect((await stream.entriesAfter(redis, ids[0]!, '+', 2)).map((entry) => entry.id)).toEqual([ids[1], ids[2]]);
  });

  it('trims to about its bound (whole nodes of 100 entries), never below it', async () => {
    const stream = new AnnouncementStream(`${prefix()}:{events}:bounded`, 10, (json) => JSON.parse(json) as unknown);
    await stream.append(redis, ...Array.from({ length: 250 }, (_, i) => `entry ${i}`));
    const length = await redis.xlen(stream.key);
    expect(length).toBeGreaterThanOrEqual(10);
    expect(length).toBeLessThan(250);
    expect(await stream.entriesBack(redis, '+', 1)).toMatchObject([{ event: 'entry 249' }]);
  });

  it('reads two streams in one XREAD, each after its own place, and waits when neither has anything new', async () => {
    const installation = prefix();
    const articles = indexedEventStream(installation);
    const matches = alertMatchStream(installation);
    const [first] = await articles.append(redis, indexed('old'));
    await articles.append(redis, indexed('new'));
    const [matched] = await matches.append(redis, match('s1', 'x'));
    const reader = redis.duplicate();
    try {
      const [newArticles, newMatches] = await readAnnouncements(reader, [articles, matches] as const, [first!, '0-0'], { count: 10, blockMs: 1 });
      expect(newArticles.map((entry) => entry.event?.id)).toEqual(['new']);
      expect(newMatches).toEqual([{ id: matched, event: match('s1', 'x') }]);

      // Nothing after the newest of either: the read waits, and returns what is appended meanwhile to the one it went to.
      const waiting = readAnnouncements(reader, [articles, matches] as const, [await articles.newestId(redis), matched!], { count: 10, blockMs: 10_000 });
      const [later] = await matches.append(redis, match('s2', 'y'));
      const [noArticles, laterMatches] = await waiting;
      expect(noArticles).toEqual([]);
      expect(laterMatches).toEqual([{ id: later, event: match('s2', 'y') }]);
    } finally {
      reader.disconnect();
    }
  });
});
