import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { PipelineMetricsRecorder } from '@tidings/metrics';
import { connectRedis, readRedisDurability, type RedisDurability } from '@tidings/queue';
import { runCli, runCliJson } from '../support/cli.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface StatusJson {
  queues: Record<string, { waiting: number; active: number; completed: number; failed: number; delayed: number }>;
  index: { articles: number; feeds: number };
  rates: { windowMinutes: number; queues: Record<string, { completedPerMinute: number; failedPerMinute: number }> };
  metrics: {
    durations: Record<string, { count: number; meanSeconds: number | null; p95Seconds: number | null }>;
    fetchResults: Record<string, Record<string, number>>;
    articlesIndexed: number;
    bodiesRefetched: Record<string, number>;
    feedsFailing: number;
    failures: Array<{ queue: string; code: string; count: number }>;
    lag: { count: number; p50Seconds: number | null };
  };
  redis: RedisDurability;
}

describe('tidings api and tidings status', () => {
  const prefix = uniquePrefix('api-cli');
  let data: { dir: string; remove(): void };
  let env: Record<string, string>;

  beforeAll(async () => {
    await requireRedis();
    data = tempDir('api-cli');
    env = { REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_LOG_LEVEL: 'warn' };
  });

  afterAll(async () => {
    data?.remove();
    await deletePrefix(prefix);
  });

  it('`tidings api --port 0` prints its URL when ready, serves, and stops cleanly on SIGTERM', async () => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL'));
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'services/cli/src/main.ts'), 'api', '--host', '127.0.0.1', '--port', '0'], {
      cwd: root,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const line = stdout.split('\n')[0];
          if (stdout.includes('\n') && line) resolve(line.trim());
        });
        void exited.then((code) => reject(new Error(`tidings api exited ${code} before printing its URL: ${stderr}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // stderr is another pipe: its note may arrive just after the URL.
      await expect.poll(() => stderr, { timeout: 20_000 }).toContain(`API on ${url}`);
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('`tidings api` refuses a non-loopback address without a token', async () => {
    const result = await runCli(['api', '--host', '0.0.0.0', '--port', '0'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without TIDINGS_API_TOKEN/);
  });

  it('`tidings api --port` refuses a port that is not one', async () => {
    const result = await runCli(['api', '--port', '70000'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port/);
  });

  it('`tidings status --json` keeps {queues, index} and adds rates and the pipeline metrics', async () => {
    const redis = connectRedis(TEST_REDIS_URL);
    let durability: RedisDurability;
    try {
      durability = await readRedisDurability(redis);
      const recorder = new PipelineMetricsRecorder(redis, prefix);
      const publishedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
      await recorder.record({ queue: 'article-index', prefix, outcome: 'completed', durationMs: 40, result: { id: 'a', created: true, publishedAt } });
      await recorder.record({ queue: 'feed-fetch', prefix, outcome: 'completed', durationMs: 300, result: { status: 200 } });
      await recorder.record({ queue: 'article-extract', prefix, outcome: 'completed', durationMs: 5, result: { url: 'https://x.example/a', refetched: true } });
      await recorder.record({ queue: 'article-index', prefix, outcome: 'failed', durationMs: 5, error: new TidingsError('not-article', 'a listing page', { permanent: true }) });
      await recorder.record({ queue: 'article-fetch', prefix, outcome: 'failed', durationMs: 5, error: new HttpStatusError(404, 'https://x.example/gone') });
      await recorder.record({ queue: 'article-fetch', prefix, outcome: 'failed', durationMs: 5, error: new HttpStatusError(500, 'https://x.example/flaky') });
    } finally {
      redis.disconnect();
    }
    const status = await runCliJson<StatusJson>(['status', '--json'], env);
    expect(Object.keys(status.queues)).toEqual(['feed-fetch', 'feed-parse', 'article-fetch', 'article-extract', 'article-index']);
    expect(Object.keys(status.queues['feed-fetch']!).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    expect(status.index).toEqual({ articles: 0, feeds: 0 });
    expect(status.metrics.feedsFailing).toBe(0);
    expect(status.rates.windowMinutes).toBe(5);
    expect(status.rates.queues['article-index']).toEqual({ completedPerMinute: 0, failedPerMinute: 0 });
    expect(status.metrics.articlesIndexed).toBe(1);
    expect(status.metrics.durations['article-index']!.count).toBe(1);
    expect(status.metrics.durations['article-index']!.meanSeconds).toBeCloseTo(0.04, 3);
    expect(status.metrics.fetchResults.feed!['2xx']).toBe(1);
    expect(status.metrics.lag.count).toBe(1);
    // Failures are counted per typed code, as the README says of [not-article] (and as /metrics does).
    expect(status.metrics.failures).toEqual([
      { queue: 'article-fetch', code: 'http-status', count: 2 },
      { queue: 'article-index', code: 'not-article', count: 1 },
    ]);
    expect(status.metrics.bodiesRefetched).toEqual({ 'feed-fetch': 0, 'feed-parse': 0, 'article-fetch': 0, 'article-extract': 1, 'article-index': 0 });
    // Whatever the test's Redis is set to, status reports what Redis itself says.
    expect(status.redis).toEqual(durability);
    expect(typeof status.redis.durable).toBe('boolean');

    const text = await runCli(['status'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/done\/min/);
    expect(text.stdout).toMatch(/^article-index\s+0\s+0\s+0\s+0\s+0\s+0\.0\s+0\.0\s+\S+\s+\S+$/m);
    expect(text.stdout).toMatch(/fetches: feeds 2xx 1/);
    expect(text.stdout).toMatch(/^failed attempts by code: article-fetch \[http-status\] 2 · article-index \[not-article\] 1$/m);
    expect(text.stdout).toMatch(/^pages fetched again because their stored body had gone: article-extract 1$/m);
    expect(text.stdout).toMatch(durability.durable ? /^redis: durable \(AOF, appendfsync always, maxmemory-policy noeviction\)$/m : /^redis: NOT DURABLE: .*\n {2}127\.0\.0\.1:\d+: /m);
  });
});
