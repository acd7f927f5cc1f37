import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, RETRY_POLICY, type FeedRecord } from '@tidings/contracts';
import { HostGate, hostOf, NetworkHealth } from '@tidings/politeness';
import { startPipelineHarness, waitFor, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

/** Subscribes a feed at `path` that always answers 503 with Retry-After `seconds`, and runs one poll of it. */
async function pollUnavailableFeed(server: RecordingServer, harness: PipelineHarness, path: string, seconds: number): Promise<FeedRecord> {
  server.route(path, (_req, res) => void res.writeHead(503, { 'retry-after': String(seconds) }).end('down for maintenance'));
  const { feed } = await harness.runtime.index.addFeed(server.url(path));
  await harness.queuePoll(feed.id);
  await harness.waitUntilIdle(15_000);
  return feed;
}

describe('Retry-After: the whole host is left alone until then, and its jobs wait instead of failing', () => {
  let server: RecordingServer;
  let harness: PipelineHarness;

  beforeAll(async () => {
    server = await startRecordingServer();
    harness = await startPipelineHarness('backoff');
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('a 503 with Retry-After on one feed holds back every request to that host, feeds and articles alike', async () => {
    server.route('/first.rss', (_req, res, hit) => {
      if (hit === 1) return void res.writeHead(503, { 'retry-after': '2' }).end('busy');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] }));
    });
    server.route('/second.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [server.url('/story.html')] }));
    });
    server.route('/story.html', (_req, res, hit) => {
      if (hit === 1) return void res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('A story'));
    });
    const first = (await harness.runtime.index.addFeed(server.url('/first.rss'))).feed;
    const second = (await harness.runtime.index.addFeed(server.url('/second.rss'))).feed;
    await harness.queuePoll(first.id);
    await waitFor(() => server.requestsTo('/first.rss').length === 1 && server.requests[0]!.endedAt !== null);
    // The second feed is polled once the fetcher has recorded the back-off: a request started in the moment between
    // the 503 leaving the server and the fetcher reading it could not have known of it (a loaded machine makes it ms).
    const hosts = new HostGate(harness.runtime.redis, harness.runtime.config.queuePrefix, { concurrency: 1, delayMs: 0, leaseMs: 1_000 });
    await waitFor(async () => (await hosts.backOffLeft(hostOf(server.origin)!)) > 0);
    await harness.queuePoll(second.id);
    await harness.waitUntilIdle(30_000);

    // Nothing reached the host until the 2 s were over; then the 429 on the article held it 1 s more.
    const [busy] = server.requestsTo('/first.rss');
    const afterBusy = server.requests.filter((request) => request.startedAt > busy!.startedAt);
    expect(afterBusy.length).toBeGreaterThan(0);
    for (const request of afterBusy) expect(request.startedAt - busy!.endedAt!).toBeGreaterThanOrEqual(0.9 * 2_000);
    const [slowDown] = server.requestsTo('/story.html');
    const afterSlowDown = server.requests.filter((request) => request.startedAt > slowDown!.startedAt);
    expect(afterSlowDown.length).toBeGreaterThan(0);
    for (const request of afterSlowDown) expect(request.startedAt - slowDown!.endedAt!).toBeGreaterThanOrEqual(0.9 * 1_000);

    // Waiting is not failing: both feeds healthy, the article fetched, no job failed.
    expect(harness.failures).toEqual([]);
    expect(await harness.runtime.index.getFeed(first.id)).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(await harness.runtime.index.getFeed(second.id)).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(server.requestsTo('/story.html')).toHaveLength(2);
    const extract = await harness.runtime.queues.get(QUEUES.articleExtract).getWaiting();
    expect(extract.map((job) => job.data.itemUrl)).toContain(server.url('/story.html'));
  });

  it('a feed that keeps answering 503 with Retry-After: waited out once, then the poll fails with its code, recorded on the feed', async () => {
    // Down for maintenance, for good: without a bound the poll would wait a second, ask again, wait again, for ever.
    const feed = await pollUnavailableFeed(server, harness, '/maintenance.rss', 1);

    expect(server.requestsTo('/maintenance.rss')).toHaveLength(2);
    expect(harness.failures).toContainEqual(expect.objectContaining({ queue: QUEUES.feedFetch, code: 'http-status' }));
    const after = await harness.runtime.index.getFeed(feed.id);
    expect(after).toMatchObject({ lastStatus: 'error', lastErrorCode: 'http-status', lastHttpStatus: 503, consecutiveFailures: 1, state: 'active' });
    expect(after!.lastError).toContain('503');
    // Its next poll comes after the failure backoff, not after the next Retry-After.
    expect(Date.parse(after!.nextPollAt!) - Date.now()).toBeGreaterThan(60_000);
  });

  it('an article that keeps answering 429 with Retry-After: each answer spends an attempt, then the job fails with its code', async () => {
    server.route('/throttled.html', (_req, res) => void res.writeHead(429, { 'retry-after': '1' }).end('slow down'));
    server.route('/throttling.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [server.url('/throttled.html')] }));
    });
    const feed = (await harness.runtime.index.addFeed(server.url('/throttling.rss'))).feed;
    await harness.queuePoll(feed.id);
    await harness.waitUntilIdle(20_000);

    const attempts = RETRY_POLICY[QUEUES.articleFetch].attempts;
    expect(server.requestsTo('/throttled.html')).toHaveLength(attempts);
    const failure = harness.failures.find((each) => each.queue === QUEUES.articleFetch);
    expect(failure).toMatchObject({ code: 'http-status' });
    expect(failure!.reason).toContain('429');
    // Each retry still waited for the host's back-off: no request came within a second of the 429 before it.
    const answers = server.requestsTo('/throttled.html');
    for (let i = 1; i < answers.length; i++) expect(answers[i]!.startedAt - answers[i - 1]!.endedAt!).toBeGreaterThanOrEqual(0.9 * 1_000);
  });
});

describe('a robots.txt that keeps answering 429: its articles wait and then fail, never fetched against rules unread', () => {
  let server: RecordingServer;
  let harness: PipelineHarness;

  beforeAll(async () => {
    server = await startRecordingServer();
    harness = await startPipelineHarness('backoff-robots');
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('reads a 429 as "rules unknown for now" (not as no rules), and each one spends an attempt of the article job', async () => {
    server.route('/robots.txt', (_req, res) => void res.writeHead(429, { 'retry-after': '1' }).end('slow down'));
    server.route('/guarded.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Guarded')));
    server.route('/guarded.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [server.url('/guarded.html')] }));
    });
    const feed = (await harness.runtime.index.addFeed(server.url('/guarded.rss'))).feed;
    await harness.queuePoll(feed.id);
    await harness.waitUntilIdle(20_000);

    expect(server.requestsTo('/guarded.html')).toEqual([]);
    expect(server.requestsTo('/robots.txt')).toHaveLength(RETRY_POLICY[QUEUES.articleFetch].attempts);
    const failure = harness.failures.find((each) => each.queue === QUEUES.articleFetch);
    expect(failure).toMatchObject({ code: 'http-status' });
    expect(failure!.reason).toContain('429');
  });
});

describe('Retry-After longer than a one-off run waits: the feed shows why its poll failed', () => {
  let server: RecordingServer;
  let harness: PipelineHarness;

  beforeAll(async () => {
    server = await startRecordingServer();
    // As `tidings run --until-idle` runs the fetcher: it will not sit out a long Retry-After.
    harness = await startPipelineHarness('backoff-run', {}, ['fetcher', 'parser'], { maxDeferMs: 1_000 });
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('records the feed\'s own 503 as the failed poll, with its code, when the wait is given up', async () => {
    const feed = await pollUnavailableFeed(server, harness, '/closed.rss', 3600);

    expect(server.requestsTo('/closed.rss')).toHaveLength(1);
    expect(harness.failures).toEqual([expect.objectContaining({ queue: QUEUES.feedFetch, code: 'host-backoff' })]);
    const recorded = await harness.runtime.index.getFeed(feed.id);
    expect(recorded).toMatchObject({ lastStatus: 'error', lastErrorCode: 'http-status', lastHttpStatus: 503, consecutiveFailures: 1 });
    // Its next poll is when the answer asked to be left alone until (an hour), not the first failure's five minutes.
    expect(Date.parse(recorded?.nextPollAt ?? '') - Date.now()).toBeGreaterThan(50 * 60_000);
  });
});

describe('network down: failures that hit every host at once are not charged to the feeds', () => {
  let harness: PipelineHarness;
  const closedPorts: string[] = [];

  beforeAll(async () => {
    harness = await startPipelineHarness('netdown');
    // Ports that were just listening and are now closed: connections are refused, as with no network.
    for (let i = 0; i < 4; i++) {
      const server = await startRecordingServer();
      closedPorts.push(server.origin);
      await server.close();
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('charges the first hosts, recognises the outage from the third distinct host on, and puts the rest aside', async () => {
    const feeds = [];
    for (const origin of closedPorts) feeds.push((await harness.runtime.index.addFeed(`${origin}/feed.rss`)).feed);
    const queue = harness.runtime.queues.get(QUEUES.feedFetch);
    const jobIds: string[] = [];
    for (const feed of feeds) {
      const [jobId] = await harness.queuePoll(feed.id);
      jobIds.push(jobId!);
      await waitFor(async () => ['failed', 'delayed'].includes(await queue.getJobState(jobId!)));
    }
    const states = await Promise.all(jobIds.map((jobId) => queue.getJobState(jobId)));
    expect(states).toEqual(['failed', 'failed', 'delayed', 'delayed']);
    const failures = await Promise.all(feeds.map(async (feed) => (await harness.runtime.index.getFeed(feed.id))!.consecutiveFailures));
    expect(failures).toEqual([1, 1, 0, 0]);
    expect(harness.failures.map((failure) => failure.code)).toEqual(['network', 'network']);

    // Any HTTP answer from any host ends the verdict.
    const health = new NetworkHealth(harness.runtime.redis, harness.config.queuePrefix);
    expect(await health.isDown()).toBe(true);
    await health.recordResponse();
    expect(await health.isDown()).toBe(false);
  });
});

describe('hosts that answer and then stall: their failures are theirs, not an outage', () => {
  let harness: PipelineHarness;
  const servers: RecordingServer[] = [];

  beforeAll(async () => {
    harness = await startPipelineHarness('stalling-hosts', { TIDINGS_FETCH_TIMEOUT_MS: '300' });
    for (let i = 0; i < 4; i++) {
      const server = await startRecordingServer();
      // The status line and headers, then a body that never ends: the network works, the host does not.
      server.route('/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).write('<?xml version="1.0"?><rss'));
      servers.push(server);
    }
  });

  afterAll(async () => {
    await harness?.close();
    for (const server of servers) await server.close();
  });

  it('charges every feed with its timeout and never takes the network for down', async () => {
    const feeds = [];
    for (const server of servers) feeds.push((await harness.runtime.index.addFeed(server.url('/feed.rss'))).feed);
    const queue = harness.runtime.queues.get(QUEUES.feedFetch);
    for (const feed of feeds) {
      const [jobId] = await harness.queuePoll(feed.id);
      await waitFor(async () => ['failed', 'delayed'].includes(await queue.getJobState(jobId!)));
    }
    expect(harness.failures.map((failure) => failure.code)).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
    const failures = await Promise.all(feeds.map(async (feed) => (await harness.runtime.index.getFeed(feed.id))!.consecutiveFailures));
    expect(failures).toEqual([1, 1, 1, 1]);
    expect(await new NetworkHealth(harness.runtime.redis, harness.config.queuePrefix).isDown()).toBe(false);
  });
});
