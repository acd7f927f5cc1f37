import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workerErrorLogger } from './error-log.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('workerErrorLogger', () => {
  afterEach(() => vi.useRealTimers());

  // A Redis outage: a BullMQ worker emits the same connection error several times a second for all of it.
  it('logs Redis being unreachable once, then at most every 10 s with how many it left out, and every other error', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T22:00:00Z'));
    const { log, lines } = capture();
    const onError = workerErrorLogger(log, 'worker error', { queue: 'article-fetch' });
    for (let i = 0; i < 50; i++) onError(refused());
    onError(new Error('Missing lock for job 7'));
    expect(lines.map((line) => [line.level, line.code, line.msg])).toEqual([
      [40, 'redis-unreachable', 'worker error: Redis is unreachable; reconnecting'],
      [50, undefined, 'worker error'],
    ]);
    vi.setSystemTime(new Date('2026-12-07T22:00:11Z'));
    onError(refused());
    expect(lines.at(-1)).toMatchObject({ code: 'redis-unreachable', leftOut: 49, queue: 'article-fetch' });
  });
});
