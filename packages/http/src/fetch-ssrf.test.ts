import type { LookupAddress } from 'node:dns';
import type http from 'node:http';
import { TidingsError } from '@tidings/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchUrlWith } from './fetch-url.js';
import { fetchUrl, type FetchOptions } from './index.js';
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
