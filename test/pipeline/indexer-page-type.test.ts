import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { BodyStore, connectRedis, PipelineQueues, type JobContext } from '@tidings/queue';
import { handleArticleIndex } from '@tidings/service-indexer';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const context = { log: pino({ level: 'silent' }), jobId: 'j1', attempt: 1, createdAt: Date.now() } as unknown as JobContext;

function record(url: string, pageType: ArticleRecord['pageType']): ArticleRecord {
  return {
    id: url,
    url,
    title: 'Blue kettle',
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    siteName: null,
    lang: 'en',
    excerpt: null,
    text: 'Boils a litre in two minutes. '.repeat(20),
    html: '<p>Boils a litre in two minutes.</p>',
    wordCount: 120,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: new Date().toISOString(),
    ...(pageType ? { pageType, pageTypeConfidence: 0.8 } : {}),
  };
}

describe('indexer: only the page types of TIDINGS_INDEX_PAGE_TYPES are stored', () => {
  const prefix = uniquePrefix('indexer-page-type');
  const data = tempDir('indexer-page-type');
  const redis = connectRedis(TEST_REDIS_URL);
  let index: TidingsIndex;
  let bodies: BodyStore;
  let queues: PipelineQueues;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
    bodies = new BodyStore(redis, prefix, 60_000);
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 50 });
  });

  afterAll(async () => {
    await queues.close();
    await index.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  const run = async (r: ArticleRecord, pageTypes?: string[]) => {
    const recordKey = await bodies.put(JSON.stringify(r));
    return handleArticleIndex({ itemUrl: r.url, canonicalUrl: r.url, recordKey }, { index, bodies, queues, ...(pageTypes ? { pageTypes } : {}) }, context);
  };

  it('ends a product page with a permanent [not-article] failure by default, and stores nothing', async () => {
    const url = 'https://shop.example.com/products/blue-kettle';
    const failure = await run(record(url, 'product')).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(TidingsError);
    expect(failure).toMatchObject({ code: 'not-article', permanent: true });
    expect((failure as Error).message).toContain('product');
    expect(await index.getArticle(url)).toBeNull();
  });

  it('stores articles, records without a pageType, and the types the setting adds', async () => {
    await expect(run(record('https://news.example.com/a', 'article'))).resolves.toMatchObject({ created: true });
    await expect(run(record('https://news.example.com/b', undefined))).resolves.toMatchObject({ created: true });
    await expect(run(record('https://shop.example.com/products/c', 'product'), ['article', 'product'])).resolves.toMatchObject({ created: true });
  });
});
