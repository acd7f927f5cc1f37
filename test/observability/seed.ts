import { UnrecoverableError, Worker } from 'bullmq';
import { QUEUES, TidingsError, type JobFailure } from '@tidings/contracts';
import { PipelineMetricsRecorder } from '@tidings/metrics';
import { connectRedis, queueKeyPrefix } from '@tidings/queue';
import { startHeartbeat, type Heartbeat, type Runtime } from '@tidings/runtime';
import { TEST_REDIS_URL } from '../support/services.js';

/** What {@link seedPipeline} put in place, to check on the page and to take down. */
export interface SeededPipeline {
  heartbeat: Heartbeat;
  failingFeedId: string;
  stop(): Promise<void>;
}

/**
 * Gives a runtime's pipeline something to show, through the real parts: a
 * BullMQ worker (with metrics) that completes three feed-parse jobs and
 * fails two with a coded reason (one with its failure recorded in its data,
 * one with the reason alone, as before failures were recorded), four
 * article-fetch jobs left waiting, durations and a lag recorded by the real
 * recorder, a live heartbeat, and one feed whose polls fail.
 */
export async function seedPipeline(runtime: Runtime): Promise<SeededPipeline> {
  const prefix = runtime.config.queuePrefix;
  const connection = connectRedis(TEST_REDIS_URL);
  const worker = new Worker(
    QUEUES.feedParse,
    async (job) => {
      const { fail, recorded } = job.data as { fail?: boolean; recorded?: boolean };
      if (fail) {
        // As a stage worker ends a job for good: the code typed in its data, `[code] message` for people;
        // a job failed before failures were recorded in data has the reason alone, and shows the same code.
        const failure: JobFailure = { code: 'malformed-feed', reason: 'not a feed' };
        if (recorded) await job.updateData({ ...(job.data as object), failure });
        throw new UnrecoverableError('[malformed-feed] not a feed');
      }
      return {};
    },
    { connection, prefix: queueKeyPrefix(prefix, QUEUES.feedParse, connection), metrics: { maxDataPoints: 60 } },
  );
  const parse = runtime.queues.get(QUEUES.feedParse);
  for (const data of [{}, {}, {}, { fail: true, recorded: true }, { fail: true }]) await parse.add('seed', data, { attempts: 1 });
  // Bounds the wait for the worker (a loaded machine is slow); asserts no timing.
  for (let waited = 0; ; waited += 100) {
    const counts = await parse.getJobCounts('completed', 'failed');
    if (counts.completed === 3 && counts.failed === 2) break;
    if (waited > 30_000) throw new Error(`the seed worker did not finish its jobs: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await worker.close();
  connection.disconnect();
  for (let i = 0; i < 4; i++) await runtime.queues.get(QUEUES.articleFetch).add('seed', { i });

  const recorder = new PipelineMetricsRecorder(runtime.redis, prefix);
  for (const durationMs of [40, 80, 120, 900]) await recorder.record({ queue: QUEUES.feedParse, prefix, outcome: 'completed', durationMs });
  const notAFeed = new TidingsError('malformed-feed', 'not a feed', { permanent: true });
  for (let i = 0; i < 2; i++) await recorder.record({ queue: QUEUES.feedParse, prefix, outcome: 'failed', durationMs: 10, error: notAFeed });
  const publishedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
  await recorder.record({ queue: QUEUES.articleIndex, prefix, outcome: 'completed', durationMs: 30, result: { created: true, publishedAt } });

  const heartbeat = await startHeartbeat({ redis: runtime.redis, prefix, role: 'fetcher', ttlMs: 30_000 });
  const { feed } = await runtime.index.addFeed('https://gone.example/feed.xml');
  await runtime.index.updateFeed(feed.id, { lastStatus: 'error', lastError: 'HTTP 404 Not Found', lastErrorCode: 'http-status', consecutiveFailures: 3, lastHttpStatus: 404, lastFetchAt: new Date().toISOString() });
  return { heartbeat, failingFeedId: feed.id, stop: () => heartbeat.stop() };
}
