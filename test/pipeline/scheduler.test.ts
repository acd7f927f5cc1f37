import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { connectRedis, PipelineQueues } from '@tidings/queue';
import { pollJobIdFor, removeLegacySchedulers, schedulePolls, type SchedulerDeps } from '@tidings/service-scheduler';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const MINUTE = 60_000;

describe('scheduler: one poll per feed when its nextPollAt comes, never duplicated', () => {
  const prefix = uniquePrefix('scheduler');
  const data = tempDir('scheduler');
  const redis = connectRedis(TEST_REDIS_URL);
  let index: TidingsIndex;
  let queues: PipelineQueues;
  let deps: SchedulerDeps;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10 });
    deps = { index, queues, policy: { minMs: 5 * MINUTE } };
  });

  afterAll(async () => {
    await queues.close();
    await index.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  const queued = async () => {
    const queue = queues.get(QUEUES.feedFetch);
    return [...(await queue.getWaiting()), ...(await queue.getDelayed()), ...(await queue.getPrioritized())];
  };

  it('polls a new feed at once, a due feed once, a future one not yet; several schedulers and restarts add nothing', async () => {
    const fresh = (await index.addFeed('http://example.org/new.xml')).feed;
    const due = (await index.addFeed('http://example.org/due.xml')).feed;
    const later = (await index.addFeed('http://example.org/later.xml')).feed;
    const now = Date.now();
    const dueAt = new Date(now - MINUTE).toISOString();
    await index.updateFeed(due.id, { nextPollAt: dueAt, intervalMs: 30 * MINUTE });
    await index.updateFeed(later.id, { nextPollAt: new Date(now + 10 * MINUTE).toISOString() });

    const first = await schedulePolls(deps, now);
    expect(first).toMatchObject({ feeds: 3, queued: 2, alreadyQueued: 0, nextDueAt: now + 10 * MINUTE });
    // A second scheduler process (own connection, own producers) and a restart: same ids, nothing new.
    const otherRedis = connectRedis(TEST_REDIS_URL);
    const other = new PipelineQueues(otherRedis, prefix, { keepCompleted: 10, keepFailed: 10 });
    const passes = await Promise.all([schedulePolls({ ...deps, queues: other }, now), schedulePolls(deps, now)]);
    for (const pass of passes) expect(pass).toMatchObject({ queued: 0, alreadyQueued: 2 });
    await other.close();
    otherRedis.disconnect();

    const jobs = await queued();
    expect(jobs.map((job) => job.id).sort()).toEqual([pollJobIdFor(fresh.id, fresh.addedAt), pollJobIdFor(due.id, dueAt)].sort());
    const dueJob = jobs.find((job) => job.data.feedId === due.id)!;
    expect(dueJob.data).toEqual({ feedId: due.id, feedUrl: due.url, dueAt });
    // One attempt per poll: the feed's own backoff, not BullMQ, retries a failed poll.
    expect(dueJob.opts.attempts).toBe(1);

    // The later feed comes due: queued then, once.
    expect((await schedulePolls(deps, now + 10 * MINUTE)).queued).toBe(1);
    expect((await schedulePolls(deps, now + 10 * MINUTE)).queued).toBe(0);
    expect(await queued()).toHaveLength(3);
    await index.removeFeed(later.id);
  });

  it('leaves paused and stopped feeds alone', async () => {
    const paused = (await index.addFeed('http://example.org/paused.xml')).feed;
    const stopped = (await index.addFeed('http://example.org/stopped.xml')).feed;
    await index.updateFeed(paused.id, { state: 'paused', stateReason: 'too many failures' });
    await index.updateFeed(stopped.id, { state: 'stopped', stateReason: 'HTTP 410' });
    const pass = await schedulePolls(deps);
    expect(pass.inactive).toBe(2);
    const feedIds = (await queued()).map((job) => job.data.feedId);
    expect(feedIds).not.toContain(paused.id);
    expect(feedIds).not.toContain(stopped.id);
  });

  it('gives a new slot to a feed whose poll finished without rescheduling it', async () => {
    const feed = (await index.addFeed('http://example.org/stuck.xml')).feed;
    const now = Date.now();
    const dueAt = new Date(now - MINUTE).toISOString();
    await index.updateFeed(feed.id, { nextPollAt: dueAt });
    expect((await schedulePolls(deps, now)).queued).toBeGreaterThanOrEqual(1);
    // The poll runs and fails before it can move nextPollAt (say, the index is unreachable).
    const jobId = pollJobIdFor(feed.id, dueAt);
    const worker = new Worker(QUEUES.feedFetch, async () => Promise.reject(new Error('[io] index unreachable')), { connection: connectRedis(TEST_REDIS_URL), prefix });
    await new Promise<void>((resolve) => worker.on('failed', (job) => job?.id === jobId && resolve()));
    await worker.close();
    // (The worker failed the other tests' queued polls too; they get new slots alike.)
    const pass = await schedulePolls(deps, now);
    expect(pass.rescheduled).toBeGreaterThanOrEqual(1);
    const after = await index.getFeed(feed.id);
    expect(Date.parse(after!.nextPollAt!)).toBe(now + 5 * MINUTE);
    // At the new slot a new poll is queued under a new id.
    expect((await schedulePolls(deps, now + 5 * MINUTE)).queued).toBeGreaterThanOrEqual(1);
    expect(await queues.get(QUEUES.feedFetch).getJob(pollJobIdFor(feed.id, after!.nextPollAt!))).toBeTruthy();
  });

  it('leaves the slot alone while the parse job a finished fetch queued is still to run, and gives a new one once it ended unrecorded', async () => {
    const feed = (await index.addFeed('http://example.org/parsing.xml')).feed;
    const now = Date.now();
    const dueAt = new Date(now - MINUTE).toISOString();
    await index.updateFeed(feed.id, { nextPollAt: dueAt });
    await schedulePolls(deps, now);
    const jobId = pollJobIdFor(feed.id, dueAt);
    const parseJobId = `parse-${feed.id}-test`;
    // The fetch ends as a 200 does: the body handed to the parser, nothing recorded on the feed yet.
    await queues.add(
      QUEUES.feedParse,
      { feedId: feed.id, finalUrl: feed.url, contentLocation: null, bodyKey: 'body', fetchedAt: dueAt, etag: null, lastModified: null, warnings: [] },
      { jobId: parseJobId },
    );
    const fetcher = new Worker(QUEUES.feedFetch, async (job) => (job.id === jobId ? { parseJobId } : {}), { connection: connectRedis(TEST_REDIS_URL), prefix });
    await new Promise<void>((resolve) => fetcher.on('completed', (job) => job.id === jobId && resolve()));
    await fetcher.close();
    const waiting = await schedulePolls(deps, now);
    expect(waiting.alreadyQueued).toBeGreaterThanOrEqual(1);
    expect((await index.getFeed(feed.id))?.nextPollAt).toBe(dueAt);
    // The parse fails for good before recording anything (say, the index is unreachable): the slot is freed.
    const parser = new Worker(QUEUES.feedParse, async () => Promise.reject(new UnrecoverableError('index unreachable')), { connection: connectRedis(TEST_REDIS_URL), prefix });
    await new Promise<void>((resolve) => parser.on('failed', (job) => job?.id === parseJobId && resolve()));
    await parser.close();
    await schedulePolls(deps, now);
    expect(Date.parse((await index.getFeed(feed.id))!.nextPollAt!)).toBe(now + 5 * MINUTE);
  });

  it('removes the fixed-interval job schedulers of earlier versions', async () => {
    const queue = queues.get(QUEUES.feedFetch);
    await queue.upsertJobScheduler('feed-0123456789ab', { every: 15 * MINUTE }, { name: 'poll', data: { feedId: '0123456789ab', feedUrl: 'http://example.org/x' } });
    expect(await removeLegacySchedulers(queue)).toBe(1);
    expect(await queue.getJobSchedulers(0, -1)).toEqual([]);
    await queue.drain(true);
  });
});
