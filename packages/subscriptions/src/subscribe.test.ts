import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { startSite, type SiteServer } from '@tidings/demo-site';
import type { ResolveHost } from '@tidings/http';
import { SqliteIndex } from '@tidings/index';
import { importSubscriptions, importSummary } from './import-opml.js';
import { subscribe, SubscribeError, type SubscribeOptions } from './subscribe.js';

/** subscribe and importSubscriptions against the demo news site on 127.0.0.1 and a real SQLite index. */
describe('subscribe', () => {
  let site: SiteServer;
  let index: SqliteIndex;
  let dir: string;
  let closedPort: number;
  const notes: string[] = [];
  const options = (): SubscribeOptions => ({ fetch: { allowPrivate: ['127.0.0.1/32'], timeoutMs: 5_000, maxBytes: 5_000_000 }, note: (message) => notes.push(message) });

  beforeAll(async () => {
    site = await startSite();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-subscribe-'));
    index = SqliteIndex.open(path.join(dir, 'index.db'));
    // A port nothing listens on: bound, then released.
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  afterAll(async () => {
    await site?.close();
    await index?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes to a feed URL as given', async () => {
    const [added, ...rest] = await subscribe(index, site.feeds.atom, options());
    expect(rest).toEqual([]);
    expect(added).toMatchObject({ created: true, how: 'given', feed: { url: site.feeds.atom, title: null } });
  });

  it('subscribes to the one feed a web page links to, with the link’s title', async () => {
    const [added] = await subscribe(index, `${site.url}/about.html`, options());
    expect(added).toMatchObject({ created: true, how: 'linked', feed: { url: site.feeds.rss, title: 'Caucasus Courier' } });
    expect(notes).toContain(`found ${site.feeds.rss} (Caucasus Courier)`);
    // Again: the feed is there already, unchanged.
    const [again] = await subscribe(index, `${site.url}/about.html`, { ...options(), title: 'Another title' });
    expect(again).toMatchObject({ created: false, feed: { title: 'Caucasus Courier' } });
  });

  it('refuses a page offering several feeds unless choose picks, and then adds what it picked', async () => {
    const error = await subscribe(index, `${site.url}/`, options()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubscribeError);
    expect(error).toMatchObject({ code: 'several-feeds' });
    expect((error as SubscribeError).feeds.map((feed) => feed.url)).toEqual([site.feeds.rss, site.feeds.atom, site.feeds.json]);
    const added = await subscribe(index, `${site.url}/`, { ...options(), choose: (feeds) => feeds.slice(1) });
    expect(added.map(({ feed }) => feed.url)).toEqual([site.feeds.atom, site.feeds.json]);
    expect(added.map(({ created }) => created)).toEqual([false, true]);
  });

  it('refuses a web page that offers no feed, and a URL that is neither a feed nor a page, adding nothing', async () => {
    const before = (await index.listFeeds()).length;
    await expect(subscribe(index, `${site.url}/articles/not-article.html`, options())).rejects.toMatchObject({ name: 'SubscribeError', code: 'no-feed', message: expect.stringContaining('offers no feed') });
    await expect(subscribe(index, `${site.url}/images/apricot-drought.svg`, options())).rejects.toMatchObject({ code: 'no-feed', message: expect.stringContaining('neither a feed nor a web page') });
    expect(await index.listFeeds()).toHaveLength(before);
  });

  it('subscribes on request to a URL as given, page or not, without fetching it; the fetcher\'s refusals still hold', async () => {
    const url = `${site.url}/articles/not-article.html`;
    const [added] = await subscribe(index, url, { ...options(), asGiven: true });
    expect(added).toMatchObject({ created: true, how: 'as-given', feed: { url } });
    await expect(subscribe(index, url, { ...options(), asGiven: true, fetch: { ...options().fetch, allowPrivate: [] } })).rejects.toMatchObject({ code: 'blocked-address' });
  });

  it('refuses, unfetched, a URL the fetcher would refuse', async () => {
    const error = await subscribe(index, `${site.url}/feeds/news.rss`, { ...options(), fetch: { ...options().fetch, allowPrivate: [] } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'blocked-address' });
    await expect(subscribe(index, 'ftp://files.example/feed', options())).rejects.toMatchObject({ code: 'invalid-url' });
  });

  it('refuses a URL the server says is not there (404, 410, a redirect loop), unless asked to take it as given', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
      res.writeHead(req.url === '/gone.xml' ? 410 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      for (const [pathname, said] of [['/missing.xml', /HTTP 404/], ['/gone.xml', /HTTP 410/], ['/loop', /redirect/i]] as const) {
        const refused = await subscribe(index, `${origin}${pathname}`, options()).catch((error: unknown) => error);
        expect(refused, pathname).toBeInstanceOf(SubscribeError);
        expect(refused).toMatchObject({ code: 'no-feed', message: expect.stringMatching(said) });
        expect((refused as Error).message).toContain('--as-given');
      }
      expect(await index.getFeed(`${origin}/missing.xml`)).toBeNull();
      const [added] = await subscribe(index, `${origin}/missing.xml`, { ...options(), asGiven: true });
      expect(added).toMatchObject({ created: true, how: 'as-given' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('subscribes as given, with a note, to a URL that cannot be fetched now', async () => {
    const url = `http://127.0.0.1:${closedPort}/feed.xml`;
    const [added] = await subscribe(index, url, options());
    expect(added).toMatchObject({ created: true, how: 'unreachable', feed: { url } });
    expect(notes.some((message) => message.startsWith(`could not fetch ${url} now`))).toBe(true);
  });
});

describe('importSubscriptions', () => {
  let index: SqliteIndex;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-import-'));
    index = SqliteIndex.open(path.join(dir, 'index.db'));
  });

  afterAll(async () => {
    await index?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds each feed with its title and tags, skips the ones there or listed twice, reports the rest, fetching nothing', async () => {
    await index.addFeed('https://old.example/feed');
    const list = {
      feeds: [
        { url: 'https://a.example/feed', title: 'A', tags: ['News'] },
        { url: 'https://old.example/feed', title: 'Old', tags: [] },
        { url: 'http://127.0.0.1:6379/', title: 'Redis', tags: [] },
        { url: 'https://a.example/feed?utm_source=x', title: 'A again', tags: [] },
        { url: 'https://me:pw@b.example/feed', title: null, tags: [] },
      ],
      invalid: [{ entry: 'No address', reason: 'no xmlUrl' }],
    };
    const report = await importSubscriptions(index, list, { allowPrivate: [] });
    const added = (await index.listFeeds()).find((feed) => feed.url === 'https://a.example/feed')!;
    expect(report).toEqual({
      added: [{ id: added.id, url: 'https://a.example/feed', title: 'A', tags: ['News'] }],
      skipped: [
        { id: expect.any(String), url: 'https://old.example/feed', reason: 'already subscribed' },
        { id: added.id, url: 'https://a.example/feed', reason: 'listed twice in the file' },
      ],
      invalid: [
        { entry: 'No address', reason: 'no xmlUrl' },
        { entry: 'http://127.0.0.1:6379/', reason: expect.stringContaining('blocked address') },
        { entry: 'https://me:pw@b.example/feed', reason: expect.stringContaining('credentials') },
      ],
      unprocessed: [],
    });
    expect(importSummary(report)).toEqual({
      added: 1,
      existing: 2,
      failed: report.invalid.map(({ entry, reason }) => ({ url: entry, message: reason })),
      unprocessed: 0,
    });
  });

  it('stops at its time budget and reports every feed it did not come to, in order, as out-of-time; importing again takes them', async () => {
    // Public addresses written as IPs: checked without DNS, so the list's length alone outlasts the budget.
    const feeds = Array.from({ length: 3_000 }, (_, n) => ({ url: `https://93.184.216.34/budget/${n}.xml`, title: `Feed ${n}`, tags: n % 2 === 0 ? ['Even'] : [] }));
    const report = await importSubscriptions(index, { feeds, invalid: [] }, { allowPrivate: [] }, { budgetMs: 40 });
    const done = report.added.length;
    expect(done).toBeLessThan(feeds.length);
    expect([report.skipped, report.invalid]).toEqual([[], []]);
    expect(report.added.map((feed) => feed.url)).toEqual(feeds.slice(0, done).map((feed) => feed.url));
    expect(report.unprocessed).toEqual(feeds.slice(done).map(({ url, title, tags }) => ({ url, title, tags, code: 'out-of-time', reason: expect.stringContaining('40 ms') })));
    expect(importSummary(report).unprocessed).toBe(feeds.length - done);

    const again = await importSubscriptions(index, { feeds, invalid: [] }, { allowPrivate: [] });
    expect(again.added.map((feed) => feed.url)).toEqual(report.unprocessed.map((feed) => feed.url));
    expect(again.skipped).toHaveLength(done);
    expect(again.unprocessed).toEqual([]);
  });

  it('stops at its time budget while a host name is still being looked up, and reports that feed and the rest as out-of-time', async () => {
    // The name server never answers for slow.example (its check would wait out its own 2 s); every other name is public.
    const resolve: ResolveHost = (hostname) => (hostname === 'slow.example' ? new Promise(() => {}) : Promise.resolve([{ address: '93.184.216.34', family: 4 }]));
    const feeds = ['https://before.example/feed', 'https://slow.example/feed', 'https://after.example/feed'].map((url) => ({ url, title: null, tags: [] }));
    const report = await importSubscriptions(index, { feeds, invalid: [] }, { allowPrivate: [], timeoutMs: 2_000 }, { budgetMs: 200, resolve });
    expect(report.added.map((feed) => feed.url)).toEqual(['https://before.example/feed']);
    expect(report.unprocessed.map(({ url, code }) => [url, code])).toEqual([
      ['https://slow.example/feed', 'out-of-time'],
      ['https://after.example/feed', 'out-of-time'],
    ]);
  });
});
