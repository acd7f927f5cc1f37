// What `tidings status` prints, built from the pipeline's and the index's figures. Apart from
// pipeline.ts, which registers the command, so that only `status` loads @tidings/metrics (BullMQ, Redis).
import { ALL_QUEUES, type QueueName } from '@tidings/contracts';
import { quantiles, RATE_WINDOW_MINUTES, type HistogramSnapshot, type IndexFigures, type PipelineFigures, type Quantiles, type WorkerInfo } from '@tidings/metrics';
import { out } from '../context.js';
import { countsByCode } from './counts-by-code.js';

/** What `status --json` prints: the original {queues, index} plus rates and the pipeline's metrics. */
export interface StatusReport {
  queues: PipelineFigures['queues'];
  /** Exactly {articles, feeds}, as before rates were added (its shape is pinned). */
  index: { articles: number; feeds: number };
  /** Jobs finished per minute per queue, averaged over `windowMinutes`. */
  rates: { windowMinutes: number; queues: Record<QueueName, { completedPerMinute: number; failedPerMinute: number }> };
  metrics: {
    /** Per stage: attempts timed, and their mean / p50 / p95 in seconds (null when none). */
    durations: Record<QueueName, DurationSummary>;
    /** Fetch attempts by HTTP status class (`error`: no response). */
    fetchResults: PipelineFigures['fetchResults'];
    /** Articles the workers stored for the first time, and finished jobs since each queue existed. */
    articlesIndexed: number;
    feedFetchFailures: number;
    /** Jobs per stage whose stored input had gone and whose page was fetched again (packages/queue/src/page-refetch.ts). */
    bodiesRefetched: Record<QueueName, number>;
    /** Feeds whose last fetch failed. */
    feedsFailing: number;
    jobsCompleted: Record<QueueName, number>;
    jobsFailed: Record<QueueName, number>;
    /** Failed attempts (retried or not) per stage and typed error code since the installation began, most first (`tidings_job_failures_total`). */
    failures: PipelineFigures['failures'];
    /** Seconds from publication to indexing. */
    lag: DurationSummary;
  };
  /** Worker processes whose heartbeat is alive (role, host, pid, version, start, jobs done, last job), by role. */
  workers: WorkerInfo[];
  /** Whether Redis keeps the jobs it acknowledged (durable: true, false, or null when its settings cannot be read), and why not. */
  redis: PipelineFigures['redis'];
}

/** A job-duration or lag histogram for people and programs: quantiles (metrics' `quantiles`) and the mean. */
interface DurationSummary extends Quantiles {
  meanSeconds: number | null;
}

const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

export function summarise(histogram: HistogramSnapshot): DurationSummary {
  const q = quantiles(histogram);
  return {
    count: q.count,
    meanSeconds: round(histogram.count ? histogram.sum / histogram.count : null),
    p50Seconds: round(q.p50Seconds),
    p95Seconds: round(q.p95Seconds),
    p50AtLeast: q.p50AtLeast,
    p95AtLeast: q.p95AtLeast,
  };
}

/** A quantile for people: `>30d` when it lies beyond the last bucket, not a false `30.0d`. */
export function formatQuantile(summary: Quantiles, which: 'p50' | 'p95'): string {
  const text = formatSeconds(summary[`${which}Seconds`]);
  return summary[`${which}AtLeast`] ? `>${text.replace(/\.0(?=[a-z])/, '')}` : text;
}

/** Builds the status report from the pipeline's and the index's figures. Pure. */
export function statusReport(pipeline: PipelineFigures, index: IndexFigures): StatusReport {
  const perQueue = <T>(pick: (name: QueueName) => T) => Object.fromEntries(ALL_QUEUES.map((name) => [name, pick(name)])) as Record<QueueName, T>;
  return {
    queues: pipeline.queues,
    index: { articles: index.articles, feeds: index.feeds },
    rates: {
      windowMinutes: RATE_WINDOW_MINUTES,
      queues: perQueue((name) => ({ completedPerMinute: round(pipeline.jobs[name].completedPerMinute, 2) ?? 0, failedPerMinute: round(pipeline.jobs[name].failedPerMinute, 2) ?? 0 })),
    },
    metrics: {
      durations: perQueue((name) => summarise(pipeline.durations[name].completed)),
      fetchResults: pipeline.fetchResults,
      articlesIndexed: pipeline.articlesIndexed,
      feedFetchFailures: pipeline.feedFetchFailures,
      bodiesRefetched: pipeline.bodiesRefetched,
      feedsFailing: index.feedsFailing,
      jobsCompleted: perQueue((name) => pipeline.jobs[name].completedTotal),
      jobsFailed: perQueue((name) => pipeline.jobs[name].failedTotal),
      failures: [...pipeline.failures].sort((a, b) => b.count - a.count || ALL_QUEUES.indexOf(a.queue) - ALL_QUEUES.indexOf(b.queue) || a.code.localeCompare(b.code)),
      lag: summarise(pipeline.lag),
    },
    workers: pipeline.workers,
    redis: pipeline.redis,
  };
}

/** 0.012 -> "12ms", 95 -> "1.6min", 7200 -> "2.0h". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  if (seconds < 3_600) return `${(seconds / 60).toFixed(1)}min`;
  if (seconds < 86_400) return `${(seconds / 3_600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

/** The status report for people. */
export function printStatus(report: StatusReport): void {
  out(`queue            waiting  active  delayed  completed  failed   done/min  failed/min   p50 job   p95 job`);
  for (const name of ALL_QUEUES) {
    const c = report.queues[name];
    const r = report.rates.queues[name];
    const d = report.metrics.durations[name];
    out(
      `${name.padEnd(16)} ${String(c.waiting).padStart(7)} ${String(c.active).padStart(7)} ${String(c.delayed).padStart(8)} ${String(c.completed).padStart(10)} ${String(c.failed).padStart(7)}` +
        ` ${r.completedPerMinute.toFixed(1).padStart(10)} ${r.failedPerMinute.toFixed(1).padStart(11)} ${formatQuantile(d, 'p50').padStart(9)} ${formatQuantile(d, 'p95').padStart(9)}`,
    );
  }
  out(`(rates: jobs finished per minute over the last ${report.rates.windowMinutes} minutes, all workers)`);
  const fetches = (kind: 'feed' | 'article') =>
    Object.entries(report.metrics.fetchResults[kind])
      .map(([statusClass, count]) => `${statusClass} ${count}`)
      .join(' · ');
  out(`
fetches: feeds ${fetches('feed')}`);
  out(`         articles ${fetches('article')}`);
  const { index, metrics } = report;
  out(`
index: ${index.articles} articles from ${index.feeds} feeds (${metrics.feedsFailing} failing; ${metrics.feedFetchFailures} failed feed fetches in all)`);
  out(`indexed by the workers: ${metrics.articlesIndexed}; publication to index lag p50 ${formatQuantile(metrics.lag, 'p50')}, p95 ${formatQuantile(metrics.lag, 'p95')}`);
  const refetched = Object.entries(metrics.bodiesRefetched).filter(([, count]) => count > 0);
  if (metrics.failures.length > 0) out(`failed attempts by code: ${countsByCode(metrics.failures)}`);
  if (refetched.length > 0) out(`pages fetched again because their stored body had gone: ${refetched.map(([queue, count]) => `${queue} ${count}`).join(' · ')}`);
  out('');
  printWorkers(report.workers);
  for (const line of redisLines(report.redis)) out(line);
}

/** The lines that say whether Redis keeps what it acknowledged (`status`, `top`). Pure. */
export function redisLines(redis: StatusReport['redis']): string[] {
  if (redis.durable === true) return ['redis: durable (AOF, appendfsync always, maxmemory-policy noeviction)'];
  const head = redis.durable === false ? 'redis: NOT DURABLE: a crash or a full memory may lose jobs' : 'redis: durability unknown';
  return [head, ...redis.problems.map((problem) => `  ${problem}`)];
}

/** The live worker processes, one line each. */
export function printWorkers(workers: readonly WorkerInfo[], now = Date.now()): void {
  if (workers.length === 0) {
    out('workers: none alive (no heartbeat)');
    return;
  }
  out(`workers: ${workers.length} alive`);
  out(`  role       host                     pid  version  up        jobs  last job`);
  for (const worker of workers) {
    const up = formatSeconds((now - Date.parse(worker.startedAt)) / 1000);
    const last = worker.lastJobAt ? `${formatSeconds((now - Date.parse(worker.lastJobAt)) / 1000)} ago` : 'never';
    out(`  ${worker.role.padEnd(10)} ${worker.host.slice(0, 22).padEnd(22)} ${String(worker.pid).padStart(6)}  ${worker.version.padEnd(7)}  ${up.padEnd(8)} ${String(worker.jobsDone).padStart(5)}  ${last}`);
  }
}
