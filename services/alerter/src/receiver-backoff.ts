import { HttpStatusError, redisKeys } from '@tidings/contracts';
import type { RedisClient } from '@tidings/queue';
import { receiverOf } from './receiver-slots.js';
import { askedRetryDelayMs } from './retry-after.js';

/**
 * A receiver's Retry-After, honoured by every alerter for all its
 * deliveries. When a delivery gets a 429 or 503 with Retry-After (read by
 * retry-after.ts, capped at RETRY_AFTER_MAX_MS), the receiver (scheme, host
 * and port) is left alone until then: a key per receiver in Redis
 * (`alertDelivery.receiverBackOff`) that expires when the wait does. Before
 * a delivery takes a receiver slot it reads the key; a delivery to a receiver
 * in its back-off is put aside until the back-off ends, as a busy receiver's
 * are (no attempt spent, nothing in the delivery log). That holds the
 * delivery that got the answer too: BullMQ retries it on the delivery's
 * backoff, and a retry that comes back sooner finds the key and is put aside
 * like the rest. The key is the one record of the wait, so it holds for
 * whichever alerter takes the retry.
 *
 * The deliveries held do not all come back the instant the back-off ends (a
 * burst of the receiver's backlog, its share of slots in every alerter at
 * once, just as it recovers): each waits a random part of a spread past the
 * end ({@link heldDeliveryWaitMs}).
 *
 * The fetchers' per-host back-off (HostGate of @tidings/politeness) is the
 * same idea, one extend-only key with the wait as its expiry; it is not
 * reused as it stands because it keys by host (no scheme) under the keys the
 * fetchers' politeness shares, so a receiver's 429 would stop feed fetches
 * from that host and a feed host's back-off would hold webhooks, and because
 * the alerter does not depend on that package.
 */

/** The log code of a receiver's back-off beginning: logged once per back-off, by the alerter whose delivery was answered. */
export const RECEIVER_BACKOFF_CODE = 'receiver-backoff' as const;

/** The back-off a failed delivery asks of its whole receiver: which receiver, and for how long (ms, a whole number of at least 1). */
export interface AskedBackOff {
  receiver: string;
  waitMs: number;
  status: number;
}

/**
 * What `error` (a failed attempt) asks of its receiver: a 429 or 503 with a
 * usable Retry-After leaves the receiver alone for that long (at most
 * RETRY_AFTER_MAX_MS); anything else asks nothing (null).
 */
export function receiverBackOffAsked(error: unknown, now: number = Date.now()): AskedBackOff | null {
  const waitMs = askedRetryDelayMs(error, now);
  if (waitMs === null || !(error instanceof HttpStatusError)) return null;
  return { receiver: receiverOf(error.url), waitMs: Math.max(1, Math.ceil(waitMs)), status: error.status };
}

/** Longest spread of the deliveries held by one back-off, past its end. */
export const BACKOFF_SPREAD_MAX_MS = 30_000;

/**
 * How long a delivery put aside by a back-off with `leftMs` to go waits: to
 * the back-off's end, then a random part (uniform) of a spread of half that
 * wait, at most {@link BACKOFF_SPREAD_MAX_MS}. Random, because the alerters
 * share no order: each draws for its own deliveries, and together they come
 * back spread out. Half the wait bounds what the spread costs a short
 * back-off (one of a second lasts at most 1.5 s); the cap, a long one (one of
 * an hour, 30 s more). The spread is of the wait left, the one thing the
 * key tells: deliveries that come up late in a back-off get less of it, but
 * those are only the ones that came up then, and they return at most twice
 * as close together as they came. Never sooner than the end (`random` gives
 * [0, 1), as Math.random does).
 */
export function heldDeliveryWaitMs(leftMs: number, random: () => number = Math.random): number {
  return leftMs + Math.floor(random() * Math.min(leftMs / 2, BACKOFF_SPREAD_MAX_MS));
}

/** Ms of a back-off left, from the key's PTTL reply: none (0) for a missing key (-2) or one without expiry (-1, never written so). */
export function backOffLeftMs(pttl: unknown): number {
  const ms = Number(pttl);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * KEYS: the receiver's back-off. ARGV: the wait (ms), the receiver (the
 * value, for whoever reads the key). Only ever extends a back-off; the expiry
 * is the back-off, kept by Redis's clock, so alerters whose clocks disagree
 * still agree on it. Returns {ms it now lasts, 1 when none was in force}.
 * One script rather than SET NX + PEXPIRE GT: atomic, one round trip, and it
 * says whether this answer began the back-off (logged once) or extended one.
 */
const HOLD = `
local left = redis.call('PTTL', KEYS[1])
local wait = tonumber(ARGV[1])
if left >= wait then return {left, 0} end
redis.call('SET', KEYS[1], ARGV[2], 'PX', wait)
if left > 0 then return {wait, 0} end
return {wait, 1}
`;

/** Receivers' back-offs, shared by every alerter of an installation through Redis. */
export class ReceiverBackOff {
  private readonly key: (receiver: string) => string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = redisKeys(prefix).alertDelivery.receiverBackOff;
  }

  /** Ms left of `receiver`'s back-off; 0 when none. One PTTL: its expiry is the back-off. */
  async left(receiver: string): Promise<number> {
    return backOffLeftMs(await this.redis.pttl(this.key(receiver)));
  }

  /**
   * Leaves `receiver` alone for `waitMs` (a whole number of ms, at least 1),
   * unless it is already left alone for longer. `started` is true when no
   * back-off was in force: this answer began one.
   */
  async hold(receiver: string, waitMs: number): Promise<{ leftMs: number; started: boolean }> {
    const [leftMs, started] = (await this.redis.eval(HOLD, 1, this.key(receiver), waitMs, receiver)) as [number, number];
    return { leftMs, started: started === 1 };
  }
}
