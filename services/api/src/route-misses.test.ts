import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/test-app.js';

describe('requests no route takes', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const send = async (method: string, path: string) => {
    const response = await fetch(`${api.url}${path}`, { method });
    return { status: response.status, allow: response.headers.get('allow'), body: (await response.json()) as Record<string, unknown> };
  };

  it('answers 405 with Allow for a path served for other methods', async () => {
    const search = await send('POST', '/api/search?q=x');
    expect(search.status).toBe(405);
    expect(search.allow).toBe('GET, HEAD');
    expect(search.body).toEqual({ statusCode: 405, error: 'method-not-allowed', message: '/api/search takes GET, HEAD, not POST' });

    const article = await send('DELETE', '/api/articles/0123456789abcdef');
    expect([article.status, article.allow]).toEqual([405, 'GET, HEAD']);

    const refresh = await send('GET', '/api/feeds/ffffffffffff/refresh');
    expect([refresh.status, refresh.allow, refresh.body.error]).toEqual([405, 'POST', 'method-not-allowed']);

    const feeds = await send('PUT', '/api/feeds');
    expect([feeds.status, feeds.allow]).toEqual([405, 'GET, HEAD, POST']);
  });

  it('answers 404, not 405, when a route of the method itself finds nothing (a missing dashboard file)', async () => {
    const missing = await send('GET', '/admin/queues/static/no-such-file.js');
    expect([missing.status, missing.allow, missing.body.error]).toEqual([404, null, 'not-found']);
  });

  it('still answers 404 for a path nothing serves', async () => {
    const missing = await send('GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.allow).toBeNull();
    expect(missing.body).toEqual({ statusCode: 404, error: 'not-found', message: 'no route GET /api/nothing-here' });
  });

  it("answers Fastify's refusals before routing in the API's error shape", async () => {
    const badEscape = await send('GET', '/api/articles/%E0%A4%A');
    expect(badEscape.status).toBe(400);
    expect(Object.keys(badEscape.body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(badEscape.body).toMatchObject({ statusCode: 400, error: 'bad-request' });

    const longParam = await send('GET', `/api/articles/${'a'.repeat(3000)}`);
    expect(longParam.status).toBe(414);
    expect(Object.keys(longParam.body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(longParam.body).toMatchObject({ statusCode: 414, error: 'uri-too-long' });
  });
});
