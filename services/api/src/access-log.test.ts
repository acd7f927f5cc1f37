import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/test-app.js';

/** A logger at `level` whose lines land in `lines`. */
function capture(level: string, lines: string[]) {
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(...chunk.toString().trim().split('\n')), done()) });
  return pino({ level }, sink);
}

describe('access logs', () => {
  let api: TestApp | undefined;
  afterEach(async () => api?.close());

  it('are off at the default info level', async () => {
    const lines: string[] = [];
    api = await startTestApp({ deps: { log: capture('info', lines) } });
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(lines.filter((line) => line.includes('request'))).toEqual([]);
  });

  it('are one debug line per request, with method, path, status and duration', async () => {
    const lines: string[] = [];
    api = await startTestApp({ deps: { log: capture('debug', lines) } });
    await fetch(`${api.url}/healthz`);
    const access = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'request completed');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: 'GET', url: '/healthz', statusCode: 200 });
    expect(access[0]!.ms).toEqual(expect.any(Number));
  });
});
