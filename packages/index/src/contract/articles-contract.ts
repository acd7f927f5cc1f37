import { describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { TidingsIndex } from '../types.js';
import type { ContractContext } from './harness.js';

const URL_A = 'https://news.example.org/2025/lachin-corridor';

/** Storing and reading articles; feedUrls bookkeeping. */
export function articleContract(ctx: ContractContext): void {
  describe('articles', () => {
    it('stores a record and returns it by id, by URL and by a non-normalised spelling of the URL', async () => {
      const record = makeArticle(URL_A, { title: 'Lachin corridor reopens', authors: ['A. Writer'], feedUrls: ['https://news.example.org/feed.xml'] });
      expect(await ctx.index.upsertArticle(record)).toEqual({ id: record.id, created: true });

      expect(await ctx.index.getArticle(record.id)).toEqual(record);
      expect(await ctx.index.getArticle(URL_A)).toEqual(record);
      expect(await ctx.index.getArticle('HTTPS://NEWS.example.org:443/2025/lachin-corridor?utm_source=rss&utm_medium=feed#comments')).toEqual(record);
      expect(await ctx.index.countArticles()).toBe(1);
    });

    it('returns the record with its fields in the contract order', async () => {
      const record = makeArticle(URL_A, { title: 'Ordered' });
      await ctx.index.upsertArticle(record);
      expect(Object.keys((await ctx.index.getArticle(record.id)) ?? {})).toEqual(Object.keys(record));
    });

    it('returns null for an unknown id or URL', async () => {
      await ctx.index.upsertArticle(makeArticle(URL_A));
      expect(await ctx.index.getArticle('0000000000000000')).toBeNull();
      expect(await ctx.index.getArticle('https://news.example.org/other')).toBeNull();
      expect(await ctx.index.getArticle('not a url')).toBeNull();
    });

    it('upserting twice keeps one row, unions feedUrls and replaces the other fields', async () => {
      const first = makeArticle(URL_A, { title: 'Old headline about turnips', feedUrls: ['https://a.example/feed', 'https://b.example/feed'] });
      const second = makeArticle(URL_A, {
        title: 'New headline about parsnips',
        text: 'Updated body.',
        fetchedAt: '2025-02-01T00:00:00.000Z',
        feedUrls: ['https://c.example/feed', 'https://a.example/feed'],
      });
      expect((await ctx.index.upsertArticle(first)).created).toBe(true);
      expect(await ctx.index.upsertArticle(second)).toEqual({ id: second.id, created: false });

      expect(await ctx.index.countArticles()).toBe(1);
      const stored = await ctx.index.getArticle(URL_A);
      expect(stored?.feedUrls).toEqual(['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed']);
      expect(stored?.title).toBe('New headline about parsnips');
      expect(stored?.text).toBe('Updated body.');
      expect(stored?.fetchedAt).toBe('2025-02-01T00:00:00.000Z');
    });

    it('re-indexes text, authors, site and tags on a second upsert', async () => {
      await ctx.index.upsertArticle(makeArticle(URL_A, { title: 'Old headline about turnips', authors: ['Old Author'], siteName: 'Old Site', tags: ['old'] }));
      await ctx.index.upsertArticle(makeArticle(URL_A, { title: 'New headline about parsnips', authors: ['New Author'], siteName: 'New Site', tags: ['new'] }));
      expect((await ctx.index.search('parsnips')).total).toBe(1);
      expect((await ctx.index.search('turnips')).total).toBe(0);
      expect((await ctx.index.search('headline')).total).toBe(1);
      expect((await ctx.index.search('author:old')).total).toBe(0);
      expect((await ctx.index.search('', { filters: { author: 'New Author' } })).total).toBe(1);
      expect((await ctx.index.search('', { filters: { author: 'Old Author' } })).total).toBe(0);
      expect((await ctx.index.search('', { filters: { site: 'old site' } })).total).toBe(0);
      expect((await ctx.index.search('', { filters: { tag: 'new' } })).total).toBe(1);
      expect((await ctx.index.search('', { filters: { tag: 'old' } })).total).toBe(0);
    });

    it('removes duplicate feedUrls on the first insert too', async () => {
      await ctx.index.upsertArticle(makeArticle(URL_A, { feedUrls: ['https://a.example/feed', 'https://a.example/feed'] }));
      expect((await ctx.index.getArticle(URL_A))?.feedUrls).toEqual(['https://a.example/feed']);
    });

    it('adds a feed that lists an already stored article to its feedUrls once, found by any spelling of its URL', async () => {
      const { feed: b } = await ctx.index.addFeed('https://b.example/feed');
      await ctx.index.upsertArticle(makeArticle(URL_A, { feedUrls: ['https://a.example/feed'] }));
      expect(await ctx.index.claimNewItems(b.id, [`${URL_A}?utm_campaign=x`])).toEqual([`${URL_A}?utm_campaign=x`]);
      expect(await ctx.index.claimNewItems(b.id, [URL_A])).toEqual([URL_A]);
      expect(await ctx.index.claimNewItems(b.id, [URL_A])).toEqual([]);
      expect((await ctx.index.getArticle(URL_A))?.feedUrls).toEqual(['https://a.example/feed', 'https://b.example/feed']);
      expect((await ctx.index.search('', { filters: { feed: b.id } })).total).toBe(1);
    });

    it('gives an article every feed that listed it, even feeds claimed before it was stored', async () => {
      const { feed: a } = await ctx.index.addFeed('https://a.example/feed');
      const { feed: b } = await ctx.index.addFeed('https://b.example/feed');
      const itemUrl = 'https://news.example.org/item-link';
      expect(await ctx.index.claimNewItems(a.id, [itemUrl])).toEqual([itemUrl]);
      expect(await ctx.index.claimNewItems(b.id, [itemUrl])).toEqual([]);
      // The page's canonical URL differs from the item's link: the item URL ties the feeds to it.
      await ctx.index.upsertArticle(makeArticle(URL_A, { feedUrls: [] }), { itemUrl });
      expect((await ctx.index.getArticle(URL_A))?.feedUrls.sort()).toEqual(['https://a.example/feed', 'https://b.example/feed']);
      expect(await ctx.index.countArticles()).toBe(1);
    });

    it('moves an article to a new canonical URL, keeping its row: the revised record then updates it, and search finds one', async () => {
      const moved = 'https://news.example.org/2025/lachin-corridor-reopens-after-talks';
      const first = makeArticle(URL_A, { title: 'Lachin corridor reopens', feedUrls: ['https://a.example/feed'], storyId: 'story-1' });
      await ctx.index.upsertArticle(first);
      const revised = makeArticle(moved, { title: 'Lachin corridor reopens after talks', feedUrls: [] });
      expect(await ctx.index.moveArticle(URL_A, { url: revised.url, id: revised.id })).toBe(true);
      expect(await ctx.index.getArticle(URL_A)).toBeNull();
      expect(await ctx.index.getArticle(first.id)).toBeNull();
      expect(await ctx.index.getArticle(revised.id)).toMatchObject({ id: revised.id, url: moved, title: 'Lachin corridor reopens' });
      expect(await ctx.index.upsertArticle(revised)).toEqual({ id: revised.id, created: false });
      expect(await ctx.index.countArticles()).toBe(1);
      expect(await ctx.index.getArticle(moved)).toMatchObject({ title: 'Lachin corridor reopens after talks', feedUrls: ['https://a.example/feed'], storyId: 'story-1' });
      expect((await ctx.index.search('talks')).hits.map((hit) => hit.id)).toEqual([revised.id]);
    });

    it('knows which article a claimed item was stored under when that is not its own URL, in batches too', async () => {
      const { feed } = await ctx.index.addFeed('https://a.example/feed');
      const [shortLink, permalink, other] = ['https://news.example.org/?p=123', 'https://news.example.org/item-is-canonical', 'https://news.example.org/?p=456'];
      await ctx.index.claimNewItems(feed.id, [shortLink, permalink, other]);
      await ctx.index.upsertArticle(makeArticle(URL_A), { itemUrl: shortLink });
      await ctx.index.upsertArticle(makeArticle(permalink), { itemUrl: permalink });
      expect(await ctx.index.articleUrlOfItem(shortLink)).toBe(URL_A);
      // An item that is its article's own URL needs no note: getArticle finds it.
      expect(await ctx.index.articleUrlOfItem(permalink)).toBeNull();
      expect(await ctx.index.articleUrlOfItem('https://news.example.org/never-claimed')).toBeNull();
      // Stored later under another canonical URL (moved, then upserted), and noted by a batch: the latest is kept.
      const moved = makeArticle('https://news.example.org/2025/moved-slug');
      expect(await ctx.index.moveArticle(URL_A, { url: moved.url, id: moved.id })).toBe(true);
      const outcomes = await ctx.index.upsertArticles([
        { record: moved, itemUrl: shortLink },
        { record: makeArticle('https://news.example.org/2025/other'), itemUrl: other },
      ]);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(await ctx.index.articleUrlOfItem(shortLink)).toBe(moved.url);
      expect(await ctx.index.articleUrlOfItem(other)).toBe('https://news.example.org/2025/other');
    });

    it('moves nothing when no article has the old URL or one already has the new URL', async () => {
      const other = makeArticle('https://news.example.org/2025/other-story', { title: 'Other story' });
      await ctx.index.upsertArticle(makeArticle(URL_A));
      await ctx.index.upsertArticle(other);
      expect(await ctx.index.moveArticle(URL_A, { url: other.url, id: other.id })).toBe(false);
      expect(await ctx.index.moveArticle('https://news.example.org/never-stored', { url: 'https://news.example.org/x', id: '0123456789abcdef' })).toBe(false);
      expect(await ctx.index.countArticles()).toBe(2);
      expect((await ctx.index.getArticle(URL_A))?.url).toBe(URL_A);
    });

    it('rejects a record whose id already belongs to another URL', async () => {
      const record = makeArticle(URL_A);
      await ctx.index.upsertArticle(record);
      const error = await ctx.index.upsertArticle(makeArticle('https://news.example.org/other', { id: record.id })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TidingsError);
      expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
      expect(await ctx.index.countArticles()).toBe(1);
    });

    it('rejects a record that does not match ArticleRecord', async () => {
      const broken = { ...makeArticle(URL_A), title: undefined } as unknown as Parameters<TidingsIndex['upsertArticle']>[0];
      await expect(ctx.index.upsertArticle(broken)).rejects.toMatchObject({ code: 'invalid-payload', permanent: true });
      expect(await ctx.index.countArticles()).toBe(0);
    });

    it('keeps articles when closed and opened again', async () => {
      const record = makeArticle(URL_A, { title: 'Lachin corridor reopens' });
      await ctx.index.upsertArticle(record);
      const reopened = await ctx.reopen();
      expect(await reopened.getArticle(record.id)).toEqual(record);
      expect((await reopened.search('lachin')).hits.map((hit) => hit.id)).toEqual([record.id]);
    });

    it('fails with a retryable io error once closed, and closing twice is harmless', async () => {
      const other = await ctx.openAnother();
      await other.close();
      await expect(other.close()).resolves.toBeUndefined();
      await expect(other.countArticles()).rejects.toMatchObject({ name: 'TidingsError', code: 'io', permanent: false });
      await expect(other.search('lachin')).rejects.toMatchObject({ code: 'io' });
    });

    it('sees what another instance on the same store wrote', async () => {
      const other = await ctx.openAnother();
      const record = makeArticle(URL_A, { title: 'Written elsewhere' });
      await other.upsertArticle(record);
      expect(await ctx.index.getArticle(record.id)).toEqual(record);
    });
  });
}
