import type { WebSubState, WebSubSubscription, WebSubView } from '@tidings/contracts';
import { leaseTimes } from './lease.js';
import type { WebSubTarget } from './discovery.js';

/**
 * A subscription's life, as pure transitions: each takes the stored record
 * and the time, and returns the record to store. The stages call them:
 * the parser asks {@link needsSubscription}, the hub worker
 * {@link requestedSubscription}, the API's callback {@link answerIntent},
 * the scheduler {@link dueAction}.
 */

/** A request the hub has not verified within this is asked for again at the next poll that sees the hub. */
export const REQUEST_TIMEOUT_MS = 3_600_000;
/** After a hub denies a subscription, how long until the next poll that sees the hub asks again. */
export const RETRY_AFTER_DENIAL_MS = 86_400_000;
/** After a hub refuses the request itself (a 4xx), how long until asking again. */
export const RETRY_AFTER_FAILURE_MS = 3_600_000;
/**
 * Shortest lease taken from a hub (or the lease asked for, when that is
 * shorter): a hub granting a second would have the scheduler renew it at
 * every pass, a request to the hub and a verification back each time.
 */
export const MIN_LEASE_SECONDS = 60;

const at = (iso: string | null): number => (iso === null ? Number.NaN : Date.parse(iso));

/** True while content for the feed is pushed: verified, and the lease has not ended. */
export function isPushing(subscription: WebSubSubscription | null, now: number): boolean {
  return subscription !== null && subscription.state === 'active' && at(subscription.leaseExpiresAt) > now;
}

/**
 * Whether a poll that found `target` should ask the hub for a subscription:
 * none yet, another hub or topic, a request never verified, a lease that
 * ran out, or a denial or refusal long enough ago. An active subscription
 * is the scheduler's to renew.
 */
export function needsSubscription(existing: WebSubSubscription | null, target: WebSubTarget, now: number): boolean {
  if (existing === null || existing.hub !== target.hub || existing.topic !== target.topic) return true;
  const since = now - at(existing.updatedAt);
  switch (existing.state) {
    case 'active':
      return false;
    case 'requested':
      return now - at(existing.requestedAt) > REQUEST_TIMEOUT_MS;
    case 'denied':
      return since > RETRY_AFTER_DENIAL_MS;
    case 'failed':
      return since > RETRY_AFTER_FAILURE_MS;
    case 'expired':
    case 'unsubscribing':
      return true;
  }
}

/**
 * The record to store before a subscribe request goes to the hub (stored
 * first: a hub may verify before it answers). The id and secret are kept for
 * the same hub and topic, so a renewal or a retried request keeps its
 * callback; a new hub or topic gets a new id and secret from `fresh`.
 */
export function requestedSubscription(
  existing: WebSubSubscription | null,
  request: { feedId: string; hub: string; topic: string },
  now: number,
  fresh: () => { id: string; secret: string },
): WebSubSubscription {
  const iso = new Date(now).toISOString();
  if (existing !== null && existing.hub === request.hub && existing.topic === request.topic && existing.feedId === request.feedId) {
    // A renewal leaves an active subscription active: content keeps coming while the hub verifies again.
    const state: WebSubState = existing.state === 'active' ? 'active' : 'requested';
    return { ...existing, state, requestedAt: iso, reason: null, failure: null, updatedAt: iso };
  }
  const { id, secret } = fresh();
  return {
    id,
    feedId: request.feedId,
    hub: request.hub,
    topic: request.topic,
    secret,
    state: 'requested',
    requestedAt: iso,
    verifiedAt: null,
    leaseSeconds: null,
    leaseExpiresAt: null,
    renewAt: null,
    reason: null,
    failure: null,
    lastPushAt: null,
    rejectedPushes: 0,
    updatedAt: iso,
  };
}

/** The record once an unsubscribe request is about to go to the hub. */
export function unsubscribingSubscription(subscription: WebSubSubscription, now: number): WebSubSubscription {
  const iso = new Date(now).toISOString();
  return { ...subscription, state: 'unsubscribing', requestedAt: iso, renewAt: null, updatedAt: iso };
}

/** The record after the hub refused a request (a 4xx, say): the typed failure, for `tidings feeds`. */
export function failedSubscription(subscription: WebSubSubscription, failure: { code: string; reason: string }, now: number): WebSubSubscription {
  // An active subscription whose renewal failed still has its lease: it stays active until the lease ends.
  const state: WebSubState = subscription.state === 'active' ? 'active' : 'failed';
  return { ...subscription, state, failure, updatedAt: new Date(now).toISOString() };
}

/** The record after a lease ended without a verified renewal. */
export function expiredSubscription(subscription: WebSubSubscription, now: number): WebSubSubscription {
  return { ...subscription, state: 'expired', renewAt: null, updatedAt: new Date(now).toISOString() };
}

/** The query of a hub's verification (or denial) GET, as the callback receives it. */
export interface IntentQuery {
  'hub.mode'?: string;
  'hub.topic'?: string;
  'hub.challenge'?: string;
  'hub.lease_seconds'?: string;
  'hub.reason'?: string;
}

/** What the callback answers a hub's GET, and what changes. */
export interface IntentAnswer {
  /** 200 with `body` (the challenge echoed) to confirm; 404 to refuse an intent we do not have. */
  status: 200 | 404;
  body: string;
  /** The record to store; null to delete it (an unsubscription verified); undefined: unchanged. */
  record?: WebSubSubscription | null;
  /** Whether the feed's content is now pushed (`started`), no longer (`ended`), or as before. */
  push: 'started' | 'ended' | 'unchanged';
}

const REFUSE: IntentAnswer = { status: 404, body: '', push: 'unchanged' };

/**
 * Answers a hub's GET at the callback (W3C WebSub sections 5.3 and 5.2):
 *
 * - `subscribe`: confirmed (the challenge echoed, 200) only for the topic
 *   we asked for while we want it (requested, or active: a renewal); the
 *   lease starts now, for `hub.lease_seconds`, its renewal due at 80%. The
 *   lease kept is at most the one we asked for (`askedLeaseSeconds`, also
 *   taken when a hub names none or writes no whole number of seconds):
 *   renewing early is always allowed, and a hub's "ten years" (or 1e300)
 *   neither lets a subscription go unchecked that long nor overflows a
 *   date. A lease shorter than {@link MIN_LEASE_SECONDS} (or than the one
 *   asked for, if that is shorter) is refused: the hub's answer would set
 *   off a renewal at every scheduler pass;
 * - `unsubscribe`: confirmed only while we are unsubscribing; the record goes;
 * - `denied`: recorded with `hub.reason`, for the topic we asked for.
 *
 * Anything else is refused with 404, as the spec asks.
 */
export function answerIntent(subscription: WebSubSubscription, query: IntentQuery, now: number, askedLeaseSeconds: number): IntentAnswer {
  if (query['hub.topic'] !== subscription.topic) return REFUSE;
  const iso = new Date(now).toISOString();
  const wanted = subscription.state === 'requested' || subscription.state === 'active';
  const challenge = query['hub.challenge'] ?? '';
  switch (query['hub.mode']) {
    case 'subscribe': {
      if (!wanted || challenge === '') return REFUSE;
      const granted = grantedLeaseSeconds(query['hub.lease_seconds']);
      if (granted !== null && granted < Math.min(askedLeaseSeconds, MIN_LEASE_SECONDS)) return REFUSE;
      const leaseSeconds = Math.min(granted ?? askedLeaseSeconds, askedLeaseSeconds);
      const { leaseExpiresAt, renewAt } = leaseTimes(now, leaseSeconds);
      const record: WebSubSubscription = {
        ...subscription,
        state: 'active',
        verifiedAt: iso,
        leaseSeconds,
        leaseExpiresAt: new Date(leaseExpiresAt).toISOString(),
        renewAt: new Date(renewAt).toISOString(),
        reason: null,
        failure: null,
        updatedAt: iso,
      };
      return { status: 200, body: challenge, record, push: isPushing(subscription, now) ? 'unchanged' : 'started' };
    }
    case 'unsubscribe':
      if (subscription.state !== 'unsubscribing' || challenge === '') return REFUSE;
      return { status: 200, body: challenge, record: null, push: 'unchanged' };
    case 'denied': {
      if (!wanted) return REFUSE;
      const record: WebSubSubscription = { ...subscription, state: 'denied', reason: query['hub.reason']?.slice(0, 500) || 'denied by the hub (no reason given)', renewAt: null, updatedAt: iso };
      return { status: 200, body: '', record, push: isPushing(subscription, now) ? 'ended' : 'unchanged' };
    }
    default:
      return REFUSE;
  }
}

/** `hub.lease_seconds` as a whole number of seconds, or null when the hub gave none (or something else). */
function grantedLeaseSeconds(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,15}$/u.test(value) ? Number(value) : null;
}

/**
 * What the scheduler does with a subscription whose time has come: renew
 * an active one at its renewal time (once: a renewal asked for moves
 * `requestedAt` past `verifiedAt`), expire one whose lease ended, forget an
 * unsubscription the hub never verified.
 */
export function dueAction(subscription: WebSubSubscription, now: number): 'renew' | 'expire' | 'forget' | null {
  if (subscription.state === 'active') {
    if (at(subscription.leaseExpiresAt) <= now) return 'expire';
    return renewalAsked(subscription) || !(at(subscription.renewAt) <= now) ? null : 'renew';
  }
  if (subscription.state === 'unsubscribing') return at(subscription.requestedAt) + REQUEST_TIMEOUT_MS <= now ? 'forget' : null;
  return null;
}

/** When the scheduler next looks at a subscription (ms), or null: never (until something else changes it). */
export function dueAt(subscription: WebSubSubscription): number | null {
  if (subscription.state === 'active') return renewalAsked(subscription) ? at(subscription.leaseExpiresAt) : at(subscription.renewAt);
  if (subscription.state === 'unsubscribing') return at(subscription.requestedAt) + REQUEST_TIMEOUT_MS;
  return null;
}

function renewalAsked(subscription: WebSubSubscription): boolean {
  return at(subscription.requestedAt) > at(subscription.verifiedAt);
}

/** A subscription as `tidings feeds --json` shows it: no secret, no callback id. */
export function subscriptionView(subscription: WebSubSubscription): WebSubView {
  return {
    state: subscription.state,
    hub: subscription.hub,
    topic: subscription.topic,
    leaseExpires: subscription.leaseExpiresAt,
    lastPushAt: subscription.lastPushAt,
    reason: subscription.reason ?? subscription.failure?.reason ?? null,
  };
}
