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

  it('moves back the jobs that failed for a passing reason by default, and the ones that failed for good only when their code is named', async () => {
    let hostDown = true;
    const completed: string[] = [];
    workers.push(
      startStageWorker(
        QUEUES.articleIndex,
        async (payload) => {
          const name = payload.itemUrl.split('/').pop()!;
          if (name === 'flaky' && hostDown) throw new TidingsError('network', 'connection refused', { permanent: false });
          if (name === 'unwanted' && hostDown) throw new TidingsError('not-article', 'a product page', { permanent: true });
          completed.push(name);
          return { ok: true };
        },
        { connection: redis, prefix, log, concurrency: 2 },
      ),
    );
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

    hostDown = false;
    const text = await runCli(['retry'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('retried 1 failed job: article-index [network] 1');
    expect(text.stdout).toContain('left 1 that failed for good');
    await waitFor(() => completed.includes('flaky'));
    expect(await queue.getJobState('unwanted')).toBe('failed');
    // It ran afresh: its recorded failure was dropped when the worker took it up again.
    expect(jobFailureOf((await queue.getJob('flaky'))!.data)).toBeNull();

    const named = await retryFailedJobs(queues, { queues: [QUEUES.articleIndex], codes: ['not-article'], all: false }, { dryRun: false });
    expect(named.jobs.map((job) => job.jobId)).toEqual(['unwanted']);
    await waitFor(() => completed.includes('unwanted'));
    expect(completed).toEqual(['flaky', 'unwanted']);
  });

  it('refuses an unknown queue and --all with --code, with one line and exit 2', async () => {
    const unknown = await runCli(['retry', '--queue', 'article-fetch', 'nosuch'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no queue named nosuch');
    const both = await runCli(['retry', '--all', '--code', 'network'], env);
    expect(both.code).toBe(2);
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
