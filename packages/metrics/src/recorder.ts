import { HttpStatusError, QUEUES, redisKeys, TidingsError, wasRefetched, type QueueName } from '@tidings/contracts';
import type { RedisClient, StageJobSettled } from '@tidings/queue';
import { DURATION_BUCKETS, histogramFields, LAG_BUCKETS } from './histogram.js';

/** How a fetch ended: the HTTP status class, or `error` when no status came back (timeout, DNS, refused address...). */
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'error'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** What is fetched: a feed (feed-fetch) or an article page (article-fetch). */
export const FETCH_KINDS = ['feed', 'article'] as const;
export type FetchKind = (typeof FETCH_KINDS)[number];

/** The hash that holds every recorded figure of one installation. */
export function metricsKey(prefix: string): string {
  return redisKeys(prefix).metrics;
}

/** Field names inside the metrics hash; the reader (figures.ts) uses the same. */
export const FIELDS = {
  duration: (queue: QueueName, outcome: 'completed' | 'failed') => `duration|${queue}|${outcome}`,
  fetch: (kind: FetchKind, statusClass: StatusClass) => `fetch|${kind}|${statusClass}`,
  lag: 'lag',
  articlesIndexed: 'articles-indexed',
  feedFailures: 'feed-failures',
  /** Failed attempts of a stage by error code (a handful of codes per stage, so few fields). */
  failure: (queue: QueueName, code: string) => `failure|${queue}|${code}`,
  failurePrefix: 'failure|',
  /** Jobs that found their stored input gone and had the page fetched again (`{refetched: true}`), per stage. */
  refetched: (queue: QueueName) => `refetched|${queue}`,
} as const;

/** The code a failed attempt counts under: its typed code, or `internal` for an untyped error. */
export function failureCodeOf(error: unknown): string {
  return error instanceof TidingsError ? error.code : 'internal';
}

function classOf(status: number): StatusClass {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  return 'error';
}

/**
 * The status class of a fetch job's outcome, or null when it fetched nothing
 * (e.g. the feed was unsubscribed meanwhile). Decided by the error's type and
 * the fetcher's result fields (`status`, `notModified`), never by message text.
 */
export function fetchStatusClass(event: StageJobSettled): StatusClass | null {
  if (event.outcome === 'failed') {
    if (event.error instanceof HttpStatusError) return classOf(event.error.status);
    // An invalid payload or an expired body is not a fetch at all.
    if (event.error instanceof TidingsError && event.error.code === 'invalid-payload') return null;
    return 'error';
  }
  const result = (event.result ?? {}) as { status?: unknown; notModified?: unknown };
  if (result.notModified === true) return '3xx';
  if (typeof result.status === 'number') return classOf(result.status);
  return null;
}

/** How long {@link PipelineMetricsRecorder.observe} gathers increments before it writes them: one write per field per second. */
export const METRICS_FLUSH_MS = 1_000;

/**
 * Turns stage job outcomes into counters in Redis: job durations per stage,
 * fetch results by status class, articles indexed, feed fetch failures and
 * the lag from an article's publication to its indexing.
 *
 * `observe` (the per-job hook) adds each job's increments up in memory and
 * writes them every `flushEveryMs`, one HINCRBY(FLOAT) per field changed: a
 * busy process writes each counter once a second instead of two or three
 * commands for every job (a 304 poll among them). Writes never hold up a job;
 * `flush` writes what is gathered at once (the service's stop calls it), so
 * only a process killed outright loses its last second of counts, as it
 * always lost the writes it had in flight. `record` writes one job at once.
 */
export class PipelineMetricsRecorder {
  private readonly key: string;
  /** Increments observed and not yet written, by field. */
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
    private readonly flushEveryMs: number = METRICS_FLUSH_MS,
  ) {
    this.key = metricsKey(prefix);
  }

  /** Adds one settled job to the next write, due within `flushEveryMs` (pass as the observer of `observeStageJobs`). */
  readonly observe = (event: StageJobSettled): void => {
    if (event.prefix !== this.prefix) return;
    for (const [field, by] of this.incrementsOf(event)) this.pending.set(field, (this.pending.get(field) ?? 0) + by);
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(this.onError);
    }, this.flushEveryMs);
    // Pending counts never keep a process alive: a clean stop flushes them.
    this.timer.unref();
  };

  /** Writes every increment observed so far; resolves once Redis has them. */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    await this.write(batch);
  }

  /** Records one settled job at once; resolves once Redis has it. */
  async record(event: StageJobSettled): Promise<void> {
    if (event.prefix !== this.prefix) return;
    await this.write(this.incrementsOf(event));
  }

  /** The fields one settled job adds to, and by how much. */
  private incrementsOf(event: StageJobSettled): Map<string, number> {
    const increments = new Map<string, number>();
    const add = (field: string, by: number) => increments.set(field, (increments.get(field) ?? 0) + by);
    const seconds = event.durationMs / 1000;
    const duration = histogramFields(FIELDS.duration(event.queue, event.outcome), DURATION_BUCKETS, seconds);
    add(duration.bucket, 1);
    add(duration.sum, seconds);
    if (event.outcome === 'failed') add(FIELDS.failure(event.queue, failureCodeOf(event.error)), 1);

    if (event.queue === QUEUES.feedFetch || event.queue === QUEUES.articleFetch) {
      const statusClass = fetchStatusClass(event);
      if (statusClass) add(FIELDS.fetch(event.queue === QUEUES.feedFetch ? 'feed' : 'article', statusClass), 1);
      if (event.queue === QUEUES.feedFetch && event.outcome === 'failed') add(FIELDS.feedFailures, 1);
    }

    if (event.outcome === 'completed' && wasRefetched(event.result)) add(FIELDS.refetched(event.queue), 1);

    if (event.queue === QUEUES.articleIndex && event.outcome === 'completed') {
      const result = (event.result ?? {}) as { created?: unknown; publishedAt?: unknown };
      if (result.created === true) {
        add(FIELDS.articlesIndexed, 1);
        const published = typeof result.publishedAt === 'string' ? Date.parse(result.publishedAt) : Number.NaN;
        // A publication date in the future is bad metadata, not a negative lag.
        if (Number.isFinite(published) && published <= this.now()) {
          const lag = histogramFields(FIELDS.lag, LAG_BUCKETS, (this.now() - published) / 1000);
          add(lag.bucket, 1);
          add(lag.sum, (this.now() - published) / 1000);
        }
      }
    }
    return increments;
  }

  /** One pipeline of increments (none when there are none). */
  private async write(increments: Map<string, number>): Promise<void> {
    if (increments.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [field, by] of increments) {
      if (Number.isInteger(by)) pipeline.hincrby(this.key, field, by);
      else pipeline.hincrbyfloat(this.key, field, by);
    }
    await pipeline.exec();
  }
}
