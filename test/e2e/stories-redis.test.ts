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

