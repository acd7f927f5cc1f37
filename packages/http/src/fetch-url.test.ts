import type http from 'node:http';
import zlib from 'node:zlib';
import { HttpStatusError, TidingsError } from '@tidings/contracts';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchUrl, USER_AGENT, type FetchOptions } from './index.js';
import { startServer, type LocalServer } from './testing/local-server.js';

const LOCAL: FetchOptions = { allowPrivate: ['127.0.0.1/32'], timeoutMs: 5_000, maxBytes: 1024 * 1024 };

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(handler: http.RequestListener): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** Awaits a rejection and returns the error, failing if the promise resolves. */
async function failure(promise: Promise<unknown>): Promise<TidingsError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the fetch to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TidingsError);
  return error as TidingsError;
}

describe('fetchUrl: plain responses', () => {
  it('returns a 200 body with its metadata and sends our User-Agent', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag: '"abc"', 'x-extra': 'yes' });
      res.end('hello, wörld');
    });
    const result = await fetchUrl(server.url('/hello'), LOCAL);

    expect(result).toMatchObject({
      url: server.url('/hello'),
      finalUrl: server.url('/hello'),
      redirects: [],
      status: 200,
      notModified: false,
      contentType: 'text/plain',
      charset: 'utf-8',
      text: 'hello, wörld',
      bytes: Buffer.byteLength('hello, wörld'),
      etag: '"abc"',
      lastModified: null,
    });
    expect(result.headers['x-extra']).toBe('yes');
    const [request] = server.requests;
    expect(request?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^Tidings\/0\.1\.0 /);
    expect(request?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(request?.headers['accept']).toBeTruthy();
    expect(request?.headers['if-none-match']).toBeUndefined();
  });

  it('sends a custom Accept header', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    await fetchUrl(server.url('/'), { ...LOCAL, accept: 'application/rss+xml' });
    expect(server.requests[0]?.headers['accept']).toBe('application/rss+xml');
  });
});

describe('fetchUrl: compressed bodies', () => {
  const text = '<p>Compressed news — ünïcödé</p>'.repeat(200);
  const raw = Buffer.from(text);
  const cases: [string, Buffer][] = [
    ['gzip', zlib.gzipSync(raw)],
    ['deflate', zlib.deflateSync(raw)],
    ['deflate', zlib.deflateRawSync(raw)], // raw deflate, as many servers send it
    ['br', zlib.brotliCompressSync(raw)],
  ];

  it.each(cases)('decodes Content-Encoding: %s', async (encoding, body) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding });
      res.end(body);
    });
    const result = await fetchUrl(server.url('/'), LOCAL);
    expect(result.text).toBe(text);
    expect(result.bytes).toBe(raw.length);
    expect(body.length).toBeLessThan(raw.length);
  });

  it('refuses a Content-Encoding it did not offer', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'zstd' });
      res.end('whatever');
    });
    const error = await failure(fetchUrl(server.url('/'), LOCAL));
    expect(error.code).toBe('unsupported-content');
    expect(error.permanent).toBe(true);
  });

  // The host answered: a body not in the coding it names is content the client cannot read, not a network failure to retry.
  it.each(['gzip', 'deflate', 'br'])('refuses a body that is not the %s its Content-Encoding says, as content', async (coding) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': coding });
      res.end('<rss version="2.0"><channel><title>plain, not compressed</title></channel></rss>');
    });
    const error = await failure(fetchUrl(server.url('/'), LOCAL));
    expect(error.code).toBe('unsupported-content');
    expect(error.message).toMatch(/is not encoded as its Content-Encoding says/);
  });
});

describe('fetchUrl: charsets', () => {
  it('decodes a windows-1251 feed named only by its XML declaration', async () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Новости дня</title></channel></rss>';
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(iconv.encode(xml, 'windows-1251'));
    });
    const result = await fetchUrl(server.url('/feed.xml'), { ...LOCAL, kind: 'feed' });
    expect(result.charset).toBe('windows-1251');
    expect(result.text).toBe(xml);
    expect(result.contentType).toBe('application/rss+xml');
  });

  it('decodes an ISO-8859-1 page named by the HTTP header (as windows-1252, like browsers)', async () => {
    // 0x93/0x94 are C1 controls in strict ISO-8859-1 but curly quotes on the web.
    const body = Buffer.concat([Buffer.from('<p>Caf\xe9 ', 'latin1'), Buffer.from([0x93]), Buffer.from('ol\xe9', 'latin1'), Buffer.from([0x94]), Buffer.from('</p>')]);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
      res.end(body);
    });
    const result = await fetchUrl(server.url('/'), { ...LOCAL, kind: 'page' });
    expect(result.charset).toBe('windows-1252');
    expect(result.text).toBe('<p>Café “olé”</p>');
  });

  it('decodes an ISO-8859-1 page named only by <meta charset>', async () => {
    const html = '<!doctype html><html><head><meta charset="iso-8859-1"><title>Señor Müller</title></head></html>';
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.from(html, 'latin1'));
    });
    const result = await fetchUrl(server.url('/'), { ...LOCAL, kind: 'page' });
    expect(result.charset).toBe('windows-1252');
    expect(result.text).toBe(html);
  });

  it('decodes a UTF-8 page its server calls ISO-8859-1 as UTF-8, with a warning (a server default nobody checked)', async () => {
    const html = '<!doctype html><html><head><title>Новости дня: Байкал</title></head><body><p>Озеро замёрзло.</p></body></html>';
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
      res.end(Buffer.from(html));
    });
    const result = await fetchUrl(server.url('/'), { ...LOCAL, kind: 'page' });
    expect(result).toMatchObject({ charset: 'utf-8', text: html });
    expect(result.warnings).toEqual(['the HTTP Content-Type says charset=ISO-8859-1, but the document is UTF-8; decoded as utf-8']);
  });

  it.each([
    ['utf-16le', Buffer.from([0xff, 0xfe])],
    ['utf-16be', Buffer.from([0xfe, 0xff])],
  ])('decodes %s with a BOM and strips the BOM', async (encoding, bom) => {
    const xml = '<?xml version="1.0"?><feed><title>日本語のニュース</title></feed>';
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(Buffer.concat([bom, iconv.encode(xml, encoding)]));
    });
    const result = await fetchUrl(server.url('/'), LOCAL);
    expect(result.charset).toBe(encoding);
    expect(result.text).toBe(xml);
  });
});

describe('fetchUrl: size cap', () => {
  it('rejects early when Content-Length exceeds maxBytes', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(2_000_000) });
      res.end(Buffer.alloc(2_000_000, 0x61));
    });
    const error = await failure(fetchUrl(server.url('/big'), { ...LOCAL, maxBytes: 1_000_000 }));
    expect(error.code).toBe('too-large');
    expect(error.permanent).toBe(true);
    await server.waitForNoSockets();
  });

  it('stops a chunked body without Content-Length once it passes maxBytes', async () => {
    let written = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // An endless body: only the client's cap can end this.
      const chunk = Buffer.alloc(16 * 1024, 0x62);
      const pump = (): void => {
        for (let more = true; more && !res.destroyed; ) {
          more = res.write(chunk);
          written += chunk.length;
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const error = await failure(fetchUrl(server.url('/stream'), { ...LOCAL, maxBytes: 200_000 }));
    expect(error.code).toBe('too-large');
    // The socket was torn down, not drained to the end.
    await server.waitForNoSockets();
    // Only what sat in socket buffers when we hung up, not megabytes more.
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('stops a gzip bomb by counting decompressed bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }); // ~64 KB -> 64 MB
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const error = await failure(fetchUrl(server.url('/bomb'), { ...LOCAL, maxBytes: 1024 * 1024 }));
    expect(bomb.length).toBeLessThan(1024 * 1024); // it got past the Content-Length check
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('gzip');
  });

  it('accepts a body of exactly maxBytes', async () => {
    const server = await serve((_req, res) => res.end(Buffer.alloc(1000, 0x63)));
    const result = await fetchUrl(server.url('/'), { ...LOCAL, maxBytes: 1000 });
    expect(result.bytes).toBe(1000);
  });
});

describe('fetchUrl: redirects', () => {
  /** Serves /hop/N -> /hop/N-1 ... -> /hop/0 (the content), plus a loop /a <-> /b. */
  async function redirectServer(): Promise<LocalServer> {
    return serve((req, res) => {
      const url = req.url ?? '/';
      const hop = /^\/hop\/(\d+)$/.exec(url);
      if (hop) {
        const n = Number(hop[1]);
        if (n === 0) return res.end('arrived');
        // Alternate relative and path-absolute Locations to exercise resolution.
        res.writeHead(n % 2 === 0 ? 301 : 302, { location: n % 2 === 0 ? `/hop/${n - 1}` : `${n - 1}` });
        return res.end();
      }
      if (url === '/a') return res.writeHead(307, { location: '/b' }).end();
      if (url === '/b') return res.writeHead(308, { location: '/a' }).end();
      res.writeHead(404).end();
    });
  }

  it('follows a chain of 3 and reports every hop as an absolute URL', async () => {
    const server = await redirectServer();
    const result = await fetchUrl(server.url('/hop/3'), LOCAL);
    expect(result.text).toBe('arrived');
    expect(result.url).toBe(server.url('/hop/3'));
    expect(result.finalUrl).toBe(server.url('/hop/0'));
    expect(result.redirects).toEqual([server.url('/hop/2'), server.url('/hop/1'), server.url('/hop/0')]);
  });

  it('follows exactly 5 redirects', async () => {
    const server = await redirectServer();
    const result = await fetchUrl(server.url('/hop/5'), LOCAL);
    expect(result.redirects).toHaveLength(5);
  });

  it('fails on the 6th redirect', async () => {
    const server = await redirectServer();
    const error = await failure(fetchUrl(server.url('/hop/6'), LOCAL));
    expect(error.code).toBe('too-many-redirects');
    expect(error.permanent).toBe(true);
    expect(server.requests.map((req) => req.url)).not.toContain('/hop/0');
  });

  it('honours a lower maxRedirects', async () => {
    const server = await redirectServer();
    const error = await failure(fetchUrl(server.url('/hop/2'), { ...LOCAL, maxRedirects: 1 }));
    expect(error.code).toBe('too-many-redirects');
  });

  it('detects a redirect loop', async () => {
    const server = await redirectServer();
    const error = await failure(fetchUrl(server.url('/a'), LOCAL));
    expect(error.code).toBe('too-many-redirects');
    expect(error.message).toContain('loop');
    expect(server.requests).toHaveLength(2);
  });

  it('asks beforeRedirect about each hop, not the first URL, and stops where it throws', async () => {
    const server = await redirectServer();
    const asked: string[] = [];
    const refuse = new TidingsError('robots-disallowed', 'no', { permanent: true });
    const beforeRedirect = async (next: string) => {
      asked.push(next);
      if (next.endsWith('/hop/1')) throw refuse;
    };
    expect(await failure(fetchUrl(server.url('/hop/3'), { ...LOCAL, beforeRedirect }))).toBe(refuse);
    expect(asked).toEqual([server.url('/hop/2'), server.url('/hop/1')]);
    expect(server.requests.map((req) => req.url)).toEqual(['/hop/3', '/hop/2']);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const error = await failure(fetchUrl(server.url('/'), LOCAL));
    expect(error.code).toBe('invalid-url');
    expect(error.permanent).toBe(true);
  });
});

describe('fetchUrl: HTTP status', () => {
  it.each([
    [404, true],
    [410, true],
    [500, false],
    [503, false],
    [429, false],
    // A 304 to a request that asked nothing conditional, a redirect without a Location: no retry changes them.
    [304, true],
    [301, true],
  ])('HTTP %i -> HttpStatusError, permanent=%s', async (status, permanent) => {
    const server = await serve((_req, res) => res.writeHead(status).end('error page'));
    const error = await failure(fetchUrl(server.url('/x'), LOCAL));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(status);
    expect(error.code).toBe('http-status');
    expect(error.permanent).toBe(permanent);
    await server.waitForNoSockets();
  });

  it('names the URL that answered when it was reached by redirect', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/moved') return res.writeHead(301, { location: '/gone' }).end();
      res.writeHead(404).end();
    });
    const error = await failure(fetchUrl(server.url('/moved'), LOCAL));
    expect((error as HttpStatusError).url).toBe(server.url('/gone'));
  });
});

describe('fetchUrl: conditional GET', () => {
  it('returns notModified when the server honours If-None-Match', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Jul 2025 10:00:00 GMT', 'content-type': 'application/rss+xml' });
      res.end('<rss/>');
    });
    const first = await fetchUrl(server.url('/feed'), LOCAL);
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe('"v1"');

    const second = await fetchUrl(server.url('/feed'), { ...LOCAL, etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, text: '', bytes: 0, charset: null, etag: '"v1"' });
    expect(second.lastModified).toBe('Tue, 01 Jul 2025 10:00:00 GMT'); // echoed: the 304 carried none
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Tue, 01 Jul 2025 10:00:00 GMT');
  });

  it('treats a 304 nobody asked for as a failed fetch', async () => {
    const server = await serve((_req, res) => res.writeHead(304).end());
    const error = await failure(fetchUrl(server.url('/'), LOCAL));
    expect(error).toBeInstanceOf(HttpStatusError);
  });
});

describe('fetchUrl: timeouts and network failures', () => {
  it('times out on a server that never answers', async () => {
    const server = await serve(() => {
      /* never respond */
    });
    const started = Date.now();
    const error = await failure(fetchUrl(server.url('/'), { ...LOCAL, timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(error.permanent).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
    await server.waitForNoSockets();
  });

  it('counts the body against the same budget', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write('first part, then silence');
    });
    const error = await failure(fetchUrl(server.url('/'), { ...LOCAL, timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
  });

  it('rejects with the caller’s reason when the caller aborts', async () => {
    const server = await serve(() => {
      /* never respond */
    });
    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => controller.abort(reason), 50);
    await expect(fetchUrl(server.url('/'), { ...LOCAL, signal: controller.signal })).rejects.toBe(reason);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const server = await serve((_req, res) => res.end());
    const url = server.url('/');
    await server.close();
    servers = [];
    const error = await failure(fetchUrl(url, LOCAL));
    expect(error.code).toBe('network');
    expect(error.permanent).toBe(false);
  });

  it('reports a reset connection as a retryable network error', async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await failure(fetchUrl(server.url('/'), LOCAL));
    expect(error.code).toBe('network');
    expect(error.permanent).toBe(false);
  });
});

describe('fetchUrl: URL validation', () => {
  it.each(['ftp://example.org/feed', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', ''])(
    'refuses %j as invalid-url',
    async (url) => {
      const error = await failure(fetchUrl(url, LOCAL));
      expect(error.code).toBe('invalid-url');
      expect(error.permanent).toBe(true);
    },
  );
});
