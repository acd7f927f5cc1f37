import { describe, expect, it } from 'vitest';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { ArticleUpsertOutcome } from '../types.js';
import type { ContractContext } from './harness.js';

const url = (name: string) => `https://odd.example.org/${name}`;

/** The error of a refused outcome (or a failure of the test when it was stored). */
function refusal(outcome: ArticleUpsertOutcome | undefined): TidingsError {
  if (outcome === undefined || outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  expect(outcome.error).toBeInstanceOf(TidingsError);
  return outcome.error;
}

/**
 * Articles whose text or dates one store could hold and the other could
 * not: both must store them alike, or refuse them alike, one article at a
 * time (never the whole batch).
 */
export function storedTextContract(ctx: ContractContext): void {
  describe('text and dates at the edges of what the stores hold', () => {
    it('stores text with lone surrogates as U+FFFD, searchable by its words, beside the rest of its batch', async () => {
      // A lone surrogate is what slicing a string mid-emoji leaves (an excerpt cut at 300 code units).
      const broken = makeArticle(url('surrogates'), {
        title: 'Quince harvest \ud83d',
        text: 'alpha\ud800beta and \udc00gamma',
        excerpt: 'Quince \ud83d',
        authors: ['Ann\udbff Lee'],
        tags: ['fruit\udfff'],
        siteName: 'Orchard\ud800 News',
      });
      const plain = makeArticle(url('plain'), { title: 'Turnip prices' });
      const outcomes = await ctx.index.upsertArticles([{ record: broken }, { record: plain }]);
      expect(outcomes).toEqual([
        { ok: true, id: broken.id, created: true },
        { ok: true, id: plain.id, created: true },
      ]);
      expect(await ctx.index.getArticle(broken.url)).toEqual({
        ...broken,
        title: 'Quince harvest \ufffd',
        text: 'alpha\ufffdbeta and \ufffdgamma',
        excerpt: 'Quince \ufffd',
        authors: ['Ann\ufffd Lee'],
        tags: ['fruit\ufffd'],
        siteName: 'Orchard\ufffd News',
      });
      for (const word of ['alpha', 'beta', 'gamma', 'quince', 'author:ann', 'site:orchard']) {
        expect((await ctx.index.search(word)).hits.map((hit) => hit.id), word).toEqual([broken.id]);
      }
      expect((await ctx.index.search('quince', { filters: { tag: 'fruit\ufffd', author: 'ann\ufffd lee' } })).total).toBe(1);
    });

    it('stores an article with a NUL character in its text as U+FFFD, and refuses on its own one whose id, URL, story or item URL holds one', async () => {
      const good = makeArticle(url('good'), { title: 'Good turnip' });
      const texts: ArticleRecord[] = [
        makeArticle(url('nul-title'), { title: 'Nul\u0000 turnip' }),
        makeArticle(url('nul-html'), { html: '<p>a\u0000b</p>', text: 'a\u0000b turnip' }),
        makeArticle(url('nul-tag'), { tags: ['a\u0000'], authors: ['x\u0000'] }),
      ];
      const named: ArticleRecord[] = [makeArticle(url('nul-story'), { storyId: 'story\u0000' }), makeArticle(url('nul-feed'), { feedUrls: ['https://odd.example.org/\u0000'] })];
      const outcomes = await ctx.index.upsertArticles([
        ...texts.map((record) => ({ record })),
        ...named.map((record) => ({ record })),
        { record: good },
        { record: makeArticle(url('nul-item')), itemUrl: 'https://odd.example.org/\u0000' },
      ]);
      expect(outcomes.slice(0, 3).map((outcome) => outcome.ok)).toEqual([true, true, true]);
      expect((await ctx.index.getArticle(texts[0]!.id))?.title).toBe('Nul\ufffd turnip');
      expect((await ctx.index.getArticle(texts[2]!.id))).toMatchObject({ tags: ['a\ufffd'], authors: ['x\ufffd'] });
      for (const [i, field] of [[3, 'storyId'], [4, 'feedUrls'], [6, 'itemUrl']] as const) {
        const error = refusal(outcomes[i]);
        expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
        expect(error.message).toContain(field);
        expect(error.message).toMatch(/NUL character \(U\+0000\)/u);
      }
      expect(outcomes[5]).toEqual({ ok: true, id: good.id, created: true });
      expect(await ctx.index.countArticles()).toBe(4);
      await expect(ctx.index.upsertArticle(named[0]!)).rejects.toMatchObject({ code: 'invalid-payload', permanent: true });
    });

    it('refuses an id or URL with a NUL character in getArticle and similar, as text the index cannot hold', async () => {
      for (const call of [() => ctx.index.getArticle('a\u0000b'), () => ctx.index.similar('https://odd.example.org/\u0000')]) {
        await expect(call()).rejects.toMatchObject({ name: 'TidingsError', code: 'invalid-payload', permanent: true, message: expect.stringMatching(/NUL character/u) });
      }
    });

    it('dates an article whose publishedAt is outside the years 1-9999 by its fetchedAt, in order with the others', async () => {
      const fetchedAt = '2025-05-05T05:05:05.000Z';
      const odd = ['+010000-01-01T00:00:00.000Z', '0000-06-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z'].map((publishedAt, i) =>
        makeArticle(url(`odd-date-${i}`), { title: `Odd date ${i} widget`, publishedAt, fetchedAt }),
      );
      const dated = [
        makeArticle(url('year-50'), { title: 'Year fifty widget', publishedAt: '0050-06-01T00:00:00.000Z' }),
        makeArticle(url('year-9999'), { title: 'Last year widget', publishedAt: '9999-12-31T23:59:59.999Z' }),
        makeArticle(url('year-2025'), { title: 'Recent widget', publishedAt: '2025-06-01T00:00:00.000Z' }),
      ];
      const outcomes = await ctx.index.upsertArticles([...odd, ...dated].map((record) => ({ record })));
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      const byDate = await ctx.index.search('widget', { sort: 'date', limit: 100 });
      expect(byDate.hits.map((hit) => hit.url)).toEqual([dated[1]!.url, dated[2]!.url, odd[2]!.url, odd[1]!.url, odd[0]!.url, dated[0]!.url]);
      // The records keep the dates they were given; only the order, the filters and the day facet use the fetch time.
      expect((await ctx.index.getArticle(odd[0]!.url))?.publishedAt).toBe('+010000-01-01T00:00:00.000Z');
      expect((await ctx.index.search('widget', { filters: { since: '2025-05-05', until: '2025-05-05' } })).total).toBe(3);
      const facets = await ctx.index.search('widget', { facets: true });
      expect(facets.facets?.day.map((day) => day.value)).toEqual(['9999-12-31', '2025-06-01', '2025-05-05', '0050-06-01']);
      // Paging by date through all of them, one at a time.
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof ctx.index.search>> = await ctx.index.search('widget', { sort: 'date', limit: 1, cursor });
        paged.push(...page.hits.map((hit) => hit.url));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(paged).toEqual(byDate.hits.map((hit) => hit.url));
    });

    it('finds a word longer than PostgreSQL keeps whole by a prefix, and similar articles of one that repeats it', async () => {
      // 3,000 bytes: PostgreSQL keeps at most 2,000 of a word, FTS5 all of it.
      const blob = 'q'.repeat(3000);
      const first = makeArticle(url('blob-1'), { title: 'Encoded blob', text: `${blob} ${blob} ${blob} ${blob} shared parsnip words here` });
      const second = makeArticle(url('blob-2'), { title: 'Encoded blob again', text: `${blob} ${blob} ${blob} parsnip words` });
      const other = makeArticle(url('other'), { title: 'Other', text: 'parsnip words' });
      for (const record of [first, second, other]) await ctx.index.upsertArticle(record);
      expect(new Set((await ctx.index.search(`${'q'.repeat(999)}*`)).hits.map((hit) => hit.id))).toEqual(new Set([first.id, second.id]));
      expect((await ctx.index.similar(first.id)).map((hit) => hit.id)).toContain(second.id);
    });
  });
}
