import { QUEUES } from '@tidings/contracts';
import { IndexedEventPublisher, startStageWorker } from '@tidings/queue';
import { stageWorkerOptions, type StartService } from '@tidings/runtime';
import { handleArticleIndex } from './handler.js';

/** The indexer: records in, rows in the index out. */
export const indexerService: StartService = (runtime, hooks) => {
  const deps = { index: runtime.index, bodies: runtime.bodies, events: new IndexedEventPublisher(runtime.redis, runtime.config.queuePrefix) };
  return {
    workers: [
      startStageWorker(QUEUES.articleIndex, (payload, context) => handleArticleIndex(payload, deps, context), {
        ...stageWorkerOptions(runtime, runtime.config.indexConcurrency),
        onFinalFailure: hooks.onFinalFailure,
      }),
    ],
  };
};
