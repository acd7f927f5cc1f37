import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { HostGate, NetworkHealth, RobotsCache } from '@tidings/politeness';
import { FeedHintStore, pollingPolicy } from '@tidings/polling';
import type { FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { startFetchWorker } from './fetch-worker.js';
import { handleArticleFetch, handleFeedFetch, type FetcherDeps } from './handler.js';

/** Options of {@link startFetcher}. */
export interface FetcherOptions {
  /**
   * Longest a job may be kept waiting for a host's Retry-After or a network
   * outage (from its creation). Unlimited for the long-running fetcher; a
   * one-off `run --until-idle` may set a bound so it is not held for hours.
   */
  maxDeferMs?: number;
}

/**
 * The fetcher: one worker for feed polls, one for article pages, sharing one
 * HTTP client config and the per-host limits every fetcher process obeys.
 */
export function startFetcher(runtime: Runtime, onFinalFailure?: (failure: FinalFailure) => void, options: FetcherOptions = {}): Worker[] {
  const { config, redis } = runtime;
  const policy = pollingPolicy(config);
  const deps: FetcherDeps = {
    index: runtime.index,
    bodies: runtime.bodies,
    queues: runtime.queues,
    fetch: { allowPrivate: config.fetch.allowPrivate, timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes },
    hosts: new HostGate(redis, config.queuePrefix, {
      concurrency: config.politeness.hostConcurrency,
      delayMs: config.politeness.hostDelayMs,
      // A request cannot outlive its timeout; the margin covers the Redis round trips around it.
      leaseMs: config.fetch.timeoutMs + 10_000,
    }),
    network: new NetworkHealth(redis, config.queuePrefix),
    robots: new RobotsCache(redis, config.queuePrefix),
    hints: new FeedHintStore(redis, config.queuePrefix),
    schedule: { index: runtime.index, policy },
    maxBackOffMs: policy.maxMs,
  };
  const common = {
    connection: redis,
    prefix: config.queuePrefix,
    log: runtime.log,
    concurrency: config.fetch.concurrency,
    onFinalFailure,
    maxDeferMs: options.maxDeferMs,
  };
  return [
    startFetchWorker(QUEUES.feedFetch, (payload, context) => handleFeedFetch(payload, deps, context), common),
    startFetchWorker(QUEUES.articleFetch, (payload, context) => handleArticleFetch(payload, deps, context), common),
  ];
}
