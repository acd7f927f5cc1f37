import { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, type JobPayload } from '@tidings/contracts';
import { extractArticle } from '@tidings/extract';
import { BodyStore, connectRedis, PipelineQueues, startStageWorker, type FinalFailure } from '@tidings/queue';
// The service is not a dependency of the test package; its source is imported directly.
import { createExtractionPool, handleArticleExtract, type ArticleExtractor } from '../../services/extractor/src/index.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { until } from '../support/until.js';

const log = pino({ level: 'silent' });

/**
 * A lock of 1 s is renewed every half second: an event loop blocked for
 * longer than that loses it, and the checker below, scanning every 200 ms,
 * sees the job as stalled. The slow page blocks the thread that extracts it
 * for two seconds and more, so the control stalls for sure, while the pool's
 * event loop (which only moves messages and Redis calls) keeps half a second
 * of slack on a loaded machine.
 */
const LOCK_MS = 1_000;
const STALL_CHECK_MS = 200;

const PARAGRAPH = 'The council voted on Tuesday to extend the night bus network to the eastern suburbs, a change residents demanded. ';
/**
 * A real page that takes seconds of CPU to extract: 24,000 boxes of short text and links in under 2 MB (the
 * extractor reads at most 2 MB of markup, so a slower page needs more elements per byte, not more bytes). About
 * 3.4 s of CPU on a fresh thread and 2.1-2.3 s warm on a quiet machine (5 s and more on the main thread of a
 * busy one), where a small page takes milliseconds: well past the lock above and the 1.8 s budget below.
 */
const SLOW_PAGE = `<html><body><article>${`<div><p>${PARAGRAPH.slice(0, 40)}</p><a href="/y">more</a></div>\n`.repeat(24_000)}</article></body></html>`;
const FAST_PAGE = `<html><head><title>Night buses</title></head><body><article>${`<p>${PARAGRAPH.repeat(2)}</p>`.repeat(4)}</article></body></html>`;

interface Run {
  completed: string[];
  failures: FinalFailure[];
  stalled: string[];
}

describe('the extractor worker and a slow page, over a real Redis', () => {
  const prefix = uniquePrefix('extract-stall');
  const redis = connectRedis(TEST_REDIS_URL);
  let queues: PipelineQueues;
  let bodies: BodyStore;

  beforeAll(async () => {
    await requireRedis();
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 100, keepFailed: 100, retryDelayMs: 50 });
    bodies = new BodyStore(redis, prefix, 60_000);
  });

  afterAll(async () => {
    await queues.close();
    await deletePrefix(prefix);
    redis.disconnect();
  });

  /** Enqueues one slow and four fast pages, runs them through the extractor with `extract` until `done`, and watches for stalls. */
  async function runJobs(label: string, extract: ArticleExtractor, done: (run: Run) => boolean, lockMs = LOCK_MS): Promise<Run> {
    const run: Run = { completed: [], failures: [], stalled: [] };
    const queueName = queues.get(QUEUES.articleExtract).name;
    // A worker that processes nothing and only runs BullMQ's stalled-job check, often.
    const checker = new Worker(queueName, null, { connection: redis.duplicate(), prefix, autorun: false, stalledInterval: STALL_CHECK_MS });
    // Only this run's jobs: an earlier run's leftovers (the control's blocked jobs) may stall here too.
    const onStalled = (jobId: string) => {
      if (jobId.startsWith(`${label}-`)) run.stalled.push(jobId);
    };
    checker.on('stalled', onStalled);
    checker.on('error', () => {});
    void checker.startStalledCheckTimer();
    const deps = { bodies, queues, extract };
    const worker = startStageWorker(QUEUES.articleExtract, (payload, context) => handleArticleExtract(payload, deps, context), {
      connection: redis,
      prefix,
      log,
      concurrency: 2,
      lockDurationMs: lockMs,
      onFinalFailure: (failure) => {
        if (failure.jobId.startsWith(`${label}-`)) run.failures.push(failure);
      },
    });
    worker.on('completed', (job) => {
      if (String(job.id).startsWith(`${label}-`)) run.completed.push(String(job.id));
    });
    // The stage worker runs the stalled-job check too (every half lock): a stall may be seen by either.
    worker.on('stalled', onStalled);
    worker.on('error', () => {});
    for (const [index, html] of [SLOW_PAGE, FAST_PAGE, FAST_PAGE, FAST_PAGE, FAST_PAGE].entries()) {
      const payload: JobPayload<typeof QUEUES.articleExtract> = {
        itemUrl: `https://news.example.org/${label}/${index}`,
        finalUrl: `https://news.example.org/${label}/${index}`,
        bodyKey: await bodies.put(html),
        fetchedAt: new Date().toISOString(),
        item: { title: null, summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null },
      };
      await queues.add(QUEUES.articleExtract, payload, { jobId: `${label}-${index}` });
    }
    try {
      await until(`the ${label} run to be done`, () => done(run), 90_000);
    } finally {
      await worker.close(true);
      await checker.close();
    }
    return run;
  }

  // Generous timeouts: the slow page takes seconds of CPU, more on a busy machine; nothing here measures time.
  it('keeps every job lock renewed while the slow page is extracted in a worker thread', { timeout: 120_000 }, async () => {
    const pool = createExtractionPool({ threads: 2, timeoutMs: 40_000 });
    try {
      const run = await runJobs('pool', pool.extract, (r) => r.completed.length + r.failures.length >= 5);
      expect(run.failures).toEqual([]);
      expect(run.completed.sort()).toEqual(['pool-0', 'pool-1', 'pool-2', 'pool-3', 'pool-4']);
      expect(run.stalled).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it('(control) stalls jobs when the same page is extracted on the main thread', { timeout: 120_000 }, async () => {
    // Proves the page above is slow enough for the first test to mean something.
    const inThread: ArticleExtractor = async (html, options) => extractArticle(html, options);
    const run = await runJobs('main', inThread, (r) => r.stalled.length > 0);
    expect(run.stalled.length).toBeGreaterThan(0);
  });

  it('stops a page that runs past the timeout, fails its job as [timeout], and carries on', { timeout: 120_000 }, async () => {
    // The slow page takes 2.1-3.4 s of CPU on a quiet machine (longer on a busy one); 1.8 s leaves the fast
    // pages, the first on a fresh thread after the timeout included, room on a loaded one.
    const pool = createExtractionPool({ threads: 2, timeoutMs: 1_800 });
    try {
      // A roomy lock: this test is about the time budget, not stalls, and a loaded machine must not turn a slow lock renewal into a failure here.
      const run = await runJobs('timeout', pool.extract, (r) => r.completed.length + r.failures.length >= 5, 10_000);
      expect(run.completed.sort()).toEqual(['timeout-1', 'timeout-2', 'timeout-3', 'timeout-4']);
      expect(run.failures.map((f) => `${f.jobId}: [${f.code}] ${f.reason}`)).toHaveLength(1);
      expect(run.failures[0]).toMatchObject({ jobId: 'timeout-0', code: 'timeout' });
      expect(run.failures[0]!.reason).toMatch(/took longer than 1800 ms \(TIDINGS_EXTRACT_TIMEOUT_MS\)/);
      expect(run.stalled).toEqual([]);
      const failed = await queues.get(QUEUES.articleExtract).getJob('timeout-0');
      expect(failed?.failedReason).toMatch(/^\[timeout\] /);
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
