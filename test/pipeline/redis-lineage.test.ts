import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { fixtureArticle } from '../support/api-instance.js';
import { connectRedis } from '@tidings/queue';
import { checkRedisLineage, type LineageDeps } from '@tidings/service-scheduler';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const item = (n: number): string => `https://news.example.org/story/${n}`;

describe('the scheduler notices that Redis lost its data, and gives back the work only Redis held', () => {
  const prefix = uniquePrefix('lineage');
  const data = tempDir('lineage');
  const redis = connectRedis(TEST_REDIS_URL);
  let index: TidingsIndex;
  let deps: LineageDeps;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
    deps = { redis, index, prefix };
  });

  afterAll(async () => {
    await index.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  it('adopts the Redis it first meets, then finds it the same', async () => {
    const first = await checkRedisLineage(deps);
    expect(first.outcome).toBe('adopted');
    expect(await redis.get(redisKeys(prefix).lineage)).toBe(first.outcome === 'adopted' ? first.lineage : null);
    expect(await checkRedisLineage(deps)).toEqual({ outcome: 'same' });
  });

  it('after Redis comes back empty: releases the claims of unindexed items and polls every active feed again in full, now', async () => {
    const polled = (await index.addFeed('https://news.example.org/feed.xml')).feed;
    const paused = (await index.addFeed('https://other.example.org/feed.xml')).feed;
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await index.updateFeed(polled.id, { etag: '"v1"', lastModified: 'Sun, 06 Dec 2026 06:00:00 GMT', nextPollAt: later });
    await index.updateFeed(paused.id, { etag: '"p1"', state: 'paused', nextPollAt: later });
    await index.claimNewItems(polled.id, [item(1), item(2), item(3)]);
    await index.upsertArticle(fixtureArticle(item(2)));

    // What a Redis restarted without its data looks like to Tidings: none of its keys, the lineage among them.
    await redis.del(redisKeys(prefix).lineage);
    const now = Date.now();
    const check = await checkRedisLineage(deps, now);
    expect(check).toMatchObject({ outcome: 'recovered', releasedClaims: 2, feedsRepolled: 1 });
    expect(await index.unclaimedItems([item(1), item(2), item(3)])).toEqual([item(1), item(3)]);
    expect(await index.getFeed(polled.id)).toMatchObject({ etag: null, lastModified: null, nextPollAt: new Date(now).toISOString() });
    // A paused feed stays as the operator left it.
    expect(await index.getFeed(paused.id)).toMatchObject({ etag: '"p1"', state: 'paused', nextPollAt: later });

    // Done once: the index now knows the new Redis.
    expect(await checkRedisLineage(deps)).toEqual({ outcome: 'same' });
  });

  it('takes another Redis than the one the index was used with for one that lost its data', async () => {
    await redis.set(redisKeys(prefix).lineage, 'another-redis');
    expect(await checkRedisLineage(deps)).toMatchObject({ outcome: 'recovered', lineage: 'another-redis' });
    expect(await checkRedisLineage(deps)).toEqual({ outcome: 'same' });
  });

  it('does the recovery again when a scheduler died before the index took the new lineage', async () => {
    await index.claimNewItems('f', [item(4)]);
    await redis.set(redisKeys(prefix).lineage, 'newer');
    // The index still remembers the previous one: as if the last check stopped before writeMeta.
    const results = await Promise.all([checkRedisLineage(deps), checkRedisLineage(deps)]);
    expect(results.map((result) => result.outcome)).toContain('recovered');
    expect(await index.unclaimedItems([item(4)])).toEqual([item(4)]);
    expect(await checkRedisLineage(deps)).toEqual({ outcome: 'same' });
  });
});
