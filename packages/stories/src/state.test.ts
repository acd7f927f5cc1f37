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

  it('counts an article once for each distinct word it names', async () => {
    const state = new MemoryStoryState();
    await state.addDocument(['rain', 'flood', 'rain']);
    await state.addDocument(['flood']);
    expect(await state.articleCount()).toBe(2);
    expect(await state.documentFrequencies(['rain', 'flood', 'sun'])).toEqual([1, 2, 0]);
  });
});
