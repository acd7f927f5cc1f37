/**
 * bench:stories — story grouping, judged and timed. Not a test: it prints.
 *
 *   pnpm bench:stories [--articles 100000]
 *
 * 1. Quality: every article of the labelled fixture (test/fixtures/stories/
 *    pairs.json.gz: copies, rewrites, hard negatives on the same site or
 *    topic) is grouped in publication order through one StoryGrouper; a pair
 *    labelled "same story" counts as found when both got one storyId.
 *    Prints precision and recall over the pairs, overall and per kind.
 * 2. Cost: a synthetic stream of --articles articles (word-bigram text from
 *    the fixture's vocabulary, one in ten a copy of a recent one) through the
 *    in-memory state, timed per block of articles: the cost per article
 *    should not grow with the number already grouped. `--state redis` runs
 *    the same stream over RedisStoryState (what the indexer uses) on the
 *    test Redis, under a prefix of its own that is deleted afterwards, and
 *    prints the commands (those run inside scripts too) and the CPU time
 *    Redis spent per article, as the server counts them: whatever else uses
 *    that Redis meanwhile counts too.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { redisKeys } from '@tidings/contracts';
import { connectRedis, isRedisCluster, type RedisClient } from '@tidings/queue';
import { MemoryStoryState, RedisStoryState, StoryGrouper, type StoryInput, type StoryState } from '@tidings/stories';
import { evaluatePairs, loadStoryFixture } from '../fixtures/stories/load.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, state: { type: 'string', default: 'memory' } } });
const total = Number(values.articles);
if (values.state !== 'memory' && values.state !== 'redis') throw new Error(`--state must be memory or redis, got ${values.state}`);

async function quality(): Promise<void> {
  const fixture = loadStoryFixture();
  const result = await evaluatePairs(fixture, new StoryGrouper(new MemoryStoryState()));
  console.log(`story grouping on ${fixture.articles.length} articles, ${fixture.pairs.length} labelled pairs`);
  console.log(`  precision ${result.precision.toFixed(3)}  recall ${result.recall.toFixed(3)}  (tp ${result.tp}, fp ${result.fp}, fn ${result.fn}, tn ${result.tn})`);
  for (const [kind, counts] of Object.entries(result.byKind)) {
    console.log(`  ${kind.padEnd(20)} ${counts.right}/${counts.total} right`);
  }
  for (const miss of result.wrong.slice(0, 10)) console.log(`  wrong: ${miss}`);
}

/** Deterministic synthetic news: words drawn by their frequency in the fixture's texts, names invented per story. */
function syntheticStream(seed: number) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const tokens = loadStoryFixture()
    .articles.filter((a) => !a.variantOf)
    .flatMap((a) => a.text.toLowerCase().split(/\s+/u).filter((w) => /^\p{L}+$/u.test(w)));
  const syllables = ['ka', 'lo', 'mi', 'ra', 'den', 'vos', 'tal', 'ber', 'gu', 'shi', 'an', 'ne', 'or', 'ul', 'zak', 'pe'];
  const name = () => {
    const n = 2 + Math.floor(random() * 2);
    let out = '';
    for (let i = 0; i < n; i += 1) out += syllables[Math.floor(random() * syllables.length)];
    return out[0]?.toUpperCase() + out.slice(1);
  };
  const words = (count: number, names: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < count; i += 1) out.push(random() < 0.05 ? (names[Math.floor(random() * names.length)] as string) : (tokens[Math.floor(random() * tokens.length)] as string));
    return out.join(' ');
  };
  return { random, name, words };
}

/** Commands run (by INFO commandstats, INFO itself left out) and CPU seconds used so far by the Redis behind `redis` (every master of a cluster). */
async function redisWork(redis: RedisClient): Promise<{ commands: number; cpuSeconds: number }> {
  let commands = 0;
  let cpuSeconds = 0;
  for (const node of isRedisCluster(redis) ? redis.nodes('master') : [redis]) {
    for (const [, name, calls] of (await node.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (name !== 'info') commands += Number(calls);
    for (const [, seconds] of (await node.info('cpu')).matchAll(/^used_cpu_(?:sys|user):([\d.]+)/gm)) cpuSeconds += Number(seconds);
  }
  return { commands, cpuSeconds };
}

async function cost(state: StoryState, label: string, redis?: RedisClient): Promise<void> {
  const synth = syntheticStream(11);
  const { random } = synth;
  const grouper = new StoryGrouper(state);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const recent: { input: StoryInput; names: string[] }[] = [];
  const block = Math.max(1, Math.floor(total / 10));
  const reasons = new Map<string, number>();
  const made = { copies: 0, followUps: 0 };
  let spent = 0;
  let cpu = 0;
  const redisBefore = redis ? await redisWork(redis) : null;
  console.log(`\ngrouping cost, ${total} synthetic articles (${label}; one in ten a trimmed copy, one in twenty a follow-up with the same names), per block of ${block}:`);
  for (let i = 0; i < total; i += 1) {
    const time = new Date(start + i * 30_000).toISOString();
    const site = `site${i % 50}`;
    const roll = random();
    let input: StoryInput;
    if (recent.length > 0 && roll < 0.1) {
      const original = recent[Math.floor(random() * recent.length)] as { input: StoryInput };
      const words = original.input.text.split(' ');
      input = { id: `a${i}`, title: `UPDATE 1-${original.input.title}`, text: words.slice(0, Math.ceil(words.length * 0.8)).join(' '), publishedAt: time, site };
      made.copies += 1;
    } else if (recent.length > 0 && roll < 0.15) {
      const original = recent[Math.floor(random() * recent.length)] as { input: StoryInput; names: string[] };
      input = { id: `a${i}`, title: `${original.names.slice(0, 2).join(' ')} ${synth.words(5, original.names)}`, text: synth.words(300 + Math.floor(random() * 400), original.names), publishedAt: time, site };
      made.followUps += 1;
    } else {
      const names = Array.from({ length: 3 + Math.floor(random() * 4) }, synth.name);
      input = { id: `a${i}`, title: `${names.slice(0, 2).join(' ')} ${synth.words(6, names)}`, text: synth.words(300 + Math.floor(random() * 500), names), publishedAt: time, site };
      recent.push({ input, names });
      if (recent.length > 500) recent.shift();
    }
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const assignment = await grouper.assign(input, start);
    const used = process.cpuUsage(c0);
    cpu += (used.user + used.system) / 1000;
    spent += performance.now() - t0;
    reasons.set(assignment.reason, (reasons.get(assignment.reason) ?? 0) + 1);
    if ((i + 1) % block === 0) {
      console.log(
        `  articles ${String(i + 2 - block).padStart(7)}-${String(i + 1).padEnd(7)} ${((spent / block) * 1000).toFixed(0).padStart(6)} µs/article (wall)  ${((cpu / block) * 1000).toFixed(0).padStart(6)} µs/article (CPU)`,
      );
      spent = 0;
      cpu = 0;
    }
  }
  console.log(`  made ${made.copies} copies and ${made.followUps} follow-ups; grouped as ${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ')}`);
  if (redis && redisBefore) {
    const after = await redisWork(redis);
    console.log(`  Redis: ${((after.commands - redisBefore.commands) / total).toFixed(1)} commands and ${(((after.cpuSeconds - redisBefore.cpuSeconds) * 1_000_000) / total).toFixed(0)} µs of CPU an article`);
  }
}

await quality();
if (values.state === 'memory') await cost(new MemoryStoryState(), 'in-memory state');
else {
  await requireRedis();
  const prefix = uniquePrefix('bench-stories');
  const redis = connectRedis(TEST_REDIS_URL);
  try {
    await cost(new RedisStoryState(redis, redisKeys(prefix).storiesPrefix), 'RedisStoryState, as the indexer groups', redis);
  } finally {
    redis.disconnect();
    await deletePrefix(prefix);
  }
}
