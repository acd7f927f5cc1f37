import { describe, expect, it } from 'vitest';
import type { PipelineView } from '@tidings/metrics';
import { renderTop, sparkline } from './top-screen.js';

const counts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
const view: PipelineView = {
  at: '2026-01-01T12:00:00.000Z',
  stages: (['feed-fetch', 'feed-parse', 'article-fetch', 'article-extract', 'article-index'] as const).map((queue) => ({
    queue,
    counts: { ...counts, waiting: queue === 'article-fetch' ? 12 : 0 },
    completedPerMinute: new Array<number>(60).fill(0).map((_, i) => (i >= 55 ? 10 : 0)),
    duration: { count: 3, p50Seconds: 0.12, p95Seconds: 2, p50AtLeast: false, p95AtLeast: false },
    failureCodes: queue === 'feed-fetch' ? [{ code: 'http-status', count: 4 }] : [],
  })),
  lag: { count: 2, p50Seconds: 600, p95Seconds: 2_592_000, p50AtLeast: false, p95AtLeast: true },
  articlesIndexed: 7,
  index: { articles: 9, feeds: 3, feedsFailing: 1, feedsPaused: 0, feedsDue: 1 },
  feedsFailing: [{ id: 'f1', url: 'https://gone.example/feed', title: null, state: 'active', consecutiveFailures: 2, code: '404', errorCode: 'http-status', error: 'HTTP 404', lastFetchAt: null }],
  workers: [{ id: 'h:1:a', role: 'fetcher', host: 'h', pid: 1, version: '0.1.0', startedAt: '2026-01-01T11:00:00.000Z', jobsDone: 5, lastJobAt: '2026-01-01T11:59:30.000Z', seenAt: '2026-01-01T12:00:00.000Z' }],
  redis: {
    durable: false,
    servers: [{ address: 'r:6379', appendonly: 'no', appendfsync: 'everysec', maxmemoryPolicy: 'noeviction' }],
    problems: ['r:6379: appendonly is no: a Redis restart loses the queued jobs written since its last snapshot (set "appendonly yes")'],
  },
};

describe('tidings top screen', () => {
  it('draws a sparkline scaled to its highest minute, blank for idle minutes', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(' ▁▂▄█');
    expect(sparkline([0, 0])).toBe('  ');
  });

  it('shows every stage in flow order with counts, rate, durations and failure codes, then lag, feeds and workers', () => {
    const lines = renderTop(view, 500, Date.parse('2026-01-01T12:00:00.000Z'));
    const stages = lines.filter((line) => /^(feed|article)-/.test(line)).map((line) => line.split(' ')[0]);
    expect(stages).toEqual(['feed-fetch', 'feed-parse', 'article-fetch', 'article-extract', 'article-index']);
    expect(lines.find((line) => line.startsWith('article-fetch'))).toMatch(/fetcher\s+12\s+0\s+0\s+0\s+10\.0/);
    expect(lines.find((line) => line.startsWith('feed-fetch'))).toContain('http-status×4');
    expect(lines.join('\n')).toContain('p50 10.0min · p95 >30d');
    expect(lines.join('\n')).toContain('404');
    expect(lines.join('\n')).toContain('[http-status] HTTP 404');
    expect(lines.join('\n')).toMatch(/fetcher\s+h pid 1 v0\.1\.0 · up 1\.0h · 5 jobs · last 30\.0s ago/);
    expect(lines).toContain('redis: NOT DURABLE: a crash or a full memory may lose jobs');
    expect(lines).toContain('  r:6379: appendonly is no: a Redis restart loses the queued jobs written since its last snapshot (set "appendonly yes")');
  });

  it('cuts every line to the terminal width', () => {
    for (const line of renderTop(view, 40)) expect(line.length).toBeLessThanOrEqual(40);
  });
});
