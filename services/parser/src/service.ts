import { QUEUES } from '@tidings/contracts';
import { pollingPolicy } from '@tidings/polling';
import { startStageWorker } from '@tidings/queue';
import { stageWorkerOptions, type StartService } from '@tidings/runtime';
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
    polling: { index: runtime.index, policy: pollingPolicy(config) },
    parse: pool.parse,
    maxItems: config.parse.maxItems,
  };
  const worker = startStageWorker(QUEUES.feedParse, (payload, context) => handleFeedParse(payload, deps, context), {
    ...stageWorkerOptions(runtime, config.parse.concurrency),
    onFinalFailure: hooks.onFinalFailure,
  });
  worker.on('closed', () => {
    pool.close().catch((error: unknown) => runtime.log.warn({ err: error }, 'parse pool did not stop cleanly'));
  });
  return { workers: [worker] };
};
