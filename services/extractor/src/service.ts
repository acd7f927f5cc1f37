import { QUEUES } from '@tidings/contracts';
import { startStageWorker } from '@tidings/queue';
import { stageWorkerOptions, type StartService } from '@tidings/runtime';
import { createExtractionPool } from './extraction-pool.js';
import { handleArticleExtract } from './handler.js';

/**
 * The extractor: pages in, ArticleRecords out. Extraction runs in a pool of
 * worker threads, one per concurrent job, so the BullMQ worker's event loop
 * stays free to renew job locks; the pool stops when the worker closes.
 */
export const extractorService: StartService = (runtime, hooks) => {
  const concurrency = runtime.config.extractConcurrency;
  const pool = createExtractionPool({ threads: concurrency, timeoutMs: runtime.config.extractTimeoutMs });
  const deps = { bodies: runtime.bodies, queues: runtime.queues, extract: pool.extract };
  const worker = startStageWorker(QUEUES.articleExtract, (payload, context) => handleArticleExtract(payload, deps, context), {
    ...stageWorkerOptions(runtime, concurrency),
    onFinalFailure: hooks.onFinalFailure,
  });
  worker.on('closed', () => {
    pool.close().catch((error: unknown) => runtime.log.warn({ err: error }, 'extraction pool did not stop cleanly'));
  });
  return { workers: [worker] };
};
