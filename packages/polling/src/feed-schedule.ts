import type { FeedRecord } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import type { FeedHints } from './feed-hints.js';
import { adaptiveIntervalMs, hintedLowerBoundMs } from './interval.js';
import { failureBackoffMs, nextPollTime } from './next-poll.js';
import type { PollingPolicy } from './policy.js';

/**
 * A feed's schedule as the fetcher and parser update it after each poll:
 * intervalMs / nextPollAt / lastNewItemAt after a poll that worked, the
 * failure count and backoff (and pausing) after one that did not, stopping
 * for good on 410. The scheduler only reads nextPollAt and state.
 */

export interface ScheduleDeps {
  index: TidingsIndex;
  policy: PollingPolicy;
  /** Clock and randomness, injectable for tests. */
  now?: () => number;
  random?: () => number;
}

/** What a poll that worked saw. */
export interface SuccessfulPoll {
  /** ISO time of the poll. */
  at: string;
  /** Publication (else update) times of the listed items, ms; empty after a 304. */
  itemTimes: number[];
  /** Items never seen before. */
  newItems: number;
  /** Freshness lifetime from Cache-Control / Expires, ms, or null. */
  freshForMs: number | null;
  /** `<ttl>`, `sy:updatePeriod`, skipHours/skipDays of the feed. */
  hints: FeedHints;
}

/**
 * Sets the feed's adaptive interval and next poll after a poll that worked
 * (a 304, or a 200 that parsed). Returns the updated feed, or null when it
 * was removed meanwhile.
 */
export async function scheduleAfterSuccess(deps: ScheduleDeps, feed: FeedRecord, poll: SuccessfulPoll): Promise<FeedRecord | null> {
  const now = deps.now?.() ?? Date.now();
  const lowerBoundMs = hintedLowerBoundMs(poll.hints, poll.freshForMs);
  const lastNewItemAt = feed.lastNewItemAt === null ? null : Date.parse(feed.lastNewItemAt);
  const intervalMs = Math.round(
    adaptiveIntervalMs(
      { now, itemTimes: poll.itemTimes, newItems: poll.newItems, lastNewItemAt: Number.isNaN(lastNewItemAt) ? null : lastNewItemAt, previousIntervalMs: feed.intervalMs },
      deps.policy,
      lowerBoundMs,
    ),
  );
  const next = nextPollTime(now, intervalMs, deps.policy, { lowerBoundMs, skip: poll.hints, random: deps.random });
  return deps.index.updateFeed(feed.id, {
    intervalMs,
    nextPollAt: new Date(next).toISOString(),
    ...(poll.newItems > 0 ? { lastNewItemAt: poll.at } : {}),
  });
}

/** What became of a failed poll. */
export interface FailureOutcome {
  /** The feed after the failure, or null when it was removed meanwhile. */
  feed: FeedRecord | null;
  /** True when this failure reached TIDINGS_FEED_MAX_FAILURES and paused the feed. */
  paused: boolean;
}

/**
 * Records a failed poll (HTTP error, network error on a working network,
 * unparseable body): one more consecutive failure, the next poll after an
 * exponential backoff; at `maxFailures` the feed is paused with the reason.
 * A later poll that works resets the count (recordFeedStatus does).
 */
export async function recordPollFailure(
  deps: ScheduleDeps,
  feedId: string,
  failure: { at: string; error: string; httpStatus?: number | null },
): Promise<FailureOutcome> {
  await deps.index.recordFeedStatus(feedId, { at: failure.at, status: 'error', error: failure.error, httpStatus: failure.httpStatus });
  const feed = await deps.index.getFeed(feedId);
  if (!feed) return { feed: null, paused: false };
  if (feed.consecutiveFailures >= deps.policy.maxFailures) {
    const reason = `paused after ${feed.consecutiveFailures} failed polls in a row (last at ${failure.at}: ${failure.error}); "tidings resume ${feed.id}" polls it again`;
    return { feed: await deps.index.updateFeed(feedId, { state: 'paused', stateReason: reason, nextPollAt: null }), paused: true };
  }
  const now = deps.now?.() ?? Date.now();
  const next = now + failureBackoffMs(feed.consecutiveFailures, deps.policy, deps.random);
  return { feed: await deps.index.updateFeed(feedId, { nextPollAt: new Date(next).toISOString() }), paused: false };
}

/** Stops polling a feed for good (HTTP 410 Gone), with the reason shown by `tidings feeds`. */
export async function stopFeed(deps: Pick<ScheduleDeps, 'index'>, feedId: string, reason: string): Promise<FeedRecord | null> {
  return deps.index.updateFeed(feedId, { state: 'stopped', stateReason: reason, nextPollAt: null });
}


