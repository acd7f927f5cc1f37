import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from './fetch-url.js';

// A form POST (a WebSub subscription request to a hub) through the same guarded client as every fetch.
describe('fetchUrl with a form', () => {
  const seen: Array<{ method: string; type: string | undefined; body: string }> = [];
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', type: req.headers['content-type'], body });
        if (req.url === '/moved') res.writeHead(307, { location: '/hub' }).end();
        else res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  const options = () => ({ allowPrivate: [origin.replace('http://', '')], timeoutMs: 5_000, maxBytes: 1_024 });

  it('POSTs the fields urlencoded and returns the 2xx', async () => {
    const result = await fetchUrl(`${origin}/hub`, { ...options(), form: { 'hub.mode': 'subscribe', 'hub.topic': 'https://x.example/feed?a=1&b=2' } });
    expect(result.status).toBe(202);
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/x-www-form-urlencoded', body: 'hub.mode=subscribe&hub.topic=https%3A%2F%2Fx.example%2Ffeed%3Fa%3D1%26b%3D2' });
  });

  it('follows no redirect with a form, and keeps the SSRF guard', async () => {
    await expect(fetchUrl(`${origin}/moved`, { ...options(), form: { a: '1' } })).rejects.toMatchObject({ code: 'too-many-redirects' });
    await expect(fetchUrl(`${origin}/hub`, { ...options(), allowPrivate: [], form: { a: '1' } })).rejects.toMatchObject({ code: 'blocked-address' });
  });
});
