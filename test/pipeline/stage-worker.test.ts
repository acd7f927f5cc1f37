import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobFailureOf, QUEUES, TidingsError } from '@tidings/contracts';
import { BodyStore, connectRedis, PipelineQueues, startStageWorker, type FinalFailure } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { until } from '../support/until.js';

const log = pino({ level: 'silent' });

describe('stage workers over a real Redis', () => {
  const prefix = uniquePrefix('worker');
  const redis = connectRedis(TEST_REDIS_URL);
  let queues: PipelineQueues;

  beforeAll(async () => {
    await requireRedis();
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 50 });
  });

  afterAll(async () => {
    await queues.close();
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('fails an invalid job with a reason naming the bad field, and carries on with the next job', async () => {
    const failures: FinalFailure[] = [];
    const handled: string[] = [];
    const worker = startStageWorker(
      QUEUES.feedFetch,
      async (payload) => {
        handled.push(payload.feedId);
      },
      { connection: redis, prefix, log, concurrency: 1, onFinalFailure: (failure) => failures.push(failure) },
    );
    const queue = queues.get(QUEUES.feedFetch);
    // Bypass the typed producer, as a buggy or foreign producer would.
    await queue.add('bad', { feedId: 'f1', feedUrl: 'not a url' });
    await queues.add(QUEUES.feedFetch, { feedId: 'f2', feedUrl: 'http://example.org/feed.xml' });
    await until('the good job handled and the bad one failed', () => handled.length === 1 && failures.length === 1, 20_000);
    await worker.close();
    expect(handled).toEqual(['f2']);
    expect(failures[0]).toMatchObject({ queue: 'feed-fetch', code: 'invalid-payload' });
    expect(failures[0]!.reason).toContain('feedUrl');
    const failed = await queue.getFailed();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.failedReason).toMatch(/^\[invalid-payload\] invalid feed-fetch job: feedUrl/);
    expect(failed[0]!.attemptsMade).toBe(1);
    expect(jobFailureOf(failed[0]!.data)).toMatchObject({ code: 'invalid-payload' });
  });

  it('retries a transient error with backoff but never retries a permanent one', async () => {
    const attempts: Record<string, number> = {};
    const failures: FinalFailure[] = [];
    const worker = startStageWorker(
      QUEUES.articleIndex,
      async (payload) => {
        attempts[payload.itemUrl] = (attempts[payload.itemUrl] ?? 0) + 1;
        if (payload.itemUrl.endsWith('/permanent')) throw new TidingsError('not-an-article', 'nothing here', { permanent: true });
        if (attempts[payload.itemUrl]! < 3) throw new TidingsError('network', 'connection reset', { permanent: false });
        return { ok: true };
      },
      { connection: redis, prefix, log, concurrency: 2, onFinalFailure: (failure) => failures.push(failure) },
    );
    await queues.add(QUEUES.articleIndex, { itemUrl: 'http://example.org/transient', canonicalUrl: 'http://example.org/transient', recordKey: `${prefix}:body:x` });
    await queues.add(QUEUES.articleIndex, { itemUrl: 'http://example.org/permanent', canonicalUrl: 'http://example.org/permanent', recordKey: `${prefix}:body:y` });
    await until('the third attempt at the transient job and the permanent failure', () => attempts['http://example.org/transient'] === 3 && failures.length === 1, 20_000);
    await worker.close();
    expect(attempts['http://example.org/permanent']).toBe(1);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'not-an-article', reason: 'nothing here' });
    const completed = await queues.get(QUEUES.articleIndex).getCompleted();
    expect(completed.map((job) => job.data.itemUrl)).toEqual(['http://example.org/transient']);
    // The job that failed for good carries its code typed, for other processes; the one that recovered carries none.
    const failed = await queues.get(QUEUES.articleIndex).getFailed();
    expect(failed.map((job) => jobFailureOf(job.data))).toEqual([{ code: 'not-an-article', reason: 'nothing here', permanent: true }]);
    expect(jobFailureOf(completed[0]!.data)).toBeNull();
  });

  it('stores bodies once, compressed, with a TTL, and says clearly when one is gone', async () => {
    const store = new BodyStore(redis, prefix, 60_000);
    const text = 'Привет, мир — '.repeat(1000);
    const key = await store.put(text);
    expect(await store.put(text)).toBe(key);
    expect(await store.get(key)).toBe(text);
    const stored = await redis.getBuffer(key);
    expect(stored!.length).toBeLessThan(Buffer.byteLength(text) / 10);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await redis.del(key);
    await expect(store.get(key)).rejects.toMatchObject({ code: 'body-expired', permanent: true });
  });
});
