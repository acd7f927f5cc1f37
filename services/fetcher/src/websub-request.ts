import type { Logger } from 'pino';
import { describeError, isPermanent, type WebSubJob, type WebSubSubscription } from '@tidings/contracts';
import { fetchUrl } from '@tidings/http';
import type { TidingsIndex } from '@tidings/index';
import {
  callbackUrl,
  failedSubscription,
  hubRequestForm,
  newSecret,
  newSubscriptionId,
  requestedLeaseSeconds,
  requestedSubscription,
  unsubscribingSubscription,
  type WebSubStore,
} from '@tidings/websub';
import type { FetcherDeps } from './handler.js';

/** What the hub worker uses. */
export interface WebSubRequestDeps {
  index: Pick<TidingsIndex, 'getFeed'>;
  store: WebSubStore;
  /** The fetcher's HTTP limits and private-address exemptions: a hub gets the same SSRF guard as a feed. */
  fetch: FetcherDeps['fetch'];
  /** TIDINGS_API_PUBLIC_URL: callbacks hang under it. */
  publicUrl: string;
  /** TIDINGS_WEBSUB_LEASE. */
  leaseMs: number;
  now?: () => number;
}

const fresh = () => ({ id: newSubscriptionId(), secret: newSecret() });

/**
 * Sends one request to a hub (W3C WebSub section 5.1). The subscription is
 * stored before the request goes (a hub may verify at once), so the API's
 * callback knows it; the hub's 202 only means it will verify. A request the
 * hub refuses for good (a 4xx, a blocked address) leaves the subscription
 * `failed` with the typed code; a hub that is down is retried.
 *
 * - `subscribe` (from the parser): for an active feed, unless it is
 *   already pushed from that hub and topic;
 * - `renew` (from the scheduler): the same callback and secret again, or an
 *   unsubscribe when the feed is gone or no longer active;
 * - `unsubscribe`.
 */
export async function handleWebSubRequest(job: WebSubJob, deps: WebSubRequestDeps, log: Logger): Promise<{ sent: string } | { skipped: string }> {
  const now = deps.now?.() ?? Date.now();
  if (job.action === 'subscribe') {
    const feed = await deps.index.getFeed(job.feedId);
    if (!feed || feed.state !== 'active') return { skipped: 'the feed is gone or not active' };
    const existing = await deps.store.forFeed(job.feedId);
    if (existing?.state === 'active' && existing.hub === job.hub && existing.topic === job.topic) return { skipped: 'already subscribed' };
    return send(requestedSubscription(existing, job, now, fresh), 'subscribe', deps, log);
  }
  const subscription = await deps.store.get(job.subscriptionId);
  if (!subscription) return { skipped: 'no such subscription' };
  if (job.action === 'renew') {
    if (subscription.state !== 'active') return { skipped: `subscription is ${subscription.state}` };
    const feed = await deps.index.getFeed(subscription.feedId);
    if (feed && feed.state === 'active') return send(requestedSubscription(subscription, subscription, now, fresh), 'subscribe', deps, log);
  }
  return send(unsubscribingSubscription(subscription, now), 'unsubscribe', deps, log);
}

async function send(subscription: WebSubSubscription, mode: 'subscribe' | 'unsubscribe', deps: WebSubRequestDeps, log: Logger): Promise<{ sent: string }> {
  await deps.store.save(subscription);
  const form = hubRequestForm({
    mode,
    topic: subscription.topic,
    callback: callbackUrl(deps.publicUrl, subscription.id),
    leaseSeconds: requestedLeaseSeconds(deps.leaseMs),
    secret: subscription.secret,
  });
  try {
    await fetchUrl(subscription.hub, { ...deps.fetch, form, accept: '*/*' });
  } catch (error) {
    if (isPermanent(error)) {
      // Only if nothing moved on meanwhile (the hub may have verified, or another request gone out).
      const latest = await deps.store.get(subscription.id);
      const { code, message } = describeError(error);
      if (latest && latest.requestedAt === subscription.requestedAt) await deps.store.save(failedSubscription(latest, { code, reason: message }, deps.now?.() ?? Date.now()));
    }
    throw error;
  }
  log.info({ hub: subscription.hub, topic: subscription.topic, mode }, 'WebSub request accepted by the hub');
  return { sent: mode };
}
