import { QUEUES } from '@tidings/contracts';
import { pollingPolicy } from '@tidings/polling';
import { startStageWorker } from '@tidings/queue';
import { stageWorkerOptions, type StartService } from '@tidings/runtime';
import { WebSubRequests, WebSubStore, webSubPolling } from '@tidings/websub';
import { handleFeedParse, type ParserDeps } from './handler.js';
import { createParsePool } from './parse-pool.js';

/**
 * The parser: feed bodies in, one article-fetch job per new item out.
 * Parsing runs in worker threads under TIDINGS_PARSE_TIMEOUT_MS, one per
 * concurrent job; the pool stops when the worker closes.
 */
export const parserService: StartService = (runtime, hooks) => {
  const { config } = runtime;
  const pool = createParsePool({ threads: config.parse.concurrency, timeoutMs: config.parse.timeoutMs });
  const deps: ParserDeps = {
    index: runtime.index,
    bodies: runtime.bodies,
    queues: runtime.queues,
    polling: { index: runtime.index, policy: pollingPolicy(config), ...webSubPolling(runtime.redis, config.queuePrefix, config.websub) },
    parse: pool.parse,
    maxItems: config.parse.maxItems,
  };
  // WebSub is on when the API has a public URL for hubs to call back.
  const requests = config.websub.publicUrl === null ? null : new WebSubRequests(runtime.redis, config.queuePrefix, config);
  if (requests) deps.webSub = { store: new WebSubStore(runtime.redis, config.queuePrefix), requests, safetyPollMs: config.websub.safetyPollMs };
  const worker = startStageWorker(QUEUES.feedParse, (payload, context) => handleFeedParse(payload, deps, context), {
    ...stageWorkerOptions(runtime, config.parse.concurrency),
    onFinalFailure: hooks.onFinalFailure,
  });
  worker.on('closed', () => {
    pool.close().catch((error: unknown) => runtime.log.warn({ err: error }, 'parse pool did not stop cleanly'));
    requests?.close().catch((error: unknown) => runtime.log.warn({ err: error }, 'WebSub request queue did not close cleanly'));
  });
  return { workers: [worker] };
};
