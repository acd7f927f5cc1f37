/**
 * @tidings/polling: when each feed is polled next. Pure rules (adaptive
 * interval, jitter, publisher hints, failure backoff) plus the few index
 * updates the fetcher and parser make after each poll.
 */
export { pollingPolicy, type PollingPolicy } from './policy.js';
export { NO_HINTS, type FeedHints } from './feed-hints.js';
export { adaptiveIntervalMs, hintedLowerBoundMs, type PollObservation } from './interval.js';
export { failureBackoffMs, nextPollTime, outOfSkippedTimes, JITTER } from './next-poll.js';
export { recordPollFailure, scheduleAfterSuccess, stopFeed, type FailureOutcome, type ScheduleDeps, type SuccessfulPoll } from './feed-schedule.js';
export { FeedHintStore } from './feed-hint-store.js';
