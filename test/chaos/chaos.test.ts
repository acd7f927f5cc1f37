import { describe, expect, it } from 'vitest';
import { runChaos, type ChaosOptions } from './chaos.js';

/** 60 articles, one process per role, Redis SIGKILLed once. */
const SMALL_RUN: ChaosOptions = {
  feeds: 6,
  perFeed: 10,
  roles: { scheduler: 1, fetcher: 1, parser: 1, extractor: 1, indexer: 1 },
  killEveryMs: 3_000,
  killRedis: true,
  maxMs: 240_000,
};

/**
 * A small chaos run (the full one is `pnpm chaos`): separate worker
 * processes, random SIGKILLs, one Redis SIGKILL on an AOF with appendfsync
 * always, then on a Redis with no persistence at all (`--volatile-redis`).
 * Every article must be indexed exactly once; no job may fail, except, on
 * the volatile Redis, a feed's parse whose stored feed went with it
 * ([body-expired]: the feed is polled again; an article's page whose body
 * went is fetched again instead, see body-refetch.test.ts).
 */
describe('the pipeline under SIGKILL', () => {
  it('loses nothing, duplicates nothing and fails no job while workers and Redis are killed', async () => {
    const report = await runChaos(SMALL_RUN);
    expect(report.kills).toBeGreaterThan(0);
    expect(report.redisRestarts).toBe(1);
    expect({ lost: report.lost, duplicated: report.duplicated, unannounced: report.unannounced, failedJobs: report.failedJobs, failed: report.failedReasons, crashed: report.unexpectedExits }).toEqual({
      lost: 0,
      duplicated: 0,
      unannounced: 0,
      failedJobs: 0,
      failed: [],
      crashed: 0,
    });
    expect(report.indexed).toBe(60);
  }, 300_000);

  it('loses nothing when Redis keeps nothing: the scheduler sees it come back empty and polls the feeds again', async () => {
    // No persistence: the SIGKILL, a third of the way in, takes every queued job with it.
    const report = await runChaos({ ...SMALL_RUN, killEveryMs: 6_000, volatileRedis: true });
    expect(report.redisRestarts).toBe(1);
    expect({ lost: report.lost, duplicated: report.duplicated, crashed: report.unexpectedExits }).toEqual({ lost: 0, duplicated: 0, crashed: 0 });
    expect(report.indexed).toBe(60);
    // A parse queued just after the wipe whose feed (stored just before it) went with Redis ends as [body-expired],
    // in plain sight, and the feed is polled again; an extract or index job in that place has its page fetched again.
    expect(report.failedReasons.filter((reason) => !(reason.startsWith('feed-parse ') && reason.includes('[body-expired]')))).toEqual([]);
  }, 300_000);
});
