import { describe, expect, it } from 'vitest';
import { estimateQuantile, histogramFields, readHistogram } from './histogram.js';

const bounds = [1, 2, 5];

function observe(values: number[]): Record<string, string> {
  const fields: Record<string, number> = {};
  for (const value of values) {
    const { bucket, sum } = histogramFields('h', bounds, value);
    fields[bucket] = (fields[bucket] ?? 0) + 1;
    fields[sum] = (fields[sum] ?? 0) + value;
  }
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, String(value)]));
}

describe('Redis-hash histograms', () => {
  it('puts each value in the first bucket whose bound holds it, values above every bound in inf', () => {
    expect(histogramFields('h', bounds, 0.5).bucket).toBe('h|0');
    expect(histogramFields('h', bounds, 1).bucket).toBe('h|0');
    expect(histogramFields('h', bounds, 1.01).bucket).toBe('h|1');
    expect(histogramFields('h', bounds, 9).bucket).toBe('h|inf');
  });

  it('reads back cumulative counts, the total and the sum', () => {
    const snapshot = readHistogram(observe([0.5, 1.5, 1.5, 4, 9]), 'h', bounds);
    expect(snapshot.counts).toEqual([1, 3, 4]);
    expect(snapshot.count).toBe(5);
    expect(snapshot.sum).toBeCloseTo(16.5);
  });

  it('reads an empty hash as an empty histogram', () => {
    expect(readHistogram({}, 'h', bounds)).toEqual({ bounds, counts: [0, 0, 0], count: 0, sum: 0 });
  });

  it('estimates quantiles linearly within a bucket', () => {
    const snapshot = readHistogram(observe([1.5, 1.5, 1.5, 1.5]), 'h', bounds);
    expect(estimateQuantile(snapshot, 0.5)).toBeCloseTo(1.5);
    expect(estimateQuantile(snapshot, 1)).toBeCloseTo(2);
    expect(estimateQuantile(readHistogram({}, 'h', bounds), 0.5)).toBeNull();
    expect(estimateQuantile(readHistogram(observe([100]), 'h', bounds), 0.9)).toBe(5);
  });
});
