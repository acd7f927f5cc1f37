import { describe, expect, it } from 'vitest';
import { formatQuantile, summarise } from './status.js';

const DAY = 86_400;
/** A lag histogram whose last bucket ends at 30 days; counts are cumulative, as the metrics package keeps them. */
const lag = (counts: number[], count: number) => ({ bounds: [60, 3_600, DAY, 30 * DAY], counts, count, sum: 0 });

describe('status durations', () => {
  it('gives quantiles inside the buckets as figures', () => {
    const summary = summarise(lag([10, 20, 20, 20], 20));
    expect(summary.p95AtLeast).toBe(false);
    expect(formatQuantile(summary, 'p50')).toBe('1.0min');
  });

  it('shows >30d, not a false 30.0d, when the quantile lies beyond the last bucket', () => {
    // 20 articles, 18 of them indexed more than 30 days after publication.
    const summary = summarise(lag([1, 2, 2, 2], 20));
    expect(summary.p95Seconds).toBe(30 * DAY);
    expect(summary.p95AtLeast).toBe(true);
    expect(summary.p50AtLeast).toBe(true);
    expect(formatQuantile(summary, 'p95')).toBe('>30d');
  });

  it('has no figure for an empty histogram', () => {
    const summary = summarise(lag([0, 0, 0, 0], 0));
    expect([summary.p50Seconds, summary.p50AtLeast, formatQuantile(summary, 'p50')]).toEqual([null, false, '-']);
  });
});
