import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import { testArticle } from '../testing/articles.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

function article(n: number): ArticleRecord {
  const text = `Harbour report number ${n}: the ferries ran on time and the harbour stayed calm all day.`;
  const publishedAt = `2025-03-${String(n + 1).padStart(2, '0')}T08:00:00.000Z`;
  return testArticle(`https://limits.example/${n}`, text, publishedAt, { title: `Harbour report ${n}`, siteName: 'Limits Example', fetchedAt: '2025-04-01T00:00:00.000Z' });
}

describe('limit query parameters', () => {
  let api: TestApp;
  const records = Array.from({ length: 12 }, (_, n) => article(n));
  beforeAll(async () => {
    api = await startTestApp();
    for (const record of records) await api.index.upsertArticle(record);
  });
  afterAll(async () => {
    await api.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${api.url}${path}`);
    return { status: response.status, body: (await response.json()) as { hits?: unknown[]; error?: string } };
  };

  it('treats an empty limit (limit=, as an empty form field sends) as absent: the default, not 0', async () => {
    for (const empty of ['', '%20%20']) {
      const search = await get(`/api/search?q=harbour&facets=false&limit=${empty}`);
      expect(search.status).toBe(200);
      expect(search.body.hits).toHaveLength(10);
      // Similar articles (at least 1 asked for): an empty limit was refused as "too small".
      const similar = await get(`/api/articles/${records[0]!.id}/similar?limit=${empty}`);
      expect(similar.status).toBe(200);
      expect(similar.body).toEqual((await get(`/api/articles/${records[0]!.id}/similar`)).body);
    }
  });

  it('still takes 0 for search and refuses values out of bounds', async () => {
    expect((await get('/api/search?q=harbour&facets=false&limit=0')).body.hits).toHaveLength(0);
    expect((await get('/api/search?q=harbour&facets=false&limit=3')).body.hits).toHaveLength(3);
    for (const bad of ['-1', '101', '1.5', 'ten']) {
      const search = await get(`/api/search?q=harbour&limit=${bad}`);
      expect([search.status, search.body.error]).toEqual([400, 'bad-request']);
    }
    expect((await get(`/api/articles/${records[0]!.id}/similar?limit=0`)).status).toBe(400);
  });

  it('takes plain decimal digits only: hex, exponents, signs, spaces and decimals are a 400 on every route with a limit', async () => {
    const paths = ['/api/search?q=harbour&facets=false&limit=', '/api/stories?limit=', `/api/articles/${records[0]!.id}/similar?limit=`];
    for (const written of ['0x10', '1e1', '%205', '5%20', '+5', '%2B5', '5.0', '0b1', '0o7', 'Infinity']) {
      for (const path of paths) {
        const answer = await get(`${path}${written}`);
        expect([path, written, answer.status, answer.body.error]).toEqual([path, written, 400, 'bad-request']);
        expect((answer.body as { message?: string }).message).toContain('querystring.limit: must be a whole number written in decimal digits');
      }
    }
    // Digits alone still count, leading zeros included.
    expect((await get('/api/search?q=harbour&facets=false&limit=007')).body.hits).toHaveLength(7);
    expect((await get(`/api/articles/${records[0]!.id}/similar?limit=05`)).status).toBe(200);
  });

  it('keeps limit described as a bounded integer in the OpenAPI document', async () => {
    const document = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; schema: Record<string, unknown> }> } }>;
    };
    const limit = document.paths['/api/search']!.get.parameters.find((parameter) => parameter.name === 'limit');
    expect(limit?.schema).toMatchObject({ type: 'integer', minimum: 0, maximum: 100, default: 10 });
  });
});
