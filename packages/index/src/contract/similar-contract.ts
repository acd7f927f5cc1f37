import { describe, expect, it } from 'vitest';
import { makeArticle } from '../test-fixtures.js';
import type { ContractContext } from './harness.js';

const SEED = makeArticle('https://news.example.org/volcano', {
  title: 'Volcano erupts near Reykjavik',
  text: 'The volcano on the Reykjanes peninsula erupted overnight. Lava flowed towards Grindavik; the town was evacuated. Geologists expect the eruption to continue.',
});
const CLOSE = makeArticle('https://news.example.org/grindavik', {
  title: 'Grindavik evacuated as lava nears',
  text: 'Lava from the Reykjanes eruption reached the edge of Grindavik. Geologists say the volcano remains active.',
});
const LOOSE = makeArticle('https://news.example.org/iceland-tourism', {
  title: 'Tourists return to Iceland',
  text: 'Flights to Reykjavik are full again, though the volcano keeps some visitors away.',
});
const UNRELATED = makeArticle('https://news.example.org/football', { title: 'Cup final tonight', text: 'The two teams meet at the stadium tonight.' });
/** Enough other articles that "the" is in most of them, as in any real index. */
const OTHERS = ['markets', 'weather', 'elections', 'music', 'science', 'health', 'transport'].map((topic) =>
  makeArticle(`https://news.example.org/${topic}`, { title: `The ${topic} roundup`, text: `The latest on ${topic} from the newsroom.` }),
);

/** similar(): the closest other articles by content. */
export function similarContract(ctx: ContractContext): void {
  describe('similar', () => {
    it('ranks the closest article first, never returns the article itself, leaves unrelated ones out', async () => {
      for (const record of [SEED, CLOSE, LOOSE, UNRELATED, ...OTHERS]) await ctx.index.upsertArticle(record);
      const hits = await ctx.index.similar(SEED.id);
      expect(hits.map((hit) => hit.id)).toEqual([CLOSE.id, LOOSE.id]);
      expect(hits[0]).toMatchObject({ url: CLOSE.url, title: CLOSE.title, authors: [], snippet: expect.stringContaining('<mark>') });
      expect((await ctx.index.similar(SEED.url, { limit: 1 })).map((hit) => hit.id)).toEqual([CLOSE.id]);
    });

    it('returns nothing for an article that shares no words, and not-found for an unknown one', async () => {
      for (const record of [SEED, CLOSE, UNRELATED, ...OTHERS]) await ctx.index.upsertArticle(record);
      expect(await ctx.index.similar(UNRELATED.id)).toEqual([]);
      await expect(ctx.index.similar('0000000000000000')).rejects.toMatchObject({ name: 'TidingsError', code: 'not-found' });
      await expect(ctx.index.similar(SEED.id, { limit: 0 })).rejects.toMatchObject({ code: 'invalid-payload' });
    });
  });
}
