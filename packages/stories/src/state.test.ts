import { describe, expect, it } from 'vitest';
import { MemoryStoryState } from './state.js';

// RedisStoryState is held to the same behaviour, against a real Redis, in test/e2e/stories-redis.test.ts.
describe('MemoryStoryState', () => {
  it('keeps the latest ids of each key, oldest first, an id once however often a call names the key', async () => {
    const state = new MemoryStoryState();
    for (const id of ['a', 'b', 'c', 'd']) await state.addMember(['k1', 'k2', 'k1'], id, 3);
    await state.addMember(['k2'], 'e', 3);
    expect(await state.members(['k1', 'k2', 'none'])).toEqual([['b', 'c', 'd'], ['c', 'd', 'e'], []]);
    // What it returns is a copy.
    (await state.members(['k1']))[0]?.push('x');
    expect(await state.members(['k1'])).toEqual([['b', 'c', 'd']]);
  });

  it('counts an article once for each distinct word it names, and returns the counts from before it', async () => {
    const state = new MemoryStoryState();
    expect(await state.countArticle('a', ['rain', 'flood', 'rain'])).toEqual({ grouped: null, articles: 0, frequencies: [0, 0, 0] });
    expect(await state.countArticle('b', ['flood', 'sun'])).toEqual({ grouped: null, articles: 1, frequencies: [1, 0] });
    expect(await state.countArticle('c', ['rain', 'flood', 'sun', 'fog'])).toEqual({ grouped: null, articles: 2, frequencies: [1, 2, 1, 0] });
  });

  it('counts nothing for an article that has a fingerprint, and returns that', async () => {
    const state = new MemoryStoryState();
    await state.countArticle('a', ['rain']);
    const print = { id: 'a', storyId: 's', time: 0, site: 'x', signature: [], shingleCount: 0, keywords: [], keywordWeights: [], names: [], titleWords: [] };
    await state.putFingerprint(print);
    expect(await state.countArticle('a', ['rain'])).toEqual({ grouped: print });
    expect(await state.countArticle('b', ['rain'])).toEqual({ grouped: null, articles: 1, frequencies: [1] });
  });
});
