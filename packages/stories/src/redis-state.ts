import type { ArticleFingerprint, KeyMembers, StoryState, StorySummary } from './state.js';

/**
 * A {@link StoryState} in Redis, for grouping across processes. Takes any
 * client with ioredis's pipeline (single server or cluster: every key
 * shares the prefix's {stories} hash tag, so the scripts below may name
 * many), so this package stays free of a Redis driver. Each call is one
 * round trip. Everything but the word counts expires after
 * `ttlMs` of not being written: grouping only ever looks back a few days.
 */
export interface StoriesRedisPipeline {
  get(key: string): unknown;
  pexpire(key: string, ms: number): unknown;
  set(key: string, value: string, px: 'PX', ms: number): unknown;
  hmget(key: string, ...fields: string[]): unknown;
  hincrby(key: string, field: string, increment: number): unknown;
  hsetnx(key: string, field: string, value: string): unknown;
  hset(key: string, field: string, value: string): unknown;
  hgetall(key: string): unknown;
  sadd(key: string, member: string): unknown;
  smembers(key: string): unknown;
  eval(script: string, numberOfKeys: number, ...keysAndArgs: (string | number)[]): unknown;
  exec(): Promise<[Error | null, unknown][] | null>;
}

export interface StoriesRedis {
  pipeline(): StoriesRedisPipeline;
}

/** How long grouping state is kept without a write: longer than any grouping window. */
export const DEFAULT_STORY_TTL_MS = 14 * 86_400_000;

/**
 * The many-key writes of one article as one script each: an article touches
 * a few hundred keys and hash fields (its bands, its rare words, one count
 * per distinct word), and one command per touch made the grouping cost
 * about 700 commands an article, mostly encoding and parsing on both sides.
 * Every key shares the {stories} hash tag, so a script may name them all on
 * Redis Cluster.
 */
/** KEYS: count key, word hash; ARGV: the words. */
const ADD_DOCUMENT = `
redis.call('INCR', KEYS[1])
for i = 1, #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
return #ARGV`;
/** KEYS: members and count key of each band or word key, in pairs; ARGV: id, limit, ttl. */
const ADD_MEMBER = `
local limit = tonumber(ARGV[2])
for i = 1, #KEYS, 2 do
  redis.call('RPUSH', KEYS[i], ARGV[1])
  redis.call('LTRIM', KEYS[i], -limit, -1)
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
  redis.call('INCR', KEYS[i + 1])
  redis.call('PEXPIRE', KEYS[i + 1], ARGV[3])
end
return #KEYS`;
/** KEYS: members and count key of each key, in pairs; returns [members, count] per pair. */
const MEMBERS = `
local out = {}
for i = 1, #KEYS, 2 do
  out[#out + 1] = redis.call('LRANGE', KEYS[i], 0, -1)
  out[#out + 1] = redis.call('GET', KEYS[i + 1]) or '0'
end
return out`;

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

  /** The members list and the count key of each band or word key, in pairs (the scripts' KEYS). */
  private memberKeys(keys: readonly string[]): string[] {
    return keys.flatMap((key) => [this.key('members', key), this.key('count', key)]);
  }

  async members(keys: readonly string[]): Promise<KeyMembers[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    pipeline.eval(MEMBERS, keys.length * 2, ...this.memberKeys(keys));
    const [values] = (await run(pipeline)) as [unknown[]];
    return keys.map((_, i) => ({ ids: (values[i * 2] as string[] | null) ?? [], count: Number(values[i * 2 + 1] ?? 0) }));
  }

  async addMember(keys: readonly string[], id: string, limit: number): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.redis.pipeline();
    pipeline.eval(ADD_MEMBER, keys.length * 2, ...this.memberKeys(keys), id, limit, this.ttlMs);
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
    pipeline.eval(ADD_DOCUMENT, 2, this.key('articles', 'count'), this.key('df', 'words'), ...words);
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
