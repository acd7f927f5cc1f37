import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { startSite, type SiteServer } from '@tidings/demo-site';
import { TIDINGS_OPML } from '../opml.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

/** POST /api/feeds and POST /api/opml through the one subscribe path, against the demo news site on 127.0.0.1. */
describe('subscribing through the API', () => {
  let site: SiteServer;
  let api: TestApp;

  beforeAll(async () => {
    site = await startSite();
    api = await startTestApp({ deps: { opml: TIDINGS_OPML, fetch: { allowPrivate: [`127.0.0.1:${new URL(site.url).port}`], timeoutMs: 5_000, maxBytes: 5_000_000 } } });
  });

  afterAll(async () => {
    await api?.close();
    await site?.close();
  });

  const post = (url: string, extra: Record<string, unknown> = {}) => api.app.inject({ method: 'POST', url: '/api/feeds', payload: { url, ...extra } });

  it('discovers the feed of a web page and subscribes to it (201, then 200)', async () => {
    const created = await post(`${site.url}/about.html`, { tags: ['local'] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<{ feed: FeedRecord; created: boolean }>()).toMatchObject({ created: true, feed: { url: site.feeds.rss, title: 'Caucasus Courier', tags: ['local'] } });
    const again = await post(site.feeds.rss);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ created: boolean }>().created).toBe(false);
  });

  it('answers 422 several-feeds, naming them, for a page that offers several', async () => {
    const answer = await post(`${site.url}/`);
    expect(answer.statusCode).toBe(422);
    const body = answer.json<{ error: string; message: string }>();
    expect(body.error).toBe('several-feeds');
    for (const feed of site.feeds.all) expect(body.message).toContain(feed);
  });

  it('answers 422 no-feed for a page without feeds and for something that is no feed at all', async () => {
    for (const url of [`${site.url}/articles/not-article.html`, `${site.url}/images/apricot-drought.svg`]) {
      const answer = await post(url);
      expect(answer.statusCode, url).toBe(422);
      expect(answer.json<{ error: string }>().error).toBe('no-feed');
    }
    expect((await api.index.listFeeds()).map((feed) => feed.url)).toEqual([site.feeds.rss]);
  });

  it('imports OPML with the report the CLI prints, beside the counts it always answered with', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="News"><outline type="rss" text="Courier" xmlUrl="${site.feeds.atom}"/></outline>
      <outline type="rss" text="again" xmlUrl="${site.feeds.rss}"/>
      <outline type="rss" text="redis" xmlUrl="http://127.0.0.1:6379/"/>
    </body></opml>`;
    const answer = await api.app.inject({ method: 'POST', url: '/api/opml', payload: opml, headers: { 'content-type': 'text/x-opml' } });
    expect(answer.statusCode, answer.body).toBe(200);
    const result = answer.json<{ added: number; existing: number; failed: Array<{ url: string }>; report: { added: Array<{ url: string; tags: string[] }>; skipped: Array<{ url: string; reason: string }>; invalid: Array<{ entry: string }> } }>();
    expect(result).toMatchObject({ added: 1, existing: 1, failed: [{ url: 'http://127.0.0.1:6379/' }] });
    expect(result.report.added).toMatchObject([{ url: site.feeds.atom, tags: ['News'] }]);
    expect(result.report.skipped).toMatchObject([{ url: site.feeds.rss, reason: 'already subscribed' }]);
    expect(result.report.invalid.map((entry) => entry.entry)).toEqual(['http://127.0.0.1:6379/']);
  });
});
