import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { startStageWorker, type FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { createExtractionPool } from './extraction-pool.js';
import { handleArticleExtract } from './handler.js';

/**
 * The extractor: pages in, ArticleRecords out. Extraction runs in a pool of
 * worker threads, one per concurrent job, so the BullMQ worker's event loop
 * stays free to renew job locks; the pool stops when the worker closes.
 */
export function startExtractor(runtime: Runtime, onFinalFailure?: (failure: FinalFailure) => void): Worker[] {
  const concurrency = runtime.config.extractConcurrency;
  const pool = createExtractionPool({ threads: concurrency, timeoutMs: runtime.config.extractTimeoutMs });
  const deps = { bodies: runtime.bodies, queues: runtime.queues, extract: pool.extract };
  const worker = startStageWorker(QUEUES.articleExtract, (payload, context) => handleArticleExtract(payload, deps, context), {
    connection: runtime.redis,
    prefix: runtime.config.queuePrefix,
    log: runtime.log,
    concurrency,
    onFinalFailure,
  });
  worker.on('closed', () => {
    pool.close().catch((error: unknown) => runtime.log.warn({ err: error }, 'extraction pool did not stop cleanly'));
  });
  return [worker];
}
