import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { loadConfig } from '@tidings/config';
import type { ArticleRecord } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { IndexedEventPublisher } from '@tidings/queue';
import { createLogger, createRuntime, startServices, type RunningServices, type Runtime } from '@tidings/runtime';
import { alerterService, SIGNATURE_HEADER } from '@tidings/service-alerter';
import { startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

/**
 * Saved searches that alert, end to end: a real Redis, a real SQLite index,
 * the alerter service as `tidings worker alerter` runs it, and a webhook
 * receiver on 127.0.0.1 that refuses the first delivery (so it is retried).
 */

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

function article(id: string, title: string, text: string): ArticleRecord {
  return {
    id,
    url: `https://news.example.org/${id}`,
    title,
    authors: ['Ana Souza'],
    publishedAt: '2026-11-20T10:00:00.000Z',
    modifiedAt: null,
    siteName: 'Example News',
    lang: 'en',
    excerpt: 'An excerpt.',
    text,
    html: '',
    wordCount: 20,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: '2026-11-20T10:05:00.000Z',
  };
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('saved searches deliver matches to webhooks', () => {
  const prefix = uniquePrefix('alerts');
  const data = tempDir('alerts');
  const received: Received[] = [];
  let receiver: http.Server;
  let hookUrl: string;
  let runtime: Runtime;
  let services: RunningServices;
  let store: SavedSearchStore;
  let allowPrivate: string[];

  beforeAll(async () => {
    await requireRedis();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        // The first delivery finds the receiver down for a moment: the alerter must retry.
        const status = received.length === 0 ? 503 : 204;
        received.push({ headers: req.headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    hookUrl = `http://127.0.0.1:${port}/hooks/tidings`;
    allowPrivate = [`127.0.0.1:${port}`];
    const config = loadConfig({
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_LOG_LEVEL: 'silent',
      TIDINGS_FETCH_ALLOW_PRIVATE: allowPrivate.join(','),
      TIDINGS_RETRY_DELAY: '100ms',
    });
    runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
    store = new SavedSearchStore(runtime.redis, prefix);
  });

  afterAll(async () => {
    await services?.close();
    await runtime?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    await deletePrefix(prefix);
    data.remove();
  });

  it('refuses a webhook the SSRF guard refuses, storing nothing', async () => {
    const refused = await store
      .create({ query: 'anything', webhook: { url: 'http://127.0.0.1:9/hook' } }, (url) => checkFetchable(url, { allowPrivate }))
      .then(() => null, (error: unknown) => error);
    expect(refused).toMatchObject({ code: 'blocked-address' });
    expect(await store.list()).toEqual([]);
  });

  it('posts a signed match, retrying a failed delivery, and logs every attempt', async () => {
    const check = (url: string) => checkFetchable(url, { allowPrivate });
    const search = await store.create({ name: 'Kelmoor', query: 'kelmoor flood*', webhook: { url: hookUrl } }, check);
    const quiet = await store.create({ query: '"central bank"', webhook: { url: hookUrl } }, check);
    const noHook = await store.create({ query: 'kelmoor' }, check);
    expect(search.webhook?.secret.length).toBeGreaterThanOrEqual(16);
    services = await startServices(runtime, [alerterService], { role: 'alerter' });

    const publisher = new IndexedEventPublisher(runtime.redis, prefix);
    const other = article('other-1', 'Rates unchanged', 'Nothing about mines here.');
    const match = article('match-1', 'Kelmoor mine floods', 'Flooding shut the Kelmoor mine on Tuesday.');
    for (const a of [other, match]) {
      await runtime.index.upsertArticle(a);
      await publisher.publish({ id: a.id, url: a.url, title: a.title, siteName: a.siteName, authors: a.authors, publishedAt: a.publishedAt, fetchedAt: a.fetchedAt, indexedAt: new Date().toISOString() });
    }

    await until('a delivery that worked', () => received.some((r) => r.status === 204));
    expect(received.map((r) => r.status)).toEqual([503, 204]);
    for (const delivery of received) {
      const expected = `sha256=${createHmac('sha256', search.webhook?.secret ?? '').update(delivery.body).digest('hex')}`;
      expect(delivery.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(expected);
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(JSON.parse(delivery.body)).toMatchObject({
        type: 'saved-search.match',
        search: { id: search.id, name: 'Kelmoor', query: 'kelmoor flood*' },
        article: { id: 'match-1', url: match.url, title: 'Kelmoor mine floods' },
      });
    }
    const log = await until('two logged attempts', async () => {
      const entries = await store.deliveries(search.id);
      return entries.length === 2 && entries;
    });
    expect(log.map((entry) => ({ attempt: entry.attempt, status: entry.status, ok: entry.ok, articleId: entry.articleId }))).toEqual([
      { attempt: 2, status: 204, ok: true, articleId: 'match-1' },
      { attempt: 1, status: 503, ok: false, articleId: 'match-1' },
    ]);
    expect(await store.deliveries(quiet.id)).toEqual([]);
    expect(await store.deliveries(noHook.id)).toEqual([]);
  });

  it('stops delivering for a deleted saved search', async () => {
    const [search] = await store.list();
    expect(search).toBeDefined();
    for (const record of await store.list()) await store.delete(record.id);
    expect(await store.list()).toEqual([]);
    const before = received.length;
    // Give the alerter's reload (pub/sub) a moment by publishing after a round trip through Redis.
    await runtime.redis.ping();
    const publisher = new IndexedEventPublisher(runtime.redis, prefix);
    const again = article('match-2', 'Kelmoor floods again', 'Kelmoor flooding returns.');
    await runtime.index.upsertArticle(again);
    await publisher.publish({ id: again.id, url: again.url, title: again.title, siteName: again.siteName, authors: again.authors, publishedAt: again.publishedAt, fetchedAt: again.fetchedAt, indexedAt: new Date().toISOString() });
    // A marker search created now matches the next article: once its delivery arrives, match-2 was handled before it.
    const marker = await store.create({ query: 'marker', webhook: { url: hookUrl } }, (url) => checkFetchable(url, { allowPrivate }));
    await until('the marker search to be loaded', async () => {
      const m = article(`marker-${Date.now()}`, 'marker', 'marker');
      await runtime.index.upsertArticle(m);
      await publisher.publish({ id: m.id, url: m.url, title: m.title, siteName: null, authors: [], publishedAt: null, fetchedAt: m.fetchedAt, indexedAt: new Date().toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (await store.deliveries(marker.id)).some((entry) => entry.ok);
    });
    const bodies = received.slice(before).map((r) => JSON.parse(r.body) as { search: { id: string } });
    expect(bodies.every((body) => body.search.id === marker.id)).toBe(true);
  });
});

describe('saved searches through the API', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'alerts-api', env: { TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1:8931' } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('creates, lists, shows and deletes a saved search; the secret is shown once', async () => {
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/saved-searches',
      payload: { name: 'Mines', query: 'kelmoor OR "zorvath mining"', filters: { lang: 'en' }, webhook: { url: 'http://127.0.0.1:8931/hook' } },
    });
    expect(created.statusCode).toBe(201);
    const { savedSearch, webhookSecret } = created.json() as { savedSearch: { id: string }; webhookSecret: string };
    expect(webhookSecret.length).toBeGreaterThanOrEqual(16);
    expect(savedSearch).toMatchObject({ name: 'Mines', query: 'kelmoor OR "zorvath mining"', filters: { lang: 'en' }, webhook: { url: 'http://127.0.0.1:8931/hook' } });

    const list = await api.app.inject({ method: 'GET', url: '/api/saved-searches' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(webhookSecret);
    expect((list.json() as { savedSearches: { id: string }[] }).savedSearches.map((s) => s.id)).toEqual([savedSearch.id]);

    const shown = await api.app.inject({ method: 'GET', url: `/api/saved-searches/${savedSearch.id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ savedSearch: { id: savedSearch.id }, deliveries: [] });

    expect((await api.app.inject({ method: 'DELETE', url: `/api/saved-searches/${savedSearch.id}` })).statusCode).toBe(204);
    expect((await api.app.inject({ method: 'DELETE', url: `/api/saved-searches/${savedSearch.id}` })).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: `/api/saved-searches/${savedSearch.id}` })).statusCode).toBe(404);
  });

  it('refuses a query the search refuses, unknown filters, and a webhook the SSRF guard refuses', async () => {
    const post = (payload: unknown) => api.app.inject({ method: 'POST', url: '/api/saved-searches', payload: payload as object });
    const badQuery = await post({ query: 'title:' });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json()).toMatchObject({ error: 'invalid-query' });
    expect((await post({ query: '-onlyexcluded' })).statusCode).toBe(400);
    expect((await post({ query: 'x', filters: { since: '2024-01-01' } })).statusCode).toBe(400);
    const blocked = await post({ query: 'x', webhook: { url: 'http://169.254.169.254/latest/meta-data' } });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json()).toMatchObject({ error: 'blocked-address' });
    const otherPort = await post({ query: 'x', webhook: { url: 'http://127.0.0.1:8932/hook' } });
    expect(otherPort.json()).toMatchObject({ error: 'blocked-address' });
    expect((await api.app.inject({ method: 'GET', url: '/api/saved-searches' })).json()).toEqual({ savedSearches: [] });
  });
});
