import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { ALL_QUEUES, QUEUES } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { connectRedis, indexedEventStream, type RedisClient } from '@tidings/queue';
import { startNewsFarm } from './news-farm.js';
import { freePort } from '../support/services.js';
import { ChaosRedis, killGroup, logStream, startWorkerProcess, stopGroup, type Managed } from './processes.js';

/** How many processes of each role the chaos run keeps up. */
export type Roles = Record<'scheduler' | 'fetcher' | 'parser' | 'extractor' | 'indexer', number>;

export interface ChaosOptions {
  feeds: number;
  perFeed: number;
  roles: Roles;
  /** Mean time between two SIGKILLs of a random worker process group. */
  killEveryMs: number;
  /** Kill Redis (SIGKILL) once, when about a third of the articles are in, and start it again on the same AOF. */
  killRedis: boolean;
  /**
   * Run Redis without persistence: the SIGKILL then loses every job, lease and body it held, and the
   * pipeline must notice (the scheduler's Redis lineage check) and poll its feeds again to lose nothing.
   */
  volatileRedis?: boolean;
  /** A PostgreSQL index instead of SQLite: its URL, and how to stop it for a while during the run. */
  postgres?: { url: string; outage(): Promise<void> };
  /** Give up (and report what is lost) after this long. */
  maxMs: number;
  /** Progress lines for people. */
  progress?: (line: string) => void;
  /** Keep the run's directory (logs, Redis AOF, SQLite) instead of removing it. */
  keep?: boolean;
  /** Stops the run early (Ctrl-C): it still cleans up and reports. */
  signal?: AbortSignal;
}

export interface ChaosReport {
  articlesExpected: number;
  indexed: number;
  lost: number;
  duplicated: number;
  /** Articles indexed whose announcement (what the alerter and the live streams read) is not on the stream of indexed articles. */
  unannounced: number;
  failedJobs: number;
  failedByQueue: Record<string, number>;
  /** Every failed job's queue, id and reason ("feed-parse 12: [body-expired] ..."). */
  failedReasons: string[];
  kills: number;
  redisRestarts: number;
  postgresOutages: number;
  /** Worker processes that exited without being killed (a crash): restarted as a supervisor would, and counted. */
  unexpectedExits: number;
  drainSeconds: number;
  /** Article page requests per expected article (1.0: each fetched once). */
  fetchAmplification: number;
  /** Where the logs are (when kept). */
  dir: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The chaos run: the pipeline as separate worker processes (each service's
 * own entry point) on a Redis of its own with AOF and appendfsync always,
 * ingesting a synthetic news site on 127.0.0.1, while random worker process
 * groups are SIGKILLed and restarted, Redis is SIGKILLed and restarted once,
 * and (with PostgreSQL) the index database goes away for 10 s. It waits
 * until every article is indexed and the article queues are empty, then
 * stops the workers with SIGTERM and counts.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const say = options.progress ?? (() => {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-chaos-'));
  const logDir = path.join(dir, 'logs');
  const redis = new ChaosRedis(await freePort(), path.join(dir, 'redis'), logStream(path.join(logDir, 'redis.log')), !options.volatileRedis);
  await redis.start();
  const farm = await startNewsFarm({ feeds: options.feeds, perFeed: options.perFeed });
  const expected = farm.articleUrls;
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL')),
    REDIS_URL: redis.url,
    TIDINGS_QUEUE_PREFIX: 'chaos',
    TIDINGS_DATA_DIR: path.join(dir, 'data'),
    ...(options.postgres ? { TIDINGS_INDEX_URL: options.postgres.url } : {}),
    TIDINGS_FETCH_ALLOW_PRIVATE: `127.0.0.1:${new URL(farm.url).port}`,
    TIDINGS_HOST_DELAY_MS: '0',
    TIDINGS_HOST_CONCURRENCY: '16',
    TIDINGS_POLL_INTERVAL: '10s',
    TIDINGS_POLL_MIN: '10s',
    TIDINGS_FETCH_TIMEOUT_MS: '10000',
    TIDINGS_RETRY_DELAY: '500ms',
    // A killed worker's jobs come back after about 1.5 locks: short here so the run drains in minutes.
    TIDINGS_JOB_LOCK: '5s',
    TIDINGS_SHUTDOWN_TIMEOUT: '5s',
    TIDINGS_LOG_LEVEL: 'info',
  };

  const index = await openIndex({ dataDir: env.TIDINGS_DATA_DIR!, indexUrl: options.postgres?.url ?? null });
  const queueConnection = connectRedis(redis.url);
  queueConnection.on('error', () => {});
  const queues = ALL_QUEUES.map((name) => new Queue(name, { connection: queueConnection, prefix: 'chaos' }));
  // Redis is killed on purpose: its connection errors are expected here.
  for (const queue of queues) queue.on('error', () => {});
  const processes: Managed[] = [];
  let kills = 0;
  let unexpectedExits = 0;
  let redisRestarts = 0;
  let postgresOutages = 0;
  const started = Date.now();
  try {
    for (const url of farm.feedUrls) await index.addFeed(url);
    for (const [role, count] of Object.entries(options.roles)) for (let i = 0; i < count; i++) processes.push(startWorkerProcess(role, env, logDir));
    say(`chaos: ${expected.length} articles behind ${farm.feedUrls.length} feeds at ${farm.url}; ${processes.length} worker processes on ${redis.url}; logs in ${logDir}`);

    const pending = new Set(expected);
    let nextKill = Date.now() + options.killEveryMs;
    let redisKilled = !options.killRedis;
    let postgresStopped = !options.postgres;
    let lastReport = 0;
    while (pending.size > 0 || !(await articleQueuesEmpty(queues))) {
      if (options.signal?.aborted) {
        say('chaos: interrupted');
        break;
      }
      if (Date.now() - started > options.maxMs) {
        say(`chaos: giving up after ${Math.round(options.maxMs / 1000)} s with ${pending.size} articles not indexed`);
        break;
      }
      await sleep(250);
      await checkIndexed(index, pending).catch(() => {});
      const done = expected.length - pending.size;
      for (const [position, process_] of processes.entries()) {
        if (process_.child.exitCode === null && process_.child.signalCode === null) continue;
        unexpectedExits += 1;
        say(`chaos: ${process_.name} exited by itself (code ${process_.child.exitCode}, signal ${process_.child.signalCode}); restarting it`);
        processes[position] = startWorkerProcess(process_.name, env, logDir);
      }
      if (pending.size > 0 && Date.now() >= nextKill) {
        // SIGKILL a random worker process group and start it again, as a supervisor would.
        const victim = Math.floor(Math.random() * processes.length);
        const process_ = processes[victim]!;
        await killGroup(process_);
        kills += 1;
        processes[victim] = startWorkerProcess(process_.name, env, logDir);
        nextKill = Date.now() + options.killEveryMs * (0.5 + Math.random());
      }
      if (!redisKilled && done >= expected.length / 3) {
        redisKilled = true;
        say(`chaos: SIGKILL redis-server at ${done}/${expected.length}`);
        await redis.kill();
        await sleep(2_000);
        await redis.start();
        redisRestarts += 1;
      }
      if (!postgresStopped && done >= expected.length / 2) {
        postgresStopped = true;
        say(`chaos: PostgreSQL down for 10 s at ${done}/${expected.length}`);
        await options.postgres!.outage();
        postgresOutages += 1;
      }
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        say(`chaos: ${done}/${expected.length} indexed after ${Math.round((Date.now() - started) / 1000)} s; ${kills} kills`);
      }
    }
    const drainSeconds = (Date.now() - started) / 1000;
    await Promise.all(processes.map((process_) => stopGroup(process_)));
    const failedByQueue: Record<string, number> = {};
    const failedReasons: string[] = [];
    for (const queue of queues) {
      const failed = await queue.getFailed(0, -1);
      failedByQueue[queue.name] = await queue.getFailedCount();
      failedReasons.push(...failed.map((job) => `${queue.name} ${job.id}: ${job.failedReason}`));
    }
    await checkIndexed(index, pending);
    const indexed = expected.length - pending.size;
    const stored = await index.countArticles();
    const fetches = [...farm.articleFetches.values()].reduce((sum, count) => sum + count, 0);
    return {
      articlesExpected: expected.length,
      indexed,
      lost: pending.size,
      duplicated: Math.max(0, stored - indexed),
      unannounced: await unannounced(queueConnection, expected.filter((url) => !pending.has(url))),
      failedJobs: Object.values(failedByQueue).reduce((sum, count) => sum + count, 0),
      failedByQueue,
      failedReasons,
      kills,
      redisRestarts,
      postgresOutages,
      unexpectedExits,
      drainSeconds,
      fetchAmplification: fetches / expected.length,
      dir: options.keep ? dir : null,
    };
  } finally {
    await Promise.all(processes.map((process_) => killGroup(process_)));
    await Promise.all(queues.map((queue) => queue.close().catch(() => {})));
    queueConnection.disconnect();
    await index.close();
    await farm.close();
    await redis.stop();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes from `pending` every URL the index now holds. */
async function checkIndexed(index: TidingsIndex, pending: Set<string>): Promise<void> {
  for (const url of [...pending]) if ((await index.getArticle(url)) !== null) pending.delete(url);
}

/** How many of the indexed `urls` no entry of the stream of indexed articles announces (the run's Redis holds fewer than the stream's bound). */
async function unannounced(redis: RedisClient, urls: readonly string[]): Promise<number> {
  const entries = await indexedEventStream('chaos').entriesBack(redis, '+', 1_000_000);
  const announced = new Set(entries.flatMap((entry) => (entry.event ? [entry.event.url] : [])));
  return urls.filter((url) => !announced.has(url)).length;
}

/** No article job waiting, running or delayed (feed polls go on for ever: they are not counted). */
async function articleQueuesEmpty(queues: Queue[]): Promise<boolean> {
  try {
    for (const queue of queues) {
      if (queue.name === QUEUES.feedFetch || queue.name === QUEUES.feedParse) continue;
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).some((count) => count > 0)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
