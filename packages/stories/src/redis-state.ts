import type { ArticleCount, ArticleFingerprint, Placement, StoryState, StorySummary } from './state.js';

/**
 * A {@link StoryState} in Redis, for grouping across processes. Takes any
 * client with ioredis's pipeline and `defineCommand` (single server or
 * cluster: every key shares the prefix's {stories} hash tag, so the scripts
 * below may name many), so this package stays free of a Redis driver. Each
 * call is one round trip. Everything but the word counts expires after
 * `ttlMs` of not being written: grouping only ever looks back a few days.
 */
export interface StoriesRedisPipeline {
  mget(...keys: string[]): unknown;
  pexpire(key: string, ms: number): unknown;
  set(key: string, value: string, px: 'PX', ms: number): unknown;
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
  /**
   * ioredis's: makes `name` a command of the client and of every pipeline
   * it makes afterwards, which runs `lua` by its SHA1 (EVALSHA) and sends
   * the script itself (EVAL) only to a connection that does not have it yet.
   */
  defineCommand(name: string, definition: { lua: string }): void;
}

/** How long grouping state is kept without a write: longer than any grouping window. */
export const DEFAULT_STORY_TTL_MS = 14 * 86_400_000;

/**
 * Grouping an article touches a few hundred things: the count of each of
 * its distinct words, and some 50 member keys (its LSH bands and lookup
 * words). One command per touch, even inside a script, cost about 700
 * commands an article, most of the pipeline's Redis commands: each one is
 * looked up, run, counted and (a write) replicated and appended to the AOF
 * on its own. So a touch of many fields or keys is one command wherever
 * Redis has one: the word counts are read with one HMGET and written back
 * with one HSET (that HMGET also gives grouping the counts it weighs the
 * words by, so they are read once); each member key is a string, the JSON
 * array of its latest ids, all read with one MGET and each written with one
 * SET that also sets its expiry. Every key shares the {stories} hash tag,
 * so a script may name them all on Redis Cluster.
 */

/** Words per HMGET and HSET: Lua unpacks at most 8,000 values at once, and a page of made-up words has tens of thousands. */
const WORDS_PER_COMMAND = 1000;

/**
 * KEYS: the article's fingerprint, the article count, the word counts; ARGV:
 * its distinct words. Returns the fingerprint if there is one (nothing
 * counted), else counts the article, exactly as one HINCRBY per word did, and
 * returns the counts from before it: the article count, then each word's
 * count in ARGV's order. The words' counts are read once, by the HMGET that
 * counting needs anyway, and the whole is atomic: no other grouper counts in
 * between.
 */
const COUNT_ARTICLE = `
local fingerprint = redis.call('GET', KEYS[1])
if fingerprint then return fingerprint end
local articles = redis.call('INCR', KEYS[2]) - 1
local before = {}
for first = 1, #ARGV, ${WORDS_PER_COMMAND} do
  local last = math.min(first + ${WORDS_PER_COMMAND - 1}, #ARGV)
  local counts = redis.call('HMGET', KEYS[3], unpack(ARGV, first, last))
  local fields = {}
  for i = first, last do
    local count = tonumber(counts[i - first + 1]) or 0
    before[i] = count
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = count + 1
  end
  redis.call('HSET', KEYS[3], unpack(fields))
end
return {articles, before}`;

/**
 * The ids of each member key, as JSON, false for none. KEYS: the member
 * keys (`ids:`), then the same keys as an earlier release named them
 * (`members:`), which were lists (with a count key beside each). An earlier
 * release's indexers may still run beside this one (a rolling upgrade) and
 * keep writing those lists: this layout never writes a key they read, so
 * neither meets a key of the other's type. A member key not written yet
 * is read from its list while one is left (one EXISTS says), so the
 * articles grouped before the upgrade stay candidates; the lists expire
 * within the TTL of their last write.
 */
const CURRENT_MEMBERS = `
local function currentMembers()
  local n = #KEYS / 2
  local values = redis.call('MGET', unpack(KEYS, 1, n))
  local older = {}
  for i = 1, n do if not values[i] then older[#older + 1] = KEYS[n + i] end end
  local lists = #older > 0 and redis.call('EXISTS', unpack(older)) or 0
  for i = 1, n do
    if lists == 0 then break end
    if not values[i] then
      local ids = redis.call('LRANGE', KEYS[n + i], 0, -1)
      if #ids > 0 then
        values[i] = cjson.encode(ids)
        lists = lists - 1
      end
    end
  end
  return values, n
end`;

/** KEYS: distinct member keys, then their earlier names (see CURRENT_MEMBERS); ARGV: id, limit, ttl (ms). */
const ADD_MEMBER = `${CURRENT_MEMBERS}
local values, n = currentMembers()
local limit = tonumber(ARGV[2])
for i = 1, n do
  local ids = values[i] and cjson.decode(values[i]) or {}
  ids[#ids + 1] = ARGV[1]
  while #ids > limit do table.remove(ids, 1) end
  redis.call('SET', KEYS[i], cjson.encode(ids), 'PX', ARGV[3])
end
return #KEYS`;

/** KEYS: member keys, then their earlier names (see CURRENT_MEMBERS); returns the ids of each, JSON, or null. */
const MEMBERS = `${CURRENT_MEMBERS}
return currentMembers()`;

/**
 * The scripts, by the name of the command each becomes on the client
 * (StoriesRedis.defineCommand): each is sent once to a connection, then
 * named by its SHA1, rather than sent whole with every article. The names
 * are the client's, shared with whatever else uses it: hence the prefix.
 */
const SCRIPTS = {
  tidingsStoriesCountArticle: COUNT_ARTICLE,
  tidingsStoriesMembers: MEMBERS,
  tidingsStoriesAddMember: ADD_MEMBER,
} as const;

type ScriptName = keyof typeof SCRIPTS;

/** Queues script `name` (defined on the client that made `pipeline`) on `pipeline`, with its keys and arguments. */
function queueScript(pipeline: StoriesRedisPipeline, name: ScriptName, keys: readonly string[], args: readonly (string | number)[] = []): void {
  // defineCommand gave each pipeline of the client a method by that name, which no type of the client declares.
  const command = (pipeline as unknown as Partial<Record<ScriptName, (numberOfKeys: number, ...keysAndArgs: (string | number)[]) => unknown>>)[name];
  if (typeof command !== 'function') throw new TypeError(`the Redis pipeline has no ${name} command: it was not defined on the client that made it`);
  command.call(pipeline, keys.length, ...keys, ...args);
}

async function run(pipeline: StoriesRedisPipeline): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

export class RedisStoryState implements StoryState {
  /**
   * @param redis its scripts are defined on it as commands (see SCRIPTS).
   * @param prefix every key starts with it (redisKeys(prefix).storiesPrefix).
   */
  constructor(
    private readonly redis: StoriesRedis,
    private readonly prefix: string,
    private readonly ttlMs = DEFAULT_STORY_TTL_MS,
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { lua });
  }

  private key(kind: string, name: string): string {
    return `${this.prefix}${kind}:${name}`;
  }

  /** Each member key (`ids:`, a string), then each as an earlier release named it (`members:`, a list): CURRENT_MEMBERS' KEYS. */
  private memberKeys(keys: readonly string[]): string[] {
    return [...keys.map((key) => this.key('ids', key)), ...keys.map((key) => this.key('members', key))];
  }

  async countArticle(id: string, words: readonly string[]): Promise<ArticleCount> {
    const distinct = [...new Set(words)];
    const pipeline = this.redis.pipeline();
    queueScript(pipeline, 'tidingsStoriesCountArticle', [this.key('print', id), this.key('articles', 'count'), this.key('df', 'words')], distinct);
    const [result] = await run(pipeline);
    if (typeof result === 'string') return { grouped: JSON.parse(result) as ArticleFingerprint };
    const [articles, counts] = result as [number, number[]];
    const before = new Map(distinct.map((word, i) => [word, counts[i] ?? 0]));
    return { grouped: null, articles, frequencies: words.map((word) => before.get(word) ?? 0) };
  }

  async members(keys: readonly string[]): Promise<string[][]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    queueScript(pipeline, 'tidingsStoriesMembers', this.memberKeys(keys));
    const [values] = (await run(pipeline)) as [(string | null)[]];
    return keys.map((_, i) => {
      const raw = values[i];
      // Lua's JSON writes an empty array as {} (a limit of 0 leaves none).
      const ids: unknown = typeof raw === 'string' ? JSON.parse(raw) : [];
      return Array.isArray(ids) ? (ids as string[]) : [];
    });
  }

  async addMember(keys: readonly string[], id: string, limit: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    if (this.queueAddMember(pipeline, keys, id, limit)) await run(pipeline);
  }

  /** Queues addMember's script; false when there is no key to add to. */
  private queueAddMember(pipeline: StoriesRedisPipeline, keys: readonly string[], id: string, limit: number): boolean {
    const distinct = [...new Set(keys)];
    if (distinct.length === 0) return false;
    queueScript(pipeline, 'tidingsStoriesAddMember', this.memberKeys(distinct), [id, limit, this.ttlMs]);
    return true;
  }

  async fingerprints(ids: readonly string[]): Promise<(ArticleFingerprint | null)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    pipeline.mget(...ids.map((id) => this.key('print', id)));
    const [values] = (await run(pipeline)) as [unknown[]];
    return values.map((raw) => (typeof raw === 'string' ? (JSON.parse(raw) as ArticleFingerprint) : null));
  }

  async putFingerprint(fingerprint: ArticleFingerprint): Promise<void> {
    const pipeline = this.redis.pipeline();
    this.queuePutFingerprint(pipeline, fingerprint);
    await run(pipeline);
  }

  private queuePutFingerprint(pipeline: StoriesRedisPipeline, fingerprint: ArticleFingerprint): void {
    pipeline.set(this.key('print', fingerprint.id), JSON.stringify(fingerprint), 'PX', this.ttlMs);
  }

  async noteStory(storyId: string, article: { site: string; time: number }): Promise<void> {
    const pipeline = this.redis.pipeline();
    this.queueNoteStory(pipeline, storyId, article);
    await run(pipeline);
  }

  private queueNoteStory(pipeline: StoriesRedisPipeline, storyId: string, article: { site: string; time: number }): void {
    const story = this.key('story', storyId);
    const sites = this.key('story-sites', storyId);
    pipeline.hincrby(story, 'size', 1);
    pipeline.hsetnx(story, 'firstSeen', String(article.time));
    pipeline.hset(story, 'lastSeen', String(article.time));
    pipeline.sadd(sites, article.site);
    pipeline.pexpire(story, this.ttlMs);
    pipeline.pexpire(sites, this.ttlMs);
  }

  /** One request (a pipeline: not atomic, in order, as the four calls were) for the whole placement. */
  async place({ fingerprint, memberships, story }: Placement): Promise<void> {
    const pipeline = this.redis.pipeline();
    this.queuePutFingerprint(pipeline, fingerprint);
    for (const { keys, limit } of memberships) this.queueAddMember(pipeline, keys, fingerprint.id, limit);
    this.queueNoteStory(pipeline, story.storyId, story);
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
