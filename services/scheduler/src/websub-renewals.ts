import type { Logger } from 'pino';
import type { TidingsIndex } from '@tidings/index';
import { applyPushChange, pollingPolicy, type PollRecorder } from '@tidings/polling';
import type { Runtime } from '@tidings/runtime';
import { dueAction, expiredSubscription, WebSubRequests, WebSubStore } from '@tidings/websub';

/** What a pass over the due WebSub subscriptions needs. */
export interface RenewalDeps {
  store: WebSubStore;
  requests: Pick<WebSubRequests, 'add'>;
  index: Pick<TidingsIndex, 'getFeed'>;
  /** Records a lease that ran out on the feed: polling takes over at once. */
  polling: PollRecorder;
  safetyPollMs: number;
}

/** What one pass did, and when the next subscription is due (ms), or null. */
export interface RenewalPass {
  renewals: number;
  expired: number;
  forgotten: number;
  nextDueAt: number | null;
}

/**
 * One pass over the WebSub subscriptions whose time has come: a lease at
 * 80% gets a renewal request queued (under a job id of the subscription
 * and its renewal time: several schedulers, or passes, queue it once; the
 * hub worker unsubscribes instead when the feed is gone or not active); a
 * lease that ended without a verified renewal expires, and the feed is
 * polled on its own rhythm again; an unsubscription the hub never verified
 * is forgotten.
 */
export async function renewSubscriptions(deps: RenewalDeps, now: number = Date.now()): Promise<RenewalPass> {
  const pass: RenewalPass = { renewals: 0, expired: 0, forgotten: 0, nextDueAt: null };
  for (const id of await deps.store.dueIds(now)) {
    const subscription = await deps.store.get(id);
    if (!subscription) {
      await deps.store.unfile(id);
      continue;
    }
    const action = dueAction(subscription, now);
    if (action === 'renew') {
      await deps.requests.add({ action: 'renew', subscriptionId: id }, `websub-renew-${id}-${Date.parse(subscription.renewAt ?? '')}`);
      pass.renewals++;
    } else if (action === 'expire') {
      await deps.store.save(expiredSubscription(subscription, now));
      const feed = await deps.index.getFeed(subscription.feedId);
      if (feed) await applyPushChange(deps.polling, feed, 'ended', deps.safetyPollMs);
      pass.expired++;
    } else if (action === 'forget') {
      await deps.store.remove(subscription);
      pass.forgotten++;
    } else {
      // Filed under a time that no longer holds (the record changed meanwhile): file it again.
      await deps.store.save(subscription);
    }
  }
  pass.nextDueAt = await deps.store.nextDueAt();
  return pass;
}

/**
 * The scheduler's WebSub part, when WebSub is on (TIDINGS_API_PUBLIC_URL
 * set): a pass to run with each scheduling pass, and the longest sleep
 * between passes: a tenth of the lease, so a subscription verified while
 * the scheduler sleeps is renewed in time even with a short lease.
 */
export function startWebSubRenewals(runtime: Runtime): { pass(log: Logger): Promise<number | null>; maxSleepMs: number; close(): Promise<void> } | null {
  const { config } = runtime;
  if (config.websub.publicUrl === null) return null;
  const requests = new WebSubRequests(runtime.redis, config.queuePrefix, config);
  const deps: RenewalDeps = {
    store: new WebSubStore(runtime.redis, config.queuePrefix),
    requests,
    index: runtime.index,
    polling: { index: runtime.index, policy: pollingPolicy(config) },
    safetyPollMs: config.websub.safetyPollMs,
  };
  return {
    pass: async (log) => {
      const result = await renewSubscriptions(deps);
      if (result.renewals || result.expired || result.forgotten) log.info(result, 'WebSub subscriptions renewed or ended');
      return result.nextDueAt;
    },
    maxSleepMs: Math.max(1_000, Math.round(config.websub.leaseMs / 10)),
    close: () => requests.close(),
  };
}
