import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { connectRedis, PipelineQueues } from '@tidings/queue';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { waitFor } from './helpers/pipeline-harness.js';
import { articlePage, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONCURRENCY = 2;
const DELAY_MS = 500;
const PAGES = 8;
const WORKERS = 3;

/** Starts `tidings worker fetcher` as its own process, as a deployment would. */
function startFetcherProcess(env: Record<string, string>): ChildProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL'));
  return spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'services/cli/src/main.ts'), 'worker', 'fetcher'], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('per-host politeness across several fetcher processes', () => {
  const prefix = uniquePrefix('politeness');
  const data = tempDir('politeness');
  const redis = connectRedis(TEST_REDIS_URL);
  const servers: RecordingServer[] = [];
  const workers: ChildProcess[] = [];
  let queues: PipelineQueues;

  beforeAll(async () => {
    await requireRedis();
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 100, keepFailed: 100 });
    // Two hosts (two ports): each must get its own limits, neither must stall the other.
    for (let s = 0; s < 2; s++) {
      const server = await startRecordingServer();
      server.route('/robots.txt', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'));
      for (let i = 0; i < PAGES; i++) {
        // Slower than the spacing, so without the concurrency cap three requests would overlap.
        server.route(`/news/${i}.html`, (_req, res) => {
          setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(`Story ${s}-${i}`)), 2.5 * DELAY_MS);
        });
      }
      servers.push(server);
    }
  });

  afterAll(async () => {
    await Promise.all(
      workers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await queues?.close();
    await Promise.all(servers.map((server) => server.close()));
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  it(`keeps at most ${CONCURRENCY} requests in flight and ${DELAY_MS} ms between starts per host, with ${WORKERS} worker processes`, async () => {
    const item = { title: null, summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null };
    for (const server of servers) {
      for (let i = 0; i < PAGES; i++) {
        const url = server.url(`/news/${i}.html`);
        await queues.add(QUEUES.articleFetch, { itemUrl: url, feedUrl: server.url('/feed.rss'), item }, { jobId: `article-${servers.indexOf(server)}-${i}` });
      }
    }
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.0/8',
      TIDINGS_FETCH_CONCURRENCY: '4',
      TIDINGS_HOST_CONCURRENCY: String(CONCURRENCY),
      TIDINGS_HOST_DELAY_MS: String(DELAY_MS),
      TIDINGS_LOG_LEVEL: 'warn',
    };
    for (let w = 0; w < WORKERS; w++) workers.push(startFetcherProcess(env));

    const extract = queues.get(QUEUES.articleExtract);
    await waitFor(async () => (await extract.getWaitingCount()) === 2 * PAGES, 60_000);

    for (const server of servers) {
      expect(server.maxInFlight()).toBeLessThanOrEqual(CONCURRENCY);
      expect(server.minStartGap()).toBeGreaterThanOrEqual(0.9 * DELAY_MS);
      // robots.txt asked once per host (then shared through Redis), every page exactly once.
      expect(server.requestsTo('/robots.txt')).toHaveLength(1);
      for (let i = 0; i < PAGES; i++) expect(server.requestsTo(`/news/${i}.html`)).toHaveLength(1);
      expect(server.requests[0]!.headers['user-agent']).toMatch(/^Tidings\//);
    }
    // Waiting for a host is not failing.
    expect(await queues.get(QUEUES.articleFetch).getFailedCount()).toBe(0);
  }, 90_000);
});
