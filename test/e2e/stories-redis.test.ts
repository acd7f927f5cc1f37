import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '@tidings/contracts';
import { connectRedis, isRedisCluster } from '@tidings/queue';
import { MAX_ANALYSED_TEXT, MemoryStoryState, RedisStoryState, StoryGrouper } from '@tidings/stories';
import { loadStoryFixture } from '../fixtures/stories/load.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { until } from '../support/until.js';

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
    const keysPrefix = redisKeys(prefix).storiesPrefix + 'same:';
    const state = new RedisStoryState(redis, keysPrefix);
    // Word counts are read and written a thousand words to a command: 2,500 words take three.
    const vocabulary = Array.from({ length: 2_500 }, (_, i) => `word${i}`);
    for (let article = 0; article < 6; article += 1) {
      const id = `a${article}`;
      const keys = [`m${article % 2}:band`, 'w:shared', `w:only${article}`, 'w:shared'];
      const words = [...vocabulary.filter((_, i) => i % (article + 1) === 0), 'word0'];
      await memory.addMember(keys, id, 3);
      await state.addMember(keys, id, 3);
      expect(await state.countArticle(id, words), id).toEqual(await memory.countArticle(id, words));
    }
    const keys = ['m0:band', 'm1:band', 'w:shared', 'w:only0', 'w:none'];
    expect(await state.members(keys)).toEqual(await memory.members(keys));
    expect(await state.members(['w:shared'])).toEqual([['a3', 'a4', 'a5']]);
    // An article with a fingerprint is not counted again.
    const print = { id: 'a0', storyId: 'a0', time: 0, site: 'example.org', signature: [1, 2], shingleCount: 2, keywords: ['word0'], keywordWeights: [0.5], names: [], titleWords: [] };
    await memory.putFingerprint(print);
    await state.putFingerprint(print);
    expect(await state.countArticle('a0', vocabulary)).toEqual({ grouped: print });
    const probe = await state.countArticle('probe', [...vocabulary, 'unseen']);
    expect(probe).toEqual(await memory.countArticle('probe', [...vocabulary, 'unseen']));
    expect(probe).toMatchObject({ articles: 6 });
    expect(probe.grouped === null && [0, 1, 2497, 2500].map((i) => probe.frequencies[i])).toEqual([6, 1, 1, 0]);
    // The layout an earlier release reads and counts into (a rolling upgrade): a string and a hash of decimal counts.
    expect(await redis.get(`${keysPrefix}articles:count`)).toBe('7');
    expect(await redis.hmget(`${keysPrefix}df:words`, 'word0', 'word1')).toEqual(['7', '2']);
  });

  // Grouping read an article's word counts (HMGET) and the article count (GET), and later counted them in a script (its
  // own HMGET and HSET): two steps, each atomic. Now one script does both.
  it('counts an article and reads the counts before it in one atomic step, however many groupers count at once', async () => {
    const keysPrefix = redisKeys(prefix).storiesPrefix + 'concurrent:';
    const clients = Array.from({ length: 4 }, () => connectRedis(TEST_REDIS_URL));
    try {
      const states = clients.map((client) => new RedisStoryState(client, keysPrefix));
      const counted = await Promise.all(Array.from({ length: 60 }, (_, i) => (states[i % states.length] as RedisStoryState).countArticle(`a${i}`, [`own${i}`, 'shared'])));
      const before = counted.map((count) => (count.grouped ? null : { articles: count.articles, own: count.frequencies[0], shared: count.frequencies[1] }));
      // Every article counted each word it has; so, counted at once with the article count, 'shared' was counted as often before it.
      for (const seen of before) expect(seen).toEqual({ articles: seen?.articles, own: 0, shared: seen?.articles });
      expect(before.map((seen) => seen?.articles).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 60 }, (_, i) => i));
      expect(await redis.hget(`${keysPrefix}df:words`, 'shared')).toBe('60');
    } finally {
      for (const client of clients) client.disconnect();
    }
  });

  // Grouping an article read its word counts in one command and counted them in a script sent whole (EVAL) with every call.
  it('counts and weighs an article\'s words with one HMGET, in a script sent whole only once a connection', async () => {
    const keysPrefix = redisKeys(prefix).storiesPrefix + 'sha:';
    const articles = loadStoryFixture().articles.slice(0, 12);
    // A connection of its own, which has sent no script yet.
    const client = connectRedis(TEST_REDIS_URL);
    const monitors = await Promise.all((isRedisCluster(redis) ? redis.nodes('master') : [redis]).map((node) => node.monitor()));
    const seen: { fromScript: boolean; command: string }[] = [];
    for (const monitor of monitors) {
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        if (args.some((arg) => arg.startsWith(keysPrefix))) seen.push({ fromScript: source === 'lua', command: String(args[0]).toLowerCase() });
      });
    }
    try {
      const grouper = new StoryGrouper(new RedisStoryState(client, keysPrefix));
      for (const article of articles) await grouper.assign(article);
      await client.exists(`${keysPrefix}done`);
      await until('the monitor to see the last command', () => seen.some((command) => command.command === 'exists'), 10_000);
    } finally {
      client.disconnect();
      for (const monitor of monitors) monitor.disconnect();
    }
    const sent = seen.filter((command) => !command.fromScript).map((command) => command.command);
    // Three scripts, each sent whole once, then named by its SHA1.
    expect(sent.filter((command) => command === 'eval').length).toBeLessThanOrEqual(3);
    expect(sent.filter((command) => command === 'evalsha').length).toBeGreaterThan(articles.length);
    expect(sent).not.toContain('hmget');
    expect(seen.filter((command) => command.fromScript && command.command === 'hmget')).toHaveLength(articles.length);
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

  it('puts a grouped article in place with one request: its fingerprint, lookup keys and story summary, as the in-memory state does', async () => {
    // The real client, with its requests counted: each pipeline sent is one request to Redis.
    let requests = 0;
    const counted = {
      pipeline: () => {
        const pipeline = redis.pipeline();
        const exec = pipeline.exec.bind(pipeline);
        return Object.assign(pipeline, { exec: () => ((requests += 1), exec()) });
      },
      defineCommand: redis.defineCommand.bind(redis),
    };
    const state = new RedisStoryState(counted, redisKeys(prefix).storiesPrefix + 'place:');
    const memory = new MemoryStoryState();
    const print = { id: 'p1', storyId: 's1', time: 1_000, site: 'example.org', signature: [1, 2], shingleCount: 2, keywords: ['word0'], keywordWeights: [0.5], names: [], titleWords: [] };
    const placement = { fingerprint: print, memberships: [{ keys: ['b:1', 'b:2'], limit: 3 }, { keys: ['w:word0'], limit: 2 }, { keys: [], limit: 2 }], story: { storyId: 's1', site: 'example.org', time: 1_000 } };
    await state.place(placement);
    await memory.place(placement);
    expect(requests).toBe(1);
    expect(await state.fingerprints(['p1'])).toEqual(await memory.fingerprints(['p1']));
    expect(await state.members(['b:1', 'b:2', 'w:word0'])).toEqual([['p1'], ['p1'], ['p1']]);
    expect(await state.members(['b:1', 'b:2', 'w:word0'])).toEqual(await memory.members(['b:1', 'b:2', 'w:word0']));
    expect(await state.story('s1')).toEqual(await memory.story('s1'));
    // A whole grouping: one request to count the article, one to read its candidates' keys, at most one for their
    // fingerprints, one to put it in place.
    requests = 0;
    const article = [...loadStoryFixture().articles][0] as ReturnType<typeof loadStoryFixture>['articles'][number];
    await new StoryGrouper(state).assign(article);
    expect(requests).toBeLessThanOrEqual(4);
  });
});

