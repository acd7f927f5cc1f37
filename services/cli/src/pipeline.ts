import type { Worker } from 'bullmq';
import { ALL_QUEUES, QUEUES, type QueueName } from '@tidings/contracts';
import { PipelineMetricsRecorder } from '@tidings/metrics';
import { observeStageJobs, pendingJobs, type FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { startExtractor } from '@tidings/service-extractor';
import { startFetcher, type FetcherOptions } from '@tidings/service-fetcher';
import { startIndexer } from '@tidings/service-indexer';
import { startParser } from '@tidings/service-parser';
import { startScheduler } from '@tidings/service-scheduler';

export const WORKER_NAMES = ['fetcher', 'parser', 'extractor', 'indexer', 'scheduler'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

/** A set of running workers and how to stop them gracefully. */
export interface RunningPipeline {
  workers: Worker[];
  /** Finishes active jobs, then stops. */
  close(): Promise<void>;
}

/** Starts the named workers in this process (all of them by default). */
export async function startWorkers(
  runtime: Runtime,
  names: readonly WorkerName[],
  onFinalFailure?: (failure: FinalFailure) => void,
  fetcherOptions: FetcherOptions = {},
): Promise<RunningPipeline> {
  const workers: Worker[] = [];
  const closers: Array<() => Promise<void>> = [];
  // Job durations, fetch results, articles indexed and lag go to Redis, where /metrics and `status` read them.
  const recorder = new PipelineMetricsRecorder(runtime.redis, runtime.config.queuePrefix, (error) => runtime.log.warn({ err: error }, 'could not record metrics'));
  const stopObserving = observeStageJobs(recorder.observe);
  for (const name of names) {
    if (name === 'fetcher') workers.push(...startFetcher(runtime, onFinalFailure, fetcherOptions));
    if (name === 'parser') workers.push(...startParser(runtime, onFinalFailure));
    if (name === 'extractor') workers.push(...startExtractor(runtime, onFinalFailure));
    if (name === 'indexer') workers.push(...startIndexer(runtime, onFinalFailure));
    if (name === 'scheduler') {
      const scheduler = await startScheduler(runtime);
      closers.push(scheduler.close);
    }
  }
  return {
    workers,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
      await Promise.all(workers.map((worker) => worker.close()));
      stopObserving();
    },
  };
}

/** Longest `run --until-idle` keeps a job waiting for a host in back-off. */
const RUN_MAX_DEFER_MS = 10 * 60_000;

/** A failed item as `run --until-idle` reports it. */
export interface ReportedFailure {
  queue: QueueName;
  url: string | null;
  code: string;
  reason: string;
}

export interface RunSummary {
  feeds: number;
  completed: Record<QueueName, number>;
  indexed: number;
  failed: ReportedFailure[];
}

function failureUrl(failure: FinalFailure): string | null {
  const data = failure.data as { url?: unknown } | null;
  return data && typeof data.url === 'string' ? data.url : null;
}

/**
 * Polls every subscribed feed once and carries every new item through all
 * stages with the workers running in this process; resolves when no work is
 * left in any queue. Failures are collected, not fatal.
 */
export async function runUntilIdle(runtime: Runtime, onProgress?: (summary: RunSummary, pending: number) => void): Promise<RunSummary> {
  const feeds = await runtime.index.listFeeds();
  const summary: RunSummary = {
    feeds: feeds.length,
    completed: Object.fromEntries(ALL_QUEUES.map((name) => [name, 0])) as Record<QueueName, number>,
    indexed: 0,
    failed: [],
  };
  const pipeline = await startWorkers(
    runtime,
    ['fetcher', 'parser', 'extractor', 'indexer'],
    (failure) => {
      summary.failed.push({ queue: failure.queue, url: failureUrl(failure), code: failure.code, reason: failure.reason });
    },
    // A one-off run does not sit out a publisher's long Retry-After: such jobs fail as host-backoff instead.
    { maxDeferMs: RUN_MAX_DEFER_MS },
  );
  for (const worker of pipeline.workers) {
    worker.on('completed', (_job, result: unknown) => {
      const queue = worker.name as QueueName;
      summary.completed[queue]++;
      if (queue === QUEUES.articleIndex && (result as { created?: boolean } | null)?.created) summary.indexed++;
    });
  }
  const runId = Date.now().toString(36);
  try {
    for (const feed of feeds) {
      await runtime.queues.add(QUEUES.feedFetch, { feedId: feed.id, url: feed.url }, { jobId: `run-${runId}-${feed.id}` });
    }
    // Idle means nothing pending twice in a row: a hand-off between stages is never missed.
    let idleChecks = 0;
    let lastProgress = 0;
    while (idleChecks < 2) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const pending = await pendingJobs(runtime.queues);
      idleChecks = pending === 0 ? idleChecks + 1 : 0;
      if (onProgress && Date.now() - lastProgress > 1_000) {
        lastProgress = Date.now();
        onProgress(summary, pending);
      }
    }
  } finally {
    await pipeline.close();
  }
  return summary;
}
