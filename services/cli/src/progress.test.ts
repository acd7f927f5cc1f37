import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from './pipeline.js';
import { clock, progressReporter, progressText } from './progress.js';

function summary(indexed: number, failed = 0): RunSummary {
  return {
    feeds: 2,
    completed: { 'feed-fetch': 2, 'feed-parse': 2, 'article-fetch': indexed, 'article-extract': indexed, 'article-index': indexed },
    refetched: 0,
    indexed,
    failed: Array.from({ length: failed }, () => ({ queue: 'article-fetch', url: 'https://example.org/a', code: 'http-status', reason: '404' })),
  };
}

/** A stream that records what is written, as a terminal (`tty`) or a file. */
function recorder(tty: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString()), done()) }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: tty, columns: 120 });
  return { stream, chunks };
}

describe('run progress', () => {
  it('reads the clock as m:ss or h:mm:ss', () => {
    expect([clock(0), clock(75_000), clock(3_725_000)]).toEqual(['0:00', '1:15', '1:02:05']);
  });

  it('gives counts, the job rate, the time so far and an ETA from the pending jobs', () => {
    // 4 + 10 x 3 = 34 jobs finished in 17 s: 2 jobs/s, 20 pending -> 10 s left.
    const text = progressText({ summary: summary(10), pending: 20, elapsedMs: 17_000 });
    expect(text).toContain('articles 10 fetched, 10 extracted, 10 indexed');
    expect(text).toContain('2.0 jobs/s · 0:17 · ETA 0:10');
    expect(progressText({ summary: summary(0), pending: 0, elapsedMs: 0 })).not.toContain('ETA');
  });

  it('redraws one line in place on a terminal, and ends it with a newline', () => {
    const { stream, chunks } = recorder(true);
    let now = 0;
    const progress = progressReporter(stream, () => now);
    for (const n of [1, 2, 2]) {
      now += 1000;
      progress.update(summary(n), 5);
    }
    progress.end();
    expect(chunks).toHaveLength(4);
    expect(chunks.slice(0, 3).every((chunk) => chunk.startsWith('\r\x1b[2K') && !chunk.includes('\n'))).toBe(true);
    expect(chunks[3]).toBe('\n');
  });

  it('elsewhere prints a line only when the counts changed', () => {
    const { stream, chunks } = recorder(false);
    let now = 0;
    const progress = progressReporter(stream, () => now);
    for (const [n, failed] of [[1, 0], [1, 0], [2, 0], [2, 0], [2, 1]] as const) {
      now += 1000;
      progress.update(summary(n, failed), 5);
    }
    progress.end();
    expect(chunks).toHaveLength(3);
    expect(chunks.every((chunk) => chunk.endsWith('\n') && !chunk.includes('\r'))).toBe(true);
  });
});
