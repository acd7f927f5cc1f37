import { describe, expect, it } from 'vitest';
import { traceLines } from './show-trace.js';

const record = { id: 'a1', url: 'https://news.example/a', title: 'A title', publishedAt: '2026-01-01T09:00:00.000Z' };
const stage = (name: string, queued: number, started: number, took: number) => ({
  stage: name as 'feed-fetch',
  queuedAt: new Date(queued).toISOString(),
  startedAt: new Date(started).toISOString(),
  finishedAt: new Date(started + took).toISOString(),
  waitedMs: started - queued,
  tookMs: took,
});

describe('show --trace', () => {
  it('prints when the article was polled, each stage with its wait and duration, and the totals', () => {
    const t0 = Date.parse('2026-01-01T10:00:00.000Z');
    const lines = traceLines(record, {
      polledAt: new Date(t0).toISOString(),
      stages: [stage('feed-fetch', t0 - 100, t0, 400), stage('feed-parse', t0 + 400, t0 + 500, 100), stage('article-fetch', t0 + 600, t0 + 2_600, 200), stage('article-index', t0 + 3_000, t0 + 3_100, 100)],
    });
    expect(lines).toContain('polled         2026-01-01 10:00:00Z');
    expect(lines.find((line) => line.startsWith('page fetched'))).toMatch(/article-fetch\s+waited\s+2\.0s\s+took\s+200ms/);
    expect(lines).toContain('polled → indexed: 3.2s');
    expect(lines).toContain('published → indexed: 1.0h');
  });

  it('says so when nothing was kept', () => {
    expect(traceLines(record, { polledAt: null, stages: [] }).at(-1)).toMatch(/no stage timings kept/);
  });
});
