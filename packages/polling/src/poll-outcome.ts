import type { FeedHints, FeedRecord } from '@tidings/contracts';
import type { FeedPatch, TidingsIndex } from '@tidings/index';
import { NO_HINTS } from './feed-hints.js';
import { adaptiveIntervalMs, hintedLowerBoundMs } from './interval.js';
import { failureBackoffMs, nextPollTime } from './next-poll.js';
import type { PollingPolicy } from './policy.js';

/**
 * What one poll of a feed came to, and the one write that records it. Every
 * stage that ends a poll (the fetcher on a 304 or a failure, the parser on a
 * 200) describes the outcome and calls {@link applyPollOutcome}: this module
 * alone decides the feed's status, failure count, interval, next poll and
 * state, so each poll writes the feed once.
 */

/** What every outcome carries. */
interface PollBase {
  /** ISO time of the fetch (not of the parse: a busy parser must not shift the schedule). */
  at: string;
  /** HTTP status of the response, or null when there was none (network failure). */
  httpStatus: number | null;
}

/** A 200 whose body parsed. */
export interface ParsedPoll extends PollBase {
  kind: 'parsed';
  etag: string | null;
  lastModified: string | null;
  /** Freshness lifetime from Cache-Control / Expires, ms, or null. */
  freshForMs: number | null;
  /** The feed's own title. */
  title: string | null;
  /** `<ttl>`, `sy:updatePeriod`, skipHours/skipDays of the document: stored on the feed for the 304s to come. */
  hints: FeedHints;
  /** Publication (else update) times of the listed items, ms. */
  itemTimes: number[];
  /** Items never seen before. */
  newItems: number;
  /** What the fetch and the parse warned about. */
  warnings: string[];
}

/** A 304: nothing changed; scheduled from the hints the feed record keeps. */
export interface NotModifiedPoll extends PollBase {
  kind: 'not-modified';
  etag: string | null;
  lastModified: string | null;
  freshForMs: number | null;
}

/** A poll that failed: HTTP error, network error on a working network, or a body that did not parse. */
export interface FailedPoll extends PollBase {
  kind: 'failed';
  /** The typed failure code (TidingsError.code). */
  code: string;
  /** The reason, for people (lastError, and the pause reason). */
  message: string;
  /** How long the feed's answer (a 429/503's Retry-After) asked to be left alone, in ms: the next poll is no sooner (capped at maxMs). */
  retryAfterMs?: number | null;
}

export type PollOutcome = ParsedPoll | NotModifiedPoll | FailedPoll;

/** Clock and randomness, injectable for tests. */
export interface PollClock {
  now: number;
  random?: () => number;
}

/**
 * The FeedPatch that records `outcome` on `feed` (pure):
 *
 * - parsed / not-modified: status, validators, failure count reset; while
 *   the feed is active, the adaptive interval and the next poll (hints from
 *   the parse, or after a 304 those stored on the feed);
 * - failed with 410: stopped for good, with the reason;
 * - failed otherwise: one more consecutive failure and the next poll after
 *   an exponential backoff, or paused at `maxFailures`.
 *
 * A feed that is paused or stopped meanwhile keeps its state and gets no
 * next poll; its status is still recorded. While a WebSub hub pushes the
 * feed's content (`pushedSafetyMs` given), the next poll is at least that
 * far off: polling is then a safety net.
 */
export function feedPatchAfterPoll(feed: FeedRecord, outcome: PollOutcome, policy: PollingPolicy, clock: PollClock, pushedSafetyMs: number | null = null): FeedPatch {
  const status = { lastFetchAt: outcome.at, lastHttpStatus: outcome.httpStatus };
  if (outcome.kind === 'failed') return { ...status, ...failurePatch(feed, outcome, policy, clock) };
  const hints = outcome.kind === 'parsed' ? outcome.hints : (feed.pollHints ?? NO_HINTS);
  const patch: FeedPatch = {
    ...status,
    lastStatus: outcome.kind === 'parsed' ? 'ok' : 'not-modified',
    lastError: null,
    lastErrorCode: null,
    consecutiveFailures: 0,
    etag: outcome.etag,
    lastModified: outcome.lastModified,
    ...(outcome.kind === 'parsed' ? { title: outcome.title, pollHints: outcome.hints, lastWarnings: outcome.warnings } : {}),
    ...(outcome.kind === 'parsed' && outcome.newItems > 0 ? { lastNewItemAt: outcome.at } : {}),
  };
  if (feed.state !== 'active') return patch;
  const lowerBoundMs = hintedLowerBoundMs(hints, outcome.freshForMs);
  const lastNewItemAt = feed.lastNewItemAt === null ? Number.NaN : Date.parse(feed.lastNewItemAt);
  const observation = {
    now: clock.now,
    itemTimes: outcome.kind === 'parsed' ? outcome.itemTimes : [],
    newItems: outcome.kind === 'parsed' ? outcome.newItems : 0,
    lastNewItemAt: Number.isNaN(lastNewItemAt) ? null : lastNewItemAt,
    previousIntervalMs: feed.intervalMs,
  };
  const intervalMs = Math.round(adaptiveIntervalMs(observation, policy, lowerBoundMs));
  // A feed whose content a WebSub hub pushes keeps its own rhythm (for when pushing ends) but is polled only as a safety net.
  const next = nextPollTime(clock.now, Math.max(intervalMs, pushedSafetyMs ?? 0), policy, { lowerBoundMs, skip: hints, random: clock.random });
  return { ...patch, intervalMs, nextPollAt: new Date(next).toISOString() };
}

function failurePatch(feed: FeedRecord, outcome: FailedPoll, policy: PollingPolicy, clock: PollClock): FeedPatch {
  const failures = feed.consecutiveFailures + 1;
  const failed: FeedPatch = { lastStatus: 'error', lastError: outcome.message, lastErrorCode: outcome.code, consecutiveFailures: failures };
  if (outcome.httpStatus === 410) {
    return { ...failed, state: 'stopped', stateReason: `stopped: ${feed.url} answered 410 Gone on ${outcome.at} (the publisher removed it)`, nextPollAt: null };
  }
  if (feed.state !== 'active') return failed;
  if (failures >= policy.maxFailures) {
    const reason = `paused after ${failures} failed polls in a row (last at ${outcome.at}: ${outcome.message}); "tidings resume ${feed.id}" polls it again`;
    return { ...failed, state: 'paused', stateReason: reason, nextPollAt: null };
  }
  const asked = outcome.retryAfterMs ? Math.min(outcome.retryAfterMs, policy.maxMs) : 0;
  const next = clock.now + Math.max(failureBackoffMs(failures, policy, clock.random), asked);
  return { ...failed, nextPollAt: new Date(next).toISOString() };
}

/** Whether a feed's content is pushed (WebSub), and how often such a feed is still polled. */
export interface PushStatus {
  pushing(feedId: string): Promise<boolean>;
  /** TIDINGS_WEBSUB_SAFETY_POLL. */
  safetyPollMs: number;
}

/** What {@link applyPollOutcome} needs. */
export interface PollRecorder {
  index: Pick<TidingsIndex, 'updateFeed'>;
  policy: PollingPolicy;
  /** WebSub: pushed feeds are polled as a safety net only. Absent: WebSub off. */
  push?: PushStatus;
  /** Clock and randomness, injectable for tests. */
  now?: () => number;
  random?: () => number;
}

/**
 * Records a poll's outcome on the feed in one write. Returns the feed as it
 * is then, or null when it was removed meanwhile.
 *
 * @param feed the feed as the stage read it when the poll started.
 */
export async function applyPollOutcome(recorder: PollRecorder, feed: FeedRecord, outcome: PollOutcome): Promise<FeedRecord | null> {
  const pushedSafetyMs = recorder.push && (await recorder.push.pushing(feed.id)) ? recorder.push.safetyPollMs : null;
  const patch = feedPatchAfterPoll(feed, outcome, recorder.policy, clockOf(recorder), pushedSafetyMs);
  return recorder.index.updateFeed(feed.id, patch);
}

function clockOf(recorder: Pick<PollRecorder, 'now' | 'random'>): PollClock {
  return { now: recorder.now?.() ?? Date.now(), random: recorder.random };
}

/** Content a WebSub hub pushed, once parsed: no poll happened, so validators and poll status stay as they are. */
export interface PushedContent {
  /** ISO time the content arrived. */
  at: string;
  title: string | null;
  /** Items never seen before. */
  newItems: number;
}

/**
 * The FeedPatch for pushed content (pure): its title and, with new items,
 * lastNewItemAt; the hub has just shown it works, so the safety-net poll
 * moves to `safetyPollMs` from now (or the feed's own interval, if longer).
 */
export function feedPatchAfterPush(feed: FeedRecord, content: PushedContent, policy: PollingPolicy, clock: PollClock, safetyPollMs: number): FeedPatch {
  const patch: FeedPatch = { ...(content.title !== null ? { title: content.title } : {}), ...(content.newItems > 0 ? { lastNewItemAt: content.at } : {}) };
  if (feed.state !== 'active') return patch;
  const next = nextPollTime(clock.now, Math.max(feed.intervalMs ?? policy.defaultMs, safetyPollMs), policy, { skip: feed.pollHints ?? NO_HINTS, random: clock.random });
  return { ...patch, nextPollAt: new Date(next).toISOString() };
}

/** Records pushed content on the feed in one write. */
export async function applyPushedContent(recorder: PollRecorder, feed: FeedRecord, content: PushedContent, safetyPollMs: number): Promise<FeedRecord | null> {
  return recorder.index.updateFeed(feed.id, feedPatchAfterPush(feed, content, recorder.policy, clockOf(recorder), safetyPollMs));
}

/**
 * The FeedPatch when a hub starts or stops pushing a feed's content (pure):
 * `started` moves the next poll out to the safety net (never earlier than
 * it was); `ended` brings it back within the feed's own interval, so
 * polling takes over at once. Paused and stopped feeds are left alone.
 */
export function feedPatchForPush(feed: FeedRecord, change: 'started' | 'ended', policy: PollingPolicy, clock: PollClock, safetyPollMs: number): FeedPatch {
  if (feed.state !== 'active') return {};
  const intervalMs = feed.intervalMs ?? policy.defaultMs;
  const options = { skip: feed.pollHints ?? NO_HINTS, random: clock.random };
  const current = feed.nextPollAt === null ? null : Date.parse(feed.nextPollAt);
  if (change === 'started') {
    const next = nextPollTime(clock.now, Math.max(intervalMs, safetyPollMs), policy, options);
    return current !== null && current >= next ? {} : { nextPollAt: new Date(next).toISOString() };
  }
  const next = nextPollTime(clock.now, intervalMs, policy, options);
  return current !== null && current <= next ? {} : { nextPollAt: new Date(next).toISOString() };
}

/** Records that a hub started or stopped pushing the feed's content, in one write (none when nothing changes). */
export async function applyPushChange(recorder: PollRecorder, feed: FeedRecord, change: 'started' | 'ended', safetyPollMs: number): Promise<FeedRecord | null> {
  const patch = feedPatchForPush(feed, change, recorder.policy, clockOf(recorder), safetyPollMs);
  return Object.keys(patch).length === 0 ? feed : recorder.index.updateFeed(feed.id, patch);
}

/**
 * The patch for a feed whose poll slot was used up without the poll
 * recording an outcome (its process died after fetching, or the index write
 * failed): a new slot `minMs` from now, so it is not stuck behind a job id
 * that already exists. The scheduler's only write.
 */
export function retrySlotPatch(policy: Pick<PollingPolicy, 'minMs'>, now: number): FeedPatch {
  return { nextPollAt: new Date(now + policy.minMs).toISOString() };
}

/** The patch that stops a feed for good, with the reason shown by `tidings feeds` (a duplicate after a permanent move). */
export function stopPatch(reason: string): FeedPatch {
  return { state: 'stopped', stateReason: reason, nextPollAt: null };
}
