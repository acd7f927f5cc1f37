import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { loadConfig, type Config } from '@tidings/config';
import { QUEUES, type QueueName } from '@tidings/contracts';
import type { FinalFailure } from '@tidings/queue';
import { createRuntime, type Runtime } from '@tidings/runtime';
import { fetcherService } from '@tidings/service-fetcher';
import { indexerService } from '@tidings/service-indexer';
import { parserService } from '@tidings/service-parser';
// The extractor is not a dependency of the test package; its source is imported directly.
import { extractorService } from '../../../services/extractor/src/index.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../../support/services.js';
import { until } from '../../support/until.js';

/**
 * The fetcher and parser running in this process against a real Redis
 * (unique prefix) and a fresh SQLite index, by default with no extractor or
 * indexer, so a test sees exactly what polling does. `pollOnce` queues
 * one-off polls (as `tidings run` does) and waits until nothing is left to
 * fetch or parse (article-extract jobs just pile up, unprocessed), or to
 * extract and index when those workers run too.
 */
export interface PipelineHarness {
  runtime: Runtime;
  config: Config;
  failures: FinalFailure[];
  /** Queues a poll of each feed and resolves when every queue is idle. */
  pollOnce(...feedIds: string[]): Promise<void>;
  /** Queues a poll of each feed without waiting; returns the job ids. */
  queuePoll(...feedIds: string[]): Promise<string[]>;
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function startPipelineHarness(
  label: string,
  env: Record<string, string> = {},
  workers: Array<'fetcher' | 'parser' | 'extractor' | 'indexer'> = ['fetcher', 'parser'],
  /** The fetcher's options beyond the config: `maxDeferMs` as `tidings run --until-idle` sets it. */
  fetcherOptions: { maxDeferMs?: number } = {},
): Promise<PipelineHarness> {
  await requireRedis();
  const prefix = uniquePrefix(label);
  const data = tempDir(label);
  const config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    TIDINGS_QUEUE_PREFIX: prefix,
    TIDINGS_DATA_DIR: data.dir,
    TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.0/8',
    TIDINGS_FETCH_TIMEOUT_MS: '5000',
    TIDINGS_HOST_DELAY_MS: '0',
    TIDINGS_RETRY_DELAY: '50ms',
    ...env,
  });
  const runtime = await createRuntime(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { autostartRedis: false });
  const failures: FinalFailure[] = [];
  const running: Worker[] = [];
  const hooks = { onFinalFailure: (failure: FinalFailure) => void failures.push(failure) };
  if (workers.includes('fetcher')) running.push(...(await fetcherService(runtime, { ...hooks, ...fetcherOptions })).workers);
  if (workers.includes('parser')) running.push(...(await parserService(runtime, hooks)).workers);
  if (workers.includes('extractor')) running.push(...(await extractorService(runtime, hooks)).workers);
  if (workers.includes('indexer')) running.push(...(await indexerService(runtime, hooks)).workers);
  const downstream = [...(workers.includes('extractor') ? [QUEUES.articleExtract] : []), ...(workers.includes('indexer') ? [QUEUES.articleIndex] : [])];

  const waitUntilIdle = async (timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    let idle = 0;
    while (idle < 2) {
      if (Date.now() > deadline) throw new Error(`queues not idle after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      idle = (await pendingFetchWork(runtime, downstream)) === 0 ? idle + 1 : 0;
    }
  };
  const queuePoll = async (...feedIds: string[]) => {
    const jobIds: string[] = [];
    for (const feedId of feedIds) {
      const feed = await runtime.index.getFeed(feedId);
      if (!feed) throw new Error(`no feed ${feedId}`);
      const jobId = `test-${feedId}-${++counter}`;
      await runtime.queues.add(QUEUES.feedFetch, { feedId, feedUrl: feed.url }, { jobId });
      jobIds.push(jobId);
    }
    return jobIds;
  };
  return {
    runtime,
    config,
    failures,
    queuePoll,
    pollOnce: async (...feedIds) => {
      await queuePoll(...feedIds);
      await waitUntilIdle();
    },
    waitUntilIdle,
    close: async () => {
      await Promise.all(running.map((worker) => worker.close()));
      await runtime.close();
      await deletePrefix(prefix);
      data.remove();
    },
  };
}

/** Jobs waiting, active or delayed in the queues the fetcher and parser work on, and in `more`. */
export async function pendingFetchWork(runtime: Runtime, more: QueueName[] = []): Promise<number> {
  let pending = 0;
  for (const name of [QUEUES.feedFetch, QUEUES.feedParse, QUEUES.articleFetch, ...more]) {
    const counts = await runtime.queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    pending += Object.values(counts).reduce((sum, count) => sum + count, 0);
  }
  return pending;
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await until('the condition', check, timeoutMs);
}
