import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { startStageWorker, type FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { handleArticleExtract } from './handler.js';

/** The extractor: pages in, ArticleRecords out. CPU-bound, so a low concurrency per process. */
export function startExtractor(runtime: Runtime, onFinalFailure?: (failure: FinalFailure) => void): Worker[] {
  const deps = { bodies: runtime.bodies, queues: runtime.queues };
  return [
    startStageWorker(QUEUES.articleExtract, (payload, context) => handleArticleExtract(payload, deps, context), {
      connection: runtime.redis,
      prefix: runtime.config.queuePrefix,
      log: runtime.log,
      concurrency: runtime.config.extractConcurrency,
      onFinalFailure,
    }),
  ];
}
