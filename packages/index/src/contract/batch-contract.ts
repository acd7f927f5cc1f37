import { describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { TidingsIndex } from '../types.js';
import type { ContractContext } from './harness.js';

const url = (n: number) => `https://news.example.org/2025/batch-${n}`;

/** upsertArticles: many articles in one transaction, each with its own outcome. */
export function batchContract(ctx: ContractContext): void {
  describe('batched upserts', () => {
    it('stores every article of a batch, each outcome in order, searchable at once', async () => {
      const records = [1, 2, 3].map((n) => makeArticle(url(n), { title: `Batch story ${n} about turnips` }));
      const outcomes = await ctx.index.upsertArticles(records.map((record) => ({ record })));
      expect(outcomes).toEqual(records.map((record) => ({ ok: true, id: record.id, created: true })));
      expect(await ctx.index.countArticles()).toBe(3);
      expect((await ctx.index.search('turnips')).total).toBe(3);
      expect(await ctx.index.getArticle(url(2))).toEqual(records[1]);
      expect(await ctx.index.upsertArticles([])).toEqual([]);
    });

    it('applies a URL given twice in order: created, then updated, feedUrls united', async () => {
      const first = makeArticle(url(1), { title: 'First headline', feedUrls: ['https://a.example/feed'] });
      const second = makeArticle(url(1), { title: 'Second headline', feedUrls: ['https://b.example/feed'] });
      const outcomes = await ctx.index.upsertArticles([{ record: first }, { record: second }]);
      expect(outcomes.map((outcome) => outcome.ok && outcome.created)).toEqual([true, false]);
      expect(await ctx.index.countArticles()).toBe(1);
      const stored = await ctx.index.getArticle(url(1));
      expect(stored?.title).toBe('Second headline');
      expect(stored?.feedUrls).toEqual(['https://a.example/feed', 'https://b.example/feed']);
    });

    it('refuses a bad article on its own: the others of the batch are stored', async () => {
      const taken = makeArticle(url(1));
      await ctx.index.upsertArticle(taken);
      const broken = { ...makeArticle(url(2)), title: undefined } as unknown as Parameters<TidingsIndex['upsertArticle']>[0];
      const clash = makeArticle(url(3), { id: taken.id });
      const good = [makeArticle(url(4), { title: 'Good one' }), makeArticle(url(5), { title: 'Good two' })];
      const outcomes = await ctx.index.upsertArticles([{ record: good[0]! }, { record: broken }, { record: clash }, { record: good[1]! }]);
      expect(outcomes[0]).toEqual({ ok: true, id: good[0]!.id, created: true });
      expect(outcomes[3]).toEqual({ ok: true, id: good[1]!.id, created: true });
      for (const refused of [outcomes[1], outcomes[2]]) {
        expect(refused?.ok).toBe(false);
        const error = refused && !refused.ok ? refused.error : null;
        expect(error).toBeInstanceOf(TidingsError);
        expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
      }
      expect(outcomes[2]?.ok === false && outcomes[2].error.message).toContain(url(1));
      expect(await ctx.index.countArticles()).toBe(3);
      expect(await ctx.index.getArticle(url(3))).toBeNull();
      expect((await ctx.index.search('good')).total).toBe(2);
    });

    it('credits feeds that claimed an item before its batch arrived', async () => {
      const { feed } = await ctx.index.addFeed('https://a.example/feed');
      const itemUrl = 'https://news.example.org/item-link';
      await ctx.index.claimNewItems(feed.id, [itemUrl]);
      const outcomes = await ctx.index.upsertArticles([{ record: makeArticle(url(1)), itemUrl }, { record: makeArticle(url(2)) }]);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect((await ctx.index.getArticle(url(1)))?.feedUrls).toEqual(['https://a.example/feed']);
      expect((await ctx.index.getArticle(url(2)))?.feedUrls).toEqual([]);
    });

    it('fails as a whole with a retryable io error once closed', async () => {
      const other = await ctx.openAnother();
      await other.close();
      await expect(other.upsertArticles([{ record: makeArticle(url(1)) }])).rejects.toMatchObject({ code: 'io', permanent: false });
    });
  });
}
