import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@tidings/contracts';
import { connectRedis, isRedisCluster, type RedisClient } from '@tidings/queue';
import { MemoryStoryState, RedisStoryState, StoryGrouper } from '@tidings/stories';
import { loadStoryFixture } from '../fixtures/stories/load.js';
import { startRedisCluster, type LocalRedisCluster } from '../support/redis-cluster.js';
import { deletePrefix, uniquePrefix } from '../support/services.js';

// Story grouping on a Redis Cluster of three masters: each grouping step is one pipeline over many keys (LSH bands,
// words, fingerprints), which a cluster client sends to one node, so every key under redisKeys().storiesPrefix
// shares one hash tag. Without redis-server this fails with install advice: it never passes by skipping.

describe('story grouping on a Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let redis: RedisClient;
  const prefix = uniquePrefix('stories-cluster');

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
    redis = connectRedis(cluster.url);
    await redis.ping();
  }, 90_000);

  afterAll(async () => {
    if (cluster) await deletePrefix(prefix, cluster.url);
    await redis?.quit();
    await cluster?.stop();
  });

  const articles = [...loadStoryFixture().articles].sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : 1)).slice(0, 60);

  /** Commands the masters have run (inside scripts too), but the cluster's own and INFO. */
  const commandsRun = async () => {
    let total = 0;
    for (const node of isRedisCluster(redis) ? redis.nodes('master') : [redis]) {
      for (const [, name, calls] of (await node.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        if (!['cluster', 'info', 'ping', 'command'].includes(name as string)) total += Number(calls);
      }
    }
    return total;
  };

  it('groups as the in-memory state does, every key in one slot, in fewer than 100 Redis commands an article', async () => {
    const memory = new StoryGrouper(new MemoryStoryState());
    const inCluster = new StoryGrouper(new RedisStoryState(redis, redisKeys(prefix).storiesPrefix));
    const before = await commandsRun();
    for (const article of articles) expect(await inCluster.assign(article), article.id).toEqual(await memory.assign(article));
    // Some 50 lookup keys an article, each one SET; its few hundred word counts one HMGET and one HSET (one command per key
    // and per word was some 700).
    expect((await commandsRun() - before) / articles.length).toBeLessThan(100);
    const slots = new Set(await Promise.all(['members:w:strike', 'print:x', 'df:words', 'story:y'].map(async (key) => Number(await redis.cluster('KEYSLOT', `${redisKeys(prefix).storiesPrefix}${key}`)))));
    expect(slots.size).toBe(1);
  });

  it('would not work without the hash tag (the check can fail)', async () => {
    const untagged = new StoryGrouper(new RedisStoryState(redis, `${prefix}:stories-untagged:`));
    let failure: unknown = null;
    for (const article of articles.slice(0, 5)) {
      failure = await untagged.assign(article).then(() => null, (error: unknown) => error);
      if (failure) break;
    }
    expect(failure).toBeInstanceOf(Error);
  });
});
