import http, { type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TEXT } from './content/seed-text.js';
import { escapeText } from './render/escape.js';
import { CP1251_ARTICLE_PATH, FAILURE_PATHS, SEED_ARTICLE_PATH, startSite, type SiteServer } from './server.js';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Exactly the bytes on the wire (after de-chunking), never decompressed. */
  body: Buffer;
}

/** A plain GET that neither follows redirects nor decodes anything, so the tests see what a client would. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('the fixture news site', () => {
  let site: SiteServer;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site.close();
  });
  beforeEach(() => site.reset());

  it('listens on 127.0.0.1 and names its feeds by absolute URL', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(site.feeds.all).toEqual([site.feeds.rss, site.feeds.atom, site.feeds.json]);
    expect(site.feeds.failures).toBe(`${site.url}/feeds/failures.rss`);
  });

  it('serves the seed page with its own URL in place of {{BASE}} and the seed text intact', async () => {
    const res = await get(`${site.url}${SEED_ARTICLE_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body.toString('utf8');
    expect(html).not.toContain('{{BASE}}');
    expect(html).toContain(`<link rel="canonical" href="${site.url}${SEED_ARTICLE_PATH}">`);
    expect(html).toContain(`<title>${escapeText(SEED_TEXT.headline)} | Caucasus Courier</title>`);
    for (const paragraph of SEED_TEXT.paragraphs) expect(html).toContain(`<p>${escapeText(paragraph)}</p>`);
    expect(html.match(/Lachin corridor/g)).toHaveLength(1);
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since, and 200 to a stale one', async () => {
    const url = `${site.url}${SEED_ARTICLE_PATH}`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['last-modified']).toBe('Thu, 21 Sep 2023 12:00:00 GMT');

    const revalidated = await get(url, { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toHaveLength(0);
    expect(revalidated.headers.etag).toBe(etag);

    const gzipped = await get(url, { 'Accept-Encoding': 'gzip' });
    expect((await get(url, { 'If-None-Match': String(gzipped.headers.etag) })).status).toBe(304);
    expect((await get(url, { 'If-None-Match': '"something-else"' })).status).toBe(200);
    expect((await get(url, { 'If-Modified-Since': String(first.headers['last-modified']) })).status).toBe(304);
    expect((await get(url, { 'If-Modified-Since': 'Wed, 20 Sep 2023 12:00:00 GMT' })).status).toBe(200);
  });

  it('gzips when Accept-Encoding allows it, and only then', async () => {
    const url = `${site.url}${SEED_ARTICLE_PATH}`;
    const plain = await get(url);
    const gzipped = await get(url, { 'Accept-Encoding': 'br, gzip;q=0.8' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect((await get(url, { 'Accept-Encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('fails the flaky page twice, then serves it; reset() starts the count again', async () => {
    const url = `${site.url}${FAILURE_PATHS.flaky}`;
    expect((await get(url)).status).toBe(500);
    expect((await get(url)).status).toBe(500);
    const third = await get(url);
    expect(third.status).toBe(200);
    expect(third.body.toString('utf8')).toMatch(/phoenix/i);
    expect((await get(url)).status).toBe(200);
    site.reset();
    expect((await get(url)).status).toBe(500);
  });

  it('logs every request with its query, and reset() clears the log', async () => {
    await get(`${site.url}${SEED_ARTICLE_PATH}?utm_source=test`, { 'If-None-Match': '"x"' });
    expect(site.requests).toHaveLength(1);
    expect(site.requests[0]).toMatchObject({ method: 'GET', path: `${SEED_ARTICLE_PATH}?utm_source=test` });
    expect(site.requests[0]?.headers['if-none-match']).toBe('"x"');
    site.reset();
    expect(site.requests).toHaveLength(0);
  });

  it('redirects /articles/loop and /articles/loop2 to each other', async () => {
    const loop = await get(`${site.url}${FAILURE_PATHS.loop}`);
    expect(loop.status).toBe(302);
    expect(loop.headers.location).toBe(FAILURE_PATHS.loopBack);
    const back = await get(`${site.url}${FAILURE_PATHS.loopBack}`);
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe(FAILURE_PATHS.loop);
  });

  it('streams the huge page: over 1 MB, chunked, no Content-Length, still valid HTML', async () => {
    const res = await get(`${site.url}${FAILURE_PATHS.huge}`, { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(res.body.toString('utf8').trimEnd().endsWith('</html>')).toBe(true);
  });

  it('serves the Russian page byte for byte in windows-1251, with no charset in Content-Type', async () => {
    const res = await get(`${site.url}${CP1251_ARTICLE_PATH}`, { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.headers['content-encoding']).toBeUndefined();
    const baikal = Buffer.from([0xc1, 0xe0, 0xe9, 0xea, 0xe0, 0xeb]); // "Байкал" in windows-1251
    expect(res.body.includes(baikal)).toBe(true);
    expect(res.body.includes(Buffer.from('Байкал', 'utf8'))).toBe(false);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(res.body)).toThrow();
    const text = new TextDecoder('windows-1251').decode(res.body);
    expect(text).toContain('<meta charset="windows-1251">');
    expect(text).toContain('<html lang="ru">');
    expect(text).toContain('посвящённая Байкалу');
  });

  it('answers 404 in plain text for the missing page and anything unknown', async () => {
    for (const path of [FAILURE_PATHS.missing, '/no/such/page.html', '/feeds/nope.rss']) {
      const res = await get(`${site.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });

  it('serves the broken feed as an HTML error page labelled application/rss+xml', async () => {
    const res = await get(site.feeds.broken);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.body.toString('utf8')).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('serves the feeds with their types, and every story they list resolves', async () => {
    const rss = await get(site.feeds.rss);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const atom = await get(site.feeds.atom);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const json = await get(site.feeds.json);
    expect(json.headers['content-type']).toBe('application/feed+json');

    const links = [...rss.body.toString('utf8').matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1] ?? '');
    const atomText = atom.body.toString('utf8');
    const feedBase = /<feed[^>]*xml:base="([^"]+)"/.exec(atomText)?.[1] ?? '';
    for (const [, entryBase, href] of atomText.matchAll(/<entry(?: xml:base="([^"]+)")?>[\s\S]*?<link rel="alternate" type="text\/html" href="([^"]+)"/g)) {
      links.push(new URL((href ?? '').replaceAll('&amp;', '&'), entryBase ?? feedBase).href);
    }
    const feed = JSON.parse(json.body.toString('utf8')) as { version: string; items: Array<{ url: string }> };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    links.push(...feed.items.map((item) => item.url));

    expect(links).toHaveLength(4 + 3 + 3);
    expect(links.filter((link) => link.startsWith(`${site.url}${SEED_ARTICLE_PATH}`))).toHaveLength(2);
    for (const link of links) expect((await get(link)).status, link).toBe(200);
  });

  it('advertises its feeds on the home page', async () => {
    const html = (await get(`${site.url}/`)).body.toString('utf8');
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Caucasus Courier" href="${site.feeds.rss}">`);
    expect(html).toContain(`type="application/atom+xml" title="Caucasus Courier — World" href="${site.feeds.atom}"`);
    expect(html).toContain(`type="application/feed+json" title="Caucasus Courier — Technology" href="${site.feeds.json}"`);
    expect(html).toContain(`href="${SEED_ARTICLE_PATH}"`);
  });
});
