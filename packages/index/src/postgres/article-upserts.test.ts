import { describe, expect, it } from 'vitest';
import { makeArticle } from '../test-fixtures.js';
import { TEST_POSTGRES_URL, useTestIndex, withAdminClient } from '../testing/test-database.js';
import { PostgresIndex } from './postgres-index.js';

// The batch statement (articles.ts UPSERT_ARTICLES) sends records as a binary jsonb[] and keeps a record as sent
// unless a feed claimed its URL without the record naming it: both record and feed_urls column must then agree.
describe('PostgreSQL batched upserts', () => {
  const pg = useTestIndex('tidings_batch');

  /** Each article's feed_urls column and its record's feedUrls, by URL. */
  async function storedFeeds(): Promise<Map<string, { column: string[]; record: string[] }>> {
    return withAdminClient(async (client) => {
      const rows = await client.query<{ url: string; column: string[]; record: string[] }>(`SELECT url, feed_urls AS column, record->'feedUrls' AS record FROM "${pg.schema}".articles`);
      return new Map(rows.rows.map((row) => [row.url, { column: row.column, record: row.record }]));
    });
  }

  it('credits claiming feeds after the given ones, in the column and the record alike, and leaves other records as sent', async () => {
    const a = 'https://a.example/feed';
    const b = 'https://b.example/feed';
    const { feed } = await pg.index.addFeed(a);
    const urls = [1, 2, 3, 4].map((n) => `https://news.example.org/credit-${n}`);
    await pg.index.claimNewItems(feed.id, [urls[0]!, urls[1]!, urls[2]!]);
    const records = [
      makeArticle(urls[0]!, { feedUrls: [a] }),
      makeArticle(urls[1]!, { feedUrls: [b] }),
      makeArticle(urls[2]!, { feedUrls: [b, a, b] }),
      makeArticle(urls[3]!, { feedUrls: [b] }),
    ];
    const outcomes = await pg.index.upsertArticles(records.map((record) => ({ record })));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const expected = [[a], [b, a], [b, a], [b]];
    const stored = await storedFeeds();
    urls.forEach((url, i) => {
      expect(stored.get(url)).toEqual({ column: expected[i], record: expected[i] });
    });
    for (const [i, url] of urls.entries()) expect(await pg.index.getArticle(url)).toEqual({ ...records[i], feedUrls: expected[i] });
  });

  it('stores records exactly, whatever their text holds, and refuses one PostgreSQL cannot hold on its own', async () => {
    const odd = makeArticle('https://news.example.org/odd', { title: 'Quotes " \\ and \u00e9\u00e8 \ud83d\ude00 \u2028', text: 'Line\nbreak\ttab "quoted" \\back\\slash \u6771\u4eac' });
    // A NUL in the text is kept as U+FFFD (search/checks.ts); one in a feed URL, which the index looks up by, is refused.
    const nul = makeArticle('https://news.example.org/nul', { feedUrls: ['https://news.example.org/\u0000'] });
    const plain = makeArticle('https://news.example.org/plain', { title: 'Plain turnip' });
    const outcomes = await pg.index.upsertArticles([{ record: odd }, { record: nul }, { record: plain }]);
    expect(outcomes[0]).toEqual({ ok: true, id: odd.id, created: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'invalid-payload', permanent: true } });
    expect(outcomes[2]).toEqual({ ok: true, id: plain.id, created: true });
    expect(await pg.index.getArticle(odd.url)).toEqual(odd);
    expect(await pg.index.getArticle(nul.url)).toBeNull();
    expect((await pg.index.search('back slash')).hits.map((hit) => hit.url)).toEqual([odd.url]);
  });

  it('stores an article two writers insert at the same moment once, with both feeds, refusing neither', async () => {
    // Both inserts pass ON CONFLICT's check before either row exists: the second then fails on the id index
    // (unique, not the arbiter) and must run again as an update, not come back as an id held by another article.
    const other = await PostgresIndex.open(TEST_POSTGRES_URL, { schema: pg.schema });
    try {
      const a = 'https://a.example/feed';
      const b = 'https://b.example/feed';
      for (let round = 0; round < 8; round += 1) {
        const urls = Array.from({ length: 40 }, (_, n) => `https://news.example.org/race-${round}-${n}`);
        const outcomes = await Promise.allSettled(
          urls.flatMap((url) => [pg.index.upsertArticle(makeArticle(url, { feedUrls: [a] })), other.upsertArticle(makeArticle(url, { feedUrls: [b] }))]),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
        // Each article created once: by one writer, updated by the other.
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.created)).toHaveLength(urls.length);
        for (const url of urls) expect((await pg.index.getArticle(url))?.feedUrls.sort()).toEqual([a, b]);
      }
    } finally {
      await other.close();
    }
  });

  it('stores a page of made-up words (past the 1 MB of lexemes a tsvector holds) beside the others of its batch', async () => {
    // 200,000 distinct words of 8 letters: 1.8 MB of distinct lexemes, which PostgreSQL refuses whole.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = (n: number) => Array.from({ length: 8 }, (_, k) => letters[Math.floor(n / 26 ** k) % 26]).join('');
    const huge = makeArticle('https://news.example.org/made-up', { title: 'Zanzibar gibberish', text: Array.from({ length: 200_000 }, (_, n) => word(n)).join(' '), siteName: 'Example News' });
    const normal = makeArticle('https://news.example.org/normal', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
    const outcomes = await pg.index.upsertArticles([{ record: huge }, { record: normal }]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect((await pg.index.search('turnips')).hits.map((hit) => hit.url)).toEqual([normal.url]);
    expect((await pg.index.search('zanzibar')).hits.map((hit) => hit.url)).toEqual([huge.url]);
    // Its first words are searchable, its site's words too.
    expect((await pg.index.search(word(1))).hits.map((hit) => hit.url)).toEqual([huge.url]);
    expect((await pg.index.search('zanzibar site:example')).hits.map((hit) => hit.url)).toEqual([huge.url]);
    // A phrase of the site's words too, past a text of more than 16,383 words (PostgreSQL's last position).
    expect((await pg.index.search('zanzibar site:news.example.org')).hits.map((hit) => hit.url)).toEqual([huge.url]);
  }, 60_000);
});
