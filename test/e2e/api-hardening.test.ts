import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresIndex } from '@tidings/index';
import { FIXTURE_ARTICLES, startApiInstance, type ApiInstance } from '../support/api-instance.js';

const TEST_POSTGRES_URL = process.env.TIDINGS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One real HTTP request to the API with the Host header we choose (fetch would not let us). */
function request(api: ApiInstance, path: string, options: { host?: string; method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        // A stream never ends by itself: its first chunk is enough.
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (String(res.headers['content-type']).startsWith('text/event-stream')) {
            done();
            req.destroy();
          }
        });
        res.on('end', done);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = (answer: Answer) => JSON.parse(answer.body) as { statusCode: number; error: string; message: string };

describe('the API answers only to the names it is reached by (DNS rebinding)', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'hosts', articles: FIXTURE_ARTICLES, env: { TIDINGS_API_PUBLIC_URL: 'https://news.example.org/tidings/' } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it.each(['/api/search?q=corridor', '/api/feeds', '/admin/queues', '/api/stream', '/', '/api/openapi.json', '/healthz', '/no/such/route'])(
    'refuses a foreign Host on %s with a JSON 421',
    async (path) => {
      const answer = await request(api, path, { host: 'evil.example:8080' });
      expect(answer.status).toBe(421);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(json(answer)).toMatchObject({ statusCode: 421, error: 'misdirected-request' });
      expect(json(answer).message).toContain('TIDINGS_API_PUBLIC_URL');
    },
  );

  it.each(['evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', 'news.example.org.evil.example', 'user@localhost', 'localhost/x'])(
    'refuses Host "%s"',
    async (host) => {
      expect((await request(api, '/api/search?q=corridor', { host })).status).toBe(421);
    },
  );

  it('refuses a request without a Host (HTTP/1.0)', async () => {
    const socket = net.connect(Number(new URL(api.url).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.end('GET /api/search?q=corridor HTTP/1.0\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Buffer.concat(chunks).toString('utf8')).toMatch(/^HTTP\/1\.[01] 421 /);
  });

  it('accepts loopback names on any port, and the public URL host', async () => {
    const { port } = new URL(api.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST', 'localhost.:1234', 'news.example.org', 'news.example.org:443']) {
      const answer = await request(api, '/api/search?q=corridor', { host });
      expect(answer.status, host).toBe(200);
    }
  });
});

describe('subscribing refuses what the fetcher would refuse', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'subscribe', env: { TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1:8931' } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  const subscribe = (url: string) => api.app.inject({ method: 'POST', url: '/api/feeds', payload: { url } });

  it.each([
    ['a private address', 'http://10.0.0.1/feed.xml', 'blocked-address', /10\.0\.0\.1 is a blocked address \(private\)/],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', 'blocked-address', /blocked address \(linkLocal\)/],
    ['a local port outside the allow-list', 'http://127.0.0.1:6379/', 'blocked-address', /127\.0\.0\.1:6379/],
    ['a name resolving to loopback', 'http://localhost:8080/feed', 'blocked-address', /localhost resolves to/],
    ['IPv6 loopback', 'http://[::1]:8931/feed', 'blocked-address', /blocked address \(loopback\)/],
    ['credentials in the URL', 'https://reader:hunter2@news.example/feed', 'invalid-url', /credentials/],
    ['another scheme', 'file:///etc/passwd', 'invalid-url', /only http and https/],
    ['javascript:', 'javascript:alert(1)', 'invalid-url', /only http and https/],
  ])('POST /api/feeds refuses %s with a 400 naming the reason', async (_label, url, code, reason) => {
    const answer = await subscribe(url);
    expect(answer.statusCode).toBe(400);
    expect(json({ status: answer.statusCode, headers: {}, body: answer.body })).toMatchObject({ statusCode: 400, error: code });
    expect(answer.body).toMatch(reason);
    expect(answer.body).not.toContain('hunter2');
    expect(await api.runtime.index.listFeeds()).toEqual([]);
  });

  it('refuses to start with a malformed allow-list entry, naming it', async () => {
    await expect(startApiInstance({ label: 'bad-allow', env: { TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1:8931,localhost' } })).rejects.toThrow(
      /invalid entry "localhost" in the private-address allow-list \(TIDINGS_FETCH_ALLOW_PRIVATE\)/,
    );
  });

  it('accepts the allowed local site and public names, subscribed as given while they cannot be fetched', async () => {
    // (Subscribing fetches the URL to discover its feed: a public address literal would send traffic off this machine.
    // Public addresses are accepted unfetched by the OPML import below.)
    expect((await subscribe('http://127.0.0.1:8931/feeds/world.rss')).statusCode).toBe(201);
    expect((await subscribe('https://news.example/feed.xml')).statusCode).toBe(201);
  });

  it('POST /api/opml reports refused outlines and subscribes the rest', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline type="rss" text="ok" xmlUrl="https://93.184.216.34/other.xml"/>
      <outline type="rss" text="redis" xmlUrl="http://127.0.0.1:6379/"/>
      <outline type="rss" text="secret" xmlUrl="https://me:pw@93.184.216.34/private.xml"/>
    </body></opml>`;
    const answer = await api.app.inject({ method: 'POST', url: '/api/opml', payload: opml, headers: { 'content-type': 'text/x-opml' } });
    expect(answer.statusCode).toBe(200);
    const result = JSON.parse(answer.body) as { added: number; failed: Array<{ url: string; message: string }> };
    expect(result.added).toBe(1);
    expect(result.failed.map((failure) => failure.url)).toEqual(['http://127.0.0.1:6379/', 'https://me:pw@93.184.216.34/private.xml']);
    expect(result.failed[0]!.message).toContain('blocked address');
    expect(result.failed[1]!.message).toContain('credentials');
    expect((await api.runtime.index.listFeeds()).map((feed) => feed.url)).not.toContain('http://127.0.0.1:6379/');
  });
});

describe.each([
  ['SQLite', null],
  ['PostgreSQL', `tidings_api_nul_${randomBytes(4).toString('hex')}`],
])('NUL and control characters in input are a 400 on %s', (_backend, schema) => {
  let api: ApiInstance;

  beforeAll(async () => {
    const env: Record<string, string> = schema ? { TIDINGS_INDEX_URL: `${TEST_POSTGRES_URL}?schema=${schema}` } : {};
    api = await startApiInstance({ label: 'nul', articles: FIXTURE_ARTICLES, env });
  });

  afterAll(async () => {
    await api?.stop();
    if (schema) await PostgresIndex.dropSchema(TEST_POSTGRES_URL, schema);
  });

  it.each([
    '/api/search?q=x&site=a%00b',
    '/api/search?q=x%00y',
    '/api/search?q=corridor&author=a%00',
    '/api/search?q=corridor&feed=a%00',
    '/api/search?q=corridor&tag=a%00',
    '/api/search?q=corridor&lang=e%00n',
    '/api/search?q=corridor&cursor=a%00',
    '/api/search?q=corridor%01',
    '/api/articles/a%00b',
    '/api/articles/a%00b/similar',
    '/api/stream?q=a%00',
    '/api/stream?q=x&site=a%00b',
  ])('GET %s', async (path) => {
    const answer = await api.app.inject({ method: 'GET', url: path });
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 400, error: 'bad-request' });
    expect(answer.body).toContain('NUL');
  });

  it('POST /api/feeds with a NUL in the URL, title or a tag, and DELETE of an id with one', async () => {
    for (const payload of [{ url: 'https://a.example/\u0000' }, { url: 'https://a.example/feed', title: 'a\u0000b' }, { url: 'https://a.example/feed', tags: ['x\u0000'] }]) {
      const answer = await api.app.inject({ method: 'POST', url: '/api/feeds', payload });
      expect(answer.statusCode).toBe(400);
      expect(answer.body).toContain('NUL');
    }
    expect((await api.app.inject({ method: 'DELETE', url: '/api/feeds/a%00b' })).statusCode).toBe(400);
    expect((await api.app.inject({ method: 'POST', url: '/api/feeds/a%00b/refresh' })).statusCode).toBe(400);
  });

  it('still searches normally (tabs and newlines in a query are fine)', async () => {
    const answer = await api.app.inject({ method: 'GET', url: '/api/search?q=lachin%09corridor%0A' });
    expect(answer.statusCode).toBe(200);
    expect((JSON.parse(answer.body) as { total: number }).total).toBeGreaterThan(0);
  });
});

describe('TIDINGS_API_MAX_STREAMS caps live streams', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'streams', env: { TIDINGS_API_MAX_STREAMS: '1' } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('answers 503 with Retry-After to a stream beyond the cap', async () => {
    const held = await new Promise<http.ClientRequest>((resolve, reject) => {
      const req = http.get(`${api.url}/api/stream`, { agent: false }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => resolve(req));
      });
      req.on('error', reject);
    });
    try {
      const refused = await request(api, '/api/stream');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(json(refused)).toMatchObject({ statusCode: 503, error: 'too-many-streams' });
      expect(json(refused).message).toContain('TIDINGS_API_MAX_STREAMS');
    } finally {
      held.destroy();
    }
  });
});
