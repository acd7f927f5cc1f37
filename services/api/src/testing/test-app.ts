import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { SqliteIndex, type TidingsIndex } from '@tidings/index';
import { TidingsMetrics } from '@tidings/metrics';
import { connectRedis, PipelineQueues, type IndexedEvent } from '@tidings/queue';
import { buildApp, type BuildAppOptions } from '../app.js';
import type { ApiDeps } from '../deps.js';

/**
 * Test-only: the real API app over a real SQLite index (temporary file) and
 * a real Redis (unique prefix), listening on 127.0.0.1 and a free port, with
 * an in-process source of indexed-article events in place of the Redis
 * subscription, so a test decides exactly when articles are announced. Not
 * exported from the package.
 */
export interface TestApp {
  app: FastifyInstance;
  url: string;
  /** The index the app reads (before any wrapping the test asked for). */
  index: SqliteIndex;
  /** Announces newly indexed articles to the app's live streams, synchronously. */
  announce(...events: IndexedEvent[]): void;
  close(): Promise<void>;
}

export interface TestAppOptions extends BuildAppOptions {
  /** Wraps the index the app uses (to count its searches, say). */
  wrapIndex?: (index: TidingsIndex) => TidingsIndex;
  /** More dependencies (maxStreams, streamHeartbeatSeconds...). */
  deps?: Partial<ApiDeps>;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-api-'));
  const index = SqliteIndex.open(path.join(dir, 'tidings.db'));
  const redis = connectRedis(REDIS_URL);
  const queues = new PipelineQueues(redis, `tidings-test-api-${randomBytes(4).toString('hex')}`, { keepCompleted: 10, keepFailed: 10 });
  const listeners = new Set<(event: IndexedEvent) => void>();
  const app = await buildApp(
    {
      index: options.wrapIndex ? options.wrapIndex(index) : index,
      queues,
      redis,
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      auth: { token: null, publicRead: true },
      events: {
        listen: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
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
    index,
    announce: (...events) => {
      for (const event of events) for (const listener of listeners) listener(event);
    },
    close: async () => {
      await app.close();
      await queues.close();
      redis.disconnect();
      await index.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
