import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord, SearchHit } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { SearchOptions } from '../types.js';
import type { ContractContext } from './harness.js';

const story = (n: number): string => `https://news.example.org/story/${n}`;

/** 12 "widget" stories over four days, two sites, two languages, three authors; w(n) is story n. */
function widgets(): ArticleRecord[] {
  return Array.from({ length: 12 }, (_, n) =>
    makeArticle(n % 3 === 0 ? `https://www.other.example.com/w/${n}` : story(n), {
      title: `Widget report ${n}`,
      text: `widget ${n % 2 === 0 ? 'gadget' : 'gizmo'} news number ${n}`,
      siteName: n % 3 === 0 ? null : 'Example News',
      lang: n % 4 === 0 ? 'en-GB' : 'fr',
      authors: n % 2 === 0 ? ['Jane Doe', 'Ravi Rao'] : ['jane doe'],
      publishedAt: n === 11 ? null : `2025-03-0${1 + (n % 4)}T${String(10 + n).padStart(2, '0')}:00:00.000Z`,
      fetchedAt: '2025-03-09T00:00:00.000Z',
      tags: n < 2 ? ['Economy'] : [],
    }),
  );
}

/** Filters, facets, sorting, paging and similar(). */
export function searchOptionsContract(ctx: ContractContext): void {
  describe('search options', () => {
    let w: ArticleRecord[];
    beforeEach(async () => {
      w = widgets();
      for (const record of w) await ctx.index.upsertArticle(record);
    });

    const ids = async (query: string, options: SearchOptions = {}): Promise<string[]> =>
      (await ctx.index.search(query, { limit: 100, ...options })).hits.map((hit) => hit.id);
    const idsOf = (...numbers: number[]): string[] => numbers.map((n) => w[n]?.id ?? '');
    const all = Array.from({ length: 12 }, (_, n) => n);

    it('filters by site name or host, ignoring case and www.', async () => {
      const other = all.filter((n) => n % 3 === 0);
      const example = all.filter((n) => n % 3 !== 0);
      expect(new Set(await ids('widget', { filters: { site: 'example news' } }))).toEqual(new Set(idsOf(...example)));
      expect(new Set(await ids('widget', { filters: { site: 'other.example.com' } }))).toEqual(new Set(idsOf(...other)));
      expect(new Set(await ids('widget', { filters: { site: 'www.Other.Example.com' } }))).toEqual(new Set(idsOf(...other)));
      expect(new Set(await ids('widget', { filters: { site: 'example.com' } }))).toEqual(new Set(idsOf(...other)));
      expect(await ids('widget', { filters: { site: 'ample.com' } })).toEqual([]);
    });

    it('filters by author, lang (en finds en-GB), tag and dates', async () => {
      expect(new Set(await ids('widget', { filters: { author: 'RAVI RAO' } }))).toEqual(new Set(idsOf(...all.filter((n) => n % 2 === 0))));
      expect(await ids('widget', { filters: { author: 'Ravi' } })).toEqual([]);
      expect(new Set(await ids('widget', { filters: { lang: 'en' } }))).toEqual(new Set(idsOf(0, 4, 8)));
      expect(new Set(await ids('widget', { filters: { lang: 'en_gb' } }))).toEqual(new Set(idsOf(0, 4, 8)));
      expect(await ids('widget', { filters: { lang: 'e' } })).toEqual([]);
      expect(new Set(await ids('widget', { filters: { tag: 'economy' } }))).toEqual(new Set(idsOf(0, 1)));
      // A bare until date includes that day; story 11 has no publishedAt and is dated by fetchedAt (03-09).
      expect(new Set(await ids('widget', { filters: { since: '2025-03-02', until: '2025-03-02' } }))).toEqual(new Set(idsOf(1, 5, 9)));
      expect(new Set(await ids('widget', { filters: { since: '2025-03-04T00:00:00Z' } }))).toEqual(new Set(idsOf(3, 7, 11)));
      expect(new Set(await ids('widget', { filters: { until: '2025-03-01T15:00:00.000Z' } }))).toEqual(new Set(idsOf(0, 4)));
    });

    it('filters by feed id or URL, and by the tags of the feed that listed an article', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml', { tags: ['Tech', 'Daily'] });
      await ctx.index.claimNewItems(feed.id, [story(1), story(2)]);
      expect(new Set(await ids('widget', { filters: { feed: feed.id } }))).toEqual(new Set(idsOf(1, 2)));
      expect(new Set(await ids('widget', { filters: { feed: 'https://NEWS.example.org/feed.xml?utm_source=x' } }))).toEqual(new Set(idsOf(1, 2)));
      expect(new Set(await ids('widget', { filters: { tag: 'TECH' } }))).toEqual(new Set(idsOf(1, 2)));
      expect(new Set(await ids('widget', { filters: { tag: 'economy' } }))).toEqual(new Set(idsOf(0, 1)));
      expect(await ids('widget', { filters: { feed: 'no-such-feed' } })).toEqual([]);
    });

    it("follows a feed's tags as they change: retagged, a tag removed, every tag removed, the feed deleted, added again and moved", async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml', { tags: ['Tech', 'Daily'] });
      await ctx.index.claimNewItems(feed.id, [story(1), story(2)]);
      // By relevance and browsing (each backend builds them apart); stories 0 and 1 carry Economy themselves.
      const tagged = async (tag: string): Promise<Set<string>> => {
        const ranked = new Set(await ids('widget', { filters: { tag } }));
        expect(new Set(await ids('', { filters: { tag } })), tag).toEqual(ranked);
        return ranked;
      };
      const listed = new Set(idsOf(1, 2));
      const none = new Set<string>();
      expect(await tagged('tech')).toEqual(listed);

      await ctx.index.updateFeed(feed.id, { tags: ['Science', 'DAILY'] });
      expect(await tagged('tech')).toEqual(none);
      expect(await tagged('science')).toEqual(listed);
      expect(await tagged('daily')).toEqual(listed);

      await ctx.index.updateFeed(feed.id, { tags: ['Science'] });
      expect(await tagged('daily')).toEqual(none);
      expect(await tagged('science')).toEqual(listed);

      await ctx.index.updateFeed(feed.id, { tags: [] });
      expect(await tagged('science')).toEqual(none);

      await ctx.index.updateFeed(feed.id, { tags: ['Science'] });
      expect(await ctx.index.removeFeed(feed.id)).toBe(true);
      expect(await tagged('science')).toEqual(none);
      expect(await tagged('economy')).toEqual(new Set(idsOf(0, 1)));

      // The same URL (so the same id) added again: its new tags alone, none of the deleted feed's.
      const { feed: again } = await ctx.index.addFeed('https://news.example.org/feed.xml', { tags: ['World'] });
      expect(again.id).toBe(feed.id);
      expect(await tagged('world')).toEqual(listed);
      expect(await tagged('science')).toEqual(none);

      // A patch without tags keeps them; a feed that moved keeps its tags, and its articles follow it.
      await ctx.index.updateFeed(feed.id, { url: 'https://news.example.org/moved.xml', title: 'Moved' });
      expect(await tagged('world')).toEqual(listed);
    });

    it('combines filters with each other and with the query', async () => {
      expect(new Set(await ids('gadget', { filters: { site: 'example news', lang: 'en', author: 'jane doe' } }))).toEqual(new Set(idsOf(4, 8)));
      expect(await ids('gizmo', { filters: { site: 'example news', lang: 'en' } })).toEqual([]);
    });

    it('browses by filters alone, newest first, and refuses an empty query without filters', async () => {
      const browsed = await ctx.index.search('', { filters: { site: 'example news' }, limit: 3 });
      expect(browsed.total).toBe(8);
      expect(browsed.hits.map((hit) => hit.id)).toEqual(idsOf(11, 7, 10));
      expect(browsed.hits[0]?.snippet).toBe('widget gizmo news number 11');
      expect(browsed.hits[0]?.score).toBe(0);
      await expect(ctx.index.search('  ', {})).rejects.toMatchObject({ code: 'invalid-payload' });
      await expect(ctx.index.search('', { filters: {} })).rejects.toMatchObject({ code: 'invalid-payload' });
      await expect(ctx.index.search('-widget', { filters: { lang: 'fr' } })).rejects.toMatchObject({ code: 'invalid-payload' });
    });

    it('sorts by date, newest first, undated articles by when they were fetched', async () => {
      expect(await ids('widget', { sort: 'date' })).toEqual(idsOf(11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0));
    });

    it('rejects bad filters and options, saying which', async () => {
      const bad: Array<[SearchOptions, RegExp]> = [
        [{ filters: { since: 'last tuesday' } }, /since/u],
        [{ filters: { site: '  ' } }, /site/u],
        [{ sort: 'popularity' as 'date' }, /sort/u],
        [{ limit: 101 }, /limit/u],
        [{ limit: -1 }, /limit/u],
        [{ offset: 1.5 }, /offset/u],
        [{ cursor: 'garbage' }, /cursor/u],
      ];
      for (const [options, message] of bad) {
        const error = await ctx.index.search('widget', options).catch((e: unknown) => e);
        expect(error, JSON.stringify(options)).toMatchObject({ name: 'TidingsError', code: 'invalid-payload' });
        expect((error as Error).message).toMatch(message);
      }
    });

    it('counts facets over every match, not only the page', async () => {
      const result = await ctx.index.search('widget', { limit: 1, facets: true });
      expect(result.total).toBe(12);
      expect(result.hits).toHaveLength(1);
      expect(result.facets).toEqual({
        site: [
          { value: 'Example News', count: 8 },
          { value: 'other.example.com', count: 4 },
        ],
        lang: [
          { value: 'fr', count: 9 },
          { value: 'en-gb', count: 3 },
        ],
        author: [
          { value: 'Jane Doe', count: 6 },
          { value: 'Ravi Rao', count: 6 },
          { value: 'jane doe', count: 6 },
        ],
        day: [
          { value: '2025-03-09', count: 1 },
          { value: '2025-03-04', count: 2 },
          { value: '2025-03-03', count: 3 },
          { value: '2025-03-02', count: 3 },
          { value: '2025-03-01', count: 3 },
        ],
      });
      const filtered = await ctx.index.search('gizmo', { facets: true, filters: { lang: 'fr' } });
      expect(filtered.total).toBe(6);
      expect(filtered.facets?.lang).toEqual([{ value: 'fr', count: 6 }]);
      expect((await ctx.index.search('widget')).facets).toBeUndefined();
      expect((await ctx.index.search('nothingmatches', { facets: true })).facets).toEqual({ site: [], lang: [], author: [], day: [] });
    });

    for (const sort of ['relevance', 'date'] as const) {
      it(`pages with an opaque cursor (${sort}), without repeats or gaps, unaffected by articles added meanwhile`, async () => {
        const seen: SearchHit[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<typeof ctx.index.search>> = await ctx.index.search('widget', { limit: 5, sort, cursor });
          expect(page.total).toBe(12);
          seen.push(...page.hits);
          cursor = page.nextCursor;
          pages += 1;
          if (pages === 1) {
            // Stored after the first page: neither shifts later pages nor appears in them.
            await ctx.index.upsertArticle(makeArticle(story(99), { title: 'Widget widget widget', text: 'widget', publishedAt: '2030-01-01T00:00:00.000Z' }));
          }
        } while (cursor !== null && pages < 10);
        expect(pages).toBe(3);
        expect(seen.map((hit) => hit.id).sort()).toEqual(w.map((record) => record.id).sort());
        const fresh = await ctx.index.search('widget', { limit: 5, sort });
        expect(fresh.total).toBe(13);
      });
    }

    it('gives no cursor on the last page, and refuses a cursor from another search', async () => {
      const first = await ctx.index.search('widget', { limit: 12 });
      expect(first.nextCursor).toBeNull();
      const paged = await ctx.index.search('widget', { limit: 4 });
      expect(paged.nextCursor).toEqual(expect.any(String));
      await expect(ctx.index.search('gadget', { limit: 4, cursor: paged.nextCursor })).rejects.toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/another search/u) });
      await expect(ctx.index.search('widget', { limit: 4, cursor: paged.nextCursor, sort: 'date' })).rejects.toMatchObject({ code: 'invalid-payload' });
      await expect(ctx.index.search('widget', { limit: 4, cursor: paged.nextCursor, offset: 4 })).rejects.toMatchObject({ code: 'invalid-payload' });
      // A different page size is fine: the cursor marks where the next page starts.
      const next = await ctx.index.search('widget', { limit: 8, cursor: paged.nextCursor });
      expect(next.hits).toHaveLength(8);
      expect(next.nextCursor).toBeNull();
    });

    it('pages with limit and offset, and counts with limit 0', async () => {
      const first = await ctx.index.search('widget');
      expect(first.total).toBe(12);
      expect(first.hits).toHaveLength(10);
      const last = await ctx.index.search('widget', { limit: 10, offset: 10 });
      expect(last.hits).toHaveLength(2);
      expect(new Set([...first.hits, ...last.hits].map((hit) => hit.id)).size).toBe(12);
      const none = await ctx.index.search('widget', { limit: 0 });
      expect(none).toEqual({ total: 12, hits: [], nextCursor: null });
    });
  });
}
