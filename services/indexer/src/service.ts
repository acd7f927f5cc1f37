import { QUEUES, redisKeys } from '@tidings/contracts';
import { ArticleBatchWriter } from '@tidings/index';
import { IndexedEventPublisher, startStageWorker } from '@tidings/queue';
import { stageWorkerOptions, type StartService } from '@tidings/runtime';
import { RedisStoryState, StoryGrouper } from '@tidings/stories';
import { handleArticleIndex } from './handler.js';

/**
 * How long the first record of a batch waits for the other jobs' records.
 * Short: jobs in flight reach the writer within a few milliseconds of each
 * other, and a lone job should not wait noticeably.
 */
export const INDEX_BATCH_LINGER_MS = 10;

/**
 * The indexer: records in, rows in the index out. The jobs it runs at once
 * (TIDINGS_INDEX_CONCURRENCY) hand their records to one batch writer, which
 * stores up to that many in one transaction: one commit (and, on SQLite, one
 * full-text segment) per batch instead of per article. Each article is
 * first given its storyId by one story grouper, whose state is in Redis so
 * every indexer process groups against the same stories.
 */
export const indexerService: StartService = (runtime, hooks) => {
  const writer = new ArticleBatchWriter(runtime.index, { maxBatch: runtime.config.indexConcurrency, lingerMs: INDEX_BATCH_LINGER_MS });
  const deps = {
    index: { upsertArticle: writer.upsert.bind(writer), getArticle: runtime.index.getArticle.bind(runtime.index), moveArticle: runtime.index.moveArticle.bind(runtime.index), articleUrlOfItem: runtime.index.articleUrlOfItem.bind(runtime.index) },
    bodies: runtime.bodies,
    queues: runtime.queues,
    events: new IndexedEventPublisher(runtime.redis, runtime.config.queuePrefix),
    pageTypes: runtime.config.indexPageTypes,
    stories: new StoryGrouper(new RedisStoryState(runtime.redis, redisKeys(runtime.config.queuePrefix).storiesPrefix)),
  };
  return {
    workers: [
      startStageWorker(QUEUES.articleIndex, (payload, context) => handleArticleIndex(payload, deps, context), {
        ...stageWorkerOptions(runtime, runtime.config.indexConcurrency),
        onFinalFailure: hooks.onFinalFailure,
      }),
    ],
  };
};
