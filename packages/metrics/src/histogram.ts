/**
 * Histograms kept as counters in one Redis hash, so that every worker
 * process (on any machine) adds to the same figures and the API reports
 * cluster-wide totals. Each observation increments one bucket (not
 * cumulative) and the sum; reading makes them cumulative, as Prometheus
 * expects. Pure helpers: no Redis here.
 */

/** Upper bounds (seconds) for stage job durations: milliseconds for parsing, up to a minute for slow fetches. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

/** Upper bounds (seconds) for publication-to-index lag: a minute to a month. */
export const LAG_BUCKETS = [60, 300, 900, 1_800, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400] as const;

/** A histogram as read back: `counts[i]` observations were at most `bounds[i]`; `count` includes those above the last bound. */
export interface HistogramSnapshot {
  bounds: readonly number[];
  /** Cumulative, one per bound. */
  counts: number[];
  count: number;
  sum: number;
}

/** The hash fields one observation of `value` increments under `name`: its bucket, and the sum. */
export function histogramFields(name: string, bounds: readonly number[], value: number): { bucket: string; sum: string } {
  const index = bounds.findIndex((bound) => value <= bound);
  return { bucket: `${name}|${index === -1 ? 'inf' : index}`, sum: `${name}|sum` };
}

/** Reads the histogram `name` back from a hash's fields (as HGETALL returns them). */
export function readHistogram(fields: Record<string, string>, name: string, bounds: readonly number[]): HistogramSnapshot {
  const counts: number[] = [];
  let running = 0;
  for (let i = 0; i < bounds.length; i++) {
    running += Number(fields[`${name}|${i}`] ?? 0);
    counts.push(running);
  }
  const count = running + Number(fields[`${name}|inf`] ?? 0);
  return { bounds, counts, count, sum: Number(fields[`${name}|sum`] ?? 0) };
}

/**
 * Estimates the `q` quantile (0-1) as Prometheus' histogram_quantile does:
 * linear within the bucket it falls in. Null with no observations; the last
 * bound when it falls above every bound.
 */
export function estimateQuantile(histogram: HistogramSnapshot, q: number): number | null {
  if (histogram.count === 0) return null;
  const rank = q * histogram.count;
  for (let i = 0; i < histogram.bounds.length; i++) {
    const below = i === 0 ? 0 : (histogram.counts[i - 1] ?? 0);
    const at = histogram.counts[i] ?? 0;
    if (at >= rank && at > below) {
      const lower = i === 0 ? 0 : (histogram.bounds[i - 1] ?? 0);
      const upper = histogram.bounds[i] ?? lower;
      return lower + (upper - lower) * ((rank - below) / (at - below));
    }
  }
  return histogram.bounds.at(-1) ?? null;
}
