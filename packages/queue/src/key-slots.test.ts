import { QueueKeys } from 'bullmq';
import calculateSlot from 'cluster-key-slot';
import { Cluster, Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_QUEUES, redisKeys } from '@tidings/contracts';
import { queueKeyPrefix } from './queues.js';
import { isRedisCluster } from './redis-client.js';

// On a Redis Cluster, every key of one Lua script or transaction must sit in one slot (else CROSSSLOT).
// These checks compute the slots the way the cluster does; test/e2e/cluster.test.ts runs the same keys on a real one.

const slots = (keys: readonly string[]) => new Set(keys.map((key) => calculateSlot(key)));

// Client objects only pick the key layout: neither ever connects.
const single = new Redis({ lazyConnect: true });
const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
afterAll(() => {
  single.disconnect();
  cluster.disconnect();
});

/** Every key BullMQ names for `queue` under `prefix`, plus a job's own keys. */
function bullKeys(prefix: string, queue: string): string[] {
  const keys = Object.values(new QueueKeys(prefix).getKeys(queue));
  const job = `${new QueueKeys(prefix).getQueueQualifiedName(queue)}:feed_1234abcd`;
  return [...keys, job, `${job}:lock`, `${job}:logs`, `${job}:dependencies`, `${keys[0]}metrics:completed`, `${keys[0]}metrics:completed:data`];
}

describe('BullMQ queue keys', () => {
  it('tells a cluster client from a single one', () => {
    expect(isRedisCluster(cluster)).toBe(true);
    expect(isRedisCluster(single)).toBe(false);
  });

  it('keep their names on a single Redis, so jobs queued before an upgrade are still found', () => {
    for (const queue of ALL_QUEUES) expect(queueKeyPrefix('tidings', queue, single)).toBe('tidings');
  });

  it("share one slot per queue on a cluster, and each queue has its own", () => {
    const perQueue = ALL_QUEUES.map((queue) => {
      const keys = bullKeys(queueKeyPrefix('tidings', queue, cluster), queue);
      expect(keys.every((key) => key.startsWith('tidings:')), 'still under the installation prefix').toBe(true);
      expect(slots(keys).size, queue).toBe(1);
      return calculateSlot(keys[0]!);
    });
    expect(new Set(perQueue).size).toBe(ALL_QUEUES.length);
  });

  it('would not without the hash tag (the check can fail)', () => {
    expect(slots(bullKeys('tidings', 'article-fetch')).size).toBeGreaterThan(1);
  });
});

describe("Tidings' own keys", () => {
  const keys = redisKeys('tidings');
  // Hosts and origins as the fetcher sees them, and a few that would break a naive `{${host}}` tag.
  const hosts = ['news.example', 'news.example:8080', '127.0.0.1:4000', '[::1]:80', 'a{b}c', '}lead', 'trail{', '{}', ''];

  it("of one host (HostGate's scripts) share a slot", () => {
    for (const host of hosts) expect(slots(Object.values(keys.host(host))).size, host).toBe(1);
  });

  it('of different hosts spread over slots', () => {
    expect(slots(['a.example', 'b.example', 'c.example', 'd.example'].map((host) => keys.host(host).inflight)).size).toBeGreaterThan(1);
  });

  it("of the network's health (NetworkHealth's scripts) share a slot", () => {
    expect(slots(Object.values(keys.network)).size).toBe(1);
  });

  it("of one origin's robots.txt and its fetch claim (RobotsCache's transaction) share a slot", () => {
    for (const host of hosts) {
      const origin = `https://${host}`;
      expect(slots([keys.robots(origin), keys.robotsFetch(origin)]).size, origin).toBe(1);
    }
  });

  it("of the worker heartbeats (one transaction: the live set and a worker's hash) share a slot", () => {
    expect(slots([keys.workers.live, keys.workers.worker('host:123:abcdef'), keys.workers.worker('other:9:000000')]).size).toBe(1);
  });

  it('of the two announcement streams (each API process reads both in one XREAD) share a slot', () => {
    expect(slots([keys.indexedEvents, keys.alertDelivery.matches]).size).toBe(1);
  });

  it('used one at a time (bodies, metrics) are not pinned to one slot', () => {
    expect(slots(['0'.repeat(32), 'f'.repeat(32), '1'.repeat(32)].map((hash) => keys.body(hash))).size).toBeGreaterThan(1);
  });
});
