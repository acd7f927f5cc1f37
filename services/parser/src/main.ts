import type { Worker } from 'bullmq';
import { QUEUES } from '@tidings/contracts';
import { FeedHintStore, pollingPolicy } from '@tidings/polling';
import { startStageWorker, type FinalFailure } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { handleFeedParse } from './handler.js';

/** The parser: feed bodies in, one article-fetch job per new item out. */
export function startParser(runtime: Runtime, onFinalFailure?: (failure: FinalFailure) => void): Worker[] {
  const deps = {
    index: runtime.index,
    bodies: runtime.bodies,
    queues: runtime.queues,
    schedule: { index: runtime.index, policy: pollingPolicy(runtime.config) },
    hints: new FeedHintStore(runtime.redis, runtime.config.queuePrefix),
  };
  return [
    startStageWorker(QUEUES.feedParse, (payload, context) => handleFeedParse(payload, deps, context), {
      connection: runtime.redis,
      prefix: runtime.config.queuePrefix,
      log: runtime.log,
      concurrency: 2,
      onFinalFailure,
    }),
  ];
}
