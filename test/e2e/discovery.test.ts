import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { rssFeed, startRecordingServer, type RecordingServer } from '../pipeline/helpers/recording-server.js';
import { startSite, type SiteServer } from '@tidings/demo-site';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/services.js';

describe('tidings subscribe finds the feeds of a web page', () => {
  let site: SiteServer;
  let server: RecordingServer;
  const data = tempDir('discovery');
  const env = { TIDINGS_DATA_DIR: data.dir, TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32', TIDINGS_FETCH_TIMEOUT_MS: '5000' };
  const html = (head: string) => `<!doctype html><html><head><title>x</title>${head}</head><body><p>hello</p></body></html>`;

  beforeAll(async () => {
    site = await startSite();
    server = await startRecordingServer();
    server.route('/one.html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html('<link rel="alternate" type="application/atom+xml" title="Only feed" href="/only.atom">'));
    });
    server.route('/plain.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(html('')));
    // No link on the page, but the site serves a feed at /rss.xml (and /feed is a web page, not a feed).
    server.route('/feed', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(html('')));
    server.route('/rss.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] })));
  });

  afterAll(async () => {
    await site?.close();
    await server?.close();
    data.remove();
  });

  const subscribed = async () => (await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], env)).feeds.map((feed) => feed.url);

  it('lists several feeds and exits non-zero when it cannot ask which (no TTY), adding nothing', async () => {
    const result = await runCli(['subscribe', `${site.url}/`], env);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    for (const feed of site.feeds.all) expect(result.stderr).toContain(feed);
    expect(result.stderr).toMatch(/tidings: .* offers 3 feeds: subscribe to one of them \(tidings subscribe <feed url>\), or pass --all\n$/);
    expect(await subscribed()).toEqual([]);
  });

  it('adds every feed with --all, one id per line', async () => {
    const result = await runCli(['subscribe', `${site.url}/`, '--all'], env);
    expect(result.code, result.stderr).toBe(0);
    const ids = result.stdout.trim().split('\n');
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect((await subscribed()).sort()).toEqual([...site.feeds.all].sort());
  });

  it('subscribes to a feed URL directly and prints its id, as before', async () => {
    const result = await runCli(['subscribe', `${server.origin}/rss.xml`], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f]{12}\n$/);
    expect(await subscribed()).toContain(`${server.origin}/rss.xml`);
  });

  it('adds the one feed a page links to, and finds a feed at a common path when the page links to none', async () => {
    const one = await runCliJson<FeedRecord & { created: boolean }>(['subscribe', `${server.origin}/one.html`, '--json'], env);
    expect(one).toMatchObject({ url: `${server.origin}/only.atom`, title: 'Only feed', created: true });
    const other = tempDir('discovery-probe');
    const probed = await runCli(['subscribe', `${server.origin}/plain.html`], { ...env, TIDINGS_DATA_DIR: other.dir });
    other.remove();
    expect(probed.code, probed.stderr).toBe(0);
    expect(probed.stderr).toContain(`found ${server.origin}/rss.xml`);
  });

  it('says so when a page offers no feed at all', async () => {
    const bare = await startRecordingServer();
    bare.route('/', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(html('')));
    const result = await runCli(['subscribe', `${bare.origin}/`], env);
    await bare.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tidings: .* is a web page that offers no feed/);
  });

  it('refuses a URL that is neither a feed nor a web page, adding nothing', async () => {
    const other = tempDir('discovery-image');
    const result = await runCli(['subscribe', `${site.url}/images/apricot-drought.svg`], { ...env, TIDINGS_DATA_DIR: other.dir });
    const feeds = await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], { ...env, TIDINGS_DATA_DIR: other.dir });
    other.remove();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tidings: .*apricot-drought\.svg is neither a feed nor a web page/);
    expect(feeds.feeds).toEqual([]);
  });
});
