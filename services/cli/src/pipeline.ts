import { jobSubjectUrl, QUEUES, type QueueName } from '@tidings/contracts';
import { pendingJobs } from '@tidings/queue';
import { startServices, type RunningServices, type Runtime, type StartService } from '@tidings/runtime';
import { alerterService } from '@tidings/service-alerter';
import { extractorService } from '@tidings/service-extractor';
import { fetcherService } from '@tidings/service-fetcher';
import { indexerService } from '@tidings/service-indexer';
import { parserService } from '@tidings/service-parser';
import { schedulerService } from '@tidings/service-scheduler';
import { emptyRunSummary, runSummaryCounter, type RunSummary } from './commands/run-summary.js';
import type { WorkerName } from './worker-names.js';

export { WORKER_NAMES, type WorkerName } from './worker-names.js';
export type { ReportedFailure, RunSummary } from './commands/run-summary.js';

/**
 * The registry of worker roles: the one place that imports several
 * services (the composition root of `tidings start`, `run` and `worker`).
 * Each service's own `src/main.ts` runs the same entry alone.
 */
export const SERVICES = {
  fetcher: fetcherService,
  parser: parserService,
  extractor: extractorService,
  indexer: indexerService,
  scheduler: schedulerService,
  alerter: alerterService,
} as const satisfies Record<WorkerName, StartService>;

/** The services behind worker names. */
export function servicesNamed(names: readonly WorkerName[]): StartService[] {
  return names.map((name) => SERVICES[name]);
}

/** Longest `run --until-idle` keeps a job waiting for a host in back-off. */
const RUN_MAX_DEFER_MS = 10 * 60_000;

/**
 * Polls every subscribed feed once and carries every new item through all
 * stages with the workers running in this process; resolves when no work is
 * left in any queue. Failures are collected, not fatal.
 */
export async function runUntilIdle(runtime: Runtime, onProgress?: (summary: RunSummary, pending: number) => void): Promise<RunSummary> {
  const feeds = await runtime.index.listFeeds();
  const summary = emptyRunSummary(feeds.length);
  const countCompleted = runSummaryCounter(summary);
  const pipeline: RunningServices = await startServices(runtime, servicesNamed(['fetcher', 'parser', 'extractor', 'indexer']), {
    onFinalFailure: (failure) => {
      summary.failed.push({ queue: failure.queue, url: jobSubjectUrl(failure.data), code: failure.code, reason: failure.reason });
    },
    // A one-off run does not sit out a publisher's long Retry-After: such jobs fail as host-backoff instead.
    maxDeferMs: RUN_MAX_DEFER_MS,
  });
  for (const worker of pipeline.workers) {
    worker.on('completed', (job, result: unknown) => countCompleted(worker.name as QueueName, job.data, result));
  }
  const runId = Date.now().toString(36);
  try {
    for (const feed of feeds) {
      await runtime.queues.add(QUEUES.feedFetch, { feedId: feed.id, feedUrl: feed.url }, { jobId: `run-${runId}-${feed.id}` });
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
