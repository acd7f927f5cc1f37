import { describe, expect, it } from 'vitest';
import { ratePerMinute } from './figures.js';

const minute = 60_000;
const metrics = (count: number, prevCount: number, prevTS: number, data: number[]) => ({ meta: { count, prevCount, prevTS }, data, count: data.length });

describe('ratePerMinute', () => {
  it('averages the pending minute and earlier points inside the window', () => {
    const now = 100 * minute + 30_000; // half-way through minute 100
    // 6 jobs pending in minute 100; minutes 99, 98, 97, 96, 95 had 4, 2, 0, 8, 100.
    const rate = ratePerMinute(metrics(120, 114, 100 * minute + 1_000, [4, 2, 0, 8, 100]), now, 5);
    // Window: minutes 96..100 (4.5 minutes elapsed): 6 + 4 + 2 + 0 + 8 = 20.
    expect(rate).toBeCloseTo(20 / 4.5);
  });

  it('counts nothing when the last finished job is older than the window', () => {
    const now = 100 * minute;
    expect(ratePerMinute(metrics(50, 40, 80 * minute, [10, 10]), now, 5)).toBe(0);
  });

  it('is zero for a queue that never finished a job', () => {
    expect(ratePerMinute({ meta: { count: 0, prevCount: 0, prevTS: 0 }, data: [], count: 0 }, 5 * minute)).toBe(0);
  });
});
