import { describe, expect, it } from 'vitest';
import { readFailures } from './figures.js';
import { perMinuteSeries, quantiles, topCodes } from './pipeline-view.js';
import { countByRole, parseWorkerFields, workerFields, type WorkerInfo } from './workers.js';

const minute = 60_000;
const metrics = (count: number, prevCount: number, prevTS: number, data: number[]) => ({ meta: { count, prevCount, prevTS }, data, count: data.length });

describe('perMinuteSeries', () => {
  it('puts the pending minute last and earlier points before it, oldest first', () => {
    const now = 100 * minute + 10_000;
    // 3 pending in minute 100; minutes 99, 98 had 4 and 7; minute 30 is out of a 5-minute window.
    const series = perMinuteSeries(metrics(20, 17, 100 * minute + 1_000, [4, 7, 0, 0]), now, 5);
    expect(series).toEqual([0, 0, 7, 4, 3]);
  });

  it('shifts when the last finished job is minutes old', () => {
    const now = 100 * minute;
    // Last job in minute 98 (2 of them), 5 in minute 97.
    expect(perMinuteSeries(metrics(7, 5, 98 * minute, [5]), now, 4)).toEqual([5, 2, 0, 0]);
  });

  it('is all zeros for a queue that never finished a job', () => {
    expect(perMinuteSeries({ meta: { count: 0, prevCount: 0, prevTS: 0 }, data: [], count: 0 }, 5 * minute, 3)).toEqual([0, 0, 0]);
  });
});

describe('quantiles', () => {
  it('marks a quantile beyond the last bucket as a lower bound', () => {
    // 10 observations: 6 within the buckets, 4 above the last bound (5).
    const histogram = { bounds: [1, 2, 5], counts: [3, 5, 6], count: 10, sum: 100 };
    expect(quantiles(histogram)).toMatchObject({ count: 10, p50AtLeast: false, p95AtLeast: true, p95Seconds: 5 });
    expect(quantiles({ bounds: [1], counts: [0], count: 0, sum: 0 })).toEqual({ count: 0, p50Seconds: null, p95Seconds: null, p50AtLeast: false, p95AtLeast: false });
  });
});

describe('failure codes', () => {
  it('reads the per-stage failure counters of the metrics hash, ignoring unknown queues', () => {
    expect(readFailures({ 'failure|feed-fetch|http-status': '3', 'failure|nope|x': '1', 'lag|sum': '9', 'failure|article-index|internal': '1' })).toEqual([
      { queue: 'feed-fetch', code: 'http-status', count: 3 },
      { queue: 'article-index', code: 'internal', count: 1 },
    ]);
  });

  it('ranks codes by frequency, then name, keeping the top ones', () => {
    expect(topCodes(['b', 'a', 'b', 'c', 'a', 'b', 'd'], 3)).toEqual([
      { code: 'b', count: 3 },
      { code: 'a', count: 2 },
      { code: 'c', count: 1 },
    ]);
  });
});

describe('worker heartbeats', () => {
  const worker: WorkerInfo = {
    id: 'h:1:abc',
    role: 'fetcher',
    host: 'h',
    pid: 1,
    version: '0.1.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    jobsDone: 4,
    lastJobAt: null,
    seenAt: '2026-01-01T00:00:10.000Z',
  };

  it('round-trips through the hash fields', () => {
    expect(parseWorkerFields(workerFields(worker))).toEqual(worker);
    expect(parseWorkerFields(workerFields({ ...worker, lastJobAt: '2026-01-01T00:00:05.000Z' }))?.lastJobAt).toBe('2026-01-01T00:00:05.000Z');
  });

  it('reads an expired (empty) hash as no worker', () => {
    expect(parseWorkerFields({})).toBeNull();
  });

  it('counts workers per role', () => {
    expect(countByRole([worker, { ...worker, id: 'x' }, { ...worker, id: 'y', role: 'parser' }])).toEqual({ fetcher: 2, parser: 1 });
  });
});
