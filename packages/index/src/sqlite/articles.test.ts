import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { makeArticle, makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

const URL_A = 'https://news.example.org/2025/lachin-corridor';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let index: SqliteIndex;

beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'tidings.db');
  index = SqliteIndex.open(file);
});

afterEach(async () => {
  await index.close();
  temp.remove();
});

describe('SqliteIndex articles', () => {
  it('stores a record and returns it by id, by URL and by a non-normalised spelling of the URL', async () => {
    const record = makeArticle(URL_A, { title: 'Lachin corridor reopens', authors: ['A. Writer'], feedUrls: ['https://news.example.org/feed.xml'] });
    expect(await index.upsertArticle(record)).toEqual({ id: record.id, created: true });

    expect(await index.getArticle(record.id)).toEqual(record);
    expect(await index.getArticle(URL_A)).toEqual(record);
    expect(await index.getArticle('HTTPS://NEWS.example.org:443/2025/lachin-corridor?utm_source=rss&utm_medium=feed#comments')).toEqual(record);
    expect(await index.countArticles()).toBe(1);
  });

  it('returns null for an unknown id or URL', async () => {
    await index.upsertArticle(makeArticle(URL_A));
    expect(await index.getArticle('0000000000000000')).toBeNull();
    expect(await index.getArticle('https://news.example.org/other')).toBeNull();
    expect(await index.getArticle('not a url')).toBeNull();
  });

  it('upserting twice keeps one row, unions feedUrls and replaces the other fields', async () => {
    const first = makeArticle(URL_A, { title: 'Old headline about turnips', feedUrls: ['https://a.example/feed', 'https://b.example/feed'] });
    const second = makeArticle(URL_A, {
      title: 'New headline about parsnips',
      text: 'Updated body.',
      fetchedAt: '2025-02-01T00:00:00.000Z',
      feedUrls: ['https://c.example/feed', 'https://a.example/feed'],
    });
    expect((await index.upsertArticle(first)).created).toBe(true);
    expect(await index.upsertArticle(second)).toEqual({ id: second.id, created: false });

    expect(await index.countArticles()).toBe(1);
    const stored = await index.getArticle(URL_A);
    expect(stored?.feedUrls).toEqual(['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed']);
    expect(stored?.title).toBe('New headline about parsnips');
    expect(stored?.text).toBe('Updated body.');
    expect(stored?.fetchedAt).toBe('2025-02-01T00:00:00.000Z');
  });

  it('re-indexes the text on a second upsert, so search finds the new words and not the old', async () => {
    await index.upsertArticle(makeArticle(URL_A, { title: 'Old headline about turnips' }));
    await index.upsertArticle(makeArticle(URL_A, { title: 'New headline about parsnips' }));
    expect((await index.search('parsnips')).total).toBe(1);
    expect((await index.search('turnips')).total).toBe(0);
    expect((await index.search('headline')).total).toBe(1);
  });

  it('removes duplicate feedUrls on the first insert too', async () => {
    await index.upsertArticle(makeArticle(URL_A, { feedUrls: ['https://a.example/feed', 'https://a.example/feed'] }));
    expect((await index.getArticle(URL_A))?.feedUrls).toEqual(['https://a.example/feed']);
  });

  it('adds a feed that lists an already stored article to its feedUrls once, found by any spelling of its URL', async () => {
    const { feed: b } = await index.addFeed('https://b.example/feed');
    await index.upsertArticle(makeArticle(URL_A, { feedUrls: ['https://a.example/feed'] }));
    expect(await index.claimNewItems(b.id, [`${URL_A}?utm_campaign=x`])).toEqual([`${URL_A}?utm_campaign=x`]);
    expect(await index.claimNewItems(b.id, [URL_A])).toEqual([URL_A]);
    expect(await index.claimNewItems(b.id, [URL_A])).toEqual([]);
    expect((await index.getArticle(URL_A))?.feedUrls).toEqual(['https://a.example/feed', 'https://b.example/feed']);
  });

  it('gives an article every feed that listed it, even feeds claimed before it was stored', async () => {
    const { feed: a } = await index.addFeed('https://a.example/feed');
    const { feed: b } = await index.addFeed('https://b.example/feed');
    const itemUrl = 'https://news.example.org/item-link';
    expect(await index.claimNewItems(a.id, [itemUrl])).toEqual([itemUrl]);
    expect(await index.claimNewItems(b.id, [itemUrl])).toEqual([]);
    // The page's canonical URL differs from the item's link: the item URL ties the feeds to it.
    await index.upsertArticle(makeArticle(URL_A, { feedUrls: [] }), { itemUrl });
    expect((await index.getArticle(URL_A))?.feedUrls.sort()).toEqual(['https://a.example/feed', 'https://b.example/feed']);
    expect(await index.countArticles()).toBe(1);
  });

  it('rejects a record whose id already belongs to another URL', async () => {
    const record = makeArticle(URL_A);
    await index.upsertArticle(record);
    const error = await index.upsertArticle(makeArticle('https://news.example.org/other', { id: record.id })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
    expect(await index.countArticles()).toBe(1);
  });

  it('rejects a record that does not match ArticleRecord', async () => {
    const broken = { ...makeArticle(URL_A), title: undefined } as unknown as Parameters<SqliteIndex['upsertArticle']>[0];
    await expect(index.upsertArticle(broken)).rejects.toMatchObject({ code: 'invalid-payload', permanent: true });
    expect(await index.countArticles()).toBe(0);
  });

  it('keeps articles when the file is closed and opened again', async () => {
    const record = makeArticle(URL_A, { title: 'Lachin corridor reopens' });
    await index.upsertArticle(record);
    await index.close();
    index = SqliteIndex.open(file);
    expect(await index.getArticle(record.id)).toEqual(record);
    expect((await index.search('lachin')).hits.map((hit) => hit.id)).toEqual([record.id]);
  });

  it('fails with a retryable io error once closed, and closing twice is harmless', async () => {
    await index.close();
    await expect(index.close()).resolves.toBeUndefined();
    await expect(index.countArticles()).rejects.toMatchObject({ name: 'TidingsError', code: 'io', permanent: false });
    index = SqliteIndex.open(file);
  });
});
