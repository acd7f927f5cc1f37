import { parseStored, redisKeys, WebSubSubscriptionSchema, type WebSubSubscription, type WebSubView } from '@tidings/contracts';
import { dueAt, isPushing, subscriptionView } from './subscription.js';

/**
 * The Redis commands the store uses. Any client with them will do (ioredis,
 * one server or a cluster: every command touches one key), so this package
 * stays free of a Redis driver.
 */
export interface WebSubRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  del(key: string): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, field: string, value: string): Promise<unknown>;
  hdel(key: string, field: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hincrby(key: string, field: string, increment: number): Promise<number>;
  zadd(key: string, score: number, member: string): Promise<unknown>;
  zrem(key: string, member: string): Promise<number>;
  zrangebyscore(key: string, min: number | string, max: number | string, limit: 'LIMIT', offset: number, count: number): Promise<string[]>;
  zrange(key: string, start: number, stop: number, withScores: 'WITHSCORES'): Promise<string[]>;
}

/** The window of {@link WebSubStore.takePushSlot}: pushes are counted per subscription per 10 minutes. */
export const PUSH_WINDOW_MS = 10 * 60_000;
/** Pushed bodies taken per subscription per window: a topic changing every 30 s, sustained. */
export const PUSHES_PER_WINDOW = 20;
/** The pushes hash's field of a window's count: `window:<window number>`. */
const WINDOW_FIELD = 'window:';

/**
 * WebSub subscriptions, kept in Redis apart from the feed record: they are
 * written by the hub worker, the API's callback and the scheduler, hold a
 * secret that `tidings feeds` must never print, and come and go with hubs;
 * the feed record stays the one place of a feed's polling state, which
 * reads only whether content is pushed ({@link pushing}).
 */
export class WebSubStore {
  private readonly keys;

  constructor(
    private readonly redis: WebSubRedis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix).websub;
  }

  /** The subscription, or null when there is none or its record does not parse (one bad record must not stop the renewals of all the others). */
  async get(id: string): Promise<WebSubSubscription | null> {
    const raw = await this.redis.get(this.keys.subscription(id));
    if (raw === null) return null;
    const record = parseStored(WebSubSubscriptionSchema, raw);
    if (!record) return null;
    const pushes = await this.redis.hgetall(this.keys.pushes(id));
    return { ...record, lastPushAt: pushes.lastPushAt ?? null, rejectedPushes: Number(pushes.rejected ?? 0) };
  }

  /**
   * Counts pushed content: taken (`lastPushAt`) or ignored for its
   * signature. Field by field, apart from the record, so a push arriving
   * while the hub verifies a renewal cannot undo the new lease.
   */
  async recordPush(id: string, outcome: { taken: true; at: string } | { taken: false }): Promise<void> {
    if (outcome.taken) await this.redis.hset(this.keys.pushes(id), 'lastPushAt', outcome.at);
    else await this.redis.hincrby(this.keys.pushes(id), 'rejected', 1);
  }

  /**
   * Takes a place for one pushed body of subscription `id` in the current
   * window of `windowMs` (fixed windows, counted in the pushes hash, so
   * every API process shares the count). A hub pushes when its topic
   * changes; one that pushes more than `limit` bodies a window is flooding
   * (a hostile feed can name a hostile hub, and each body is kept for the
   * parser), and is told to come back when the window ends.
   *
   * @returns null when the push is taken, else the milliseconds until the
   *   window ends (its Retry-After); such a push is counted as `limited`.
   */
  async takePushSlot(id: string, now: number = Date.now(), limit: number = PUSHES_PER_WINDOW, windowMs: number = PUSH_WINDOW_MS): Promise<number | null> {
    const key = this.keys.pushes(id);
    const window = Math.floor(now / windowMs);
    const count = await this.redis.hincrby(key, `${WINDOW_FIELD}${window}`, 1);
    // The first push of a window clears the counts of earlier ones: the hash keeps one window's count.
    if (count === 1) {
      const stale = Object.keys(await this.redis.hgetall(key)).filter((field) => field.startsWith(WINDOW_FIELD) && field !== `${WINDOW_FIELD}${window}`);
      for (const field of stale) await this.redis.hdel(key, field);
    }
    if (count <= limit) return null;
    await this.redis.hincrby(key, 'limited', 1);
    return (window + 1) * windowMs - now;
  }

  /** The subscription of a feed, or null. */
  async forFeed(feedId: string): Promise<WebSubSubscription | null> {
    const id = await this.redis.hget(this.keys.byFeed, feedId);
    return id === null ? null : this.get(id);
  }

  /** True while the feed's content is pushed (verified, lease running): its polling is only a safety net. */
  async pushing(feedId: string, now: number = Date.now()): Promise<boolean> {
    return isPushing(await this.forFeed(feedId), now);
  }

  /**
   * Stores a subscription as its feed's, filed for the scheduler by when it
   * is next due. A feed has one subscription: one it had under another id
   * (another hub or topic) is dropped, and pushes to its callback are then
   * answered 410 Gone, which tells that hub to stop.
   */
  async save(subscription: WebSubSubscription): Promise<void> {
    const previous = await this.redis.hget(this.keys.byFeed, subscription.feedId);
    await this.redis.set(this.keys.subscription(subscription.id), JSON.stringify(subscription));
    await this.redis.hset(this.keys.byFeed, subscription.feedId, subscription.id);
    const due = dueAt(subscription);
    if (due === null || Number.isNaN(due)) await this.redis.zrem(this.keys.due, subscription.id);
    else await this.redis.zadd(this.keys.due, due, subscription.id);
    if (previous !== null && previous !== subscription.id) await this.dropRecord(previous);
  }

  /** Deletes a subscription (and its feed's pointer to it, if it is still the feed's). */
  async remove(subscription: WebSubSubscription): Promise<void> {
    if ((await this.redis.hget(this.keys.byFeed, subscription.feedId)) === subscription.id) await this.redis.hdel(this.keys.byFeed, subscription.feedId);
    await this.dropRecord(subscription.id);
  }

  /** Ids of the subscriptions due by `now` (renewal, lease end, an unverified unsubscription), at most `limit`, earliest first. */
  async dueIds(now: number, limit = 100): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.due, '-inf', now, 'LIMIT', 0, limit);
  }

  /** When the earliest subscription is due (ms), or null when none is filed. */
  async nextDueAt(): Promise<number | null> {
    const [, score] = await this.redis.zrange(this.keys.due, 0, 0, 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }

  /** Every feed's subscription as people see it, by feed id. */
  async views(): Promise<Map<string, WebSubView>> {
    const views = new Map<string, WebSubView>();
    for (const [feedId, id] of Object.entries(await this.redis.hgetall(this.keys.byFeed))) {
      const subscription = await this.get(id);
      if (subscription) views.set(feedId, subscriptionView(subscription));
    }
    return views;
  }

  /** Takes an id off the scheduler's list (its record is gone). */
  async unfile(id: string): Promise<void> {
    await this.redis.zrem(this.keys.due, id);
  }

  private async dropRecord(id: string): Promise<void> {
    await this.redis.del(this.keys.subscription(id));
    await this.redis.del(this.keys.pushes(id));
    await this.redis.zrem(this.keys.due, id);
  }
}

/**
 * What polling reads of WebSub (`PollRecorder.push` of @tidings/polling):
 * whether a feed is pushed, and how often such a feed is still polled; no
 * entry when WebSub is off (no TIDINGS_API_PUBLIC_URL), so feeds poll as always.
 */
export function webSubPolling(
  redis: WebSubRedis,
  prefix: string,
  websub: { publicUrl: string | null; safetyPollMs: number },
): { push?: { pushing(feedId: string): Promise<boolean>; safetyPollMs: number } } {
  if (websub.publicUrl === null) return {};
  const store = new WebSubStore(redis, prefix);
  return { push: { pushing: (feedId) => store.pushing(feedId), safetyPollMs: websub.safetyPollMs } };
}
