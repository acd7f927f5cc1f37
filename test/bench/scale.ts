/**
 * bench:scale — how throughput grows with worker processes, and what one
 * article costs. Serves the benchmark pages on 127.0.0.1 behind RSS feeds,
 * starts its own redis-server (so the command counts are the pipeline's
 * alone), and runs the pipeline as separate processes started the documented
 * way (each service's entry point), once per layout: 1, 2 and 4 extractor
 * processes with 1 fetcher, and 1, 2 and 4 extractors with 2 fetchers.
 *
 * Per layout it prints articles/s between the first and the last article
 * indexed (process start-up excluded) and, measured from when every process
 * sat idle to the end, CPU-seconds per article of each stage, Redis commands
 * and network bytes per article, and index bytes per article: the figures
 * the README's capacity model rests on.
 *
 *   pnpm bench:scale [--articles 600] [--feed-size 50] [--layouts 1x1,2x1,4x1,1x2,2x2,4x2]
 *
 * Needs `redis-server` on PATH and the benchmark pages (see shared-data.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { loadConfig } from '@tidings/config';
import { openIndex } from '@tidings/index';
import { QUEUES } from '@tidings/contracts';
import { PipelineQueues, pendingJobs, redisAnswers } from '@tidings/queue';
import { loadBenchPages } from './bench-pages.js';
import { buildSite, serveSite } from './bench-site.js';
import { freePort } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '600' },
    'feed-size': { type: 'string', default: '50' },
    'poll-rounds': { type: 'string', default: '40' },
    layouts: { type: 'string', default: '1x1,2x1,4x1,1x2,2x2,4x2' },
  },
});
const wanted = Number(args.articles);
const feedSize = Number(args['feed-size']);
const pollRounds = Number(args['poll-rounds']);
/** "EXF": E extractor processes, F fetcher processes. */
const layouts = args.layouts.split(',').map((text) => {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--layouts takes EXF pairs like 2x1, got "${text}"`);
  return { extractors: Number(match[1]), fetchers: Number(match[2]) };
});

const STAGES = ['scheduler', 'fetcher', 'parser', 'extractor', 'indexer'] as const;
/** The queues an article's jobs go through. */
const ARTICLE_QUEUES = [QUEUES.articleFetch, QUEUES.articleExtract, QUEUES.articleIndex] as const;
type Stage = (typeof STAGES)[number];
/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

if (spawnSync('redis-server', ['--version']).error) {
  console.error('bench:scale: redis-server is not on PATH (Debian: apt-get install redis-server)');
  process.exit(1);
}

/** CPU-seconds a process has used so far (its worker threads included). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields.
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

function redisStats(info: string) {
  const read = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { commands: read('total_commands_processed'), bytes: read('total_net_input_bytes') + read('total_net_output_bytes') };
}

function directoryBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

interface Worker {
  stage: Stage;
  child: ChildProcess;
}

/** Waits until no worker uses more than a few ms of CPU per second: start-up (and its compile work) is over. */
async function settle(workers: Worker[]): Promise<void> {
  for (let round = 0; round < 120; round++) {
    const before = workers.map((w) => cpuSeconds(w.child.pid!));
    await sleep(1000);
    const busy = workers.some((w, i) => cpuSeconds(w.child.pid!) - before[i]! > 0.05);
    if (!busy && round >= 2) return;
  }
  throw new Error('the workers never went idle');
}

/**
 * What a poll that finds nothing new costs: every feed is polled again
 * `pollRounds` times (a refresh job each, as `POST /api/feeds/:id/refresh`
 * queues), and the site answers 304 to the validator the first fetch stored.
 * CPU of every process and Redis commands, per poll.
 */
async function measurePolls(workers: Worker[], redis: Redis, queues: PipelineQueues, feeds: { id: string; url: string }[]) {
  if (pollRounds <= 0 || feeds.length === 0) return null;
  await settle(workers);
  // What the idle pipeline costs (heartbeats, blocking queue reads) per second, taken off below.
  const idleCpuBefore = workers.map((w) => cpuSeconds(w.child.pid!));
  const idleRedisBefore = redisStats(await redis.info('stats'));
  const idleStarted = performance.now();
  await sleep(5000);
  const idleSeconds = (performance.now() - idleStarted) / 1000;
  const idleCpuPerSecond = workers.reduce((sum, w, i) => sum + cpuSeconds(w.child.pid!) - idleCpuBefore[i]!, 0) / idleSeconds;
  const idleCommandsPerSecond = (redisStats(await redis.info('stats')).commands - idleRedisBefore.commands - 1) / idleSeconds;

  const cpuBefore = workers.map((w) => cpuSeconds(w.child.pid!));
  const redisBefore = redisStats(await redis.info('stats'));
  const started = performance.now();
  let checks = 0;
  for (let round = 0; round < pollRounds; round++) {
    for (const feed of feeds) await queues.add(QUEUES.feedFetch, { feedId: feed.id, feedUrl: feed.url }, { jobId: `bench-poll-${round}-${feed.id}` });
    do {
      await sleep(50);
      checks++;
    } while ((await pendingJobs(queues)) > 0);
  }
  const redisAfter = redisStats(await redis.info('stats'));
  const seconds = (performance.now() - started) / 1000;
  const cpu = workers.reduce((sum, w, i) => sum + cpuSeconds(w.child.pid!) - cpuBefore[i]!, 0) - idleCpuPerSecond * seconds;
  // The bench's own waiting is commands too: what one check costs, measured alone on the idle pipeline, is taken off.
  const alone = redisStats(await redis.info('stats'));
  await pendingJobs(queues);
  const perCheck = redisStats(await redis.info('stats')).commands - alone.commands - 1;
  const polls = pollRounds * feeds.length;
  const pipelineCommands = redisAfter.commands - redisBefore.commands - 1 - checks * perCheck - idleCommandsPerSecond * seconds;
  return { polls, cpuPerPoll: Math.max(cpu, 0) / polls, redisCommandsPerPoll: Math.max(pipelineCommands, 0) / polls, idleCpuPerSecond, idleCommandsPerSecond };
}

async function runLayout(feedUrls: string[], layout: { extractors: number; fetchers: number }, redisUrl: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tidings-scale-'));
  const prefix = `scale${layout.extractors}x${layout.fetchers}`;
  const index = await openIndex({ dataDir });
  const env = {
    ...process.env,
    REDIS_URL: redisUrl,
    TIDINGS_QUEUE_PREFIX: prefix,
    TIDINGS_DATA_DIR: dataDir,
    TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
    TIDINGS_LOG_LEVEL: 'warn',
    // Every page is on one loopback host: politeness limits would measure the limiter, not the pipeline.
    TIDINGS_HOST_CONCURRENCY: '64',
    TIDINGS_HOST_DELAY_MS: '0',
  };
  const start = (stage: Stage): Worker => ({
    stage,
    child: spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(root, `services/${stage}/src/main.ts`)], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] }),
  });
  const workers: Worker[] = [
    start('scheduler'),
    ...Array.from({ length: layout.fetchers }, () => start('fetcher')),
    start('parser'),
    ...Array.from({ length: layout.extractors }, () => start('extractor')),
    start('indexer'),
  ];
  const redis = new Redis(redisUrl);
  // The bench's polls are queued as the scheduler and the API queue them: with the configured job options (completed
  // jobs kept, TIDINGS_KEEP_COMPLETED), which a poll's cost includes: 3 commands more than keeping none, 5 once that many are kept.
  const config = loadConfig(env);
  const queues = new PipelineQueues(redis, prefix, { keepCompleted: config.keepCompleted, keepFailed: config.keepFailed, retryDelayMs: config.retryDelayMs });
  // The index's size is read once every process has closed it: SQLite then folds its write-ahead log (up to about
  // 40 MB, see the index's WAL_CHECKPOINT_PAGES) into the file and removes it, so the figure is the index, not the log.
  let measured: { indexed: number; indexBytesPerArticle: number } | undefined;
  try {
    // The feeds are subscribed once every process sits idle, so start-up stays out of the figures;
    // the scheduler notices them on its next pass (within 30 s), which the first-to-last timing leaves out.
    await settle(workers);
    const cpuBefore = new Map(workers.map((w) => [w, cpuSeconds(w.child.pid!)]));
    const redisBefore = redisStats(await redis.info('stats'));
    for (const url of feedUrls) await index.addFeed(url);
    let first = 0;
    let last = 0;
    let indexed = 0;
    let lastProgress = performance.now();
    let failed = 0;
    while (indexed + failed < wanted && performance.now() - lastProgress < 90_000) {
      await sleep(200);
      // An article whose job failed for good (a page refused as not an article, say) is done too.
      failed = (await Promise.all(ARTICLE_QUEUES.map((queue) => queues.get(queue).getFailedCount()))).reduce((a, b) => a + b, 0);
      const count = await index.countArticles();
      const now = performance.now();
      if (count > indexed) {
        if (indexed === 0) first = now;
        last = now;
        lastProgress = now;
        indexed = count;
      }
    }
    const cpu = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
    for (const w of workers) cpu[w.stage] += cpuSeconds(w.child.pid!) - cpuBefore.get(w)!;
    const redisAfter = redisStats(await redis.info('stats'));
    const seconds = (last - first) / 1000;
    const poll = await measurePolls(workers, redis, queues, await index.listFeeds());
    const result = {
      ...layout,
      indexed,
      failed,
      seconds,
      rate: indexed > 1 && seconds > 0 ? (indexed - 1) / seconds : 0,
      cpuPerArticle: Object.fromEntries(STAGES.map((stage) => [stage, cpu[stage] / Math.max(indexed, 1)])) as Record<Stage, number>,
      redisCommandsPerArticle: (redisAfter.commands - redisBefore.commands) / Math.max(indexed, 1),
      redisBytesPerArticle: (redisAfter.bytes - redisBefore.bytes) / Math.max(indexed, 1),
      indexBytesPerArticle: 0,
      poll,
    };
    measured = result;
    return result;
  } finally {
    await Promise.all(
      workers.map((w) => new Promise<void>((resolve) => (w.child.exitCode !== null ? resolve() : (w.child.once('exit', () => resolve()), w.child.kill('SIGTERM'))))),
    );
    await index.close();
    if (measured) measured.indexBytesPerArticle = directoryBytes(dataDir) / Math.max(measured.indexed, 1);
    await queues.close();
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pages = loadBenchPages();
const site = buildSite(pages, wanted, feedSize);
const { server, feedUrls } = await serveSite(site);
const redisPort = await freePort();
const redisDir = mkdtempSync(path.join(os.tmpdir(), 'tidings-scale-redis-'));
const redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], { stdio: 'ignore' });
const redisUrl = `redis://127.0.0.1:${redisPort}`;
try {
  for (let i = 0; !(await redisAnswers(redisUrl)); i++) {
    if (i > 50) throw new Error(`the bench's redis-server on port ${redisPort} did not answer`);
    await sleep(100);
  }

  console.log(`bench:scale — ${site.articles.length} articles in ${feedUrls.length} RSS feeds, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), own redis-server on port ${redisPort}`);
  console.log('Each layout runs every stage as its own process (services/<name>/src/main.ts); E = extractor processes, F = fetcher processes.');
  const results = [];
  for (const layout of layouts) {
    process.stderr.write(`  ${layout.extractors} extractor(s), ${layout.fetchers} fetcher(s)...\n`);
    results.push(await runLayout(feedUrls, layout, redisUrl));
  }
  const baseline = results[0]!.rate || 1;
  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log('');
  console.log('| E x F | indexed | failed | seconds (first to last) | articles/s | vs first layout |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.extractors} x ${r.fetchers} | ${r.indexed} | ${r.failed} | ${f(r.seconds)} | ${f(r.rate)} | ${f(r.rate / baseline, 2)}x |`);
  console.log('');
  console.log(`| E x F | ${STAGES.map((s) => `${s} CPU ms`).join(' | ')} | Redis commands | Redis bytes | index bytes |`);
  console.log(`|---|${STAGES.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const r of results) {
    console.log(
      `| ${r.extractors} x ${r.fetchers} | ${STAGES.map((s) => f(r.cpuPerArticle[s] * 1000)).join(' | ')} | ${f(r.redisCommandsPerArticle)} | ${Math.round(r.redisBytesPerArticle)} | ${Math.round(r.indexBytesPerArticle)} |`,
    );
  }
  console.log('(per article; CPU includes each process\'s worker threads and idle polling during the run)');
  console.log('');
  console.log('| E x F | polls (304, nothing new) | CPU ms per poll, all processes | Redis commands per poll | idle: CPU ms/s | idle: Redis commands/s |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    if (r.poll) console.log(`| ${r.extractors} x ${r.fetchers} | ${r.poll.polls} | ${f(r.poll.cpuPerPoll * 1000, 2)} | ${f(r.poll.redisCommandsPerPoll)} | ${f(r.poll.idleCpuPerSecond * 1000)} | ${f(r.poll.idleCommandsPerSecond)} |`);
  }
  console.log('(a poll\'s figures leave out what the idle pipeline costs over the same time, measured just before)');
} finally {
  server.close();
  redisServer.kill('SIGTERM');
  await new Promise((resolve) => redisServer.once('exit', resolve));
  rmSync(redisDir, { recursive: true, force: true });
}
