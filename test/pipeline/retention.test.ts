import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@tidings/config';
import { redisKeys, type ArticleRecord } from '@tidings/contracts';
import { createLogger, createRuntime, startServices, type RunningServices, type Runtime } from '@tidings/runtime';
import { runRetention, schedulerService } from '@tidings/service-scheduler';
import { fixtureArticle } from '../support/api-instance.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

/**
 * Retention as the scheduler runs it (TIDINGS_RETENTION): a real Redis for
 * the lease that keeps several schedulers from pruning at once, a real
 * SQLite index with articles on both sides of the cutoff.
 */

const DAY = 86_400_000;

function article(n: number, fetchedAt: string): ArticleRecord {
  return fixtureArticle(`https://news.example.org/retention/${n}`, { title: `Retention story ${n}`, fetchedAt });
}

describe('retention in the scheduler', () => {
  const prefix = uniquePrefix('retention');
  const data = tempDir('retention');
  let runtime: Runtime;
  let services: RunningServices | undefined;
  const old = new Date(Date.now() - 40 * DAY).toISOString();
  const recent = new Date(Date.now() - DAY / 2).toISOString();

  beforeAll(async () => {
    await requireRedis();
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_LOG_LEVEL: 'silent', TIDINGS_RETENTION: '30d' });
    runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
  });

  afterAll(async () => {
    await services?.close();
    await runtime?.close();
    await deletePrefix(prefix);
    data.remove();
  });

  it('prunes once per period across schedulers: the one holding the lease', async () => {
    await runtime.index.upsertArticles([1, 2, 3].map((n) => ({ record: article(n, old) })));
    const deps = { index: runtime.index, redis: runtime.redis, queuePrefix: prefix, retentionMs: 30 * DAY };
    const results = await Promise.all([runRetention(deps), runRetention(deps)]);
    expect(results.filter((result) => result === null)).toHaveLength(1);
    expect(results.find((result) => result !== null)).toMatchObject({ articles: 3, dryRun: false });
    expect(await runtime.index.countArticles()).toBe(0);
    // Within the period nobody prunes again.
    expect(await runRetention(deps)).toBeNull();
    await runtime.redis.del(redisKeys(prefix).retentionLease);
  });

  it('runs on its own when the scheduler starts with TIDINGS_RETENTION set', async () => {
    await runtime.index.upsertArticles([
      { record: article(10, old) },
      { record: article(11, old) },
      { record: article(12, recent) },
    ]);
    services = await startServices(runtime, [schedulerService], { role: 'scheduler' });
    await vi.waitFor(async () => expect(await runtime.index.countArticles()).toBe(1), { timeout: 20_000, interval: 50 });
    expect(await runtime.index.getArticle(article(12, recent).url)).not.toBeNull();
    expect(await runtime.index.getArticle(article(10, old).url)).toBeNull();
    expect(await runtime.redis.exists(redisKeys(prefix).retentionLease)).toBe(1);
  });
});
