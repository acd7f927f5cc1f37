import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@tidings/config';
import { QUEUES } from '@tidings/contracts';
import { PipelineQueues, redisAnswers } from '@tidings/queue';
import { createRuntime, startServices, type RunningServices, type Runtime } from '@tidings/runtime';
import { fetcherService } from '@tidings/service-fetcher';
import { freePort, tempDir } from '../support/services.js';
import { until } from '../support/until.js';
import { rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

/** Polls measured: queued at once, as a scheduler pass queues the feeds that came due. */
const POLLS = 20;
const ETAG = '"unchanged"';

/** One command as MONITOR saw it: who sent it (`lua` inside a script), and its words. */
interface Seen {
  source: string;
  words: string[];
}

/**
 * What 304 polls cost in Redis, counted on a redis-server of the test's own
 * with MONITOR (commands inside Lua scripts included, as Redis counts them),
 * with the fetcher running as a service runs (startServices: the metrics
 * recorder, the stage timeline and the heartbeat included). The polls are
 * queued from a connection of the test's own, whose commands (the job's add,
 * the scheduler's or the API's) are left out.
 */
describe("a 304 poll's Redis commands", () => {
  let redisServer: ChildProcess;
  let runtime: Runtime;
  let services: RunningServices;
  let site: RecordingServer;
  let driver: Redis;
  let monitor: Redis;
  let queues: PipelineQueues;
  const data = tempDir('poll-cost');
  const prefix = 'pollcost';

  beforeAll(async () => {
    const port = await freePort();
    redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    await until('the test redis-server answers', () => redisAnswers(url), 10_000);
    site = await startRecordingServer();
    site.route('/feed.rss', (req, res) => {
      if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG }).end(rssFeed({ links: [] }));
    });
    const config = loadConfig({
      REDIS_URL: url,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.0/8',
      // Every feed is on one host: politeness would measure the limiter's waits, not a poll.
      TIDINGS_HOST_CONCURRENCY: '64',
      TIDINGS_HOST_DELAY_MS: '0',
    });
    runtime = await createRuntime(config, pino({ level: 'silent' }), { autostartRedis: false });
    services = await startServices(runtime, [fetcherService], { role: 'fetcher' });
    driver = new Redis(url);
    queues = new PipelineQueues(driver, prefix, { keepCompleted: config.keepCompleted, keepFailed: config.keepFailed });
    monitor = new Redis(url);
  });

  afterAll(async () => {
    await services?.close();
    await runtime?.close();
    await queues?.close();
    driver?.disconnect();
    monitor?.disconnect();
    await site?.close();
    redisServer?.kill('SIGKILL');
    data.remove();
  });

  it('are the job\'s life in BullMQ and, besides it, about ten: politeness, network health, and metrics written once a second', async () => {
    const feeds = [];
    for (let i = 0; i < POLLS; i++) {
      const { feed } = await runtime.index.addFeed(site.url(`/feed.rss?copy=${i}`));
      // As its first poll (a 200, parsed) would have left it: the validator stored.
      feeds.push(await runtime.index.updateFeed(feed.id, { etag: ETAG, lastStatus: 'ok' }));
    }
    const driverAddress = /addr=(\S+)/.exec(String(await driver.client('INFO')))![1]!;
    const seen: Seen[] = [];
    const watching = await monitor.monitor();
    watching.on('monitor', (_time: string, args: string[], source: string) => seen.push({ source: source.startsWith('lua') ? 'lua' : source, words: args }));
    // MONITOR sees only what comes after it: a ping through it marks the start.
    await driver.ping('start');
    await until('MONITOR started', () => seen.some((command) => command.words[0] === 'ping'), 5_000);

    for (const feed of feeds) await queues.add(QUEUES.feedFetch, { feedId: feed!.id, feedUrl: feed!.url }, { jobId: `poll-${feed!.id}` });
    const completed = queues.get(QUEUES.feedFetch);
    await until('every poll completed', async () => (await completed.getCompletedCount()) === POLLS, 30_000);
    // The metrics recorder writes what it gathered within a second: that write is the polls' too.
    await sleep(1_500);
    watching.disconnect();

    expect(site.requestsTo('/feed.rss').map((request) => request.status)).toEqual(Array(POLLS).fill(304));
    for (const feed of feeds) expect(await runtime.index.getFeed(feed!.id)).toMatchObject({ lastStatus: 'not-modified', consecutiveFailures: 0 });

    // Each command of a script is counted with the script it ran in; the driver's own (the adds, the checks) are left out.
    const counts = { bullmq: 0, tidings: 0 };
    const byCommand = new Map<string, number>();
    let owner: { counted: boolean; group: keyof typeof counts } = { counted: false, group: 'tidings' };
    for (const command of seen.slice(seen.findIndex((c) => c.words[0] === 'ping') + 1)) {
      if (command.source !== 'lua') {
        // BullMQ's commands and scripts name the queue's keys (`<prefix>:feed-fetch:...`, also `...:marker` of BZPOPMIN).
        const bullmq = command.words.some((word) => word.startsWith(`${prefix}:${QUEUES.feedFetch}:`) || word.startsWith(`${prefix}:${QUEUES.articleFetch}:`));
        owner = { counted: command.source !== driverAddress, group: bullmq ? 'bullmq' : 'tidings' };
      }
      if (!owner.counted) continue;
      counts[owner.group] += 1;
      const name = `${owner.group} ${command.source === 'lua' ? '  in script: ' : ''}${command.words[0]!.toLowerCase()}`;
      byCommand.set(name, (byCommand.get(name) ?? 0) + 1);
    }
    const table = [...byCommand].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${(count / POLLS).toFixed(2).padStart(6)}  ${name}`).join('\n');
    const perPoll = { bullmq: counts.bullmq / POLLS, tidings: counts.tidings / POLLS };
    // Tidings' own, per poll: the host gate's script (7 with its commands) and its release (1), the network check (1)
    // and the response's record (2 while no failure is on record), the metrics (a few fields a second, not 3 a poll);
    // a 304 keeps no stage timeline. It was 22 (a 4-command timeline write, 3 metrics increments, a 4-command network
    // record, a release script): the bound leaves room for a heartbeat or two, not for a command per poll more.
    expect(perPoll.tidings, `per poll, by command:\n${table}`).toBeLessThanOrEqual(12.5);
    // BullMQ's share (taking the job, finishing it, keeping it among the completed, fetching the next) is its own: bounded
    // loosely, to catch a job option or a worker setting that would cost commands on every job.
    expect(perPoll.bullmq, `per poll, by command:\n${table}`).toBeLessThanOrEqual(50);
  });
});
