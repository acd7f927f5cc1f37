import type { Metrics } from 'bullmq';
import { ALL_QUEUES, type FeedRecord, type QueueName } from '@tidings/contracts';
import { queueCounts, readRedisDurability, type PipelineQueues, type QueueCounts, type RedisClient, type RedisDurability } from '@tidings/queue';
import { DURATION_BUCKETS, LAG_BUCKETS, readHistogram, type HistogramSnapshot } from './histogram.js';
import { FETCH_KINDS, FIELDS, metricsKey, STATUS_CLASSES, type FetchKind, type StatusClass } from './recorder.js';
import { readLiveWorkers, type WorkerInfo } from './workers.js';

/** The window rates are averaged over. */
export const RATE_WINDOW_MINUTES = 5;

/** Finished jobs of one queue: totals since the queue existed, and recent rates. */
export interface JobThroughput {
  completedTotal: number;
  failedTotal: number;
  /** Average over the last {@link RATE_WINDOW_MINUTES} minutes (the current one counted as far as it has gone). */
  completedPerMinute: number;
  failedPerMinute: number;
}

/** Everything the pipeline has measured, for `/metrics` and `tidings status`. */
export interface PipelineFigures {
  queues: Record<QueueName, QueueCounts>;
  jobs: Record<QueueName, JobThroughput>;
  /** Job durations (seconds) per stage, completed and failed attempts apart. */
  durations: Record<QueueName, { completed: HistogramSnapshot; failed: HistogramSnapshot }>;
  fetchResults: Record<FetchKind, Record<StatusClass, number>>;
  articlesIndexed: number;
  feedFetchFailures: number;
  /** Jobs per stage whose stored input had gone (expired, or lost with Redis) and whose page was fetched again. */
  bodiesRefetched: Record<QueueName, number>;
  /** Seconds from an article's publication to its indexing. */
  lag: HistogramSnapshot;
  /** Worker processes whose heartbeat is alive. */
  workers: WorkerInfo[];
  /** Failed attempts (retried or not) per stage and error code, since the installation began. */
  failures: Array<{ queue: QueueName; code: string; count: number }>;
  /** Whether Redis keeps the jobs it acknowledged (AOF, appendfsync always, noeviction), and if not, why. */
  redis: RedisDurability;
}

/** The index's side of the figures. */
export interface IndexFigures {
  articles: number;
  feeds: number;
  /** Feeds whose last fetch failed (consecutiveFailures > 0). */
  feedsFailing: number;
  /** Feeds the scheduler no longer polls until resumed (state `paused`). */
  feedsPaused: number;
  /** Active feeds whose next poll is due now (or never decided). */
  feedsDue: number;
}

/**
 * Jobs finished per minute over the last `windowMinutes` minutes, from
 * BullMQ's per-minute metrics. BullMQ keeps the current minute's count as
 * `meta.count - meta.prevCount` (in the minute of `meta.prevTS`) and one
 * point per earlier minute in `data`, newest first; minutes after the last
 * finished job count as zero. Pure.
 */
export function ratePerMinute(metrics: Metrics, now: number, windowMinutes = RATE_WINDOW_MINUTES): number {
  if (!metrics.meta.prevTS) return 0;
  const nowMinute = Math.floor(now / 60_000);
  const firstMinute = nowMinute - windowMinutes + 1;
  const lastMinute = Math.floor(metrics.meta.prevTS / 60_000);
  let finished = 0;
  if (lastMinute >= firstMinute && lastMinute <= nowMinute) finished += metrics.meta.count - metrics.meta.prevCount;
  metrics.data.forEach((points, i) => {
    const minute = lastMinute - 1 - i;
    if (minute >= firstMinute && minute <= nowMinute) finished += points;
  });
  const elapsedMinutes = windowMinutes - 1 + (now % 60_000) / 60_000;
  return finished / Math.max(elapsedMinutes, 1 / 60);
}

async function throughput(queues: PipelineQueues, name: QueueName, now: number): Promise<JobThroughput> {
  const queue = queues.get(name);
  // Only the points inside the window are needed (index 0 is the minute before the pending one).
  const [completed, failed] = await Promise.all([queue.getMetrics('completed', 0, RATE_WINDOW_MINUTES), queue.getMetrics('failed', 0, RATE_WINDOW_MINUTES)]);
  return {
    completedTotal: completed.meta.count,
    failedTotal: failed.meta.count,
    completedPerMinute: ratePerMinute(completed, now),
    failedPerMinute: ratePerMinute(failed, now),
  };
}

/** Reads every pipeline figure from Redis: queue depths, BullMQ's rates and the recorder's counters. */
export async function readPipelineFigures(redis: RedisClient, queues: PipelineQueues, now = Date.now()): Promise<PipelineFigures> {
  const [depths, fields, workers, jobEntries, durability] = await Promise.all([
    queueCounts(queues),
    redis.hgetall(metricsKey(queues.prefix)),
    readLiveWorkers(redis, queues.prefix, now),
    Promise.all(ALL_QUEUES.map(async (name) => [name, await throughput(queues, name, now)] as const)),
    readRedisDurability(redis),
  ]);
  const count = (field: string) => Number(fields[field] ?? 0);
  return {
    queues: depths,
    jobs: Object.fromEntries(jobEntries) as Record<QueueName, JobThroughput>,
    durations: Object.fromEntries(
      ALL_QUEUES.map((name) => [
        name,
        {
          completed: readHistogram(fields, FIELDS.duration(name, 'completed'), DURATION_BUCKETS),
          failed: readHistogram(fields, FIELDS.duration(name, 'failed'), DURATION_BUCKETS),
        },
      ]),
    ) as PipelineFigures['durations'],
    fetchResults: Object.fromEntries(
      FETCH_KINDS.map((kind) => [kind, Object.fromEntries(STATUS_CLASSES.map((statusClass) => [statusClass, count(FIELDS.fetch(kind, statusClass))]))]),
    ) as PipelineFigures['fetchResults'],
    articlesIndexed: count(FIELDS.articlesIndexed),
    feedFetchFailures: count(FIELDS.feedFailures),
    bodiesRefetched: Object.fromEntries(ALL_QUEUES.map((name) => [name, count(FIELDS.refetched(name))])) as Record<QueueName, number>,
    lag: readHistogram(fields, FIELDS.lag, LAG_BUCKETS),
    workers,
    failures: readFailures(fields),
    redis: durability,
  };
}

/** The failure counters of a metrics hash (`failure|<queue>|<code>` fields). Pure. */
export function readFailures(fields: Record<string, string>): PipelineFigures['failures'] {
  return Object.entries(fields)
    .filter(([field]) => field.startsWith(FIELDS.failurePrefix))
    .flatMap(([field, value]) => {
      const [, queue, code] = field.split('|');
      return queue && code && (ALL_QUEUES as readonly string[]).includes(queue) ? [{ queue: queue as QueueName, code, count: Number(value) }] : [];
    });
}

/** Reads the index's figures through the two calls they need. */
export async function readIndexFigures(index: { countArticles(): Promise<number>; listFeeds(): Promise<FeedRecord[]> }, now = Date.now()): Promise<IndexFigures> {
  const [articles, feeds] = await Promise.all([index.countArticles(), index.listFeeds()]);
  return indexFigures(articles, feeds, now);
}

/** The index's figures from its article count and feed list. Pure. */
export function indexFigures(articles: number, feeds: readonly FeedRecord[], now: number): IndexFigures {
  return {
    articles,
    feeds: feeds.length,
    feedsFailing: feeds.filter((feed) => feed.consecutiveFailures > 0).length,
    feedsPaused: feeds.filter((feed) => feed.state === 'paused').length,
    feedsDue: feeds.filter((feed) => feed.state === 'active' && (feed.nextPollAt === null || Date.parse(feed.nextPollAt) <= now)).length,
  };
}
