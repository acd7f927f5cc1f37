import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { TidingsIndex } from '@tidings/index';
import { announced, beforeEachSearch, hoursAgo, liveArticle as article, streamTestHarness } from './testing/stream-tests.js';

/** The index, with every search counted. */
function counting(index: TidingsIndex, counter: { searches: number }): TidingsIndex {
  return beforeEachSearch(index, () => {
    counter.searches++;
  });
}

const { start, connect } = streamTestHarness();

/** The status of one GET on a connection of its own, closed right after (a stream is not read). */
function probe(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
  });
}

describe('live streams: filtered matching in batches', () => {
  it('costs one search per batch and distinct filter, not one per article per reader', async () => {
    const counter = { searches: 0 };
    const api = await start({ wrapIndex: (index) => counting(index, counter) });
    const glacierOne = article('glacier-one', 'Glacier melt speeds up', 'Scientists measured the glacier melt all summer.', hoursAgo(1));
    const budget = article('budget', 'Budget talks stall', 'Parliament failed to pass the budget again.', hoursAgo(2));
    const glacierTwo = article('glacier-two', 'Alpine glacier retreats', 'The glacier lost forty metres this year.', hoursAgo(30));
    const other = article('other', 'Harbour reopens', 'Ships returned to the harbour on Monday.', hoursAgo(3));
    for (const record of [glacierOne, budget, glacierTwo, other]) await api.index.upsertArticle(record);

    const glacier = await Promise.all(Array.from({ length: 4 }, () => connect(`${api.url}/api/stream?q=glacier`)));
    const budgets = await Promise.all(Array.from({ length: 2 }, () => connect(`${api.url}/api/stream?q=budget&lang=en`)));
    const everything = await connect(`${api.url}/api/stream`);
    const afterConnecting = counter.searches;

    await api.announce(...[glacierOne, budget, glacierTwo, other].map(announced));
    for (const client of glacier) expect(await client.articles(2)).toEqual([glacierOne.id, glacierTwo.id]);
    for (const client of budgets) expect(await client.articles(1)).toEqual([budget.id]);
    expect(await everything.articles(4)).toEqual([glacierOne.id, budget.id, glacierTwo.id, other.id]);
    // Two filters, one batch: two searches (the old way: 6 readers x 4 articles = 24).
    expect(counter.searches - afterConnecting).toBe(2);

    // The next batch is matched on its own, and readers only get what matches them.
    const glacierThree = article('glacier-three', 'Glacier museum opens', 'A museum about the glacier opened.', hoursAgo(0.5));
    await api.index.upsertArticle(glacierThree);
    await api.announce(announced(other), announced(glacierThree));
    for (const client of glacier) expect(await client.articles(1)).toEqual([glacierThree.id]);
    expect(counter.searches - afterConnecting).toBe(4);
  });

  it('keeps the event format: id line, article event, the same data fields, a snippet for filtered streams', async () => {
    const api = await start();
    const record = article('format', 'Glacier data', 'The glacier data arrived.', hoursAgo(1));
    await api.index.upsertArticle(record);
    const filtered = await connect(`${api.url}/api/stream?q=glacier`);
    const all = await connect(`${api.url}/api/stream`);
    await api.announce(announced(record));
    const event = await filtered.next('article');
    const data = JSON.parse(event.data) as Record<string, unknown>;
    // The id names this announcement: the article and when it was indexed (an article indexed again is another event).
    expect(event.id).toBe(`${record.id}-${Date.parse(String(data.indexedAt))}`);
    expect(Object.keys(data)).toEqual(['id', 'url', 'title', 'siteName', 'authors', 'publishedAt', 'indexedAt', 'snippet']);
    expect(String(data.snippet)).toContain('<mark>');
    expect((JSON.parse((await all.next('article')).data) as { snippet: unknown }).snippet).toBeNull();
  });

  it('gives a reader only articles announced after it connected', async () => {
    const api = await start();
    const early = article('early', 'Glacier early', 'An early glacier story.', hoursAgo(1));
    const late = article('late', 'Glacier late', 'A late glacier story.', hoursAgo(1));
    for (const record of [early, late]) await api.index.upsertArticle(record);
    const first = await connect(`${api.url}/api/stream?q=glacier`);
    await api.announce(announced(early));
    expect(await first.articles(1)).toEqual([early.id]);
    const second = await connect(`${api.url}/api/stream?q=glacier`);
    await api.announce(announced(late));
    expect(await second.articles(1)).toEqual([late.id]);
    expect(await first.articles(1)).toEqual([late.id]);
  });
});

describe('live streams: at most maxStreams at once', () => {
  it('answers 503 with Retry-After beyond the cap, and frees a place when a reader leaves', async () => {
    const api = await start({ deps: { maxStreams: 2 } });
    const first = await connect(`${api.url}/api/stream`);
    await connect(`${api.url}/api/stream?q=glacier`);
    const refused = await api.app.inject({ method: 'GET', url: '/api/stream' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 503, error: 'too-many-streams' });

    first.close();
    // The place is freed when the server sees the connection close.
    while ((await probe(`${api.url}/api/stream`)) === 503) await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it('does not count a stream refused for a malformed query', async () => {
    const api = await start({ deps: { maxStreams: 1 } });
    for (let i = 0; i < 3; i++) expect((await fetch(`${api.url}/api/stream?q=${encodeURIComponent('lang:!!')}`)).status).toBe(400);
    await connect(`${api.url}/api/stream?q=glacier`);
  });
});
