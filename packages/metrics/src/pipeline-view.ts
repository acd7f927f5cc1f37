import type { Metrics } from 'bullmq';
import { ALL_QUEUES, failedJobFailure, type FeedRecord, type FeedState, type QueueName } from '@tidings/contracts';
import type { PipelineQueues, QueueCounts, RedisClient } from '@tidings/queue';
import { indexFigures, readPipelineFigures, type IndexFigures, type PipelineFigures } from './figures.js';
import { estimateQuantile, type HistogramSnapshot } from './histogram.js';
import type { WorkerInfo } from './workers.js';

/** Minutes of completed-jobs history the pipeline view charts. */
export const SERIES_MINUTES = 60;
/** Failed jobs per queue whose codes are tallied (the newest ones). */
export const FAILED_SAMPLE = 100;
/** Failure codes listed per stage. */
const TOP_CODES = 5;

/** p50 and p95 of a histogram, in seconds (null with no observations). */
export interface Quantiles {
  count: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  /** True when the quantile lies beyond the last bucket: the figure is then only a lower bound. */
  p50AtLeast: boolean;
  p95AtLeast: boolean;
}

/** One stage of the pipeline view. */
export interface StageView {
  queue: QueueName;
  counts: QueueCounts;
  /** Jobs completed in each of the last {@link SERIES_MINUTES} minutes, oldest first; the last is the current minute so far. */
  completedPerMinute: number[];
  /** Completed attempts' durations. */
  duration: Quantiles;
  /** The most frequent failure codes among the newest failed jobs, most frequent first. */
  failureCodes: Array<{ code: string; count: number }>;
}

/** A feed whose last poll failed. */
export interface FailingFeed {
  id: string;
  url: string;
  title: string | null;
  state: FeedState;
  consecutiveFailures: number;
  /** The HTTP status of the last fetch as text (`404`), or `no-response` when none came back. */
  code: string;
  /** The typed code of the failure (`http-status`, `malformed-feed`, `timeout`...), as in a failed job's reason; null from an index written before it was kept. */
  errorCode: string | null;
  error: string | null;
  lastFetchAt: string | null;
}

/** Everything the pipeline view, `tidings top` and their live updates show. */
export interface PipelineView {
  at: string;
  stages: StageView[];
  /** Publication to index. */
  lag: Quantiles;
  articlesIndexed: number;
  index: IndexFigures;
  feedsFailing: FailingFeed[];
  workers: WorkerInfo[];
  /** Whether Redis keeps the jobs it acknowledged, and if not, why (as `tidings status` says). */
  redis: PipelineFigures['redis'];
}

/** p50/p95 of a histogram. Pure. */
export function quantiles(histogram: HistogramSnapshot): Quantiles {
  // Cumulative counts: what the last bucket leaves out lies beyond every bound.
  const beyond = (q: number) => histogram.count > 0 && (histogram.counts.at(-1) ?? 0) < q * histogram.count;
  return {
    count: histogram.count,
    p50Seconds: estimateQuantile(histogram, 0.5),
    p95Seconds: estimateQuantile(histogram, 0.95),
    p50AtLeast: beyond(0.5),
    p95AtLeast: beyond(0.95),
  };
}

/**
 * Jobs finished in each of the last `minutes` minutes, oldest first, from
 * BullMQ's per-minute metrics (the same reading as `ratePerMinute`: the
 * pending minute is `meta.count - meta.prevCount` in the minute of
 * `meta.prevTS`, `data[i]` is the minute `i + 1` before it). Pure.
 */
export function perMinuteSeries(metrics: Metrics, now: number, minutes = SERIES_MINUTES): number[] {
  const series = new Array<number>(minutes).fill(0);
  if (!metrics.meta.prevTS) return series;
  const nowMinute = Math.floor(now / 60_000);
  const lastMinute = Math.floor(metrics.meta.prevTS / 60_000);
  const put = (minute: number, value: number) => {
    const slot = minutes - 1 - (nowMinute - minute);
    if (slot >= 0 && slot < minutes) series[slot] = (series[slot] ?? 0) + value;
  };
  put(lastMinute, metrics.meta.count - metrics.meta.prevCount);
  metrics.data.forEach((value, i) => put(lastMinute - 1 - i, Number(value) || 0));
  return series;
}

/** The most frequent codes first (ties by name). Pure. */
export function topCodes(codes: readonly string[], limit = TOP_CODES): Array<{ code: string; count: number }> {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** The feeds whose last poll failed, most failures first. Pure. */
export function failingFeeds(feeds: readonly FeedRecord[]): FailingFeed[] {
  return feeds
    .filter((feed) => feed.consecutiveFailures > 0)
    .sort((a, b) => b.consecutiveFailures - a.consecutiveFailures || a.url.localeCompare(b.url))
    .map((feed) => ({
      id: feed.id,
      url: feed.url,
      title: feed.title,
      state: feed.state,
      consecutiveFailures: feed.consecutiveFailures,
      code: feed.lastHttpStatus ? String(feed.lastHttpStatus) : 'no-response',
      errorCode: feed.lastErrorCode ?? null,
      error: feed.lastError,
      lastFetchAt: feed.lastFetchAt,
    }));
}

/** Builds the view from figures already read. Pure. */
export function pipelineView(
  pipeline: PipelineFigures,
  series: Record<QueueName, number[]>,
  failedCodes: Record<QueueName, string[]>,
  articles: number,
  feeds: readonly FeedRecord[],
  now: number,
): PipelineView {
  return {
    at: new Date(now).toISOString(),
    stages: ALL_QUEUES.map((queue) => ({
      queue,
      counts: pipeline.queues[queue],
      completedPerMinute: series[queue],
      duration: quantiles(pipeline.durations[queue].completed),
      failureCodes: topCodes(failedCodes[queue]),
    })),
    lag: quantiles(pipeline.lag),
    articlesIndexed: pipeline.articlesIndexed,
    index: indexFigures(articles, feeds, now),
    feedsFailing: failingFeeds(feeds),
    workers: pipeline.workers,
    redis: pipeline.redis,
  };
}

/**
 * Reads the whole pipeline view: the pipeline's figures (as `/metrics` reads
 * them), an hour of per-minute completions and the codes of the newest
 * failed jobs per queue, and the index's feeds.
 */
export async function readPipelineView(
  redis: RedisClient,
  queues: PipelineQueues,
  index: { countArticles(): Promise<number>; listFeeds(): Promise<FeedRecord[]> },
  now = Date.now(),
): Promise<PipelineView> {
  const perQueue = async <T>(read: (name: QueueName) => Promise<T>) =>
    Object.fromEntries(await Promise.all(ALL_QUEUES.map(async (name) => [name, await read(name)] as const))) as Record<QueueName, T>;
  const [pipeline, series, failedCodes, articles, feeds] = await Promise.all([
    readPipelineFigures(redis, queues, now),
    perQueue(async (name) => perMinuteSeries(await queues.get(name).getMetrics('completed', 0, SERIES_MINUTES), now)),
    perQueue(async (name) => (await queues.get(name).getFailed(0, FAILED_SAMPLE - 1)).map((job) => failedJobFailure(job?.data, job?.failedReason).code)),
    index.countArticles(),
    index.listFeeds(),
  ]);
  return pipelineView(pipeline, series, failedCodes, articles, feeds, now);
}
