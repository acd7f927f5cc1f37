import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ALL_QUEUES, QUEUES, redisKeys, type IndexedEvent } from '@tidings/contracts';
import { HostGate, NetworkHealth, RobotsCache } from '@tidings/politeness';
import {
  alertMatchStream,
  BodyStore,
  connectRedis,
  IndexedEventPublisher,
  indexedEventStream,
  isRedisCluster,
  readAnnouncements,
  readRedisDurability,
  PipelineQueues,
  queueKeyPrefix,
  redisAnswers,
  startStageWorker,
  type RedisClient,
} from '@tidings/queue';
import { describePipelineEndToEnd } from '../support/pipeline-flow.js';
import { startRedisCluster, type LocalRedisCluster } from '../support/redis-cluster.js';
import { deletePrefix, uniquePrefix } from '../support/services.js';

// Tidings on a Redis Cluster: three local masters (redis-server in cluster mode on free loopback ports,
// joined by `redis-cli --cluster create`), every Redis-backed part run on it, then the whole pipeline.
// Without redis-server this fails with install advice: it never passes by skipping.

const log = pino({ level: 'silent' });

describe('Tidings on a Redis Cluster of three masters', () => {
  let cluster: LocalRedisCluster;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('each part that keeps state in Redis', () => {
    let redis: RedisClient;
    const prefix = uniquePrefix('cluster');

    beforeAll(async () => {
      redis = connectRedis(cluster.url);
      await redis.ping();
    });

    afterAll(async () => {
      await deletePrefix(prefix, cluster.url);
      await redis?.quit();
    });

    it('reaches the cluster through REDIS_URL, and knows it is one', async () => {
      expect(await redisAnswers(cluster.url)).toBe(true);
      expect(isRedisCluster(redis)).toBe(true);
      // A node that is not there does not answer (and the probe does not hang).
      expect(await redisAnswers('redis+cluster://127.0.0.1:1')).toBe(false);
    });

    it("reads every master's durability settings (these test nodes run without AOF)", async () => {
      const durability = await readRedisDurability(redis);
      expect(durability.durable).toBe(false);
      expect(durability.servers.map((server) => Number(server.address.split(':')[1])).sort()).toEqual([...cluster.ports].sort());
      expect(durability.problems).toHaveLength(3);
      expect(durability.problems.every((problem) => / appendonly is no: /.test(problem))).toBe(true);
    });

    it('puts the keys of each script and transaction in one slot, as the cluster itself hashes them', async () => {
      const keys = redisKeys(prefix);
      const slotsOf = async (group: readonly string[]) => new Set(await Promise.all(group.map(async (key) => Number(await redis.cluster('KEYSLOT', key)))));
      const groups: Array<[string, string[]]> = [
        ['host', Object.values(keys.host('news.example:8080'))],
        ['host with braces', Object.values(keys.host('}odd{'))],
        ['network', Object.values(keys.network)],
        ['robots', [keys.robots('https://news.example'), keys.robotsFetch('https://news.example')]],
        ['workers', [keys.workers.live, keys.workers.worker('a:1:ff')]],
        ['announcement streams (one XREAD in the API)', [keys.indexedEvents, keys.alertDelivery.matches]],
        ...ALL_QUEUES.map((queue): [string, string[]] => {
          const base = `${queueKeyPrefix(prefix, queue, redis)}:${queue}`;
          return [queue, [`${base}:wait`, `${base}:active`, `${base}:meta`, `${base}:events`, `${base}:feed_1`, `${base}:feed_1:lock`]];
        }),
      ];
      for (const [name, group] of groups) expect((await slotsOf(group)).size, name).toBe(1);
      // Each queue has a slot of its own, so the queues spread over the masters.
      const queueSlots = await slotsOf(ALL_QUEUES.map((queue) => `${queueKeyPrefix(prefix, queue, redis)}:${queue}:wait`));
      expect(queueSlots.size).toBe(ALL_QUEUES.length);
    });

    it('keeps per-host politeness (HostGate: one Lua script over four keys)', async () => {
      const gate = new HostGate(redis, prefix, { concurrency: 1, delayMs: 0, leaseMs: 30_000 });
      const first = await gate.acquire('news.example');
      expect(first.granted).toBe(true);
      const second = await gate.acquire('news.example');
      expect(second).toMatchObject({ granted: false, reason: 'busy' });
      if (!first.granted) throw new Error('unreachable');
      await first.markStart();
      await first.release();
      const third = await gate.acquire('news.example');
      expect(third.granted).toBe(true);
      if (third.granted) await third.release();
      expect(await gate.backOff('news.example', 60_000)).toBeGreaterThan(50_000);
      expect(await gate.backOffLeft('news.example')).toBeGreaterThan(50_000);
      expect(await gate.acquire('news.example')).toMatchObject({ granted: false, reason: 'backoff' });
    });

    it("tells the network's health (NetworkHealth: one Lua script over three keys)", async () => {
      const health = new NetworkHealth(redis, prefix, { minHosts: 2, windowMs: 60_000, holdMs: 60_000 });
      expect(await health.recordFailure('a.example')).toBe(false);
      expect(await health.recordFailure('b.example')).toBe(true);
      expect(await health.isDown()).toBe(true);
      await health.recordResponse();
      expect(await health.isDown()).toBe(false);
    });

    it('caches robots.txt (RobotsCache: store and end the claim in one transaction)', async () => {
      const robots = new RobotsCache(redis, prefix);
      const origin = 'https://news.example';
      expect(await robots.claimFetch(origin, 10_000)).toBe(true);
      expect(await robots.claimFetch(origin, 10_000)).toBe(false);
      await robots.put(origin, { kind: 'rules', text: 'User-agent: *\nDisallow: /private' });
      expect(await robots.get(origin)).toEqual({ kind: 'rules', text: 'User-agent: *\nDisallow: /private' });
      // The same transaction ended the claim.
      expect(await robots.claimFetch(origin, 10_000)).toBe(true);
    });

    it('stores bodies, spread over the masters', async () => {
      const bodies = new BodyStore(redis, prefix, 60_000);
      const texts = Array.from({ length: 12 }, (_, i) => `<html><body>page ${i}</body></html>`);
      const stored = await Promise.all(texts.map((text) => bodies.put(text)));
      expect(await Promise.all(stored.map((key) => bodies.get(key)))).toEqual(texts);
      if (!isRedisCluster(redis)) throw new Error('unreachable');
      const holders = await Promise.all(redis.nodes('master').map(async (node) => (await node.scan('0', 'MATCH', `${prefix}:body:*`, 'COUNT', 1000))[1].length));
      expect(holders.filter((count) => count > 0).length).toBeGreaterThan(1);
    });

    it('carries indexed-article events and saved-search matches to the API (two streams, read in one blocking XREAD from another connection)', async () => {
      // As the API reads (services/api event-hub.ts): a duplicate of the runtime's connection, blocked on both streams (one slot).
      const reader = redis.duplicate();
      const streams = [indexedEventStream(prefix), alertMatchStream(prefix)] as const;
      try {
        const received = readAnnouncements(reader, streams, ['0-0', '0-0'], { count: 10, blockMs: 10_000 });
        const event: IndexedEvent = {
          id: 'abc123',
          url: 'https://news.example/a',
          title: 'A',
          siteName: null,
          authors: [],
          publishedAt: null,
          fetchedAt: new Date().toISOString(),
          indexedAt: new Date().toISOString(),
        };
        // Publish from a connection of its own: on a cluster, it may well reach another node than the subscriber's.
        const publisher = connectRedis(cluster.url);
        try {
          await new IndexedEventPublisher(publisher, prefix).publish(event);
        } finally {
          await publisher.quit();
        }
        const [articles, matches] = await received;
        expect(articles.map((entry) => entry.event)).toEqual([event]);
        expect(matches).toEqual([]);
        const match = { searchId: 's1', matchedAt: new Date().toISOString(), article: { id: 'abc123', url: event.url, title: 'A', siteName: null, authors: [], publishedAt: null, excerpt: null, lang: null } };
        await streams[1].append(redis, match);
        const [, matched] = await readAnnouncements(reader, streams, [articles[0]!.id, '0-0'], { count: 10, blockMs: 10_000 });
        expect(matched.map((entry) => entry.event)).toEqual([match]);
      } finally {
        reader.disconnect();
      }
    });

    it('runs stage jobs through BullMQ, including a job put aside and taken up again', async () => {
      const queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 50 });
      const seen: string[] = [];
      let finished!: () => void;
      const done = new Promise<void>((resolve) => (finished = resolve));
      const worker = startStageWorker(
        QUEUES.feedFetch,
        async (payload, context) => {
          seen.push(`${payload.feedId}:${context.attempt}`);
          if (seen.length === 1) await context.putAside(Date.now() + 100);
          finished();
          return { ok: true };
        },
        { connection: redis, prefix, log, concurrency: 1 },
      );
      try {
        await queues.add(QUEUES.feedFetch, { feedId: 'f1', feedUrl: 'https://news.example/feed.xml' }, { jobId: 'feed:f1' });
        await done;
      } finally {
        await worker.close();
      }
      expect(seen).toEqual(['f1:1', 'f1:1']);
      await queues.close();
    });
  });

  describePipelineEndToEnd('the pipeline end to end on the cluster: subscribe, run --until-idle, search, show', {
    url: () => cluster.url,
    require: async () => {
      if (!(await redisAnswers(cluster.url))) throw new Error(`the test cluster at ${cluster.url} does not answer`);
    },
    cleanup: (prefix) => deletePrefix(prefix, cluster.url),
  });
});
