import type { ArticleFingerprint, KeyMembers, StoryState, StorySummary } from './state.js';

/**
 * A {@link StoryState} in Redis, for grouping across processes. Takes any
 * client with ioredis's pipeline (single server or cluster: every command
 * names one key), so this package stays free of a Redis driver. Each call
 * is one round trip. Everything but the word counts expires after
 * `ttlMs` of not being written: grouping only ever looks back a few days.
 */
export interface StoriesRedisPipeline {
  lrange(key: string, start: number, stop: number): unknown;
  get(key: string): unknown;
  rpush(key: string, value: string): unknown;
  ltrim(key: string, start: number, stop: number): unknown;
  incr(key: string): unknown;
  pexpire(key: string, ms: number): unknown;
  set(key: string, value: string, px: 'PX', ms: number): unknown;
  hmget(key: string, ...fields: string[]): unknown;
  hincrby(key: string, field: string, increment: number): unknown;
  hsetnx(key: string, field: string, value: string): unknown;
  hset(key: string, field: string, value: string): unknown;
  hgetall(key: string): unknown;
  sadd(key: string, member: string): unknown;
  smembers(key: string): unknown;
  exec(): Promise<[Error | null, unknown][] | null>;
}

export interface StoriesRedis {
  pipeline(): StoriesRedisPipeline;
}

/** How long grouping state is kept without a write: longer than any grouping window. */
export const DEFAULT_STORY_TTL_MS = 14 * 86_400_000;

async function run(pipeline: StoriesRedisPipeline): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

export class RedisStoryState implements StoryState {
  /**
   * @param prefix every key starts with it (redisKeys(prefix).storiesPrefix).
   */
  constructor(
    private readonly redis: StoriesRedis,
    private readonly prefix: string,
    private readonly ttlMs = DEFAULT_STORY_TTL_MS,
  ) {}

  private key(kind: string, name: string): string {
    return `${this.prefix}${kind}:${name}`;
  }

  async members(keys: readonly string[]): Promise<KeyMembers[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) {
      pipeline.lrange(this.key('members', key), 0, -1);
      pipeline.get(this.key('count', key));
    }
    const values = await run(pipeline);
    return keys.map((_, i) => ({ ids: (values[i * 2] as string[] | null) ?? [], count: Number(values[i * 2 + 1] ?? 0) }));
  }

  async addMember(keys: readonly string[], id: string, limit: number): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of keys) {
      const members = this.key('members', key);
      const count = this.key('count', key);
      pipeline.rpush(members, id);
      pipeline.ltrim(members, -limit, -1);
      pipeline.pexpire(members, this.ttlMs);
      pipeline.incr(count);
      pipeline.pexpire(count, this.ttlMs);
    }
    await run(pipeline);
  }

  async fingerprints(ids: readonly string[]): Promise<(ArticleFingerprint | null)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.get(this.key('print', id));
    const values = await run(pipeline);
    return values.map((raw) => (typeof raw === 'string' ? (JSON.parse(raw) as ArticleFingerprint) : null));
  }

  async putFingerprint(fingerprint: ArticleFingerprint): Promise<void> {
    const pipeline = this.redis.pipeline();
    pipeline.set(this.key('print', fingerprint.id), JSON.stringify(fingerprint), 'PX', this.ttlMs);
    await run(pipeline);
  }

  async articleCount(): Promise<number> {
    const pipeline = this.redis.pipeline();
    pipeline.get(this.key('articles', 'count'));
    const [value] = await run(pipeline);
    return Number(value ?? 0);
  }

  async documentFrequencies(words: readonly string[]): Promise<number[]> {
    if (words.length === 0) return [];
    const pipeline = this.redis.pipeline();
    pipeline.hmget(this.key('df', 'words'), ...words);
    const [values] = await run(pipeline);
    return (values as (string | null)[]).map((value) => Number(value ?? 0));
  }

  async addDocument(words: readonly string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    pipeline.incr(this.key('articles', 'count'));
    for (const word of words) pipeline.hincrby(this.key('df', 'words'), word, 1);
    await run(pipeline);
  }

  async noteStory(storyId: string, article: { site: string; time: number }): Promise<void> {
    const story = this.key('story', storyId);
    const sites = this.key('story-sites', storyId);
    const pipeline = this.redis.pipeline();
    pipeline.hincrby(story, 'size', 1);
    pipeline.hsetnx(story, 'firstSeen', String(article.time));
    pipeline.hset(story, 'lastSeen', String(article.time));
    pipeline.sadd(sites, article.site);
    pipeline.pexpire(story, this.ttlMs);
    pipeline.pexpire(sites, this.ttlMs);
    await run(pipeline);
  }

  async story(storyId: string): Promise<StorySummary | null> {
    const pipeline = this.redis.pipeline();
    pipeline.hgetall(this.key('story', storyId));
    pipeline.smembers(this.key('story-sites', storyId));
    const [fields, sites] = (await run(pipeline)) as [Record<string, string>, string[]];
    if (!fields.size) return null;
    // Articles arrive roughly in time order: firstSeen is the first one's time, lastSeen the latest one's.
    return { storyId, size: Number(fields.size), sites: [...sites].sort(), firstSeen: Number(fields.firstSeen), lastSeen: Number(fields.lastSeen) };
  }
}
