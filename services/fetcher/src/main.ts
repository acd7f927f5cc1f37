import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { startStageWorker, type FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { handleArticleFetch, handleFeedFetch, type FetcherDeps } from './handler.js';

/** The fetcher: one worker for feed polls, one for article pages, sharing one HTTP client config. */
export function startFetcher(runtime: Runtime, onFinalFailure?: (failure: FinalFailure) => void): Worker[] {
  const { config } = runtime;
  const deps: FetcherDeps = {
    index: runtime.index,
    bodies: runtime.bodies,
    queues: runtime.queues,
    fetch: { allowPrivate: config.fetch.allowPrivate, timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes },
  };
  const common = { connection: runtime.redis, prefix: config.queuePrefix, log: runtime.log, concurrency: config.fetch.concurrency, onFinalFailure };
  return [
    startStageWorker(QUEUES.feedFetch, (payload, context) => handleFeedFetch(payload, deps, context), common),
    startStageWorker(QUEUES.articleFetch, (payload, context) => handleArticleFetch(payload, deps, context), common),
  ];
}
