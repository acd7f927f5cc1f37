import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { connectRedis, IndexedEventPublisher, startRedisServer, type IndexedEvent } from '@tidings/queue';
import { freePort, tempDir } from '../../../test/support/services.js';
import { IndexedEventHub } from './event-hub.js';

/** The API's one reader of the stream of indexed articles, on a redis-server of the test's own that it stops and starts again. */

const event = (id: string): IndexedEvent => ({
  id,
  url: `https://news.example/${id}`,
  title: id,
  siteName: null,
  authors: [],
  publishedAt: null,
  fetchedAt: new Date().toISOString(),
  indexedAt: new Date().toISOString(),
});

async function until(what: string, probe: () => boolean): Promise<void> {
  // Bounded by the test's own timeout.
  while (!probe()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('IndexedEventHub', () => {
  it('reads from the newest entry on, and carries on when Redis goes away and comes back, with its data or without', async () => {
    const data = tempDir('hub-restart');
    const other = tempDir('hub-restart-empty');
    const log = pino({ level: 'silent' });
    const url = `redis://127.0.0.1:${await freePort()}`;
    let server = await startRedisServer(data.dir, log, url);
    const redis = connectRedis(url);
    redis.on('error', () => {});
    const publisher = new IndexedEventPublisher(redis, 'tidings');
    await publisher.publish(event('old'));
    const hub = await IndexedEventHub.connect(redis, 'tidings', log);
    const heard: string[] = [];
    hub.listen((entry) => heard.push(entry.event?.id ?? ''));
    try {
      await publisher.publish(event('first'));
      await until('the first announcement', () => heard.includes('first'));

      await server.stop();
      server = await startRedisServer(data.dir, log, url);
      await publisher.publish(event('after-restart'));
      await until('an announcement after the restart', () => heard.includes('after-restart'));

      await server.stop();
      server = await startRedisServer(other.dir, log, url);
      await publisher.publish(event('after-loss'));
      await until('an announcement after the data was lost', () => heard.includes('after-loss'));
      // What was there before it started is not live news.
      expect(heard).toEqual(['first', 'after-restart', 'after-loss']);
    } finally {
      await hub.close();
      redis.disconnect();
      await server.stop();
      data.remove();
      other.remove();
    }
  });
});
