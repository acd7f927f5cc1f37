import type { LookupAddress } from 'node:dns';
import type http from 'node:http';
import { TidingsError } from '@tidings/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchUrlWith } from './fetch-url.js';
import { BlockedAddressError, checkFetchable, fetchUrl, type FetchOptions } from './index.js';
import { startServer, type LocalServer } from './testing/local-server.js';

const BASE: Omit<FetchOptions, 'allowPrivate'> = { timeoutMs: 5_000, maxBytes: 1024 * 1024 };

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(handler: http.RequestListener, host?: string): Promise<LocalServer> {
  const server = await startServer(handler, host);
  servers.push(server);
  return server;
}

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

/** A resolver that answers from a table and records every question; never touches DNS. */
function fakeDns(table: Record<string, string[]>): { resolve: (host: string) => Promise<LookupAddress[]>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (host) => {
      asked.push(host);
      const addresses = table[host];
      if (addresses === undefined) {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      }
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}

describe('SSRF guard on literal addresses', () => {
  it('refuses 127.0.0.1 without an exemption, before connecting', async () => {
    const server = await serve((_req, res) => res.end('secret'));
    const error = await failure(fetchUrl(server.url('/'), { ...BASE, allowPrivate: [] }));
    expect(error.code).toBe('blocked-address');
    expect(error.permanent).toBe(true);
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).toContain('TIDINGS_FETCH_ALLOW_PRIVATE');
    expect(server.requests).toHaveLength(0);
  });

  it('allows 127.0.0.1 when exempted', async () => {
    const server = await serve((_req, res) => res.end('local test site'));
    const result = await fetchUrl(server.url('/'), { ...BASE, allowPrivate: ['127.0.0.1/32'] });
    expect(result.text).toBe('local test site');
  });

  it('sees through other spellings of loopback', async () => {
    const server = await serve((_req, res) => res.end('secret'));
    for (const host of ['2130706433', '0x7f.1', '127.1', '[::ffff:127.0.0.1]', '[::1]']) {
      const error = await failure(fetchUrl(`http://${host}:${server.port}/`, { ...BASE, allowPrivate: [] }));
      expect(error.code, host).toBe('blocked-address');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a redirect from an allowed server to a private address', async () => {
    const targets = ['http://10.0.0.1/admin', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/', 'http://127.0.0.2/'];
    const server = await serve((req, res) => {
      const target = targets[Number(req.url?.slice(1))];
      res.writeHead(302, { location: target }).end();
    });
    for (const [index, target] of targets.entries()) {
      const error = await failure(fetchUrl(server.url(`/${index}`), { ...BASE, allowPrivate: ['127.0.0.1/32'] }));
      expect(error.code, target).toBe('blocked-address');
      expect(error.message).toContain(new URL(target).hostname.replace(/^\[|\]$/g, ''));
    }
  });

  it('resolves real names through DNS and refuses loopback ones (localhost)', async () => {
    const server = await serve((_req, res) => res.end('secret'));
    const error = await failure(fetchUrl(`http://localhost:${server.port}/`, { ...BASE, allowPrivate: [] }));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('SSRF guard on hostnames', () => {
  it('refuses a name that resolves to a private address, naming host and address', async () => {
    const dns = fakeDns({ 'intranet.test': ['192.168.1.10'] });
    const error = await failure(fetchUrlWith('http://intranet.test/', { ...BASE, allowPrivate: [] }, dns));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toContain('intranet.test resolves to 192.168.1.10');
  });

  it('refuses a name if any one of its addresses is blocked', async () => {
    const dns = fakeDns({ 'mixed.test': ['127.0.0.1', '10.0.0.1'] });
    const options = { ...BASE, allowPrivate: ['127.0.0.1/32'] };
    const error = await failure(fetchUrlWith('http://mixed.test/', options, dns));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toContain('10.0.0.1');
  });

  it('refuses a redirect to a name that resolves to a blocked address', async () => {
    const server = await serve((_req, res) => res.writeHead(301, { location: 'http://metadata.test/' }).end());
    const dns = fakeDns({ 'metadata.test': ['169.254.169.254'] });
    const error = await failure(fetchUrlWith(server.url('/'), { ...BASE, allowPrivate: ['127.0.0.1/32'] }, dns));
    expect(error.code).toBe('blocked-address');
    expect(dns.asked).toEqual(['metadata.test']);
  });

  it('connects to the address it vetted, not to a fresh DNS answer', async () => {
    // The system resolves "localhost" to 127.0.0.1, where nothing listens. Our
    // resolver says 127.0.0.2, where the server is. Success proves the socket
    // went to the vetted address; a second resolution would have been refused.
    const server = await serve((req, res) => res.end(`host header: ${req.headers.host}`), '127.0.0.2');
    const dns = fakeDns({ localhost: ['127.0.0.2'] });
    const result = await fetchUrlWith(`http://localhost:${server.port}/`, { ...BASE, allowPrivate: ['127.0.0.2/32'] }, dns);
    expect(result.text).toBe(`host header: localhost:${server.port}`);
    expect(dns.asked).toEqual(['localhost']);
  });

  it('reports an unresolvable name as a retryable dns-failed', async () => {
    const dns = fakeDns({});
    const error = await failure(fetchUrlWith('http://no-such-host.test/', { ...BASE, allowPrivate: [] }, dns));
    expect(error.code).toBe('dns-failed');
    expect(error.permanent).toBe(false);
  });

  it('counts a hung DNS lookup against the time budget', async () => {
    const hung = { resolve: () => new Promise<LookupAddress[]>(() => {}) };
    const error = await failure(fetchUrlWith('http://slow-dns.test/', { ...BASE, timeoutMs: 200, allowPrivate: [] }, hung));
    expect(error.code).toBe('timeout');
  });
});

describe('exemptions are scoped to the exempted origin (two servers on two loopback ports)', () => {
  const allowLoopback = { ...BASE, allowPrivate: ['127.0.0.1/32'] };

  it('fetches a feed and its same-origin pages, but not a page of another local port it links to', async () => {
    const other = await serve((_req, res) => res.end('redis-like secret'));
    const site = await serve((_req, res) => res.end('news'));
    const feedUrl = site.url('/feed.xml');
    expect((await fetchUrl(feedUrl, allowLoopback)).text).toBe('news');
    expect((await fetchUrl(site.url('/articles/1.html'), { ...allowLoopback, privateOrigin: feedUrl })).text).toBe('news');

    const error = await failure(fetchUrl(other.url('/'), { ...allowLoopback, privateOrigin: feedUrl }));
    expect(error.code).toBe('blocked-address');
    expect(error.permanent).toBe(true);
    expect(error.message).toContain(site.origin);
    expect(error.message).toContain('TIDINGS_FETCH_ALLOW_PRIVATE_LINKS');
    expect(other.requests).toHaveLength(0);
  });

  it('refuses a redirect from the exempted origin to another local port, at the hop', async () => {
    const other = await serve((_req, res) => res.end('secret'));
    const site = await serve((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/feed.xml' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: other.url('/admin') }).end();
      else res.end('feed');
    });
    expect((await fetchUrl(site.url('/moved'), allowLoopback)).text).toBe('feed');
    const error = await failure(fetchUrl(site.url('/away'), allowLoopback));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toContain(other.url('/admin'));
    // Typed with the hop that was refused: the redirect's target, not the URL asked for.
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as BlockedAddressError).url).toBe(other.url('/admin'));
    expect(other.requests).toHaveLength(0);
    // The same for an article page of the site (its scope is the feed's origin).
    const page = await failure(fetchUrl(site.url('/away'), { ...allowLoopback, privateOrigin: site.url('/feed.xml') }));
    expect(page.code).toBe('blocked-address');
    expect(other.requests).toHaveLength(0);
  });

  it('lets any link inside the entries through with allowPrivateLinks', async () => {
    const other = await serve((_req, res) => res.end('linked'));
    const site = await serve((_req, res) => res.writeHead(302, { location: other.url('/page') }).end());
    const options = { ...allowLoopback, allowPrivateLinks: true };
    expect((await fetchUrl(other.url('/page'), { ...options, privateOrigin: site.url('/feed.xml') })).text).toBe('linked');
    expect((await fetchUrl(site.url('/feed.xml'), options)).text).toBe('linked');
    // Still only inside the entries.
    const outside = await failure(fetchUrl('http://10.0.0.1/', { ...options, privateOrigin: site.url('/feed.xml') }));
    expect(outside.code).toBe('blocked-address');
  });

  it('honours an entry with a port: that port only, even for a feed', async () => {
    const other = await serve((_req, res) => res.end('other'));
    const site = await serve((_req, res) => res.end('site'));
    const options = { ...BASE, allowPrivate: [`127.0.0.1:${site.port}`] };
    expect((await fetchUrl(site.url('/feed.xml'), options)).text).toBe('site');
    const error = await failure(fetchUrl(other.url('/feed.xml'), options));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toContain(`127.0.0.1:${other.port}`);
    expect(other.requests).toHaveLength(0);
    const linked = await failure(fetchUrl(other.url('/x'), { ...options, allowPrivateLinks: true, privateOrigin: site.url('/') }));
    expect(linked.code).toBe('blocked-address');
  });

  it('refuses URLs with credentials without sending them anywhere, and never echoes the password', async () => {
    const site = await serve((_req, res) => res.end('site'));
    const error = await failure(fetchUrl(`http://reader:hunter2@127.0.0.1:${site.port}/feed.xml`, allowLoopback));
    expect(error.code).toBe('invalid-url');
    expect(error.message).toContain('credentials');
    expect(error.message).not.toContain('hunter2');
    expect(site.requests).toHaveLength(0);
  });
});

describe('checkFetchable: the same rule before subscribing', () => {
  it.each([
    ['ftp://files.example/feed', [], 'invalid-url'],
    ['not a url', [], 'invalid-url'],
    ['https://user:secret@news.example/feed', [], 'invalid-url'],
    ['http://10.0.0.1/feed', [], 'blocked-address'],
    ['http://[::1]:8080/feed', ['127.0.0.1/32'], 'blocked-address'],
    ['http://169.254.169.254/latest/meta-data/', ['127.0.0.1/32'], 'blocked-address'],
    ['http://127.0.0.1:6379/', ['127.0.0.1:8931'], 'blocked-address'],
    ['http://localhost:8080/feed', [], 'blocked-address'],
  ])('refuses %s with %j (%s)', async (url, allowPrivate, code) => {
    const error = await failure(checkFetchable(url, { allowPrivate }));
    expect(error.code).toBe(code);
    expect(error.permanent).toBe(true);
    expect(error.message).not.toContain('secret');
  });

  it.each([
    ['http://127.0.0.1:8931/feed.xml', ['127.0.0.1/32']],
    ['http://127.0.0.1:8931/feed.xml', ['127.0.0.1:8931']],
    ['http://93.184.216.34/feed', []],
    ['https://[2606:4700:4700::1111]/feed', []],
  ])('accepts %s with %j', async (url, allowPrivate) => {
    expect((await checkFetchable(url, { allowPrivate })).href).toBe(new URL(url).href);
  });

  it('judges names by what they resolve to, and accepts one that does not resolve now', async () => {
    const dns = fakeDns({ 'intranet.test': ['192.168.1.10'], 'news.test': ['93.184.216.34'] });
    expect((await failure(checkFetchable('http://intranet.test/feed', { allowPrivate: [] }, dns.resolve))).message).toContain('intranet.test resolves to 192.168.1.10');
    expect((await checkFetchable('http://news.test/feed', { allowPrivate: [] }, dns.resolve)).hostname).toBe('news.test');
    expect((await checkFetchable('http://gone.test/feed', { allowPrivate: [] }, dns.resolve)).hostname).toBe('gone.test');
  });

  it('judges the host a feed is stored and fetched under: a trailing dot does not dodge the check', async () => {
    // "localhost." need not resolve (no search domain, no hosts entry), but the feed is stored, and polled, as "localhost".
    const dns = fakeDns({ localhost: ['127.0.0.1'], 'intranet.test': ['192.168.1.10'] });
    for (const url of ['http://localhost./feed', 'http://localhost../feed', 'http://intranet.test./feed']) {
      const error = await failure(checkFetchable(url, { allowPrivate: [] }, dns.resolve));
      expect(error.code, url).toBe('blocked-address');
    }
    expect((await checkFetchable('http://localhost.:8931/feed', { allowPrivate: ['127.0.0.1:8931'] }, dns.resolve)).hostname).toBe('localhost.');
  });
});
