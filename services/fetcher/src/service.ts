import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { checkAllowList } from '@tidings/http';
import { HostGate, NetworkHealth, RobotsCache } from '@tidings/politeness';
import { pollingPolicy } from '@tidings/polling';
import { stageWorkerOptions, type Runtime, type ServiceHandle, type ServiceHooks, type StartService } from '@tidings/runtime';
import { startWebSubWorker, webSubPolling, WebSubStore } from '@tidings/websub';
import { startFetchWorker } from './fetch-worker.js';
import { handleArticleFetch, handleFeedFetch, type FetcherDeps } from './handler.js';
import { handleWebSubRequest, type WebSubRequestDeps } from './websub-request.js';

/** Requests to hubs in flight per fetcher process (they are few: one per feed and lease). */
const WEBSUB_CONCURRENCY = 2;

/**
 * The fetcher: one worker for feed polls, one for article pages, sharing one
 * HTTP client config and the per-host limits every fetcher process obeys.
 *
 * @throws RangeError for a malformed TIDINGS_FETCH_ALLOW_PRIVATE entry.
 */
export const fetcherService: StartService = (runtime: Runtime, hooks: ServiceHooks): ServiceHandle => {
  const { config, redis } = runtime;
  // A malformed TIDINGS_FETCH_ALLOW_PRIVATE entry would fail every fetch: refuse to start instead.
  checkAllowList(config.fetch.allowPrivate);
  const policy = pollingPolicy(config);
  const deps: FetcherDeps = {
    index: runtime.index,
    bodies: runtime.bodies,
    queues: runtime.queues,
    fetch: {
      allowPrivate: config.fetch.allowPrivate,
      allowPrivateLinks: config.fetch.allowPrivateLinks,
      timeoutMs: config.fetch.timeoutMs,
      maxBytes: config.fetch.maxBytes,
    },
    hosts: new HostGate(redis, config.queuePrefix, {
      concurrency: config.politeness.hostConcurrency,
      delayMs: config.politeness.hostDelayMs,
      // A request cannot outlive its timeout; the margin covers the Redis round trips around it.
      leaseMs: config.fetch.timeoutMs + 10_000,
    }),
    network: new NetworkHealth(redis, config.queuePrefix),
    robots: new RobotsCache(redis, config.queuePrefix),
    polling: { index: runtime.index, policy, ...webSubPolling(redis, config.queuePrefix, config.websub) },
    maxBackOffMs: policy.maxMs,
  };
  const common = {
    ...stageWorkerOptions(runtime, config.fetch.concurrency),
    onFinalFailure: hooks.onFinalFailure,
    maxDeferMs: hooks.maxDeferMs,
  };
  return {
    workers: [
      startFetchWorker(QUEUES.feedFetch, (payload, context) => handleFeedFetch(payload, deps, context), common),
      startFetchWorker(QUEUES.articleFetch, (payload, context) => handleArticleFetch(payload, deps, context), common),
      ...webSubWorkers(runtime, deps),
    ],
  };
};

/** Requests to WebSub hubs, sent with the fetcher's HTTP client and limits: only when WebSub is on (TIDINGS_API_PUBLIC_URL set). */
function webSubWorkers(runtime: Runtime, deps: FetcherDeps): Worker[] {
  const { websub } = runtime.config;
  if (websub.publicUrl === null) return [];
  const requestDeps: WebSubRequestDeps = { index: runtime.index, store: new WebSubStore(runtime.redis, runtime.config.queuePrefix), fetch: deps.fetch, publicUrl: websub.publicUrl, leaseMs: websub.leaseMs };
  const options = { connection: runtime.redis, prefix: runtime.config.queuePrefix, log: runtime.log, concurrency: WEBSUB_CONCURRENCY };
  return [startWebSubWorker(options, (job, log) => handleWebSubRequest(job, requestDeps, log))];
}
