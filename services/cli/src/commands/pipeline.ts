import type { Command } from 'commander';
import { ALL_QUEUES, type QueueName } from '@tidings/contracts';
import { estimateQuantile, RATE_WINDOW_MINUTES, readIndexFigures, readPipelineFigures, type HistogramSnapshot, type IndexFigures, type PipelineFigures } from '@tidings/metrics';
import { runServiceProcess } from '@tidings/runtime';
import { CliError, cliConfig, cliLogger, note, out, printJson, withRuntime } from '../context.js';
import { runUntilIdle, servicesNamed, WORKER_NAMES, type RunSummary, type WorkerName } from '../pipeline.js';
import { portNumber, serveApi } from './api.js';

/** Prints what a run did: JSON on stdout, or a short report. */
export function reportRun(summary: RunSummary, json: boolean): void {
  if (json) return printJson(summary);
  out(`polled ${summary.feeds} feed${summary.feeds === 1 ? '' : 's'}; ${summary.indexed} new article${summary.indexed === 1 ? '' : 's'} indexed; ${summary.failed.length} failed`);
  for (const failure of summary.failed) out(`  failed ${failure.queue} ${failure.url ?? ''}: [${failure.code}] ${failure.reason}`);
}

/** Writes a one-line progress report to stderr. */
export function progressLine(summary: RunSummary, pending: number): void {
  const c = summary.completed;
  note(`[run] feeds ${c['feed-fetch']}/${summary.feeds} fetched, ${c['feed-parse']} parsed · articles ${c['article-fetch']} fetched, ${c['article-extract']} extracted, ${c['article-index']} indexed · ${summary.failed.length} failed · ${pending} pending`);
}

/**
 * Runs workers (and with `api`, the HTTP API) until SIGTERM, SIGINT or the
 * loss of the parent process, then drains: the same path as each service's
 * own entry point.
 */
async function runForever(names: readonly WorkerName[], options: { api?: { host?: string; port?: number } } = {}): Promise<void> {
  const config = cliConfig();
  const log = cliLogger(config, false);
  note(`tidings: ${names.join(', ')} starting (queue prefix "${config.queuePrefix}", data in ${config.dataDir}); Ctrl-C to stop`);
  try {
    await runServiceProcess(servicesNamed(names), {
      name: names.length === 1 ? (names[0] as string) : 'all',
      config,
      log,
      alongside: async (runtime) => (options.api ? serveApi(runtime, options.api) : undefined),
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
  note('tidings: stopped');
}

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
    /** Feeds whose last fetch failed. */
    feedsFailing: number;
    jobsCompleted: Record<QueueName, number>;
    jobsFailed: Record<QueueName, number>;
    /** Seconds from publication to indexing. */
    lag: DurationSummary;
  };
}

interface DurationSummary {
  count: number;
  meanSeconds: number | null;
  p50Seconds: number | null;
  p95Seconds: number | null;
}

const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

function summarise(histogram: HistogramSnapshot): DurationSummary {
  return {
    count: histogram.count,
    meanSeconds: round(histogram.count ? histogram.sum / histogram.count : null),
    p50Seconds: round(estimateQuantile(histogram, 0.5)),
    p95Seconds: round(estimateQuantile(histogram, 0.95)),
  };
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
      feedsFailing: index.feedsFailing,
      jobsCompleted: perQueue((name) => pipeline.jobs[name].completedTotal),
      jobsFailed: perQueue((name) => pipeline.jobs[name].failedTotal),
      lag: summarise(pipeline.lag),
    },
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
        ` ${r.completedPerMinute.toFixed(1).padStart(10)} ${r.failedPerMinute.toFixed(1).padStart(11)} ${formatSeconds(d.p50Seconds).padStart(9)} ${formatSeconds(d.p95Seconds).padStart(9)}`,
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
  out(`indexed by the workers: ${metrics.articlesIndexed}; publication to index lag p50 ${formatSeconds(metrics.lag.p50Seconds)}, p95 ${formatSeconds(metrics.lag.p95Seconds)}`);
}

/** `run`, `start`, `worker` and `status`. */
export function registerPipelineCommands(program: Command): void {
  program
    .command('run')
    .description('poll every subscribed feed once and carry every new item through all stages')
    .option('--until-idle', 'exit when every queue is empty (the only mode for now; the default)')
    .option('--json', 'print the run summary as JSON')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (options: { untilIdle?: boolean; json?: boolean; quiet?: boolean }) => {
      const config = cliConfig();
      const log = cliLogger(config, true);
      const summary = await withRuntime(config, log, async (runtime) => {
        if ((await runtime.index.listFeeds()).length === 0) note('no feeds subscribed: add one with "tidings subscribe <feed url>"');
        return runUntilIdle(runtime, options.quiet ? undefined : progressLine);
      });
      reportRun(summary, Boolean(options.json));
    });

  program
    .command('start')
    .description('run the scheduler, every worker and the HTTP API in this process until stopped')
    .option('--host <address>', 'API address [TIDINGS_API_HOST, 127.0.0.1]')
    .option('--port <port>', 'API port [TIDINGS_API_PORT, 8080]', portNumber)
    .option('--no-api', 'do not serve the HTTP API')
    .action(async (options: { api: boolean; host?: string; port?: number }) => {
      const api = options.api ? { ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}) } : undefined;
      await runForever(WORKER_NAMES, { api });
    });

  program
    .command('worker')
    .description('run one worker alone (run as many copies, on as many machines, as the load needs)')
    .argument('<name>', WORKER_NAMES.join('|'))
    .action(async (name: string) => {
      if (!(WORKER_NAMES as readonly string[]).includes(name)) throw new CliError(`unknown worker "${name}": one of ${WORKER_NAMES.join(', ')}`, 2);
      await runForever([name as WorkerName]);
    });

  program
    .command('status')
    .description('job counts and rates per queue, job durations, fetch results, lag and the size of the index')
    .option('--json', 'print {"queues": {...}, "index": {...}, "rates": {...}, "metrics": {...}} as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig();
      const report = await withRuntime(
        config,
        cliLogger(config, true),
        async (runtime) => statusReport(await readPipelineFigures(runtime.redis, runtime.queues), await readIndexFigures(runtime.index)),
        { autostartRedis: false },
      );
      if (options.json) return printJson(report);
      printStatus(report);
    });
}
