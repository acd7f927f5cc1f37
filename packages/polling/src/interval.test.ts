import { describe, expect, it } from 'vitest';
import { adaptiveIntervalMs, hintedLowerBoundMs } from './interval.js';
import type { PollingPolicy } from './policy.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const policy: PollingPolicy = { minMs: 5 * MIN, maxMs: DAY, defaultMs: 15 * MIN, maxFailures: 10 };
const NOW = Date.parse('2025-03-01T12:00:00Z');
const every = (gap: number, count: number, newest = NOW) => Array.from({ length: count }, (_, i) => newest - i * gap);

describe('adaptiveIntervalMs', () => {
  it('polls twice per gap between dated items', () => {
    const interval = adaptiveIntervalMs({ now: NOW, itemTimes: every(2 * HOUR, 10), newItems: 1, lastNewItemAt: null, previousIntervalMs: null }, policy);
    expect(interval).toBe(HOUR);
  });

  it('is bounded by TIDINGS_POLL_MIN and TIDINGS_POLL_MAX', () => {
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: every(2 * MIN, 10), newItems: 3, lastNewItemAt: null, previousIntervalMs: null }, policy)).toBe(5 * MIN);
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: every(30 * DAY, 10), newItems: 0, lastNewItemAt: null, previousIntervalMs: null }, policy)).toBe(DAY);
  });

  it('counts a batch published at once as one event, and ignores placeholder and far-future dates', () => {
    const batches = [...every(6 * HOUR, 4).flatMap((time) => [time, time - 1_000, time - 2_000]), 0, NOW + 30 * DAY];
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: batches, newItems: 3, lastNewItemAt: null, previousIntervalMs: null }, policy)).toBe(3 * HOUR);
  });

  it('takes the median gap, so one old straggler does not skew it', () => {
    const times = [...every(HOUR, 9), NOW - 400 * DAY];
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: times, newItems: 1, lastNewItemAt: null, previousIntervalMs: null }, policy)).toBe(30 * MIN);
  });

  it('slows down for a feed that has gone quiet', () => {
    // Hourly history, but nothing for two days: the gap is taken as at least a day.
    const times = every(HOUR, 10, NOW - 2 * DAY);
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: times, newItems: 0, lastNewItemAt: null, previousIntervalMs: 30 * MIN }, policy)).toBe(12 * HOUR);
  });

  it('without dates, divides the time since the last new item by how many arrived', () => {
    const interval = adaptiveIntervalMs({ now: NOW, itemTimes: [], newItems: 4, lastNewItemAt: NOW - 8 * HOUR, previousIntervalMs: 15 * MIN }, policy);
    expect(interval).toBe(HOUR);
  });

  it('after a 304 keeps the previous interval, growing it with the quiet time', () => {
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: [], newItems: 0, lastNewItemAt: NOW - HOUR, previousIntervalMs: 20 * MIN }, policy)).toBe(20 * MIN);
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: [], newItems: 0, lastNewItemAt: NOW - 2 * DAY, previousIntervalMs: 20 * MIN }, policy)).toBe(12 * HOUR);
    expect(adaptiveIntervalMs({ now: NOW, itemTimes: [], newItems: 0, lastNewItemAt: null, previousIntervalMs: null }, policy)).toBe(15 * MIN);
  });

  it('treats publisher hints as a lower bound, itself capped by TIDINGS_POLL_MAX', () => {
    const busy = { now: NOW, itemTimes: every(10 * MIN, 10), newItems: 2, lastNewItemAt: null, previousIntervalMs: null };
    expect(adaptiveIntervalMs(busy, policy, hintedLowerBoundMs({ ttlMs: 2 * HOUR, updatePeriodMs: null }, 10 * MIN))).toBe(2 * HOUR);
    expect(adaptiveIntervalMs(busy, policy, hintedLowerBoundMs({ ttlMs: null, updatePeriodMs: 3 * HOUR }, 4 * HOUR))).toBe(4 * HOUR);
    expect(adaptiveIntervalMs(busy, policy, hintedLowerBoundMs(null, 365 * DAY))).toBe(DAY);
  });
});
