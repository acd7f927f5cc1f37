import { HttpStatusError } from '@tidings/contracts';
import { retryAfterMs } from '@tidings/http';

/**
 * A receiver's Retry-After, read. A webhook that answers 429 or 503 with
 * `Retry-After` (seconds or an HTTP date, read by @tidings/http's one
 * parser, as feed fetches are) is left alone for as long as it asked, up to
 * {@link RETRY_AFTER_MAX_MS}, by every alerter and for all its deliveries,
 * the one it answered among them (receiver-backoff.ts keeps that back-off).
 * The attempt that got the answer counts and is logged like any other.
 */

/** Longest wait honoured for one Retry-After: a larger one is cut to this, so a hostile or mistaken receiver cannot park a delivery for days. */
export const RETRY_AFTER_MAX_MS = 3_600_000;

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
