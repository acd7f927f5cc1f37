import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpStatusError, QUEUES } from '@tidings/contracts';
import { metricsKey, PipelineMetricsRecorder } from '@tidings/metrics';
import { connectRedis, type StageJobSettled } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { until } from '../support/until.js';

/** A day of a busy fetcher in miniature: 304 polls, 200 polls, a failed page, an indexed article. */
function jobs(prefix: string, now: number): StageJobSettled[] {
  const notModified = (durationMs: number): StageJobSettled => ({ queue: QUEUES.feedFetch, prefix, outcome: 'completed', durationMs, result: { notModified: true } });
  const settled: StageJobSettled[] = [
    ...Array.from({ length: 40 }, (_, i) => notModified(2 + (i % 7) * 0.25)),
    { queue: QUEUES.feedFetch, prefix, outcome: 'completed', durationMs: 120, result: { status: 200, bytes: 5_000, parseJobId: 'parse-1' } },
    { queue: QUEUES.articleFetch, prefix, outcome: 'failed', durationMs: 30, error: new HttpStatusError(404, 'https://a.example/gone') },
    { queue: QUEUES.articleIndex, prefix, outcome: 'completed', durationMs: 15, result: { created: true, publishedAt: new Date(now - 3_600_000).toISOString() } },
  ];
  // Another installation's job, in the same process: not counted here.
  return [...settled, { ...notModified(3), prefix: `${prefix}-other` }];
}

describe('PipelineMetricsRecorder: what a process observes, written to Redis a second at a time', () => {
  const redis = connectRedis(TEST_REDIS_URL);
  const prefixes: string[] = [];
  const now = Date.parse('2026-12-07T03:00:00Z');
  const fresh = () => {
    const prefix = uniquePrefix('recorder');
    prefixes.push(prefix);
    return prefix;
  };
  const stored = async (prefix: string) => {
    const fields = await redis.hgetall(metricsKey(prefix));
    return Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, Number(Number(value).toFixed(9))]));
  };

  beforeAll(requireRedis);
  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(prefix);
    redis.disconnect();
  });

  it('adds up the jobs it observes and writes the sums at once, the same figures as a write per job', async () => {
    const [batched, each] = [fresh(), fresh()];
    const recorder = new PipelineMetricsRecorder(redis, batched, () => {}, () => now, 60_000);
    for (const job of jobs(batched, now)) recorder.observe(job);
    // Nothing is written per job: within the interval the counts wait in memory.
    await sleep(50);
    expect(await redis.exists(metricsKey(batched))).toBe(0);
    await recorder.flush();
    const written = await stored(batched);

    const perJob = new PipelineMetricsRecorder(redis, each, () => {}, () => now);
    for (const job of jobs(each, now)) await perJob.record(job);
    expect(written).toEqual(await stored(each));
    expect(written).toMatchObject({ 'fetch|feed|3xx': 40, 'fetch|feed|2xx': 1, 'fetch|article|4xx': 1, 'failure|article-fetch|http-status': 1, 'articles-indexed': 1 });
  });

  it('writes on its own within the interval, and nothing when nothing was observed', async () => {
    const prefix = fresh();
    const recorder = new PipelineMetricsRecorder(redis, prefix, () => {}, () => now, 100);
    recorder.observe({ queue: QUEUES.feedFetch, prefix, outcome: 'completed', durationMs: 2, result: { notModified: true } });
    // Written by its own timer, with no flush called (waited for, not timed: a loaded machine runs timers late).
    await until('the recorder writes on its own', async () => (await stored(prefix))['fetch|feed|3xx'] === 1);
    expect(await stored(prefix)).toMatchObject({ 'fetch|feed|3xx': 1, 'duration|feed-fetch|completed|sum': 0.002 });
    await recorder.flush();
    expect(await stored(prefix)).toMatchObject({ 'fetch|feed|3xx': 1 });
  });
});
