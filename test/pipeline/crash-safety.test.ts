import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, TidingsError } from '@tidings/contracts';
import { connectRedis, drainWorkers, PipelineQueues, startStageWorker, type FinalFailure } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { dyingWorkers } from './helpers/dying-workers.js';
import { waitFor } from './helpers/pipeline-harness.js';

const log = pino({ level: 'silent' });
const record = (n: number) => ({ itemUrl: `https://news.example.org/story/${n}`, canonicalUrl: `https://news.example.org/story/${n}`, recordKey: `record-${n}` });

/**
 * What a crash costs a job. A worker "dies" here the way a SIGKILLed process
 * does as far as Redis can tell: it is force-closed mid-job, so the job's lock
 * is never released or renewed, and another worker's stalled-job check has
 * to find it.
 */
describe('jobs of workers that die', () => {
  const prefix = uniquePrefix('crash');
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

  it('runs a job again after its worker died, and fails one that keeps killing its workers with [worker-crash] after TIDINGS_MAX_CRASHES', async () => {
    const maxCrashes = 2;
    const started: number[] = [];
    const completed: string[] = [];
    const failures: FinalFailure[] = [];
    // Job 1 kills the first worker that runs it (once); job 2 is a poison job that kills every worker that runs it.
    let poisonRuns = 0;
    let firstRuns = 0;
    const workers = dyingWorkers();
    const start = () => {
      const worker: Worker = startStageWorker(
        QUEUES.articleIndex,
        async (payload) => {
          const n = Number(payload.itemUrl.split('/').pop());
          started.push(n);
          const dies = n === 2 ? (poisonRuns += 1) > 0 : (firstRuns += 1) === 1;
          if (dies) return workers.die(worker);
          completed.push(payload.itemUrl);
          return { ok: true };
        },
        { connection: redis, prefix, log, concurrency: 1, lockDurationMs: 1_000, maxCrashes, onFinalFailure: (failure) => failures.push(failure) },
      );
      return workers.track(worker);
    };
    await queues.add(QUEUES.articleIndex, record(1), { jobId: 'one' });
    await queues.add(QUEUES.articleIndex, record(2), { jobId: 'two' });
    // Replace every worker that "died" by a fresh one, as a supervisor restarts a killed process.
    start();
    await workers.replaceUntil(start, () => completed.length === 1 && failures.length === 1, 40_000);
    await workers.closeAll();

    expect(completed).toEqual([record(1).itemUrl]);
    expect(firstRuns).toBe(2);
    // The poison job ran once, then after each of its maxCrashes stalls it was picked up again; the last pickup fails it unrun.
    expect(poisonRuns).toBe(maxCrashes);
    expect(failures[0]).toMatchObject({ queue: QUEUES.articleIndex, jobId: 'two', code: 'worker-crash' });
    const failed = await queues.get(QUEUES.articleIndex).getJob('two');
    expect(failed?.failedReason).toMatch(/^\[worker-crash\] the worker running this job died or stalled 2 times/);
  });

  it('on shutdown lets short jobs finish and hands a long one back to the queue, unharmed, for the next worker', async () => {
    const finished: string[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = startStageWorker(
      QUEUES.articleExtract,
      async (payload) => {
        if (payload.itemUrl.endsWith('/slow')) await slow;
        else await new Promise((resolve) => setTimeout(resolve, 200));
        finished.push(payload.itemUrl);
      },
      { connection: redis, prefix, log, concurrency: 2 },
    );
    const job = (name: string) => ({
      itemUrl: `https://news.example.org/${name}`,
      finalUrl: `https://news.example.org/${name}`,
      bodyKey: `body-${name}`,
      fetchedAt: new Date().toISOString(),
      item: { title: null, summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null },
    });
    await queues.add(QUEUES.articleExtract, job('slow'), { jobId: 'slow' });
    await queues.add(QUEUES.articleExtract, job('quick'), { jobId: 'quick' });
    const queue = queues.get(QUEUES.articleExtract);
    await waitFor(async () => (await queue.getActiveCount()) === 2);

    const { handedBack } = await drainWorkers([first], 1_000, log);
    expect(handedBack).toBe(1);
    expect(finished).toEqual(['https://news.example.org/quick']);
    const back = await queue.getJob('slow');
    expect(await back?.getState()).toBe('waiting');
    expect(back?.stalledCounter).toBe(0);
    expect(back?.attemptsMade).toBe(0);

    const second = startStageWorker(QUEUES.articleExtract, async (payload) => void finished.push(`again ${payload.itemUrl}`), { connection: redis, prefix, log, concurrency: 1 });
    await waitFor(() => finished.length === 2);
    await second.close();
    release();
    expect(finished).toEqual(['https://news.example.org/quick', 'again https://news.example.org/slow']);
    expect(await (await queue.getJob('slow'))?.getState()).toBe('completed');
  });

  it('keeps a job waiting while the index is unavailable, spending none of its attempts, and runs it once the index is back', async () => {
    let calls = 0;
    const failures: FinalFailure[] = [];
    const worker = startStageWorker(
      // feed-fetch jobs have one attempt: any failure would be final.
      QUEUES.feedFetch,
      async () => {
        calls += 1;
        if (calls <= 2) throw new TidingsError('unavailable', 'index upsert article failed (ECONNREFUSED)', { permanent: false });
        return { ok: true };
      },
      { connection: redis, prefix, log, concurrency: 1, onFinalFailure: (failure) => failures.push(failure) },
    );
    await queues.add(QUEUES.feedFetch, { feedId: 'f1', feedUrl: 'https://news.example.org/feed.xml' }, { jobId: 'waits' });
    const queue = queues.get(QUEUES.feedFetch);
    await waitFor(async () => (await (await queue.getJob('waits'))?.getState()) === 'completed', 30_000);
    await worker.close();
    expect(calls).toBe(3);
    expect(failures).toEqual([]);
    expect((await queue.getJob('waits'))?.attemptsMade).toBe(1);
  });
});
