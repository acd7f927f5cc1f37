import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { connectRedis, PipelineQueues } from '@tidings/queue';
import { schedulerIdFor, syncSchedules } from '@tidings/service-scheduler';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

describe('scheduler: one BullMQ job scheduler per feed', () => {
  const prefix = uniquePrefix('scheduler');
  const data = tempDir('scheduler');
  const redis = connectRedis(TEST_REDIS_URL);
  let index: TidingsIndex;
  let queues: PipelineQueues;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10 });
  });

  afterAll(async () => {
    await queues.close();
    await index.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  it('creates one scheduler per feed, polls a new feed at once, and never duplicates across restarts', async () => {
    const a = (await index.addFeed('http://example.org/a.xml')).feed;
    const b = (await index.addFeed('http://example.org/b.xml')).feed;
    const deps = { index, queues, pollIntervalMs: 15 * 60_000, jobDefaults: { keepCompleted: 10, keepFailed: 10 } };
    expect(await syncSchedules(deps)).toEqual({ feeds: 2, added: 2, removed: 0 });
    // A restarted scheduler (or a second scheduler process) syncs again: nothing new.
    const second = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10 });
    expect(await syncSchedules({ ...deps, queues: second })).toEqual({ feeds: 2, added: 0, removed: 0 });
    await second.close();

    const queue = queues.get(QUEUES.feedFetch);
    const schedulers = await queue.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key).sort()).toEqual([schedulerIdFor(a.id), schedulerIdFor(b.id)].sort());
    expect(schedulers.every((s) => s.every === 15 * 60_000)).toBe(true);
    // Exactly one poll per feed is due now (a new feed is polled at once), however many syncs ran.
    const due = [...(await queue.getWaiting()), ...(await queue.getDelayed())];
    expect(due.map((job) => job.data.feedId).sort()).toEqual([a.id, b.id].sort());
    expect(due.every((job) => job.repeatJobKey === schedulerIdFor(job.data.feedId))).toBe(true);

    await index.removeFeed(a.id);
    expect(await syncSchedules(deps)).toEqual({ feeds: 1, added: 0, removed: 1 });
    expect((await queue.getJobSchedulers(0, -1)).map((s) => s.key)).toEqual([schedulerIdFor(b.id)]);
  });
});
