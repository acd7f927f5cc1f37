import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobFailureOf, QUEUES, TidingsError } from '@tidings/contracts';
import { connectRedis, failureOfJob, PipelineQueues, retryFailedJobs, startStageWorker, type FinalFailure, type RetryReport } from '@tidings/queue';
import { runCli, runCliJson } from '../support/cli.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, tempDir, uniquePrefix } from '../support/services.js';
import { dyingWorkers } from './helpers/dying-workers.js';
import { waitFor } from './helpers/pipeline-harness.js';

const log = pino({ level: 'silent' });
const record = (name: string) => ({ itemUrl: `https://news.example.org/story/${name}`, canonicalUrl: `https://news.example.org/story/${name}`, recordKey: `record-${name}` });

/**
 * Failed jobs run again (`tidings retry`): an article job that failed for
 * good is claimed, so no poll brings it back; these are the way back.
 */
describe('retrying failed jobs', () => {
  const prefix = uniquePrefix('retry');
  const redis = connectRedis(TEST_REDIS_URL);
  const data = tempDir('retry');
  const env = { REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_LOG_LEVEL: 'silent' };
  let queues: PipelineQueues;
  const workers: Worker[] = [];

  beforeAll(async () => {
    await requireRedis();
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 20 });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close(true)));
    await queues.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  /**
   * A stage worker whose host is down at first: while it is, each job fails
   * as `failure` says for its story's name (null: it runs); the names of the
   * jobs that ran are kept in order.
   */
  const storyWorker = (queue: typeof QUEUES.articleFetch | typeof QUEUES.articleIndex, failure: (name: string) => TidingsError | null) => {
    const host = { down: true, completed: [] as string[] };
    workers.push(
      startStageWorker(
        queue,
        async (payload) => {
          const name = payload.itemUrl.split('/').pop()!;
          const error = host.down ? failure(name) : null;
          if (error) throw error;
          host.completed.push(name);
          return { ok: true };
        },
        { connection: redis, prefix, log, concurrency: 4 },
      ),
    );
    return host;
  };

  it('moves back the jobs that failed for a passing reason by default, and the ones that failed for good only when their code is named', async () => {
    const host = storyWorker(QUEUES.articleIndex, (name) => {
      if (name === 'flaky') return new TidingsError('network', 'connection refused', { permanent: false });
      if (name === 'unwanted') return new TidingsError('not-article', 'a product page', { permanent: true });
      return null;
    });
    await queues.add(QUEUES.articleIndex, record('flaky'), { jobId: 'flaky' });
    await queues.add(QUEUES.articleIndex, record('unwanted'), { jobId: 'unwanted' });
    const queue = queues.get(QUEUES.articleIndex);
    await waitFor(async () => (await queue.getFailedCount()) === 2, 20_000);
    expect(failureOfJob((await queue.getJob('flaky'))!)).toEqual({ code: 'network', reason: 'connection refused', permanent: false });
    expect(failureOfJob((await queue.getJob('unwanted'))!)).toEqual({ code: 'not-article', reason: 'a product page', permanent: true });

    // A dry run through the CLI names what it would move, and moves nothing.
    const dry = await runCliJson<RetryReport>(['retry', '--dry-run', '--json'], env);
    expect(dry).toEqual({
      dryRun: true,
      queues: [QUEUES.articleFetch, QUEUES.articleExtract, QUEUES.articleIndex],
      retried: 1,
      jobs: [{ queue: QUEUES.articleIndex, jobId: 'flaky', code: 'network', url: record('flaky').itemUrl }],
      left: [{ queue: QUEUES.articleIndex, code: 'not-article', count: 1, why: 'permanent' }],
      gone: 0,
    });
    expect(await queue.getFailedCount()).toBe(2);

    host.down = false;
    const text = await runCli(['retry'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('retried 1 failed job: article-index [network] 1');
    expect(text.stdout).toContain('left 1 that failed for good');
    await waitFor(() => host.completed.includes('flaky'));
    expect(await queue.getJobState('unwanted')).toBe('failed');
    // It ran afresh: its recorded failure was dropped when the worker took it up again.
    expect(jobFailureOf((await queue.getJob('flaky'))!.data)).toBeNull();

    const named = await retryFailedJobs(queues, { queues: [QUEUES.articleIndex], codes: ['not-article'], all: false }, { dryRun: false });
    expect(named.jobs.map((job) => job.jobId)).toEqual(['unwanted']);
    await waitFor(() => host.completed.includes('unwanted'));
    expect(host.completed).toEqual(['flaky', 'unwanted']);
  });

  it('refuses an unknown queue, --all with --code, an --older-than without a unit and --limit 0, with one line and exit 2', async () => {
    const unknown = await runCli(['retry', '--queue', 'article-fetch', 'nosuch'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no queue named nosuch');
    const both = await runCli(['retry', '--all', '--code', 'network'], env);
    expect(both.code).toBe(2);
    // A bare number would be milliseconds: never what is meant.
    const unitless = await runCli(['retry', '--older-than', '30'], env);
    expect([unitless.code, unitless.stderr]).toEqual([2, expect.stringContaining('--older-than: "30" needs a unit')]);
    const none = await runCli(['retry', '--limit', '0'], env);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('--limit 0 retries nothing')]);
  });

  it('with --older-than and --limit, moves back only the oldest failures, at most that many, and counts the ones it left', async () => {
    const host = storyWorker(QUEUES.articleFetch, () => new TidingsError('network', 'connection refused', { permanent: false }));
    const item = { title: null, summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null };
    const names = ['three-hours', 'two-hours', 'one-hour', 'just-now'];
    for (const name of names) await queues.add(QUEUES.articleFetch, { itemUrl: `https://news.example.org/story/${name}`, feedUrl: 'https://news.example.org/feed', item }, { jobId: name });
    const queue = queues.get(QUEUES.articleFetch);
    await waitFor(async () => (await queue.getFailedCount()) === names.length, 20_000);
    // Failed hours ago: BullMQ's finish time (the job's finishedOn and its score in the failed set) moved back, as time would have.
    for (const [name, hoursAgo] of [['three-hours', 3], ['two-hours', 2], ['one-hour', 1]] as const) {
      const at = Date.now() - hoursAgo * 3_600_000;
      await redis.hset(queue.toKey(name), 'finishedOn', String(at));
      await redis.zadd(queue.toKey('failed'), at, name);
    }

    const dry = await runCliJson<RetryReport>(['retry', '--queue', 'article-fetch', '--older-than', '30m', '--limit', '2', '--dry-run', '--json'], env);
    expect(dry.jobs.map((job) => job.jobId)).toEqual(['three-hours', 'two-hours']);
    expect(dry.left).toEqual([
      { queue: QUEUES.articleFetch, code: 'network', count: 1, why: 'over-limit' },
      { queue: QUEUES.articleFetch, code: 'network', count: 1, why: 'too-recent' },
    ]);
    expect(await queue.getFailedCount()).toBe(names.length);

    host.down = false;
    const text = await runCli(['retry', '--queue', 'article-fetch', '--older-than', '30m', '--limit', '2'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('retried 2 failed jobs: article-fetch [network] 2');
    expect(text.stdout).toContain('left 1 that failed less than 30m ago: article-fetch [network] 1');
    expect(text.stdout).toContain('left 1 over --limit 2 (newer failures): article-fetch [network] 1');
    await waitFor(() => host.completed.length === 2);
    expect(host.completed.sort()).toEqual(['three-hours', 'two-hours']);
    expect([await queue.getJobState('one-hour'), await queue.getJobState('just-now')]).toEqual(['failed', 'failed']);
  });

  it('gives a job that failed with [worker-crash] its crashes afresh: retried, it runs instead of failing again unrun', async () => {
    const maxCrashes = 1;
    let poisonous = true;
    const finished: string[] = [];
    const failures: FinalFailure[] = [];
    const dying = dyingWorkers();
    const start = () => {
      const worker: Worker = startStageWorker(
        QUEUES.articleExtract,
        async (payload) => {
          if (poisonous) return dying.die(worker);
          finished.push(payload.itemUrl);
          return { ok: true };
        },
        { connection: redis, prefix, log, concurrency: 1, lockDurationMs: 1_000, maxCrashes, onFinalFailure: (failure) => failures.push(failure) },
      );
      workers.push(worker);
      return worker;
    };
    const page = {
      itemUrl: 'https://news.example.org/poison',
      finalUrl: 'https://news.example.org/poison',
      bodyKey: 'body-poison',
      fetchedAt: new Date().toISOString(),
      item: { title: null, summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null },
    };
    await queues.add(QUEUES.articleExtract, page, { jobId: 'poison' });
    start();
    // Replace every worker that "died" by a fresh one, as a supervisor restarts a killed process.
    await dying.replaceUntil(start, () => failures.length === 1, 30_000);
    expect(failures[0]).toMatchObject({ jobId: 'poison', code: 'worker-crash' });

    poisonous = false;
    const report = await retryFailedJobs(queues, { queues: [QUEUES.articleExtract], codes: ['worker-crash'], all: false }, { dryRun: false });
    expect(report.retried).toBe(1);
    await waitFor(() => finished.length === 1, 20_000);
    expect(failures).toHaveLength(1);
    expect(await queues.get(QUEUES.articleExtract).getJobState('poison')).toBe('completed');
  });
});
