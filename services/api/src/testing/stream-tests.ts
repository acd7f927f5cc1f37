import { afterEach } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import type { SearchOptions, TidingsIndex } from '@tidings/index';
import { testArticle } from './articles.js';
import { StreamClient } from './stream-client.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/**
 * Test-only: what the live-stream tests share. Not exported from the
 * package.
 */

export { announced } from './articles.js';

/** Starts apps and stream clients for one test file, every one closed after each test (register at the file's top level). */
export function streamTestHarness(): {
  start(options?: TestAppOptions): Promise<TestApp>;
  connect(url: string, headers?: Record<string, string>): Promise<StreamClient>;
} {
  let apps: TestApp[] = [];
  let clients: StreamClient[] = [];
  afterEach(async () => {
    for (const client of clients) client.close();
    clients = [];
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });
  return {
    start: async (options = {}) => {
      const app = await startTestApp(options);
      apps.push(app);
      return app;
    },
    connect: async (url, headers = {}) => {
      const client = await StreamClient.connect(url, headers);
      clients.push(client);
      return client;
    },
  };
}

/** The index, with `before` awaited ahead of each search (to count searches, or hold one back). */
export function beforeEachSearch(index: TidingsIndex, before: (options: SearchOptions | undefined) => void | Promise<void>): TidingsIndex {
  return new Proxy(index, {
    get(target, property, receiver) {
      if (property === 'search') {
        return async (...args: Parameters<TidingsIndex['search']>) => {
          await before(args[1]);
          return target.search(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A record at `https://live.example/<slug>` with `title` and `text`, dated `publishedAt`. */
export function liveArticle(slug: string, title: string, text: string, publishedAt: string): ArticleRecord {
  return testArticle(`https://live.example/${slug}`, text, publishedAt, { title, siteName: 'Live Example' });
}

/** An ISO time `hours` before now. */
export const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();
