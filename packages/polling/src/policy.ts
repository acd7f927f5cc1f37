import type { Config } from '@tidings/config';

/** The bounds every feed's polling stays within. */
export interface PollingPolicy {
  /** Shortest interval (TIDINGS_POLL_MIN); also the first failure backoff step. */
  minMs: number;
  /** Longest interval (TIDINGS_POLL_MAX); also caps failure backoff and honoured Retry-After. */
  maxMs: number;
  /** Interval of a feed whose rhythm is not known yet (TIDINGS_POLL_INTERVAL, within the bounds). */
  defaultMs: number;
  /** Consecutive failed polls after which a feed is paused (TIDINGS_FEED_MAX_FAILURES). */
  maxFailures: number;
}

/** The policy from the configuration. */
export function pollingPolicy(config: Pick<Config, 'pollIntervalMs' | 'polling'>): PollingPolicy {
  const { minMs, maxMs, maxFailures } = config.polling;
  return { minMs, maxMs, maxFailures, defaultMs: clamp(config.pollIntervalMs, minMs, maxMs) };
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
