import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { redisKeys, type IndexedEvent } from '@tidings/contracts';
import { deletePrefix, freePort, tempDir, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { IndexedEventPublisher } from './events.js';
import { startIndexedConsumer } from './indexed-consumer.js';
import type { ReadLoop } from './read-loop.js';
import { startRedisServer } from './redis.js';
import { connectRedis, type RedisClient } from './redis-client.js';
import { indexedEvent } from '../../../test/support/announcements.js';
import { until } from '../../../test/support/until.js';

/**
 * The consumer group reader of the stream of indexed articles against a real
 * Redis: the shared one (a prefix per test), or one of the test's own that
 * it stops and starts again.
 */

const event = (id: string): IndexedEvent => indexedEvent(id);

/** A logger whose lines the test reads. */
function capturedLog(): { log: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { log: pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }), lines };
}


/** Starts a consumer of group `alerter` that records the ids it handles. */
function consume(redis: RedisClient, prefix: string, log: pino.Logger, handled: string[]): Promise<ReadLoop> {
  return startIndexedConsumer({
    redis,
    prefix,
    group: 'alerter',
    consumer: 'test',
    log,
    handle: async (announced) => {
      handled.push(announced.id);
    },
  });
}

describe('startIndexedConsumer', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(prefix);
  });

  it('warns, with a typed code and how many, when the stream was trimmed past the group, and reads on from what is left', async () => {
    const prefix = uniquePrefix('consumer-trim');
    prefixes.push(prefix);
    const redis = connectRedis(TEST_REDIS_URL);
    try {
      const handled: string[] = [];
      const publisher = new IndexedEventPublisher(redis, prefix);
      const first = await consume(redis, prefix, pino({ level: 'silent' }), handled);
      await publisher.publish(event('zero'));
      await until('the first announcement', () => handled.length > 0);
      await first.stop();
      await publisher.publish(event('one'), event('two'), event('three'));
      // The consumer was down longer than the stream holds: all but the newest trimmed away, two of them unread.
      await redis.xtrim(redisKeys(prefix).indexedEvents, 'MAXLEN', 1);

      const { log, lines } = capturedLog();
      const consumer = await consume(redis, prefix, log, handled);
      try {
        await until('the entry left to be handled', () => handled.length > 1);
        expect(handled).toEqual(['zero', 'three']);
        expect(lines.filter((line) => line.code === 'indexed-events-trimmed')).toMatchObject([{ level: 40, group: 'alerter', lost: 2 }]);
      } finally {
        await consumer.stop();
      }
    } finally {
      redis.disconnect();
    }
  });

  it('carries on when Redis goes away and comes back, with its data or without (the group is made again)', async () => {
    const data = tempDir('consumer-restart');
    const other = tempDir('consumer-restart-empty');
    const silent = pino({ level: 'silent' });
    const url = `redis://127.0.0.1:${await freePort()}`;
    let server = await startRedisServer(data.dir, silent, url);
    const redis = connectRedis(url);
    redis.on('error', () => {});
    const publisher = new IndexedEventPublisher(redis, 'tidings');
    const handled: string[] = [];
    const consumer = await consume(redis, 'tidings', silent, handled);
    try {
      await publisher.publish(event('before'));
      await until('the first announcement', () => handled.includes('before'));

      // Gone and back with its data (append-only file): the blocked read is sent again, the group is where it was.
      await server.stop();
      server = await startRedisServer(data.dir, silent, url);
      await publisher.publish(event('after-restart'));
      await until('an announcement after the restart', () => handled.includes('after-restart'));

      // Back without its data: the group is gone; the consumer makes it again and reads what came since.
      await server.stop();
      server = await startRedisServer(other.dir, silent, url);
      await publisher.publish(event('after-loss'));
      await until('an announcement after the data was lost', () => handled.includes('after-loss'));
      expect(handled).toEqual(['before', 'after-restart', 'after-loss']);
    } finally {
      await consumer.stop();
      redis.disconnect();
      await server.stop();
      data.remove();
      other.remove();
    }
  });
});
