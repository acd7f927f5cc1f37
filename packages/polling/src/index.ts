/**
 * @tidings/polling: when each feed is polled next. Pure rules (adaptive
 * interval, jitter, publisher hints, failure backoff) and the one module
 * that turns a poll's outcome into the feed's next state (poll-outcome.ts),
 * which every stage that ends a poll goes through.
 */
export { pollingPolicy, type PollingPolicy } from './policy.js';
export { pausedByHandPatch, resumedByHandPatch } from './hand-changes.js';
export { NO_HINTS, type FeedHints } from './feed-hints.js';
export { adaptiveIntervalMs, hintedLowerBoundMs, type PollObservation } from './interval.js';
export { failureBackoffMs, nextPollTime, outOfSkippedTimes, JITTER } from './next-poll.js';
export {
  applyPollOutcome,
  applyPushChange,
  applyPushedContent,
  feedPatchAfterPoll,
  feedPatchAfterPush,
  feedPatchForPush,
  retrySlotPatch,
  stopPatch,
  type FailedPoll,
  type NotModifiedPoll,
  type ParsedPoll,
  type PollClock,
  type PollOutcome,
  type PollRecorder,
  type PushedContent,
  type PushStatus,
} from './poll-outcome.js';
