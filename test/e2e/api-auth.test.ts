import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@tidings/config';
import { createLogger, createRuntime } from '@tidings/runtime';
import { startApi } from '@tidings/service-api';
import { FIXTURE_ARTICLES, startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const TOKEN = 'test-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API auth with TIDINGS_API_TOKEN and public reads', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ token: TOKEN, articles: FIXTURE_ARTICLES.slice(0, 2), feeds: ['https://courier.example/feed.xml'], label: 'auth' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('lets anyone read', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/api/search?q=corridor' })).statusCode).toBe(200);
    expect((await api.app.inject({ method: 'GET', url: '/api/feeds' })).statusCode).toBe(200);
    expect((await api.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });

  it.each([
    ['POST', '/api/feeds', { url: 'https://other.example/feed' }],
    ['DELETE', '/api/feeds/9422415c2468', undefined],
    ['POST', '/api/feeds/9422415c2468/refresh', undefined],
  ] as const)('refuses %s %s without the token, or with a wrong one', async (method, url, payload) => {
    for (const headers of [{}, bearer('wrong-token-0123456789abcdef'), { authorization: TOKEN }, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }]) {
      const response = await api.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.parse(response.body).error).toBe('unauthorized');
    }
    // Nothing changed.
    expect((await api.runtime.index.listFeeds()).map((feed) => feed.url)).toEqual(['https://courier.example/feed.xml']);
  });

  it('accepts writes with the bearer token', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/api/feeds', headers: bearer(TOKEN), payload: { url: 'https://other.example/feed' } });
    expect(response.statusCode).toBe(201);
    const { feed } = JSON.parse(response.body) as { feed: { id: string } };
    expect((await api.app.inject({ method: 'DELETE', url: `/api/feeds/${feed.id}`, headers: bearer(TOKEN) })).statusCode).toBe(204);
  });

  it('keeps the dashboard behind the token (Bearer, or Basic with the token as password)', async () => {
    const refused = await api.app.inject({ method: 'GET', url: '/admin/queues' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues' })).statusCode).toBe(401);
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues', headers: bearer(TOKEN) })).statusCode).toBe(200);
    const basic = { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` };
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: basic })).statusCode).toBe(200);
    const wrongBasic = { authorization: `Basic ${Buffer.from('admin:guess').toString('base64')}` };
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues', headers: wrongBasic })).statusCode).toBe(401);
  });

  it('declares the bearer scheme in the OpenAPI document', async () => {
    const document = JSON.parse((await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as { components: { securitySchemes: Record<string, unknown> } };
    expect(document.components.securitySchemes).toHaveProperty('bearer');
  });
});

describe('API auth with TIDINGS_API_PUBLIC_READ=false', () => {
  let api: ApiInstance;

  beforeAll(async () => {
    api = await startApiInstance({ token: TOKEN, publicRead: false, articles: FIXTURE_ARTICLES.slice(0, 2), label: 'private' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('needs the token for every read', async () => {
    const id = FIXTURE_ARTICLES[0]!.id;
    for (const url of ['/api/search?q=corridor', `/api/articles/${id}`, `/api/articles/${id}/similar`, '/api/feeds', '/api/stream', '/metrics', '/api/opml']) {
      expect((await api.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    expect((await api.app.inject({ method: 'GET', url: '/api/search?q=corridor', headers: bearer(TOKEN) })).statusCode).toBe(200);
  });

  it('leaves health checks, the page and the OpenAPI document open', async () => {
    for (const url of ['/healthz', '/readyz', '/', '/app.js', '/api/openapi.json']) {
      expect((await api.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('listening safely', () => {
  it('refuses a non-loopback address without a token, before listening', async () => {
    await requireRedis();
    const prefix = uniquePrefix('listen');
    const data = tempDir('listen');
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_LOG_LEVEL: 'silent' });
    const runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
    try {
      await expect(startApi(runtime, { host: '0.0.0.0', port: 0 })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without TIDINGS_API_TOKEN/);
      const withToken = await startApi({ ...runtime, config: { ...config, api: { ...config.api, token: TOKEN } } }, { host: '0.0.0.0', port: 0 });
      expect(withToken.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      await withToken.close();
    } finally {
      await runtime.close();
      data.remove();
      await deletePrefix(prefix);
    }
  });
});
