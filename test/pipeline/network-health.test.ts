import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@tidings/contracts';
import { NetworkHealth } from '@tidings/politeness';
import { connectRedis } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

describe('NetworkHealth: our network down or one host failing, across fetchers', () => {
  const redis = connectRedis(TEST_REDIS_URL);
  const prefixes: string[] = [];
  const fresh = () => {
    const prefix = uniquePrefix('nethealth');
    prefixes.push(prefix);
    return { prefix, health: new NetworkHealth(redis, prefix, { minHosts: 3, windowMs: 60_000, holdMs: 30_000 }) };
  };

  beforeAll(requireRedis);
  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(prefix);
    redis.disconnect();
  });

  it('records a response only while failures are on record: a working network costs one read per response', async () => {
    const { prefix, health } = fresh();
    const keys = redisKeys(prefix).network;
    await health.recordResponse();
    await health.recordResponse();
    expect(await redis.exists(keys.failing, keys.lastOk, keys.down)).toBe(0);
    // Once a host has failed, a response is what tells later failures from that one.
    expect(await health.recordFailure('a.example')).toBe(false);
    await health.recordResponse();
    expect(await redis.exists(keys.lastOk)).toBe(1);
  });

  it('counts only the hosts that failed since the last response, whether or not a response was recorded before them', async () => {
    const { health } = fresh();
    // Responses with nothing on record are not written; the failures after them still count, from the first.
    await health.recordResponse();
    expect(await health.recordFailure('a.example')).toBe(false);
    expect(await health.recordFailure('b.example')).toBe(false);
    // A response: the two failures before it no longer count. (Redis' clock counts in ms: a failure in the very ms of
    // the response would count as before it; a request that fails takes longer than that.)
    await health.recordResponse();
    await sleep(5);
    expect(await health.recordFailure('c.example')).toBe(false);
    expect(await health.recordFailure('d.example')).toBe(false);
    expect(await health.isDown()).toBe(false);
    // A third distinct host since the response: the network is down, until any response.
    expect(await health.recordFailure('e.example')).toBe(true);
    expect(await health.isDown()).toBe(true);
    await health.recordResponse();
    expect(await health.isDown()).toBe(false);
  });
});
