import { HttpStatusError } from '@tidings/contracts';
import { retryAfterMs } from '@tidings/http';

/**
 * A receiver's Retry-After, honoured. A webhook that answers 429 or 503 with
 * `Retry-After` (seconds or an HTTP date, read by @tidings/http's one
 * parser, as feed fetches are) gets the next attempt no sooner than it
 * asked, up to {@link RETRY_AFTER_MAX_MS}. The attempt that got the answer
 * counts and is logged like any other; BullMQ retries it on the delivery's
 * backoff, and when that comes sooner than the receiver asked the job is put
 * aside until then, no attempt spent (as for a busy receiver). The time is
 * kept in the job's data ({@link RETRY_AT_FIELD}), so it holds whichever
 * alerter takes the job next. The receiver's other deliveries wait as long
 * (receiver-backoff.ts).
 */

/** Longest wait honoured for one Retry-After: a larger one is cut to this, so a hostile or mistaken receiver cannot park a delivery for days. */
export const RETRY_AFTER_MAX_MS = 3_600_000;

/** Where a delivery job's data keeps the earliest time (ms) of its next attempt; the payload schemas ignore it. */
export const RETRY_AT_FIELD = 'retryAt';

/**
 * How long the next attempt must wait, in ms, after `error` ended this one:
 * what a 429 or 503 asked with Retry-After, at most
 * {@link RETRY_AFTER_MAX_MS}. Null when it asked for nothing usable (another
 * status or no answer, no Retry-After, a malformed or past one): the
 * backoff alone decides.
 */
export function askedRetryDelayMs(error: unknown, now: number = Date.now()): number | null {
  if (!(error instanceof HttpStatusError) || (error.status !== 429 && error.status !== 503)) return null;
  const asked = retryAfterMs(error.headers, now);
  return asked === null || asked <= 0 ? null : Math.min(asked, RETRY_AFTER_MAX_MS);
}

/** The earliest time (ms) a delivery job's data allows its next attempt, or null. */
export function retryAtOf(data: unknown): number | null {
  const at = (data as Record<string, unknown> | null)?.[RETRY_AT_FIELD];
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}
