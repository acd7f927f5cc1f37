import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@tidings/contracts';
import { connectRedis } from '@tidings/queue';
import { MAX_ANALYSED_TEXT, MemoryStoryState, RedisStoryState, StoryGrouper } from '@tidings/stories';
import { loadStoryFixture } from '../fixtures/stories/load.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

/** The Redis-backed grouping state groups exactly as the in-memory one, on the labelled fixture. */
describe('RedisStoryState', () => {
  const prefix = uniquePrefix('stories');
  const redis = connectRedis(TEST_REDIS_URL);

  beforeAll(async () => {
    await requireRedis();
  });

  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('assigns every fixture article the story the in-memory state assigns, and keeps story summaries', async () => {
    const articles = [...loadStoryFixture().articles].sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : 1)).slice(0, 300);
    const memory = new StoryGrouper(new MemoryStoryState());
    const state = new RedisStoryState(redis, redisKeys(prefix).storiesPrefix);
    const inRedis = new StoryGrouper(state);
    const stories = new Map<string, number>();
    for (const article of articles) {
      const expected = await memory.assign(article);
      const actual = await inRedis.assign(article);
      expect({ id: article.id, ...actual }).toEqual({ id: article.id, ...expected });
      stories.set(actual.storyId, (stories.get(actual.storyId) ?? 0) + 1);
    }
    const [biggest, size] = [...stories].sort((a, b) => b[1] - a[1])[0] as [string, number];
    expect(size).toBeGreaterThan(1);
    expect(await state.story(biggest)).toMatchObject({ storyId: biggest, size });
    expect(await state.story('no-such-story')).toBeNull();
    // Grouping again changes nothing.
    expect(await inRedis.assign(articles[0] as (typeof articles)[number])).toMatchObject({ reason: 'known' });
  });

  it('keeps lookup keys and word counts as the in-memory state does: latest ids per key, exact counts past one command of words', async () => {
    const memory = new MemoryStoryState();
    const state = new RedisStoryState(redis, redisKeys(prefix).storiesPrefix + 'same:');
    // Word counts are read and written a thousand words to a command: 2,500 words take three.
    const vocabulary = Array.from({ length: 2_500 }, (_, i) => `word${i}`);
    for (let article = 0; article < 6; article += 1) {
      const id = `a${article}`;
      const keys = [`m${article % 2}:band`, 'w:shared', `w:only${article}`, 'w:shared'];
      const words = [...vocabulary.filter((_, i) => i % (article + 1) === 0), 'word0'];
      for (const target of [memory, state]) {
        await target.addMember(keys, id, 3);
        await target.addDocument(words);
      }
    }
    const keys = ['m0:band', 'm1:band', 'w:shared', 'w:only0', 'w:none'];
    expect(await state.members(keys)).toEqual(await memory.members(keys));
    expect(await state.members(['w:shared'])).toEqual([['a3', 'a4', 'a5']]);
    expect(await state.documentFrequencies([...vocabulary, 'unseen'])).toEqual(await memory.documentFrequencies([...vocabulary, 'unseen']));
    expect(await state.documentFrequencies(['word0', 'word1', 'word2497'])).toEqual([6, 1, 1]);
    expect(await state.articleCount()).toBe(6);
  });

  // A member key was a list (RPUSH, LTRIM, and a count key beside it) before each became one string written with one SET.
  it('reads the lookup lists an earlier release left, and never writes a key an earlier release reads (a rolling upgrade)', async () => {
    const keysPrefix = redisKeys(prefix).storiesPrefix + 'upgrade:';
    await redis.rpush(`${keysPrefix}members:w:kelmoor`, 'old1', 'old2', 'old3');
    await redis.pexpire(`${keysPrefix}members:w:kelmoor`, 60_000);
    await redis.set(`${keysPrefix}count:w:kelmoor`, '9', 'PX', 60_000);
    const state = new RedisStoryState(redis, keysPrefix, 120_000);
    expect(await state.members(['w:kelmoor', 'w:zorvath'])).toEqual([['old1', 'old2', 'old3'], []]);
    await state.addMember(['w:zorvath', 'w:kelmoor'], 'new1', 3);
    expect(await state.members(['w:kelmoor', 'w:zorvath'])).toEqual([['old2', 'old3', 'new1'], ['new1']]);
    // The earlier release's list is still a list (its indexers may still RPUSH to it); the new ids live beside it, with their expiry.
    expect(await redis.type(`${keysPrefix}members:w:kelmoor`)).toBe('list');
    expect(await redis.lrange(`${keysPrefix}members:w:kelmoor`, 0, -1)).toEqual(['old1', 'old2', 'old3']);
    expect(await redis.type(`${keysPrefix}ids:w:kelmoor`)).toBe('string');
    expect(await redis.pttl(`${keysPrefix}ids:w:kelmoor`)).toBeGreaterThan(60_000);
  });

  // Every distinct word of the text was passed to one Redis command as an argument: the stack overflowed, and the
  // article, retried as if Redis had failed, was never indexed.
  it('groups a page of 9 MB of distinct made-up words, reading no more than MAX_ANALYSED_TEXT of it', async () => {
    const state = new RedisStoryState(redis, redisKeys(prefix).storiesPrefix + 'huge:');
    let text = '';
    for (let i = 0; text.length < 9_000_000; i += 1) text += `w${i.toString(36)}x `;
    const huge = { id: 'huge', title: `Words ${'T'.repeat(2_000_000)}`, text, publishedAt: '2026-11-20T10:00:00Z', site: 'example.org' };
    expect(await new StoryGrouper(state).assign(huge)).toMatchObject({ storyId: 'huge', reason: 'new' });
    const counted = await redis.hlen(`${redisKeys(prefix).storiesPrefix}huge:df:words`);
    expect(counted).toBeGreaterThan(1_000);
    expect(counted).toBeLessThanOrEqual(MAX_ANALYSED_TEXT / 4 + 2);
  });
});

