import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { IndexedEventPublisher, startStageWorker, type FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { handleArticleIndex } from './handler.js';

/** The indexer: records in, rows in the index out. */
export function startIndexer(runtime: Runtime, onFinalFailure?: (failure: FinalFailure) => void): Worker[] {
  const deps = { index: runtime.index, bodies: runtime.bodies, events: new IndexedEventPublisher(runtime.redis, runtime.config.queuePrefix) };
  return [
    startStageWorker(QUEUES.articleIndex, (payload, context) => handleArticleIndex(payload, deps, context), {
      connection: runtime.redis,
      prefix: runtime.config.queuePrefix,
      log: runtime.log,
      concurrency: 4,
      onFinalFailure,
    }),
  ];
}
