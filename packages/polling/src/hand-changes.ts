import type { FeedPatch } from '@tidings/index';

/**
 * A feed paused or resumed by a person (the CLI, the API, the page): one
 * place says what each does to the feed, next to the module that decides
 * what a poll does to it (poll-outcome.ts).
 */

/** Not polled until resumed; its articles stay. */
export function pausedByHandPatch(now: Date): FeedPatch {
  return { state: 'paused', stateReason: `paused by hand on ${now.toISOString()}; resume it to poll it again`, nextPollAt: null };
}

/** Polled again from now. A fresh start: the failures that paused it no longer count towards pausing it again. */
export function resumedByHandPatch(now: Date): FeedPatch {
  return { state: 'active', stateReason: null, nextPollAt: now.toISOString(), consecutiveFailures: 0 };
}
