import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMatchEvent, ArticleRecord } from '@tidings/contracts';
import { alertMatchStream, IndexedEventPublisher } from '@tidings/queue';
import { startServices, type RunningServices } from '@tidings/runtime';
import { alerterService } from '@tidings/service-alerter';
import { StreamClient } from '../../services/api/src/testing/stream-client.js';
import { fixtureArticle, startApiInstance, type ApiInstance } from '../support/api-instance.js';

/**
 * A saved search's matches as Server-Sent Events: the API as `tidings api`
 * runs it and the alerter as `tidings worker alerter` runs it, on one real
 * Redis (the alerter appends each match to the stream of matches, the API
 * reads it and fans it out to the streams of that saved search only).
 */

describe('GET /api/saved-searches/:id/stream', () => {
  let api: ApiInstance;
  let services: RunningServices;
  let publisher: IndexedEventPublisher;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'alerts-stream' });
    services = await startServices(api.runtime, [alerterService], { role: 'alerter' });
    publisher = new IndexedEventPublisher(api.runtime.redis, api.prefix);
  });

  afterAll(async () => {
    await services?.close();
    await api?.stop();
  });

  async function index(article: ArticleRecord): Promise<void> {
    await api.runtime.index.upsertArticle(article);
    const { id, url, title, siteName, authors, publishedAt, fetchedAt } = article;
    await publisher.publish({ id, url, title, siteName, authors, publishedAt, fetchedAt, indexedAt: new Date().toISOString() });
  }

  async function saveSearch(query: string): Promise<string> {
    const created = await api.app.inject({ method: 'POST', url: '/api/saved-searches', payload: { query } });
    expect(created.statusCode, created.body).toBe(201);
    return (created.json() as { savedSearch: { id: string } }).savedSearch.id;
  }

  it('streams each match of that saved search, and only of it, without a webhook', async () => {
    const harbour = await saveSearch('harbour dredging');
    const quarry = await saveSearch('quarry');
    const harbourStream = await StreamClient.connect(`${api.url}/api/saved-searches/${harbour}/stream`);
    const quarryStream = await StreamClient.connect(`${api.url}/api/saved-searches/${quarry}/stream`);

    const first = fixtureArticle('https://port.example/news/dredging-starts', { title: 'Harbour dredging starts', text: 'Dredging of the harbour began.', excerpt: 'Dredging began.' });
    const other = fixtureArticle('https://port.example/news/quarry-closes', { title: 'Quarry closes', text: 'The quarry closed on Friday.' });
    const second = fixtureArticle('https://port.example/news/dredging-ends', { title: 'Dredging ends at the harbour', text: 'Harbour dredging is over.' });
    // The alerter may not have loaded the searches yet (it reloads on the store's pub/sub note): index until the first match
    // arrives. Creations and articles are published on one connection, so by then both searches are loaded.
    let matched: AlertMatchEvent | undefined;
    const firstMatch = harbourStream.next('match').then((event) => (matched = JSON.parse(event.data) as AlertMatchEvent));
    while (!matched) {
      await index(first);
      await Promise.race([firstMatch, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    expect(matched).toMatchObject({ searchId: harbour, article: { id: first.id, url: first.url, title: 'Harbour dredging starts', excerpt: 'Dredging began.' } });
    expect(Date.parse(matched.matchedAt)).not.toBeNaN();

    await index(other);
    await index(second);
    const quarryMatch = JSON.parse((await quarryStream.next('match')).data) as AlertMatchEvent;
    expect(quarryMatch).toMatchObject({ searchId: quarry, article: { id: other.id } });
    // The harbour stream skips the quarry article: its next match is the second harbour one (the first, indexed again, may come before).
    let next = JSON.parse((await harbourStream.next('match')).data) as AlertMatchEvent;
    while (next.article.id === first.id) next = JSON.parse((await harbourStream.next('match')).data) as AlertMatchEvent;
    expect(next).toMatchObject({ searchId: harbour, article: { id: second.id } });
    expect(harbourStream.events.filter((event) => event.event === 'match').map((event) => (JSON.parse(event.data) as AlertMatchEvent).article.id)).not.toContain(other.id);
    harbourStream.close();
    quarryStream.close();
  });

  it('resumes a reader that dropped with the matches the alerter found meanwhile, then goes on live, none twice', async () => {
    const search = await saveSearch('lighthouse keeper');
    const first = await StreamClient.connect(`${api.url}/api/saved-searches/${search}/stream`);
    const article = (slug: string, title: string) => fixtureArticle(`https://coast.example/news/${slug}`, { title, text: `${title}. The lighthouse keeper said so.` });
    const opening = article('keeper-arrives', 'Lighthouse keeper arrives');
    // As above: index until the alerter has loaded the search and matched.
    let seen: { id: string | null } | undefined;
    const firstMatch = first.next('match').then((event) => (seen = event));
    while (!seen) {
      await index(opening);
      await Promise.race([firstMatch, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    const lastSeen = seen.id!;
    first.close();

    const missed = [article('keeper-storm', 'Lighthouse keeper weathers storm'), article('keeper-retires', 'Lighthouse keeper retires')];
    for (const each of missed) await index(each);
    const announced = alertMatchStream(api.prefix);
    const matchedSince = async () => (await announced.entriesAfter(api.runtime.redis, lastSeen, '+', 100)).flatMap(({ event }) => (event?.searchId === search ? [event.article.id] : []));
    // The alerter has matched both (bounded by the test's own timeout).
    for (;;) {
      const ids = await matchedSince();
      if (missed.every((each) => ids.includes(each.id))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const back = await StreamClient.connect(`${api.url}/api/saved-searches/${search}/stream`, { 'last-event-id': lastSeen });
    expect(JSON.parse(back.events.find((event) => event.event === 'ready')!.data)).toEqual({ savedSearch: search, resumed: true });
    const live = article('keeper-returns', 'Lighthouse keeper returns');
    await index(live);
    const got: string[] = [];
    // The opening article, indexed more than once above, may have matched again after the reader's last event.
    while (!got.includes(live.id)) got.push((JSON.parse((await back.next('match')).data) as AlertMatchEvent).article.id);
    expect(got.filter((id) => id !== opening.id)).toEqual([...missed.map((each) => each.id), live.id]);
    back.close();
  });

  it('answers 404 for an unknown saved search, before any stream starts', async () => {
    const response = await fetch(`${api.url}/api/saved-searches/no-such-search/stream`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not-found' });
  });
});

describe('the saved-search stream is a read route', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'alerts-stream-auth', token: 'stream-test-token-0123456789', publicRead: false });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('needs the token when reads do', async () => {
    const created = await api.app.inject({ method: 'POST', url: '/api/saved-searches', payload: { query: 'harbour' }, headers: { authorization: 'Bearer stream-test-token-0123456789' } });
    expect(created.statusCode).toBe(201);
    const { id } = (created.json() as { savedSearch: { id: string } }).savedSearch;
    expect((await fetch(`${api.url}/api/saved-searches/${id}/stream`)).status).toBe(401);
    const allowed = await fetch(`${api.url}/api/saved-searches/${id}/stream`, { headers: { authorization: 'Bearer stream-test-token-0123456789' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toContain('text/event-stream');
    await allowed.body?.cancel();
  });
});
