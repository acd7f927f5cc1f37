import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle } from '../test-fixtures.js';
import { PostgresIndex } from './postgres-index.js';
import { TEST_POSTGRES_URL, dropSchema, uniqueSchema, withAdminClient } from './test-database.js';

// The batch statement (articles.ts UPSERT_ARTICLES) sends records as a binary jsonb[] and keeps a record as sent
// unless a feed claimed its URL without the record naming it: both record and feed_urls column must then agree.
describe('PostgreSQL batched upserts', () => {
  const schema = uniqueSchema('tidings_batch');
  let index: PostgresIndex;

  beforeAll(async () => {
    index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
  });

  afterAll(async () => {
    await index?.close();
    await dropSchema(schema);
  });

  /** Each article's feed_urls column and its record's feedUrls, by URL. */
  async function storedFeeds(): Promise<Map<string, { column: string[]; record: string[] }>> {
    return withAdminClient(async (client) => {
      const rows = await client.query<{ url: string; column: string[]; record: string[] }>(`SELECT url, feed_urls AS column, record->'feedUrls' AS record FROM "${schema}".articles`);
      return new Map(rows.rows.map((row) => [row.url, { column: row.column, record: row.record }]));
    });
  }

  it('credits claiming feeds after the given ones, in the column and the record alike, and leaves other records as sent', async () => {
    const a = 'https://a.example/feed';
    const b = 'https://b.example/feed';
    const { feed } = await index.addFeed(a);
    const urls = [1, 2, 3, 4].map((n) => `https://news.example.org/credit-${n}`);
    await index.claimNewItems(feed.id, [urls[0]!, urls[1]!, urls[2]!]);
    const records = [
      makeArticle(urls[0]!, { feedUrls: [a] }),
      makeArticle(urls[1]!, { feedUrls: [b] }),
      makeArticle(urls[2]!, { feedUrls: [b, a, b] }),
      makeArticle(urls[3]!, { feedUrls: [b] }),
    ];
    const outcomes = await index.upsertArticles(records.map((record) => ({ record })));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const expected = [[a], [b, a], [b, a], [b]];
    const stored = await storedFeeds();
    urls.forEach((url, i) => {
      expect(stored.get(url)).toEqual({ column: expected[i], record: expected[i] });
    });
    for (const [i, url] of urls.entries()) expect(await index.getArticle(url)).toEqual({ ...records[i], feedUrls: expected[i] });
  });

  it('stores records exactly, whatever their text holds, and refuses one PostgreSQL cannot hold on its own', async () => {
    const odd = makeArticle('https://news.example.org/odd', { title: 'Quotes " \\ and \u00e9\u00e8 \ud83d\ude00 \u2028', text: 'Line\nbreak\ttab "quoted" \\back\\slash \u6771\u4eac' });
    const nul = makeArticle('https://news.example.org/nul', { text: 'a\u0000b' });
    const plain = makeArticle('https://news.example.org/plain', { title: 'Plain turnip' });
    const outcomes = await index.upsertArticles([{ record: odd }, { record: nul }, { record: plain }]);
    expect(outcomes[0]).toEqual({ ok: true, id: odd.id, created: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'invalid-payload', permanent: true } });
    expect(outcomes[2]).toEqual({ ok: true, id: plain.id, created: true });
    expect(await index.getArticle(odd.url)).toEqual(odd);
    expect(await index.getArticle(nul.url)).toBeNull();
    expect((await index.search('back slash')).hits.map((hit) => hit.url)).toEqual([odd.url]);
  });
});
