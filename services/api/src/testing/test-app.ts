import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { SavedSearchStore } from '@tidings/alerts';
import { redisKeys, type AlertMatchEvent } from '@tidings/contracts';
import { SqliteIndex, type TidingsIndex } from '@tidings/index';
import { TidingsMetrics } from '@tidings/metrics';
import { alertMatchStream, compareStreamIds, connectRedis, IndexedEventPublisher, PipelineQueues, type IndexedEvent } from '@tidings/queue';
import { buildApp, type BuildAppOptions } from '../app.js';
import type { ApiDeps } from '../deps.js';
import { LiveEventHub } from '../event-hub.js';

/**
 * Test-only: the real API app over a real SQLite index (temporary file) and
 * a real Redis (unique prefix), listening on 127.0.0.1 and a free port,
 * reading indexed-article announcements and saved-search matches from the
 * prefix's Redis streams as `tidings api` does; a test announces articles
 * and matches there itself (as the indexer and the alerter would). Not
 * exported from the package.
 */
export interface TestApp {
  app: FastifyInstance;
  url: string;
  /** The installation's prefix (its Redis stream of announcements). */
  prefix: string;
  /** The index the app reads (before any wrapping the test asked for). */
  index: SqliteIndex;
  /**
   * Announces newly indexed articles on the stream, in one transaction (so
   * the app reads them together, as one burst), and resolves once this app
   * has read them.
   */
  announce(...events: IndexedEvent[]): Promise<void>;
  /** Announces saved-search matches on their stream, as the alerter does, and resolves once this app has read them. */
  announceMatches(...events: AlertMatchEvent[]): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions extends BuildAppOptions {
  /** Wraps the index the app uses (to count its searches, say). */
  wrapIndex?: (index: TidingsIndex) => TidingsIndex;
  /** More dependencies (maxStreams, streamHeartbeatSeconds...). */
  deps?: Partial<ApiDeps>;
  /**
   * The installation prefix, to share one stream between several apps (the
   * test then removes its keys: closing the app leaves them); default a
   * prefix of its own, removed on close.
   */
  prefix?: string;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-api-'));
  const index = SqliteIndex.open(path.join(dir, 'tidings.db'));
  const redis = connectRedis(REDIS_URL);
  const prefix = options.prefix ?? `tidings-test-api-${randomBytes(4).toString('hex')}`;
  const queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10 });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const events = await LiveEventHub.connect(redis, prefix, log);
  const publisher = new IndexedEventPublisher(redis, prefix);
  const matches = alertMatchStream(prefix);
  /** Resolves once `position()` has reached entry `last` (bounded by the test's own timeout). */
  const readUpTo = async (position: () => string, last: string | undefined): Promise<void> => {
    while (last !== undefined && compareStreamIds(position(), last) < 0) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const app = await buildApp(
    {
      index: options.wrapIndex ? options.wrapIndex(index) : index,
      queues,
      redis,
      log,
      auth: { token: null, publicRead: true },
      events,
      savedSearches: new SavedSearchStore(redis, prefix),
      alertMatches: events.alertMatches,
      metrics: new TidingsMetrics(() => Promise.reject(new Error('no pipeline metrics in this test'))),
      opml: null,
      ...options.deps,
    },
    options,
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test API is not on a TCP port');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    prefix,
    index,
    announce: async (...announced) => readUpTo(() => events.position, (await publisher.publish(...announced)).at(-1)),
    announceMatches: async (...announced) => readUpTo(() => events.alertMatches.position, (await matches.append(redis, ...announced)).at(-1)),
    close: async () => {
      await app.close();
      await events.close();
      if (options.prefix === undefined) await redis.del(redisKeys(prefix).indexedEvents, matches.key, redisKeys(prefix).alerts.searches);
      await queues.close();
      redis.disconnect();
      await index.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
