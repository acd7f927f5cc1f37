import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AlertMatchEvent } from '@tidings/contracts';
import { alertMatchStream, connectRedis, IndexedEventPublisher, startRedisServer, type IndexedEvent } from '@tidings/queue';
import { freePort, tempDir } from '../../../test/support/services.js';
import { LiveEventHub } from './event-hub.js';
import { alertMatchEvent, indexedEvent } from '../../../test/support/announcements.js';
import { until } from '../../../test/support/until.js';

/** The API's one reader of the streams of indexed articles and of saved-search matches, on a redis-server of the test's own that it stops and starts again. */

const event = (id: string): IndexedEvent => indexedEvent(id);

const match = (articleId: string): AlertMatchEvent => alertMatchEvent('search', articleId);


describe('LiveEventHub', () => {
  it('reads both streams from their newest entry on, and carries on when Redis goes away and comes back, with its data or without', async () => {
    const data = tempDir('hub-restart');
    const other = tempDir('hub-restart-empty');
    const log = pino({ level: 'silent' });
    const url = `redis://127.0.0.1:${await freePort()}`;
    let server = await startRedisServer(data.dir, log, url);
    const redis = connectRedis(url);
    redis.on('error', () => {});
    const publisher = new IndexedEventPublisher(redis, 'tidings');
    const matches = alertMatchStream('tidings');
    const announce = async (id: string) => {
      await publisher.publish(event(id));
      await matches.append(redis, match(id));
    };
    await announce('old');
    const hub = await LiveEventHub.connect(redis, 'tidings', log);
    const heard: string[] = [];
    const heardMatches: string[] = [];
    hub.listen((entry) => heard.push(entry.event?.id ?? ''));
    hub.alertMatches.listen((entry) => heardMatches.push(entry.event?.article.id ?? ''));
    const heardBoth = (id: string) => heard.includes(id) && heardMatches.includes(id);
    try {
      await announce('first');
      await until('the first announcements', () => heardBoth('first'));

      await server.stop();
      server = await startRedisServer(data.dir, log, url);
      await announce('after-restart');
      await until('announcements after the restart', () => heardBoth('after-restart'));

      await server.stop();
      server = await startRedisServer(other.dir, log, url);
      await announce('after-loss');
      await until('announcements after the data was lost', () => heardBoth('after-loss'));
      // What was there before it started is not live news.
      expect(heard).toEqual(['first', 'after-restart', 'after-loss']);
      expect(heardMatches).toEqual(['first', 'after-restart', 'after-loss']);
    } finally {
      await hub.close();
      redis.disconnect();
      await server.stop();
      data.remove();
      other.remove();
    }
  });
});
