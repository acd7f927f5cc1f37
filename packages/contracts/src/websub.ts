import { z } from 'zod';

/**
 * WebSub (W3C Recommendation, 2018): what a subscription to a feed's hub is
 * as stored, and the one queue that carries requests to hubs. Like the
 * alerts' queue, it is kept apart from the pipeline's QUEUES: it is not a
 * stage, nothing flows on from it.
 */

/** BullMQ queue of requests to hubs (subscribe, renew, unsubscribe). Renaming it strands the jobs in it. */
export const WEBSUB_QUEUE = 'websub-request' as const;

/** A hub that is down gets a few tries over about a minute; after that the next poll that sees the hub asks again. */
export const WEBSUB_RETRY = { attempts: 4, backoffMs: 5_000 } as const;

/**
 * Where a subscription is:
 * - `requested`: asked for (subscribe sent, or about to be), waiting for the hub's intent verification;
 * - `active`: verified; content is pushed until `leaseExpiresAt` (renewed before);
 * - `denied`: the hub said no (`hub.mode=denied`), `reason` says why;
 * - `failed`: the hub refused the request itself (`failure` has the typed code);
 * - `expired`: the lease ran out without a renewal being verified;
 * - `unsubscribing`: asked to end (the feed is gone or paused), waiting for the hub's verification.
 */
export const WEBSUB_STATES = ['requested', 'active', 'denied', 'failed', 'expired', 'unsubscribing'] as const;
export type WebSubState = (typeof WEBSUB_STATES)[number];

/** One feed's subscription at its hub, as stored (Redis). The secret never leaves the workers and the callback route. */
export const WebSubSubscriptionSchema = z.object({
  /** Unguessable (128 random bits, base64url): the callback URL's last segment. */
  id: z.string().min(16),
  feedId: z.string().min(1),
  hub: z.string().url(),
  /** The feed's self URL (else the URL it was fetched from): what the hub publishes. */
  topic: z.string().url(),
  /** HMAC key the hub signs pushed content with (`hub.secret`). */
  secret: z.string().min(16),
  state: z.enum(WEBSUB_STATES),
  /** ISO time of the last subscribe (or renew, or unsubscribe) request. */
  requestedAt: z.string(),
  /** ISO time the hub last verified the subscription, or null. */
  verifiedAt: z.string().nullable(),
  /** The lease the hub granted, in seconds, or null before verification. */
  leaseSeconds: z.number().int().positive().nullable(),
  /** ISO time the lease ends, or null when none runs. */
  leaseExpiresAt: z.string().nullable(),
  /** ISO time the renewal is due (a share of the lease before its end), or null. */
  renewAt: z.string().nullable(),
  /** Why the hub denied the subscription (`hub.reason`), or null. */
  reason: z.string().nullable(),
  /** How the last request to the hub failed, typed; null when it did not. */
  failure: z.object({ code: z.string(), reason: z.string() }).nullable(),
  /** ISO time of the last pushed content that was taken (signature good), or null. Counted apart from the record (WebSubStore.recordPush). */
  lastPushAt: z.string().nullable(),
  /** Pushed bodies ignored for a missing or wrong signature. Counted apart from the record. */
  rejectedPushes: z.number().int().nonnegative(),
  /** ISO time of the last change. */
  updatedAt: z.string(),
});
export type WebSubSubscription = z.infer<typeof WebSubSubscriptionSchema>;

/**
 * A feed's subscription as `tidings feeds --json` shows it (field `websub`):
 * no secret, no callback id. Fields may be added, never renamed or dropped.
 */
export interface WebSubView {
  state: WebSubState;
  hub: string;
  topic: string;
  /** ISO time the lease ends, or null when none runs. */
  leaseExpires: string | null;
  lastPushAt: string | null;
  /** Why the hub denied it, or how the last request failed; null when neither. */
  reason: string | null;
}

/**
 * A request to a hub. `subscribe` comes from the parser (a feed that
 * declares a hub); `renew` and `unsubscribe` from the scheduler (a lease
 * near its end; a feed removed or paused).
 */
export const WebSubJobSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('subscribe'), feedId: z.string().min(1), hub: z.string().url(), topic: z.string().url() }),
  z.object({ action: z.literal('renew'), subscriptionId: z.string().min(16) }),
  z.object({ action: z.literal('unsubscribe'), subscriptionId: z.string().min(16) }),
]);
export type WebSubJob = z.infer<typeof WebSubJobSchema>;
