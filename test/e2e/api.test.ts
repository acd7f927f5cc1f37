import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord, FeedRecord, SearchResult } from '@tidings/contracts';
import { QUEUES } from '@tidings/contracts';
import { FIXTURE_ARTICLES, startApiInstance, type ApiInstance } from '../support/api-instance.js';

const byTitle = (title: string): ArticleRecord => {
  const article = FIXTURE_ARTICLES.find((candidate) => candidate.title.startsWith(title));
  if (!article) throw new Error(`no fixture titled ${title}`);
  return article;
};

describe('the HTTP API over a real index and Redis', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ articles: FIXTURE_ARTICLES, feeds: ['https://courier.example/feed.xml', 'https://daily.example/rss'], label: 'api' });
  });

  afterAll(async () => {
    await api?.stop();
  });

  const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers });
  const json = <T>(response: { body: string }) => JSON.parse(response.body) as T;

  describe('GET /api/search', () => {
    it('finds articles with the contract shape, snippets highlighted, facets over the whole result set', async () => {
      const response = await get('/api/search?q=corridor&limit=2');
      expect(response.statusCode).toBe(200);
      const result = json<SearchResult>(response);
      expect(result.total).toBe(3);
      expect(result.hits).toHaveLength(2);
      expect(Object.keys(result).sort()).toEqual(['facets', 'hits', 'nextCursor', 'total']);
      for (const hit of result.hits) {
        expect(Object.keys(hit).sort()).toEqual(['authors', 'id', 'publishedAt', 'score', 'siteName', 'snippet', 'title', 'url']);
        expect(hit.snippet.toLowerCase()).toContain('<mark>corridor</mark>');
      }
      // Counted over all three matches, not just the page of two.
      expect(result.facets?.site).toEqual([{ value: 'Caucasus Courier', count: 3 }]);
      expect(result.facets?.author).toEqual([{ value: 'Anna Petrosyan', count: 3 }]);
      expect(result.facets?.day.map((day) => day.value).sort()).toEqual(['2025-02-28', '2025-03-02', '2025-03-03']);
    });

    it('gives each hit a snippet from its own article', async () => {
      const result = json<SearchResult>(await get('/api/search?q=corridor&limit=10'));
      for (const hit of result.hits) {
        const article = FIXTURE_ARTICLES.find((candidate) => candidate.id === hit.id)!;
        const text = hit.snippet.replace(/<\/?mark>/g, '').replace(/…/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        const plain = `${article.title} ${article.text}`.replace(/\s+/g, ' ');
        for (const piece of text.split(/\s*\n+\s*/).filter((part) => part.trim().length > 10)) expect(plain).toContain(piece.replace(/\s+/g, ' ').trim());
      }
    });

    it('pages with an opaque cursor until nextCursor is null, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const query: URLSearchParams = new URLSearchParams({ q: 'corridor', limit: '1', ...(cursor ? { cursor } : {}) });
        const result: SearchResult = json<SearchResult>(await get(`/api/search?${query}`));
        seen.push(...result.hits.map((hit) => hit.id));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
    });

    it('filters by site, author, lang, since and until', async () => {
      const titles = async (query: string) => json<SearchResult>(await get(`/api/search?${query}`)).hits.map((hit) => hit.title).sort();
      expect(await titles('q=energy&site=daily.example')).toEqual(['Energy prices fall as winter ends']);
      expect(await titles('q=reopens&author=Tom%20Baker')).toEqual(['Mountain road reopens after landslide']);
      expect(await titles('q=&lang=de')).toEqual(['Energiepreise sinken zum Frühlingsbeginn']);
      expect(await titles('q=corridor&since=2025-03-02&until=2025-03-02')).toEqual(['Aid convoys wait at the corridor checkpoint']);
    });

    it('sorts by date, newest first', async () => {
      const result = json<SearchResult>(await get('/api/search?q=corridor&sort=date'));
      const dates = result.hits.map((hit) => hit.publishedAt!);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('understands the query language: phrases, exclusions, OR, prefixes and fields', async () => {
      const total = async (q: string) => json<SearchResult>(await get(`/api/search?${new URLSearchParams({ q })}`)).total;
      expect(await total('"aid convoys"')).toBe(2);
      expect(await total('corridor -checkpoint')).toBe(1);
      expect(await total('landslide OR gasspeicher')).toBe(2);
      expect(await total('energ*')).toBeGreaterThanOrEqual(2);
      expect(await total('title:corridor')).toBe(3);
      expect(await total('title:"corridor checkpoint"')).toBe(1);
      expect(await total('site:daily.example reopens')).toBe(1);
    });

    it.each([
      ['limit above 100', '/api/search?q=corridor&limit=101', /limit/],
      ['limit not a number', '/api/search?q=corridor&limit=ten', /limit/],
      ['unknown sort', '/api/search?q=corridor&sort=popular', /sort/],
      ['since not a date', '/api/search?q=corridor&since=yesterday', /since/],
      ['q given twice', '/api/search?q=a&q=b', /q/],
      ['a query too long', `/api/search?q=${'a'.repeat(1001)}`, /q/],
      ['no query and no filter', '/api/search?q=', /query|filter/],
    ])('refuses %s with 400 and says why', async (_label, url, pattern) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      const body = json<{ error: string; message: string }>(response);
      expect(body.message).toMatch(pattern);
    });

    it.each(['lang:!!', 'title:', 'lang:"not a language"'])('answers the malformed query %j with 400 and a message, never a 500 or SQL', async (q) => {
      const response = await get(`/api/search?${new URLSearchParams({ q })}`);
      expect(response.statusCode).toBe(400);
      const body = json<{ error: string; message: string }>(response);
      expect(body.error).toBe('invalid-query');
      expect(body.message).toMatch(/search query/);
      expect(body.message).not.toMatch(/sqlite|fts5|syntax error|SELECT/i);
    });

    it('treats FTS syntax and SQL-looking input as plain text', async () => {
      for (const q of ['NEAR(corridor', "'; DROP TABLE articles; --", 'corridor^2 {x}', '"unterminated']) {
        const response = await get(`/api/search?${new URLSearchParams({ q })}`);
        expect([200, 400], q).toContain(response.statusCode);
        expect(response.body).not.toMatch(/sqlite|fts5|SELECT/i);
      }
      expect(json<SearchResult>(await get('/api/search?q=corridor')).total).toBe(3);
    });

    it('refuses an over-long request target with 414', async () => {
      const response = await get(`/api/search?q=corridor&pad=${'x'.repeat(9000)}`);
      expect(response.statusCode).toBe(414);
    });
  });

  describe('articles', () => {
    it('GET /api/articles/:id returns the whole record', async () => {
      const article = byTitle('Lachin corridor');
      const response = await get(`/api/articles/${article.id}`);
      expect(response.statusCode).toBe(200);
      const record = json<ArticleRecord>(response);
      expect(record).toMatchObject({ id: article.id, url: article.url, title: article.title, text: article.text, authors: article.authors, siteName: article.siteName });
    });

    it('GET /api/articles/:id also takes the article URL, encoded', async () => {
      const article = byTitle('Energy prices');
      const response = await get(`/api/articles/${encodeURIComponent(article.url)}`);
      expect(response.statusCode).toBe(200);
      expect(json<ArticleRecord>(response).id).toBe(article.id);
    });

    it('answers 404 for an unknown article', async () => {
      const response = await get('/api/articles/0000000000000000');
      expect(response.statusCode).toBe(404);
      expect(json<{ error: string }>(response).error).toBe('not-found');
    });

    it('GET /api/articles/:id/similar finds the closest other articles, never itself', async () => {
      const article = byTitle('Lachin corridor');
      const response = await get(`/api/articles/${article.id}/similar?limit=3`);
      expect(response.statusCode).toBe(200);
      const { hits } = json<{ hits: Array<{ id: string; title: string }> }>(response);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(3);
      expect(hits.map((hit) => hit.id)).not.toContain(article.id);
      expect(hits[0]!.title).toMatch(/corridor/i);
    });

    it('answers 404 for similar articles of an unknown one, and 400 for a bad limit', async () => {
      expect((await get('/api/articles/0000000000000000/similar')).statusCode).toBe(404);
      expect((await get(`/api/articles/${byTitle('Lachin').id}/similar?limit=0`)).statusCode).toBe(400);
    });
  });

  describe('feeds', () => {
    it('GET /api/feeds lists every feed with its health', async () => {
      const response = await get('/api/feeds');
      expect(response.statusCode).toBe(200);
      const { feeds } = json<{ feeds: FeedRecord[] }>(response);
      expect(feeds.map((feed) => feed.url).slice(0, 2)).toEqual(['https://courier.example/feed.xml', 'https://daily.example/rss']);
      for (const field of ['lastFetchAt', 'lastStatus', 'consecutiveFailures', 'nextPollAt', 'itemsSeen', 'state']) expect(feeds[0]).toHaveProperty(field);
    });

    it('POST /api/feeds subscribes (201), says 200 for a feed already there, DELETE unsubscribes', async () => {
      const created = await api.app.inject({ method: 'POST', url: '/api/feeds', payload: { url: 'https://new.example/atom.xml', title: 'New', tags: ['tech'] } });
      expect(created.statusCode).toBe(201);
      const { feed } = json<{ feed: FeedRecord; created: boolean }>(created);
      expect(feed).toMatchObject({ url: 'https://new.example/atom.xml', title: 'New', tags: ['tech'] });
      const again = await api.app.inject({ method: 'POST', url: '/api/feeds', payload: { url: 'https://new.example/atom.xml' } });
      expect(again.statusCode).toBe(200);
      expect(json<{ created: boolean }>(again).created).toBe(false);
      expect((await api.runtime.index.getFeed(feed.id))?.url).toBe('https://new.example/atom.xml');

      const removed = await api.app.inject({ method: 'DELETE', url: `/api/feeds/${feed.id}` });
      expect(removed.statusCode).toBe(204);
      expect(removed.body).toBe('');
      expect(await api.runtime.index.getFeed(feed.id)).toBeNull();
      expect((await api.app.inject({ method: 'DELETE', url: `/api/feeds/${feed.id}` })).statusCode).toBe(404);
    });

    it.each([
      ['a URL that is not http(s)', { url: 'ftp://files.example/feed' }, 400],
      ['no url', { title: 'x' }, 400],
      ['an unknown field', { url: 'https://a.example/feed', admin: true }, 400],
      ['a url that is not a string', { url: 42 }, 400],
    ])('POST /api/feeds refuses %s', async (_label, payload, status) => {
      const response = await api.app.inject({ method: 'POST', url: '/api/feeds', payload });
      expect(response.statusCode).toBe(status);
      expect(json<{ message: string }>(response).message.length).toBeGreaterThan(0);
    });

    it('POST /api/feeds refuses malformed JSON, a wrong content type and a body over the limit', async () => {
      const malformed = await api.app.inject({ method: 'POST', url: '/api/feeds', payload: '{"url": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.statusCode).toBe(400);
      const wrongType = await api.app.inject({ method: 'POST', url: '/api/feeds', payload: 'url=https://a.example/', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(wrongType.statusCode).toBe(415);
      const huge = await api.app.inject({ method: 'POST', url: '/api/feeds', payload: { url: `https://a.example/${'x'.repeat(20_000)}` } });
      expect(huge.statusCode).toBe(413);
    });

    it('POST /api/feeds/:id/refresh queues a feed-fetch job for that feed now', async () => {
      const { feeds } = json<{ feeds: FeedRecord[] }>(await get('/api/feeds'));
      const feed = feeds[0]!;
      const response = await api.app.inject({ method: 'POST', url: `/api/feeds/${feed.id}/refresh` });
      expect(response.statusCode).toBe(202);
      const { jobId } = json<{ jobId: string; queued: boolean }>(response);
      const job = await api.runtime.queues.get(QUEUES.feedFetch).getJob(jobId);
      expect(job?.data).toEqual({ feedId: feed.id, feedUrl: feed.url });
      // A second refresh is a second job, not swallowed as a duplicate.
      const second = json<{ jobId: string }>(await api.app.inject({ method: 'POST', url: `/api/feeds/${feed.id}/refresh` }));
      expect(second.jobId).not.toBe(jobId);
      expect((await api.app.inject({ method: 'POST', url: '/api/feeds/ffffffffffff/refresh' })).statusCode).toBe(404);
    });
  });

  describe('OPML', () => {
    const opml = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="World"><outline type="rss" text="Caucasus Courier" xmlUrl="https://courier.example/feed.xml"/>
    <outline type="rss" text="Planet" xmlUrl="https://planet.example/rss" category="science"/></outline>
  <outline type="rss" text="Bad" xmlUrl="ftp://files.example/feed"/>
</body></opml>`;

    it('POST /api/opml subscribes to every feed listed, folders as tags, and reports what it could not take', async () => {
      const response = await api.app.inject({ method: 'POST', url: '/api/opml', payload: opml, headers: { 'content-type': 'text/x-opml' } });
      expect(response.statusCode).toBe(200);
      const result = json<{ added: number; existing: number; failed: Array<{ url: string; message: string }> }>(response);
      expect(result.added).toBe(1);
      expect(result.existing).toBe(1);
      expect(result.failed.map((failure) => failure.url)).toEqual(['ftp://files.example/feed']);
      const planet = (await api.runtime.index.listFeeds()).find((feed) => feed.url === 'https://planet.example/rss');
      expect(planet).toMatchObject({ title: 'Planet', tags: ['World', 'science'] });
    });

    it('GET /api/opml exports every feed as OPML', async () => {
      const response = await get('/api/opml');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/x-opml/);
      expect(response.body).toContain('<opml version="2.0">');
      for (const feed of await api.runtime.index.listFeeds()) expect(response.body).toContain(`xmlUrl="${feed.url}"`);
    });

    it('POST /api/opml refuses a document that is not OPML, and one over the size limit', async () => {
      const notOpml = await api.app.inject({ method: 'POST', url: '/api/opml', payload: '<html><body>hi</body></html>', headers: { 'content-type': 'text/xml' } });
      expect(notOpml.statusCode).toBe(400);
      expect(json<{ error: string }>(notOpml).error).toBe('invalid-opml');
      const huge = await api.app.inject({ method: 'POST', url: '/api/opml', payload: `<opml>${' '.repeat(3 * 1024 * 1024)}</opml>`, headers: { 'content-type': 'text/x-opml' } });
      expect(huge.statusCode).toBe(413);
    });
  });

  describe('OpenAPI, health, metrics and the page', () => {
    it('serves an OpenAPI 3.1 document describing every endpoint and its schemas', async () => {
      const response = await get('/api/openapi.json');
      expect(response.statusCode).toBe(200);
      const document = json<{ openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>; components: { schemas: Record<string, unknown> } }>(response);
      expect(document.openapi).toBe('3.1.0');
      for (const path of ['/api/search', '/api/articles/{id}', '/api/articles/{id}/similar', '/api/feeds', '/api/feeds/{id}', '/api/feeds/{id}/refresh', '/api/opml', '/api/stream', '/healthz', '/readyz', '/metrics']) {
        expect(document.paths, path).toHaveProperty([path]);
      }
      expect(document.paths['/api/search']!.get!.parameters!.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['q', 'site', 'feed', 'author', 'lang', 'tag', 'since', 'until', 'sort', 'limit', 'cursor']),
      );
      expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['SearchResult', 'SearchHit', 'ArticleRecord', 'Feed', 'Error']));
      expect(Object.keys(document.paths).some((path) => path.startsWith('/admin'))).toBe(false);
    });

    it('/healthz says the process is up, /readyz that Redis and the index answer', async () => {
      expect(json(await get('/healthz'))).toEqual({ status: 'ok' });
      const ready = await get('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(json(ready)).toEqual({ status: 'ready', checks: { redis: 'ok', index: 'ok' } });
    });

    it('/metrics speaks the Prometheus format with queue depths and index figures', async () => {
      const response = await get('/metrics');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toMatch(/^# TYPE tidings_queue_jobs gauge$/m);
      expect(response.body).toMatch(/^tidings_queue_jobs\{queue="feed-fetch",state="waiting"\} \d+$/m);
      expect(response.body).toContain(`tidings_index_articles ${FIXTURE_ARTICLES.length}`);
      expect(response.body).toMatch(/^# TYPE tidings_job_duration_seconds histogram$/m);
      expect(response.body).toMatch(/^# TYPE tidings_index_lag_seconds histogram$/m);
      expect(response.body).toMatch(/^# TYPE tidings_fetch_results_total counter$/m);
      expect(response.body).toMatch(/^tidings_feeds \d+$/m);
    });

    it('serves the search page with a strict content security policy, and its script and style', async () => {
      const page = await get('/');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.body).toContain('<script type="module" src="/app.js"></script>');
      const script = await get('/app.js');
      expect(script.headers['content-type']).toMatch(/^text\/javascript/);
      expect((await get('/app.css')).headers['content-type']).toMatch(/^text\/css/);
      const again = await get('/', { 'if-none-match': String(page.headers.etag) });
      expect(again.statusCode).toBe(304);
    });

    it('serves bull-board at /admin/queues with every Tidings queue', async () => {
      const page = await get('/admin/queues');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Tidings queues');
      const queues = json<{ queues: Array<{ name: string }> }>(await get('/admin/queues/api/queues'));
      expect(queues.queues.map((queue) => queue.name).sort()).toEqual(Object.values(QUEUES).sort());
    });

    it('answers unknown routes with a JSON 404', async () => {
      const response = await get('/api/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(json<{ error: string }>(response).error).toBe('not-found');
    });
  });
});
