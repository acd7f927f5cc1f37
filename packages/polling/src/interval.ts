import type { FeedHints } from './feed-hints.js';
import { clamp, type PollingPolicy } from './policy.js';

/**
 * The adaptive polling interval: poll about twice per expected gap between
 * new items, so a new item waits half a gap on average, and back off as a
 * feed goes quiet. Publisher hints are lower bounds.
 */

/** What one poll saw, for {@link adaptiveIntervalMs}. */
export interface PollObservation {
  now: number;
  /**
   * Publication (else update) times, in ms, of the items the feed lists now;
   * empty after a 304 or for a feed without dates.
   */
  itemTimes: number[];
  /** Items never seen before that this poll found. */
  newItems: number;
  /** When the feed last listed a new item before this poll (ms), or null. */
  lastNewItemAt: number | null;
  /** The feed's interval so far, or null for a new feed. */
  previousIntervalMs: number | null;
}

/** Items considered when estimating a feed's rhythm: the newest ones say most about now. */
const RHYTHM_WINDOW = 20;
/** Items published within a minute of each other count as one publishing event (a batch). */
const BATCH_MS = 60_000;
/** Dates before this are placeholders (1970, 2000-01-01 CMS defaults), not history. */
const EARLIEST_PLAUSIBLE = Date.UTC(2001, 0, 1);
/** Dates further in the future than this are wrong clocks or scheduled posts. */
const FUTURE_SLACK_MS = 86_400_000;

/**
 * The interval (ms) until the next poll, before jitter, within the policy's
 * bounds:
 *
 * 1. the typical gap between publishing events: the median gap between the
 *    newest dated items (items within a minute of each other are one batch);
 *    without dates, the time since the last new item divided by how many
 *    arrived; with neither, twice the previous interval (or the default);
 * 2. a quiet feed is slower than its history: the gap is at least half the
 *    time since the newest item;
 * 3. the interval is half that gap, at least `lowerBoundMs` (publisher
 *    hints), clamped to [minMs, maxMs].
 */
export function adaptiveIntervalMs(observation: PollObservation, policy: PollingPolicy, lowerBoundMs = 0): number {
  const { now } = observation;
  const events = publishingEvents(observation.itemTimes, now);
  let gap: number;
  if (events.length >= 2) {
    gap = median(events.slice(1).map((time, index) => events[index]! - time));
  } else if (observation.newItems > 0 && observation.lastNewItemAt !== null) {
    gap = Math.max(0, now - observation.lastNewItemAt) / observation.newItems;
  } else {
    gap = 2 * (observation.previousIntervalMs ?? policy.defaultMs);
  }
  const newest = Math.max(events[0] ?? Number.NEGATIVE_INFINITY, observation.newItems > 0 ? Number.NEGATIVE_INFINITY : (observation.lastNewItemAt ?? Number.NEGATIVE_INFINITY));
  // With new items but no dates, the feed just published: not quiet.
  const quiet = observation.newItems > 0 && events.length === 0 ? 0 : Number.isFinite(newest) ? Math.max(0, now - newest) : 0;
  gap = Math.max(gap, quiet / 2);
  return clamp(Math.max(gap / 2, lowerBoundMs), policy.minMs, policy.maxMs);
}

/**
 * The publisher's lower bound on the interval: the longest of the HTTP
 * freshness lifetime, `<ttl>` and `sy:updatePeriod`. Callers cap it at
 * TIDINGS_POLL_MAX (through the clamp), so a stray `max-age` of a year
 * cannot silence a feed.
 */
export function hintedLowerBoundMs(hints: Pick<FeedHints, 'ttlMs' | 'updatePeriodMs'> | null, freshForMs: number | null | undefined): number {
  return Math.max(0, freshForMs ?? 0, hints?.ttlMs ?? 0, hints?.updatePeriodMs ?? 0);
}

/** Newest first; plausible dates only; one time per batch. */
function publishingEvents(times: number[], now: number): number[] {
  const plausible = times.filter((time) => Number.isFinite(time) && time >= EARLIEST_PLAUSIBLE && time <= now + FUTURE_SLACK_MS);
  const sorted = [...new Set(plausible)].sort((a, b) => b - a).slice(0, RHYTHM_WINDOW);
  const events: number[] = [];
  for (const time of sorted) {
    const last = events.at(-1);
    if (last === undefined || last - time > BATCH_MS) events.push(time);
  }
  return events;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
