import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { SavedSearchStore } from '@tidings/alerts';
import { ALERT_DELIVER_QUEUE, ALERT_DELIVER_RETRY, AlertDeliverJobSchema, describeError, isPermanent, redisKeys, type AlertDeliverJob } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { isRedisCluster, parseIndexedEvent, type RedisClient } from '@tidings/queue';
import type { StartService } from '@tidings/runtime';
import { handleAlertDeliver, handleIndexedEvent, type AlerterDeps } from './handler.js';
import { AlertMatcher } from './matcher.js';

/** Webhook deliveries in flight per alerter process. */
export const DELIVERY_CONCURRENCY = 8;

/** BullMQ's key prefix for the delivery queue: on a cluster, the queue name as a hash tag (as queueKeyPrefix does for the stages). */
export function alertQueuePrefix(prefix: string, connection: RedisClient): string {
  return isRedisCluster(connection) ? `${prefix}:{${ALERT_DELIVER_QUEUE}}` : prefix;
}

/**
 * The alerter: listens for newly indexed articles (the indexer's pub/sub
 * events), matches each against the saved searches, and queues a delivery
 * per match on `alert-deliver`, whose worker posts it to the search's
 * webhook, signed, with retries and backoff. Pub/sub is fire-and-forget:
 * articles indexed while no alerter runs are not matched.
 */
export const alerterService: StartService = async (runtime) => {
  const { config, log } = runtime;
  const keys = redisKeys(config.queuePrefix);
  const store = new SavedSearchStore(runtime.redis, config.queuePrefix);
  const matcher = new AlertMatcher(store, runtime.index, (record, error) => log.warn({ searchId: record.id, err: error }, 'saved search skipped: the index refuses its query'));
  await matcher.reload();
  const prefix = alertQueuePrefix(config.queuePrefix, runtime.redis);
  const queue = new Queue<AlertDeliverJob>(ALERT_DELIVER_QUEUE, {
    connection: runtime.redis,
    prefix,
    defaultJobOptions: {
      attempts: ALERT_DELIVER_RETRY.attempts,
      backoff: { type: 'exponential', delay: config.retryDelayMs ?? ALERT_DELIVER_RETRY.backoffMs },
      removeOnComplete: { count: config.keepCompleted },
      removeOnFail: { count: config.keepFailed },
    },
  });
  const deps: AlerterDeps = {
    index: runtime.index,
    store,
    matcher,
    enqueue: (job, jobId) => queue.add('deliver', job, { jobId }),
    checkUrl: (url) => checkFetchable(url, { allowPrivate: config.fetch.allowPrivate }),
  };

  const worker = new Worker(
    ALERT_DELIVER_QUEUE,
    async (job: Job) => {
      const parsed = AlertDeliverJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`[invalid-payload] ${parsed.error.issues[0]?.message ?? 'invalid alert-deliver job'}`);
      const jobLog = log.child({ queue: ALERT_DELIVER_QUEUE, jobId: job.id, attempt: job.attemptsMade + 1, searchId: parsed.data.searchId });
      try {
        const result = await handleAlertDeliver(parsed.data, deps, job.attemptsMade + 1);
        jobLog.info(result, result.delivered ? 'alert delivered' : 'alert dropped: the saved search or its webhook is gone');
        return result;
      } catch (error) {
        const { code, message } = describeError(error);
        jobLog.warn({ code, err: message }, 'alert delivery failed');
        throw isPermanent(error) ? new UnrecoverableError(`[${code}] ${message}`) : new Error(`[${code}] ${message}`);
      }
    },
    { connection: runtime.redis, prefix, concurrency: DELIVERY_CONCURRENCY },
  );
  worker.on('error', (error) => log.error({ err: error }, 'alert-deliver worker error'));

  // Matching runs one event at a time, in arrival order: it is quick, and the order keeps the logs readable.
  let chain: Promise<unknown> = Promise.resolve();
  const subscriber = runtime.redis.duplicate();
  subscriber.on('error', (error) => log.error({ err: error }, 'alerter subscriber error'));
  subscriber.on('message', (channel: string, message: string) => {
    if (channel === keys.alerts.changed) {
      chain = chain.then(() => matcher.reload()).catch((error: unknown) => log.error({ err: error }, 'could not reload saved searches'));
      return;
    }
    const event = parseIndexedEvent(message);
    if (!event) return;
    chain = chain
      .then(async () => {
        const matched = await handleIndexedEvent(event, deps);
        if (matched.length > 0) log.info({ articleId: event.id, searches: matched }, 'article matched saved searches');
      })
      .catch((error: unknown) => log.error({ err: error, articleId: event.id }, 'could not match an article against saved searches'));
  });
  await subscriber.subscribe(keys.indexedChannel, keys.alerts.changed);
  log.info({ savedSearches: matcher.size }, 'alerter listening for indexed articles');

  return {
    workers: [worker],
    close: async () => {
      await subscriber.quit().catch(() => subscriber.disconnect());
      await chain;
      await queue.close();
    },
  };
};
