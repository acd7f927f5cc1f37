import os from 'node:os';
import { SavedSearchStore } from '@tidings/alerts';
import { ALERT_DELIVER_QUEUE, ALERT_DELIVER_RETRY, ALERT_JOBS, DIGEST_PERIOD_MS, DIGEST_PERIODS, redisKeys, type AlertDeliverJob, type AlertDigestJob, type DigestPeriod } from '@tidings/contracts';
import { alertMatchStream, producerQueue, queueKeyPrefix, startIndexedConsumer, workerErrorLogger } from '@tidings/queue';
import type { Runtime, ServiceHandle, StartService } from '@tidings/runtime';
import { startDeliveryWorker } from './delivery-worker.js';
import { handleIndexedEvent, queueEndedDigests, type AlerterDeps } from './handler.js';
import { AlertMatcher } from './matcher.js';
import { ReceiverBackOff } from './receiver-backoff.js';
import { ReceiverSlots } from './receiver-slots.js';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from './webhook.js';

/** Webhook deliveries in flight per alerter process. */
export const DELIVERY_CONCURRENCY = 8;

/** Past a period's end, how long the alerter waits before queueing its digests: matches of articles announced just before the end get in. */
const DIGEST_GRACE_MS = 1_000;

/**
 * The alerters' consumer group on the stream of indexed articles. Renaming
 * it starts a new group at the stream's end: what the old one had not read
 * would never be matched.
 */
export const ALERTER_GROUP = 'alerter';

/** Options of {@link createAlerterService}. */
export interface AlerterOptions {
  /** Lengths of the digest periods (default DIGEST_PERIOD_MS: an hour, a day); tests shorten them. */
  digestPeriodMs?: Partial<Record<DigestPeriod, number>>;
  /** How long one delivery may take (default WEBHOOK_TIMEOUT_MS); tests lengthen it. */
  webhookTimeoutMs?: number;
  /** This process's name in the consumer group (default `<host>-<pid>`, the same after a container restarts); tests run several in one process. */
  consumer?: string;
  /** How long an announcement may stay read but unacknowledged before another alerter takes it over (default CLAIM_IDLE_MS of @tidings/queue); tests shorten it. */
  claimIdleMs?: number;
}

/**
 * The alerter: reads newly indexed articles from the indexer's stream
 * through the `alerter` consumer group and matches each against the saved
 * searches. Each match is announced on the stream of matches (the API's
 * live streams of the search read it), queued on `alert-deliver` for the
 * search's webhook, and kept for the search's digest when it has one; only
 * then is the announcement acknowledged. At the end of each digest period the
 * digests are queued on the same queue. Its worker posts them, signed, with
 * retries and backoff. Articles indexed while no alerter runs wait in the
 * stream (up to INDEXED_STREAM_MAXLEN of them); alerters in several
 * processes share the group, each article matched by one of them. An
 * announcement matched twice (its alerter died before acknowledging it)
 * queues nothing twice: deliveries and digests are queued under
 * deterministic job ids.
 */
export function createAlerterService(options: AlerterOptions = {}): StartService {
  return (runtime) => startAlerter(runtime, options);
}

/** The alerter as `tidings worker alerter` runs it. */
export const alerterService: StartService = createAlerterService();

async function startAlerter(runtime: Runtime, options: AlerterOptions): Promise<ServiceHandle> {
  const { config, log } = runtime;
  const keys = redisKeys(config.queuePrefix);
  const store = new SavedSearchStore(runtime.redis, config.queuePrefix);
  const matcher = new AlertMatcher(store, runtime.index, (record, error) => log.warn({ searchId: record.id, err: error }, 'saved search skipped: the index refuses its query'));
  await matcher.reload();
  const prefix = queueKeyPrefix(config.queuePrefix, ALERT_DELIVER_QUEUE, runtime.redis);
  const queue = producerQueue<AlertDeliverJob | AlertDigestJob>(ALERT_DELIVER_QUEUE, {
    connection: runtime.redis,
    prefix,
    defaultJobOptions: {
      attempts: ALERT_DELIVER_RETRY.attempts,
      backoff: { type: 'exponential', delay: config.retryDelayMs ?? ALERT_DELIVER_RETRY.backoffMs },
      removeOnComplete: { count: config.keepCompleted },
      removeOnFail: { count: config.keepFailed },
    },
  });
  const webhookTimeoutMs = options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const matches = alertMatchStream(config.queuePrefix);
  const deps: AlerterDeps = {
    index: runtime.index,
    store,
    matcher,
    announceMatch: (event) => matches.append(runtime.redis, event),
    enqueue: (job, jobId) => queue.add(ALERT_JOBS.deliver, job, { jobId }),
    post: (url, body, secret, id) => postWebhook(url, { id, body, secret }, { allowPrivate: config.fetch.allowPrivate, timeoutMs: webhookTimeoutMs }),
    receivers: new ReceiverSlots(webhookTimeoutMs),
    receiverBackOff: new ReceiverBackOff(runtime.redis, config.queuePrefix),
  };
  const worker = startDeliveryWorker({ connection: runtime.redis, prefix, log, concurrency: DELIVERY_CONCURRENCY, deps });

  // Saved-search changes stay on pub/sub: a note to reload, not data (a reload at start covers any missed while down).
  let reloads: Promise<unknown> = Promise.resolve();
  const subscriber = runtime.redis.duplicate();
  subscriber.on('error', workerErrorLogger(log, 'alerter subscriber error'));
  subscriber.on('message', (channel: string) => {
    if (channel !== keys.alerts.changed) return;
    // A burst of changes (an OPML of saved searches, a script) is one or two reloads, not one per change.
    reloads = matcher.requestReload().catch((error: unknown) => log.error({ err: error }, 'could not reload saved searches'));
  });
  await subscriber.subscribe(keys.alerts.changed);

  // Matching runs one announcement at a time, in stream order: it is quick, and the order keeps the logs readable.
  const consumer = await startIndexedConsumer({
    redis: runtime.redis,
    prefix: config.queuePrefix,
    group: ALERTER_GROUP,
    consumer: options.consumer ?? `${os.hostname()}-${process.pid}`,
    log,
    ...(options.claimIdleMs === undefined ? {} : { claimIdleMs: options.claimIdleMs }),
    handle: async (event) => {
      // A reload under way first: a search saved just before the article was announced is matched.
      await reloads;
      const matched = await handleIndexedEvent(event, deps);
      if (matched.length > 0) log.info({ articleId: event.id, searches: matched }, 'article matched saved searches');
    },
  });
  log.info({ savedSearches: matcher.size }, 'alerter reading indexed articles');

  // Digests: at start (a period that ended while no alerter ran) and just after each period ends.
  const periods = DIGEST_PERIODS.map((every) => options.digestPeriodMs?.[every] ?? DIGEST_PERIOD_MS[every]);
  let digestTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const digestPass = async (): Promise<void> => {
    try {
      const queued = await queueEndedDigests(await store.list(), (job, jobId) => queue.add(ALERT_JOBS.digest, job, { jobId }), Date.now(), options.digestPeriodMs);
      if (queued > 0) log.debug({ queued }, 'digests queued');
    } catch (error) {
      log.error({ err: error }, 'could not queue digests');
    }
    if (stopped) return;
    const now = Date.now();
    const next = Math.min(...periods.map((ms) => Math.floor(now / ms) * ms + ms));
    digestTimer = setTimeout(() => void (digests = digestPass()), next - now + DIGEST_GRACE_MS);
  };
  let digests = digestPass();

  return {
    workers: [worker],
    close: async () => {
      stopped = true;
      clearTimeout(digestTimer);
      await digests;
      await consumer.stop();
      await subscriber.quit().catch(() => subscriber.disconnect());
      await reloads;
      await queue.close();
    },
  };
}
