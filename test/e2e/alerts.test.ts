import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { loadConfig } from '@tidings/config';
import type { ArticleRecord } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { IndexedEventPublisher } from '@tidings/queue';
import { createLogger, createRuntime, startServices, type RunningServices, type Runtime } from '@tidings/runtime';
import { alerterService, createAlerterService, SIGNATURE_HEADER } from '@tidings/service-alerter';
import { fixtureArticle, startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { runCli, runCliJson } from '../support/cli.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { until } from '../support/until.js';
import { startWebhookReceiver, type ReceivedRequest } from '../support/webhook-receiver.js';

/**
 * Saved searches that alert, end to end: a real Redis, a real SQLite index,
 * the alerter service as `tidings worker alerter` runs it, and a webhook
 * receiver on 127.0.0.1 (refusing the first delivery, so it is retried).
 * Digests run the same alerter with its period shortened to a second and a
 * half (the same code runs every hour or day otherwise).
 */

/** How long each wait below may take before it fails naming what it waited for. */
const WAIT_MS = 20_000;

/** A webhook receiver on 127.0.0.1 and a runtime (real Redis, real SQLite index) whose SSRF guard lets that receiver through. */
interface AlertsRig {
  prefix: string;
  /** Every request the receiver got, in order. */
  received: ReceivedRequest[];
  /** http://127.0.0.1:<port> of the receiver. */
  base: string;
  allowPrivate: string[];
  check(url: string): Promise<unknown>;
  runtime: Runtime;
  store: SavedSearchStore;
  close(): Promise<void>;
}

/** Starts an {@link AlertsRig}; `status` decides each answer from how many requests came before it. */
async function startAlertsRig(label: string, status: (before: number) => number = () => 204): Promise<AlertsRig> {
  await requireRedis();
  const prefix = uniquePrefix(label);
  const data = tempDir(label);
  const receiver = await startWebhookReceiver((_req, res, before) => res.writeHead(status(before)).end());
  const { port } = receiver;
  const allowPrivate = [`127.0.0.1:${port}`];
  const config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    TIDINGS_QUEUE_PREFIX: prefix,
    TIDINGS_DATA_DIR: data.dir,
    TIDINGS_LOG_LEVEL: 'silent',
    TIDINGS_FETCH_ALLOW_PRIVATE: allowPrivate.join(','),
    TIDINGS_RETRY_DELAY: '100ms',
  });
  const runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
  return {
    prefix,
    received: receiver.received,
    base: `http://127.0.0.1:${port}`,
    allowPrivate,
    check: (url) => checkFetchable(url, { allowPrivate }),
    runtime,
    store: new SavedSearchStore(runtime.redis, prefix),
    close: async () => {
      await runtime.close();
      await receiver.close();
      await deletePrefix(prefix);
      data.remove();
    },
  };
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

describe('saved searches deliver matches to webhooks', () => {
  let rig: AlertsRig;
  let received: ReceivedRequest[];
  let hookUrl: string;
  let runtime: Runtime;
  let services: RunningServices;
  let store: SavedSearchStore;
  let allowPrivate: string[];
  let prefix: string;

  beforeAll(async () => {
    // The first delivery finds the receiver down for a moment: the alerter must retry.
    rig = await startAlertsRig('alerts', (before) => (before === 0 ? 503 : 204));
    ({ received, runtime, store, allowPrivate, prefix } = rig);
    hookUrl = `${rig.base}/hooks/tidings`;
  });

  afterAll(async () => {
    await services?.close();
    await rig?.close();
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

    await until('a delivery that worked', () => received.some((r) => r.status === 204), WAIT_MS);
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
    }, WAIT_MS);
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
    }, WAIT_MS);
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

interface DigestBody {
  type: string;
  search: { id: string };
  period: { every: string; from: string; to: string };
  total: number;
  articles: Array<{ id: string; matchedAt: string }>;
}

function storyArticle(slug: string, title: string): ArticleRecord {
  return fixtureArticle(`https://news.example.org/${slug}`, { title, text: title });
}

describe('saved searches with a digest', () => {
  let rig: AlertsRig;
  let received: ReceivedRequest[];
  let base: string;
  let runtime: Runtime;
  let services: RunningServices;
  let store: SavedSearchStore;
  let check: (url: string) => Promise<unknown>;
  let prefix: string;

  beforeAll(async () => {
    rig = await startAlertsRig('alerts-digest');
    ({ received, base, runtime, store, check, prefix } = rig);
  });

  afterAll(async () => {
    await services?.close();
    await rig?.close();
  });

  it('refuses a digest with no webhook to go to, and a period it does not know', async () => {
    await expect(store.create({ query: 'kelmoor', digest: { every: '1h' } }, check)).rejects.toMatchObject({ code: 'invalid-payload' });
    await expect(store.create({ query: 'kelmoor', webhook: { url: `${base}/x` }, digest: { every: '1w' } }, check)).rejects.toMatchObject({ code: 'invalid-payload' });
    await expect(store.create({ query: 'kelmoor', digest: { every: '1d', webhook: { url: 'http://127.0.0.1:9/digest' } } }, check)).rejects.toMatchObject({ code: 'blocked-address' });
    expect(await store.list()).toEqual([]);
  });

  it('posts one signed digest per period instead of a post per match, and logs it', async () => {
    // Digest to the search's own webhook: no post per match there.
    const digestOnly = await store.create({ name: 'Mines digest', query: 'kelmoor', webhook: { url: `${base}/mines` }, digest: { every: '1h' } }, check);
    // A digest of its own beside a post per match.
    const both = await store.create({ query: 'harbour', webhook: { url: `${base}/harbour-each` }, digest: { every: '1h', webhook: { url: `${base}/harbour-digest` } } }, check);
    expect(both.digest?.webhook?.secret.length).toBeGreaterThanOrEqual(16);
    services = await startServices(runtime, [createAlerterService({ digestPeriodMs: { '1h': 1_500 } })], { role: 'alerter' });

    const publisher = new IndexedEventPublisher(runtime.redis, prefix);
    const port = storyArticle('port-1', 'Harbour closes');
    const articles = [storyArticle('mine-1', 'Kelmoor mine floods'), storyArticle('mine-2', 'Kelmoor mine reopens'), port, storyArticle('quiet-1', 'Rates unchanged')];
    for (const a of articles) {
      await runtime.index.upsertArticle(a);
      await publisher.publish({ id: a.id, url: a.url, title: a.title, siteName: a.siteName, authors: a.authors, publishedAt: a.publishedAt, fetchedAt: a.fetchedAt, indexedAt: new Date().toISOString() });
    }

    const digestsTo = (path: string) => received.filter((r) => r.path === path).map((r) => ({ ...r, parsed: JSON.parse(r.body) as DigestBody }));
    // The matches may straddle a period's end: then they come in two digests.
    await until('both mine matches in digests', () => new Set(digestsTo('/mines').flatMap((d) => d.parsed.articles.map((a) => a.id))).size === 2, WAIT_MS);
    await until('the harbour digest', () => digestsTo('/harbour-digest').length > 0, WAIT_MS);
    await until('the harbour match on its own', () => received.some((r) => r.path === '/harbour-each'), WAIT_MS);

    for (const digest of digestsTo('/mines')) {
      expect(digest.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', digestOnly.webhook?.secret ?? '').update(digest.body).digest('hex')}`);
      expect(digest.parsed).toMatchObject({ type: 'saved-search.digest', search: { id: digestOnly.id }, period: { every: '1h' } });
      expect(digest.parsed.total).toBe(digest.parsed.articles.length);
      expect(Date.parse(digest.parsed.period.to) - Date.parse(digest.parsed.period.from)).toBe(1_500);
    }
    const [harbourDigest] = digestsTo('/harbour-digest');
    expect(harbourDigest?.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', both.digest?.webhook?.secret ?? '').update(harbourDigest?.body ?? '').digest('hex')}`);
    expect(harbourDigest?.parsed.articles.map((a) => a.id)).toEqual([port.id]);
    const each = received.filter((r) => r.path === '/harbour-each').map((r) => JSON.parse(r.body) as { type: string; article: { id: string } });
    expect(each).toEqual([expect.objectContaining({ type: 'saved-search.match', article: expect.objectContaining({ id: port.id }) })]);
    // Nothing went out for the article no search matched (its URL says quiet-1), and no post per match to a webhook a digest took.
    expect(received.map((r) => r.body).join('\n')).not.toContain('quiet-1');

    await until('the digests logged', async () => (await store.deliveries(digestOnly.id)).length === digestsTo('/mines').length, WAIT_MS);
    const log = await store.deliveries(digestOnly.id);
    for (const entry of log) {
      expect(entry).toMatchObject({ ok: true, status: 204, attempt: 1 });
      expect(entry.articleId).toBe(`digest:${entry.digest?.to}`);
    }
    expect(log.reduce((sum, entry) => sum + (entry.digest?.articles ?? 0), 0)).toBe(2);
  });

  it('sends nothing for a period without matches, and delivers a match once', async () => {
    const before = received.length;
    // Two more periods go by with nothing new.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(received.slice(before)).toEqual([]);
  });
});

describe('tidings alerts add --digest', () => {
  const data = tempDir('alerts-cli');
  let rig: AlertsRig;
  let env: Record<string, string>;

  beforeAll(async () => {
    rig = await startAlertsRig('alerts-cli');
    env = { REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: rig.prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_FETCH_ALLOW_PRIVATE: rig.allowPrivate.join(',') };
  });

  afterAll(async () => {
    await rig?.close();
    data.remove();
  });

  it('saves a digest search, shows it in the list, and refuses a period it does not know', async () => {
    const added = await runCliJson<{ id: string; digest: { every: string; webhook: unknown } }>(['alerts', 'add', 'kelmoor', '--webhook', `${rig.base}/daily`, '--digest', '1d', '--json'], env);
    expect(added.digest).toEqual({ every: '1d', webhook: null });
    const listed = await runCliJson<{ savedSearches: Array<{ id: string; digest: unknown; webhook: unknown }> }>(['alerts', 'list', '--json'], env);
    expect(listed.savedSearches).toEqual([expect.objectContaining({ id: added.id, webhook: { url: `${rig.base}/daily` }, digest: { every: '1d', webhook: null } })]);

    const weekly = await runCli(['alerts', 'add', 'kelmoor', '--webhook', `${rig.base}/weekly`, '--digest', '1w'], env);
    expect(weekly.code).toBe(2);
    expect(weekly.stderr).toBe('tidings: a digest is sent every 1h or 1d, not "1w"\n');
    const nowhere = await runCli(['alerts', 'add', 'kelmoor', '--digest', '1h'], env);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('a digest needs a webhook');
    expect((await rig.store.list()).map((search) => search.id)).toEqual([added.id]);
  });
});
