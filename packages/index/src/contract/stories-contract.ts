import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord, StorySummary } from '@tidings/contracts';
import { TidingsError } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { ContractContext } from './harness.js';

/**
 * Four stories about a port strike, told by several sites over three days,
 * and one article indexed before stories (no storyId). `a(n)` is article n.
 *
 *   story S1: 0 (wire.example, day 1), 1 (Daily Courier, day 1), 2 (metro.example, day 2)
 *   story S2: 3 (wire.example, day 2), 4 (wire.example, day 3)
 *   story S3: 5 (Daily Courier, day 3)
 *   story S4: 6 (metro.example, day 1)
 *   no story: 7 (metro.example, day 2)
 */
const LAYOUT: Array<{ story: string | null; site: string; siteName: string | null; day: number; hour: number }> = [
  { story: 'S1', site: 'wire.example', siteName: null, day: 1, hour: 8 },
  { story: 'S1', site: 'courier.example', siteName: 'Daily Courier', day: 1, hour: 9 },
  { story: 'S1', site: 'metro.example', siteName: null, day: 2, hour: 7 },
  { story: 'S2', site: 'wire.example', siteName: null, day: 2, hour: 10 },
  { story: 'S2', site: 'wire.example', siteName: null, day: 3, hour: 11 },
  { story: 'S3', site: 'courier.example', siteName: 'Daily Courier', day: 3, hour: 6 },
  { story: 'S4', site: 'metro.example', siteName: null, day: 1, hour: 5 },
  { story: null, site: 'metro.example', siteName: null, day: 2, hour: 12 },
];

function articles(): ArticleRecord[] {
  return LAYOUT.map((item, n) =>
    makeArticle(`https://${item.site}/news/${n}`, {
      title: `Port strike report ${n}`,
      text: `dockers strike at the harbour, report number ${n}`,
      siteName: item.siteName,
      publishedAt: `2025-05-0${item.day}T${String(item.hour).padStart(2, '0')}:00:00.000Z`,
      ...(item.story === null ? {} : { storyId: item.story }),
    }),
  );
}

/** storyId on articles, the story filter, the story list, and search collapsed by story. */
export function storiesContract(ctx: ContractContext): void {
  describe('stories', () => {
    let a: ArticleRecord[];
    beforeEach(async () => {
      a = articles();
      // Batched, as the indexer stores them.
      const outcomes = await ctx.index.upsertArticles(a.map((record) => ({ record })));
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    });
    const at = (n: number): ArticleRecord => a[n] as ArticleRecord;

    it('stores the storyId, returns it with the article and its hits, and keeps it when the article is stored again', async () => {
      expect((await ctx.index.getArticle(at(0).id))?.storyId).toBe('S1');
      expect(await ctx.index.getArticle(at(7).id)).not.toHaveProperty('storyId');
      const hits = (await ctx.index.search('dockers', { limit: 100 })).hits;
      expect(Object.fromEntries(hits.map((hit) => [hit.id, hit.storyId ?? null]))).toEqual(Object.fromEntries(a.map((r) => [r.id, r.storyId ?? null])));
      // Stored again under another story (grouping state lost), and without one: the first story stays, on the record and in the story.
      await ctx.index.upsertArticle({ ...at(0), title: 'Port strike report 0, updated', storyId: 'S9' });
      await ctx.index.upsertArticles([{ record: { ...at(1), storyId: undefined } }, { record: { ...at(2), storyId: 'S9' } }]);
      for (const n of [0, 1, 2]) expect((await ctx.index.getArticle(at(n).id))?.storyId).toBe('S1');
      expect((await ctx.index.getStory('S1'))?.size).toBe(3);
      expect(await ctx.index.getStory('S9')).toBeNull();
      // An article without a story gets one when it is given one.
      await ctx.index.upsertArticle({ ...at(7), storyId: 'S4' });
      expect((await ctx.index.getArticle(at(7).id))?.storyId).toBe('S4');
      expect((await ctx.index.getStory('S4'))?.size).toBe(2);
    });

    it('sums up a story: size, distinct sites, first and last seen, the title of its first article', async () => {
      expect(await ctx.index.getStory('S1')).toEqual({
        id: 'S1',
        title: 'Port strike report 0',
        size: 3,
        sites: ['Daily Courier', 'metro.example', 'wire.example'],
        firstSeen: '2025-05-01T08:00:00.000Z',
        lastSeen: '2025-05-02T07:00:00.000Z',
      } satisfies StorySummary);
      expect(await ctx.index.getStory('no-such-story')).toBeNull();
    });

    it("filters a search to one story's articles", async () => {
      const browsed = await ctx.index.search('', { filters: { story: 'S1' }, limit: 100 });
      expect(browsed.total).toBe(3);
      expect(browsed.hits.map((hit) => hit.id)).toEqual([at(2).id, at(1).id, at(0).id]);
      expect((await ctx.index.search('report', { filters: { story: 'S2' } })).hits.map((hit) => hit.id).sort()).toEqual([at(3).id, at(4).id].sort());
      expect((await ctx.index.search('', { filters: { story: 'nothing' } })).total).toBe(0);
    });

    it('lists stories newest first (by their latest article), in pages that neither repeat nor skip one', async () => {
      const all = await ctx.index.listStories({ limit: 100 });
      expect(all.stories.map((story) => story.id)).toEqual(['S2', 'S3', 'S1', 'S4']);
      expect(all.nextCursor).toBeNull();
      expect(all.stories.find((story) => story.id === 'S2')).toMatchObject({ size: 2, sites: ['wire.example'], title: 'Port strike report 3' });

      const first = await ctx.index.listStories({ limit: 3 });
      expect(first.stories.map((story) => story.id)).toEqual(['S2', 'S3', 'S1']);
      expect(first.nextCursor).not.toBeNull();
      // A story that gains a newer article between pages does not jump back in (the list keeps its first page's horizon).
      await ctx.index.upsertArticle(makeArticle('https://wire.example/news/late', { title: 'Late', publishedAt: '2025-05-09T00:00:00.000Z', storyId: 'S4' }));
      const second = await ctx.index.listStories({ limit: 3, cursor: first.nextCursor });
      expect(second.stories).toEqual([all.stories[3]]);
      expect(second.nextCursor).toBeNull();
      expect((await ctx.index.listStories({ limit: 1 })).stories.map((story) => story.id)).toEqual(['S4']);
    });

    it('collapses a search by story: one hit per story, saying how many articles and sites reported it', async () => {
      const collapsed = await ctx.index.search('dockers', { limit: 100, sort: 'date', collapse: 'story' });
      // Stories S2 (newest: 4), S3, no story (7), S1 (newest: 2), S4.
      expect(collapsed.hits.map((hit) => hit.id)).toEqual([at(4).id, at(5).id, at(7).id, at(2).id, at(6).id]);
      expect(collapsed.total).toBe(5);
      const byId = new Map(collapsed.hits.map((hit) => [hit.id, hit]));
      expect(byId.get(at(2).id)).toMatchObject({ storyId: 'S1', storySize: 3, storySites: ['Daily Courier', 'metro.example', 'wire.example'] });
      expect(byId.get(at(4).id)).toMatchObject({ storyId: 'S2', storySize: 2, storySites: ['wire.example'] });
      expect(byId.get(at(7).id)).toMatchObject({ storySize: 1, storySites: ['metro.example'] });
      // Without collapse, nothing changes: every article, no story figures.
      const plain = await ctx.index.search('dockers', { limit: 100, sort: 'date' });
      expect(plain.total).toBe(8);
      expect(plain.hits.some((hit) => hit.storySize !== undefined)).toBe(false);
      // By relevance each story appears once too; facets still count articles.
      const ranked = await ctx.index.search('strike report', { limit: 100, collapse: 'story', facets: true });
      expect(ranked.hits).toHaveLength(5);
      expect(new Set(ranked.hits.map((hit) => hit.storyId ?? hit.id)).size).toBe(5);
      expect(ranked.total).toBe(5);
      expect(ranked.facets?.site.reduce((sum, facet) => sum + facet.count, 0)).toBe(8);
    });

    it('pages a collapsed search without showing a story twice', async () => {
      for (const sort of ['date', 'relevance'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof ctx.index.search>> = await ctx.index.search('dockers', { limit: 2, sort, collapse: 'story', cursor });
          seen.push(...page.hits.map((hit) => hit.storyId ?? hit.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        expect(seen.sort(), sort).toEqual(['S1', 'S2', 'S3', 'S4', at(7).id].sort());
      }
    });

    it('refuses an unknown collapse, a cursor of the uncollapsed search, and a bad story list cursor', async () => {
      await expect(ctx.index.search('dockers', { collapse: 'site' as 'story' })).rejects.toMatchObject({ code: 'invalid-payload' });
      const plain = await ctx.index.search('dockers', { limit: 2 });
      await expect(ctx.index.search('dockers', { limit: 2, collapse: 'story', cursor: plain.nextCursor })).rejects.toBeInstanceOf(TidingsError);
      await expect(ctx.index.listStories({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid-payload' });
      // Taken apart and put together by hand: refused alike (PostgreSQL failed on these with a retryable io error).
      const cursor = (await ctx.index.listStories({ limit: 1 })).nextCursor;
      const data = JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const change of [{ h: 2 ** 40 }, { h: -1 }, { l: 'garbage' }, { l: '+010000-01-01T00:00:00.000Z' }, { l: '2025-03-01' }, { i: 'S\u0000' }]) {
        const forged = Buffer.from(JSON.stringify({ ...data, ...change })).toString('base64url');
        await expect(ctx.index.listStories({ limit: 2, cursor: forged }), JSON.stringify(change)).rejects.toMatchObject({ code: 'invalid-payload', permanent: true });
      }
      expect((await ctx.index.listStories({ limit: 2, cursor })).stories).toHaveLength(2);
      await expect(ctx.index.listStories({ limit: 101 })).rejects.toMatchObject({ code: 'invalid-payload' });
    });
  });
}
