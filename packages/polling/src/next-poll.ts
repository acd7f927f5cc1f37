import type { FeedHints } from './feed-hints.js';
import { clamp, type PollingPolicy } from './policy.js';

/** Share of the interval by which a poll time is moved at random, either way. */
export const JITTER = 0.1;
const HOUR_MS = 3_600_000;

/**
 * When to poll next: `now + intervalMs`, moved at random by up to ±10% so
 * feeds added together drift apart instead of firing together forever, but
 * never below `lowerBoundMs` (publisher hints) or the policy minimum nor past
 * the maximum; then moved out of the publisher's skipHours/skipDays (UTC),
 * but never further than the maximum from `now`: a feed that skips six days
 * a week and 23 hours of the seventh is still polled within TIDINGS_POLL_MAX.
 *
 * @param random a number in [0, 1); injectable for tests.
 */
export function nextPollTime(
  now: number,
  intervalMs: number,
  policy: PollingPolicy,
  options: { lowerBoundMs?: number; skip?: Pick<FeedHints, 'skipHours' | 'skipDays'>; random?: () => number } = {},
): number {
  const random = options.random ?? Math.random;
  const low = Math.min(Math.max(policy.minMs, options.lowerBoundMs ?? 0), policy.maxMs);
  const latest = Math.max(low, policy.maxMs);
  const delay = clamp(intervalMs * (1 - JITTER + 2 * JITTER * random()), low, latest);
  return Math.min(outOfSkippedTimes(Math.round(now + delay), options.skip), Math.round(now + latest));
}

/**
 * The first moment at or after `time` outside the skipped UTC hours and
 * days. If the publisher skips every hour of the week, the hints are
 * ignored (they cannot all be meant).
 */
export function outOfSkippedTimes(time: number, skip: Pick<FeedHints, 'skipHours' | 'skipDays'> | undefined): number {
  if (!skip || (skip.skipHours.length === 0 && skip.skipDays.length === 0)) return time;
  const hours = new Set(skip.skipHours);
  const days = new Set(skip.skipDays);
  const skipped = (at: number) => {
    const date = new Date(at);
    return hours.has(date.getUTCHours()) || days.has(date.getUTCDay());
  };
  let at = time;
  for (let step = 0; step <= 7 * 24; step++) {
    if (!skipped(at)) return at;
    at = (Math.floor(at / HOUR_MS) + 1) * HOUR_MS;
  }
  return time;
}

/**
 * Delay before retrying a feed after `failures` consecutive failed polls:
 * the policy minimum doubled per failure (5 min, 10 min, 20 min, ...),
 * capped at the maximum, with the same jitter as regular polls (never below
 * the minimum).
 */
export function failureBackoffMs(failures: number, policy: PollingPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  const base = Math.min(policy.minMs * 2 ** exponent, policy.maxMs);
  return Math.round(clamp(base * (1 - JITTER + 2 * JITTER * random()), policy.minMs, policy.maxMs));
}
