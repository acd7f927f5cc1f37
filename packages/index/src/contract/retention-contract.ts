import { describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { ContractContext } from './harness.js';

const url = (n: number): string => `https://news.example.org/retention/${n}`;
const FEED = 'https://news.example.org/feed.xml';
const OLD = '2024-01-10T08:00:00.000Z';
const RECENT = '2025-06-01T08:00:00.000Z';
const CUTOFF = '2025-01-01T00:00:00.000Z';

/** Waits until the clock has passed `ms`, so claims made after this are strictly later. */
async function clockPast(ms: number): Promise<void> {
  while (Date.now() <= ms) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** prune: retention by fetch time, batched, the full-text index kept in step. */
export function retentionContract(ctx: ContractContext): void {
  describe('prune', () => {
    it('deletes articles fetched before the cutoff, whatever their published date, and reports how many', async () => {
      // Old by fetch time though published "recently", and the other way round: the fetch time decides.
      await ctx.index.upsertArticle(makeArticle(url(1), { title: 'Quarrying permits lapse', text: 'Zorvath quarry closed.', fetchedAt: OLD, publishedAt: RECENT }));
      await ctx.index.upsertArticle(makeArticle(url(2), { title: 'Harbour dredging resumes', text: 'Zorvath harbour works.', fetchedAt: RECENT, publishedAt: OLD }));
      await ctx.index.upsertArticle(makeArticle(url(3), { title: 'No publication date', text: 'Zorvath again.', fetchedAt: '2024-12-31T23:59:59.999Z', publishedAt: null }));

      const result = await ctx.index.prune({ before: CUTOFF });
      expect(result).toEqual({ articles: 2, seenItems: 0, stories: 0, cutoff: CUTOFF, dryRun: false });
      expect(await ctx.index.countArticles()).toBe(1);
      expect(await ctx.index.getArticle(url(1))).toBeNull();
      expect(await ctx.index.getArticle(url(3))).toBeNull();
      expect((await ctx.index.getArticle(url(2)))?.title).toBe('Harbour dredging resumes');
    });

    it('takes pruned articles out of search, filters and facets', async () => {
      await ctx.index.upsertArticle(makeArticle(url(1), { title: 'Quarrying permits lapse', authors: ['Ines Varga'], tags: ['mining'], siteName: 'Old Site', fetchedAt: OLD, feedUrls: [FEED] }));
      await ctx.index.upsertArticle(makeArticle(url(2), { title: 'Harbour dredging resumes', authors: ['Ines Varga'], siteName: 'New Site', fetchedAt: RECENT, feedUrls: [FEED] }));
      await ctx.index.prune({ before: CUTOFF });

      expect((await ctx.index.search('quarrying')).total).toBe(0);
      expect((await ctx.index.search('author:"ines varga"')).hits.map((hit) => hit.url)).toEqual([url(2)]);
      expect((await ctx.index.search('', { filters: { tag: 'mining' } })).total).toBe(0);
      expect((await ctx.index.search('', { filters: { feed: FEED } })).hits.map((hit) => hit.url)).toEqual([url(2)]);
      const faceted = await ctx.index.search('', { filters: { author: 'Ines Varga' }, facets: true });
      expect(faceted.facets?.site.map((bucket) => bucket.value)).toEqual(['New Site']);
    });

    it('leaves the index able to store the same URL, and new articles, again (no stale full-text rows)', async () => {
      await ctx.index.upsertArticle(makeArticle(url(1), { title: 'Turnip harvest', fetchedAt: RECENT }));
      // The newest article is the old one: its doc number is the one a backend could hand out again.
      await ctx.index.upsertArticle(makeArticle(url(2), { title: 'Parsnip harvest', fetchedAt: OLD }));
      expect((await ctx.index.prune({ before: CUTOFF })).articles).toBe(1);

      expect((await ctx.index.upsertArticle(makeArticle(url(3), { title: 'Beetroot harvest', fetchedAt: RECENT }))).created).toBe(true);
      expect((await ctx.index.upsertArticle(makeArticle(url(2), { title: 'Parsnip harvest returns', fetchedAt: RECENT }))).created).toBe(true);
      expect((await ctx.index.search('beetroot')).hits.map((hit) => hit.url)).toEqual([url(3)]);
      expect((await ctx.index.search('parsnip')).hits.map((hit) => ({ url: hit.url, title: hit.title }))).toEqual([{ url: url(2), title: 'Parsnip harvest returns' }]);
      expect((await ctx.index.search('harvest')).total).toBe(3);
    });

    it('works in batches of the size asked, removing every old article', async () => {
      const old = Array.from({ length: 7 }, (_, i) => i);
      await ctx.index.upsertArticles([
        ...old.map((i) => ({ record: makeArticle(url(i), { title: `Old ${i}`, fetchedAt: OLD }) })),
        { record: makeArticle(url(100), { title: 'Kept', fetchedAt: RECENT }) },
      ]);
      // A prune stopped (a shutdown) before its first batch removes nothing.
      expect((await ctx.index.prune({ before: CUTOFF, signal: AbortSignal.abort() })).articles).toBe(0);
      expect(await ctx.index.countArticles()).toBe(8);
      expect((await ctx.index.prune({ before: CUTOFF, batchSize: 3 })).articles).toBe(7);
      expect(await ctx.index.countArticles()).toBe(1);
      expect((await ctx.index.search('old')).total).toBe(0);
    });

    it('counts the stories it empties: a story is its articles', async () => {
      await ctx.index.upsertArticles([
        // Every article of story-a is old: the story goes with them.
        { record: makeArticle(url(1), { title: 'Wire copy', storyId: 'story-a', fetchedAt: OLD }) },
        { record: makeArticle(url(2), { title: 'Wire copy again', storyId: 'story-a', fetchedAt: OLD }) },
        // story-b keeps a recent article.
        { record: makeArticle(url(3), { title: 'Follow-up', storyId: 'story-b', fetchedAt: OLD }) },
        { record: makeArticle(url(4), { title: 'Follow-up, later', storyId: 'story-b', fetchedAt: RECENT }) },
        { record: makeArticle(url(5), { title: 'No story', fetchedAt: OLD }) },
      ]);
      expect(await ctx.index.prune({ before: CUTOFF, dryRun: true })).toMatchObject({ articles: 4, stories: 1 });
      expect(await ctx.index.prune({ before: CUTOFF })).toMatchObject({ articles: 4, stories: 1 });
      expect(await ctx.index.getStory('story-a')).toBeNull();
      expect(await ctx.index.getStory('story-b')).not.toBeNull();
    });

    it('counts without deleting on a dry run', async () => {
      await ctx.index.upsertArticle(makeArticle(url(1), { title: 'Old', fetchedAt: OLD }));
      await ctx.index.upsertArticle(makeArticle(url(2), { title: 'New', fetchedAt: RECENT }));
      const { feed } = await ctx.index.addFeed(FEED);
      await ctx.index.claimNewItems(feed.id, [url(1), url(2)]);

      const dry = await ctx.index.prune({ before: new Date(Date.now() + 60_000), dryRun: true });
      expect(dry).toMatchObject({ articles: 2, seenItems: 2, dryRun: true });
      expect(await ctx.index.countArticles()).toBe(2);
      expect(await ctx.index.unclaimedItems([url(1), url(2)])).toEqual([]);
    });

    it('forgets item claims made before the cutoff, so an item still listed is claimed (fetched) again', async () => {
      const { feed } = await ctx.index.addFeed(FEED);
      const early = [url(1), url(2), url(3)];
      expect(await ctx.index.claimNewItems(feed.id, early)).toEqual(early);
      await clockPast(Date.now());
      const cutoff = new Date();
      await clockPast(cutoff.getTime());
      expect(await ctx.index.claimNewItems(feed.id, [url(4)])).toEqual([url(4)]);

      expect(await ctx.index.prune({ before: cutoff, batchSize: 2 })).toMatchObject({ articles: 0, seenItems: 3 });
      expect(await ctx.index.unclaimedItems([url(1), url(4), url(3)])).toEqual([url(1), url(3)]);
      expect(await ctx.index.claimNewItems(feed.id, [url(4), url(2)])).toEqual([url(2)]);
      // The claim's record of which feeds listed the item went with it: an article stored now lists only what claims it anew.
      await ctx.index.upsertArticle(makeArticle(url(3), { fetchedAt: RECENT }));
      expect((await ctx.index.getArticle(url(3)))?.feedUrls).toEqual([]);
    });

    it('keeps an article fetched again since the prune read it', async () => {
      await ctx.index.upsertArticle(makeArticle(url(1), { title: 'Refetched', fetchedAt: OLD }));
      const other = await ctx.openAnother();
      // A prune on another instance, racing the upsert: whichever wins, the article fetched now is never lost.
      await Promise.all([other.prune({ before: CUTOFF }), ctx.index.upsertArticle(makeArticle(url(1), { title: 'Refetched', fetchedAt: RECENT }))]);
      expect((await ctx.index.getArticle(url(1)))?.fetchedAt).toBe(RECENT);
      expect((await ctx.index.search('refetched')).total).toBe(1);
      expect((await ctx.index.prune({ before: CUTOFF })).articles).toBe(0);
    });

    it('refuses a cutoff that is not a time', async () => {
      const refused = await ctx.index.prune({ before: 'last spring' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TidingsError);
      expect(refused).toMatchObject({ code: 'invalid-payload' });
    });
  });
}
