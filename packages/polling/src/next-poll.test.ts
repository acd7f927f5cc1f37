import { describe, expect, it } from 'vitest';
import { failureBackoffMs, nextPollTime, outOfSkippedTimes } from './next-poll.js';
import type { PollingPolicy } from './policy.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const policy: PollingPolicy = { minMs: 5 * MIN, maxMs: 24 * HOUR, defaultMs: 15 * MIN, maxFailures: 10 };
const NOW = Date.parse('2025-03-03T10:30:00Z'); // a Monday
const fixed = (value: number) => () => value;

describe('nextPollTime', () => {
  it('spreads polls by up to ±10% of the interval', () => {
    expect(nextPollTime(NOW, HOUR, policy, { random: fixed(0) }) - NOW).toBe(54 * MIN);
    expect(nextPollTime(NOW, HOUR, policy, { random: fixed(0.5) }) - NOW).toBe(HOUR);
    expect(nextPollTime(NOW, HOUR, policy, { random: fixed(0.999999) }) - NOW).toBeCloseTo(66 * MIN, -3);
  });

  it('never jitters below the publisher lower bound or the minimum, nor above the maximum', () => {
    expect(nextPollTime(NOW, 2 * HOUR, policy, { lowerBoundMs: 2 * HOUR, random: fixed(0) }) - NOW).toBe(2 * HOUR);
    expect(nextPollTime(NOW, 5 * MIN, policy, { random: fixed(0) }) - NOW).toBe(5 * MIN);
    expect(nextPollTime(NOW, 24 * HOUR, policy, { random: fixed(0.99) }) - NOW).toBe(24 * HOUR);
  });

  it('moves the poll out of skipped hours and days (UTC)', () => {
    const at = nextPollTime(NOW, HOUR, policy, { random: fixed(0.5), skip: { skipHours: [11, 12], skipDays: [] } });
    expect(new Date(at).toISOString()).toBe('2025-03-03T13:00:00.000Z');
    const monday = outOfSkippedTimes(NOW, { skipHours: [], skipDays: [1] });
    expect(new Date(monday).toISOString()).toBe('2025-03-04T00:00:00.000Z');
  });

  it('moves a poll out of skipped times no further than the maximum from now', () => {
    // Every day but Sunday, and every hour of Sunday but 23:00: the next open hour is six days away.
    const skip = { skipHours: Array.from({ length: 23 }, (_, hour) => hour), skipDays: [1, 2, 3, 4, 5, 6] };
    expect(new Date(outOfSkippedTimes(NOW, skip)).toISOString()).toBe('2025-03-09T23:00:00.000Z');
    expect(nextPollTime(NOW, HOUR, policy, { random: fixed(0.5), skip }) - NOW).toBe(policy.maxMs);
    // A lower bound above the maximum is clamped to it first, so it cannot stretch the limit either.
    expect(nextPollTime(NOW, HOUR, policy, { lowerBoundMs: 30 * 24 * HOUR, random: fixed(0.5), skip }) - NOW).toBe(policy.maxMs);
  });

  it('ignores skip hints that skip every hour', () => {
    const all = Array.from({ length: 24 }, (_, hour) => hour);
    expect(outOfSkippedTimes(NOW, { skipHours: all, skipDays: [] })).toBe(NOW);
  });
});

describe('failureBackoffMs', () => {
  it('doubles from the minimum per failure, capped at the maximum', () => {
    const delays = [1, 2, 3, 4, 12, 100].map((failures) => failureBackoffMs(failures, policy, fixed(0.5)));
    expect(delays).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN, 24 * HOUR, 24 * HOUR]);
  });

  it('jitters without going below the minimum', () => {
    expect(failureBackoffMs(1, policy, fixed(0))).toBe(5 * MIN);
    expect(failureBackoffMs(2, policy, fixed(0))).toBe(9 * MIN);
  });
});
