import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { articleId } from '@tidings/url';
import { DEFAULT_TIMEOUTS } from './app.js';
import { streamTestHarness } from './testing/stream-tests.js';

/** Short limits, so a test sees them act; the heartbeat is longer than all of them on purpose. */
const SHORT = { headersMs: 200, requestMs: 400, idleMs: 300, keepAliveMs: 100, checkIntervalMs: 50 };

const { start, connect } = streamTestHarness();

/** Opens a raw connection, sends `text` (and nothing more), and resolves with what the server sent once it closes. */
function sendAndWaitForClose(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('server timeouts', () => {
  it('sets every timeout by default (Fastify would wait for a request body forever)', async () => {
    const api = await start({});
    const server = api.app.server;
    expect(server.requestTimeout).toBe(DEFAULT_TIMEOUTS.requestMs);
    expect(server.headersTimeout).toBe(DEFAULT_TIMEOUTS.headersMs);
    expect(server.keepAliveTimeout).toBe(DEFAULT_TIMEOUTS.keepAliveMs);
    expect(server.timeout).toBe(DEFAULT_TIMEOUTS.idleMs);
    for (const value of Object.values(DEFAULT_TIMEOUTS)) expect(value).toBeGreaterThan(0);
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(DEFAULT_TIMEOUTS.requestMs);
  });

  it('drops a client that never finishes its headers (slowloris)', async () => {
    const api = await start({ timeouts: SHORT });
    const answer = await sendAndWaitForClose(api.url, 'GET /api/feeds HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(answer).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('drops a client that never finishes its body', async () => {
    const api = await start({ timeouts: SHORT });
    const answer = await sendAndWaitForClose(
      api.url,
      'POST /api/feeds HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"url": ',
    );
    expect(answer).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('drops a connection that never sends anything', async () => {
    const api = await start({ timeouts: SHORT });
    expect(await sendAndWaitForClose(api.url, '')).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('keeps a quiet live stream open past every timeout', async () => {
    const api = await start({ timeouts: SHORT, deps: { streamHeartbeatSeconds: 1 } });
    const stream = await connect(`${api.url}/api/stream`);
    // The first keep-alive comes after a silence longer than the idle, header and request timeouts.
    await stream.next('comment');
    const url = 'https://quiet.example/story';
    const now = new Date().toISOString();
    await api.announce({ id: articleId(url), url, title: 'Quiet story', siteName: null, authors: [], publishedAt: now, fetchedAt: now, indexedAt: now });
    expect(await stream.articles(1)).toEqual([articleId(url)]);
  });
});
