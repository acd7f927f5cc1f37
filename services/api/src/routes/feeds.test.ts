import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { startSite, type SiteServer } from '@tidings/demo-site';
import { startTestApp, type TestApp } from '../testing/test-app.js';

/** Managing a feed through the API (what the page's feeds view calls): tags, pause, resume, and the choices of a page offering several feeds. */
describe('managing feeds through the API', () => {
  let site: SiteServer;
  let api: TestApp;
  let feed: FeedRecord;
  const token = 'feeds-route-test-token-0123456789';

  beforeAll(async () => {
    site = await startSite();
    api = await startTestApp({
      deps: { auth: { token, publicRead: true }, fetch: { allowPrivate: [`127.0.0.1:${new URL(site.url).port}`], timeoutMs: 5_000, maxBytes: 5_000_000 } },
    });
    ({ feed } = await api.index.addFeed('https://courier.example/feed.xml'));
  });

  afterAll(async () => {
    await api?.close();
    await site?.close();
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload?: object, auth = true) => {
    const headers = auth ? { authorization: `Bearer ${token}` } : {};
    return payload === undefined ? api.app.inject({ method, url, headers }) : api.app.inject({ method, url, headers, payload });
  };

  it('lists the feeds a page offers as data in the 422 several-feeds, so a client can let its user pick one', async () => {
    const answer = await send('POST', '/api/feeds', { url: `${site.url}/` });
    expect(answer.statusCode).toBe(422);
    const body = answer.json<{ error: string; message: string; feeds: Array<{ url: string; title: string | null }> }>();
    expect(body.error).toBe('several-feeds');
    expect(body.feeds.map((offered) => offered.url).sort()).toEqual([...site.feeds.all].sort());
    for (const offered of site.feeds.all) expect(body.message).toContain(offered);
    const none = (await send('POST', '/api/feeds', { url: `${site.url}/articles/not-article.html` })).json<{ error: string; feeds: unknown[] }>();
    expect(none).toMatchObject({ error: 'no-feed', feeds: [] });
  });

  it('replaces the tags (trimmed, duplicates dropped), and refuses a patch it does not know', async () => {
    const answer = await send('PATCH', `/api/feeds/${feed.id}`, { tags: [' world ', 'tech', 'world'] });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<{ feed: FeedRecord }>().feed.tags).toEqual(['world', 'tech']);
    expect((await api.index.getFeed(feed.id))?.tags).toEqual(['world', 'tech']);
    expect((await send('PATCH', `/api/feeds/${feed.id}`, { tags: ['x'], state: 'paused' })).statusCode).toBe(400);
    expect((await send('PATCH', `/api/feeds/${feed.id}`, { tags: ['a\u0000b'] })).statusCode).toBe(400);
    expect((await send('PATCH', '/api/feeds/ffffffffffff', { tags: [] })).statusCode).toBe(404);
  });

  it('pauses a feed (no next poll) and resumes it from now with its failures forgotten', async () => {
    await api.index.updateFeed(feed.id, { consecutiveFailures: 4, lastStatus: 'error', lastError: 'HTTP 503', lastErrorCode: 'http-status' });
    const paused = await send('POST', `/api/feeds/${feed.id}/pause`);
    expect(paused.statusCode, paused.body).toBe(200);
    // The response schema carries the failure's typed code.
    expect(paused.json<{ feed: FeedRecord }>().feed).toMatchObject({ state: 'paused', nextPollAt: null, stateReason: expect.stringMatching(/^paused by hand on /), lastErrorCode: 'http-status' });

    const before = Date.now();
    const resumed = (await send('POST', `/api/feeds/${feed.id}/resume`)).json<{ feed: FeedRecord }>().feed;
    expect(resumed).toMatchObject({ state: 'active', stateReason: null, consecutiveFailures: 0 });
    expect(Date.parse(resumed.nextPollAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await api.index.getFeed(feed.id)).toMatchObject({ state: 'active', consecutiveFailures: 0 });
    expect((await send('POST', '/api/feeds/ffffffffffff/pause')).statusCode).toBe(404);
  });

  it('needs the token for every change', async () => {
    for (const [method, url, payload] of [
      ['PATCH', `/api/feeds/${feed.id}`, { tags: ['nope'] }],
      ['POST', `/api/feeds/${feed.id}/pause`, undefined],
      ['POST', `/api/feeds/${feed.id}/resume`, undefined],
    ] as const) {
      expect((await send(method, url, payload, false)).statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await api.index.getFeed(feed.id)).toMatchObject({ state: 'active', tags: ['world', 'tech'] });
  });
});
