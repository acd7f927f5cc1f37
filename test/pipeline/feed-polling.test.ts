import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { schedulePolls } from '@tidings/service-scheduler';
import { MAX_URL_LENGTH } from '@tidings/url';
import { startPipelineHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** ms from a feed's last fetch to its next poll. */
const pollDelay = (feed: { lastFetchAt: string | null; nextPollAt: string | null }) => Date.parse(feed.nextPollAt!) - Date.parse(feed.lastFetchAt!);

describe('polling feeds as a publisher would want (real HTTP server, real Redis)', () => {
  let server: RecordingServer;
  let harness: PipelineHarness;

  beforeAll(async () => {
    server = await startRecordingServer();
    harness = await startPipelineHarness('polling', { TIDINGS_FEED_MAX_FAILURES: '3' });
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  const subscribe = async (path: string) => (await harness.runtime.index.addFeed(server.url(path))).feed;
  const feed = async (id: string) => (await harness.runtime.index.getFeed(id))!;

  it('sends the stored validators on every poll; a 304 keeps the feed healthy and schedules the next poll', async () => {
    server.route('/conditional.rss', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Sat, 01 Mar 2025 10:00:00 GMT' });
      res.end(rssFeed({ links: [], gapMs: HOUR }));
    });
    const { id } = await subscribe('/conditional.rss');
    await harness.pollOnce(id);
    const first = await feed(id);
    expect(first).toMatchObject({ lastStatus: 'ok', lastHttpStatus: 200, etag: '"v1"', consecutiveFailures: 0 });
    await harness.pollOnce(id);
    const [, second] = server.requestsTo('/conditional.rss');
    expect(second!.headers['if-none-match']).toBe('"v1"');
    expect(second!.headers['if-modified-since']).toBe('Sat, 01 Mar 2025 10:00:00 GMT');
    const after = await feed(id);
    expect(after).toMatchObject({ lastStatus: 'not-modified', lastHttpStatus: 304, consecutiveFailures: 0, state: 'active' });
    expect(after.intervalMs).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(Date.parse(after.nextPollAt!)).toBeGreaterThan(Date.parse(after.lastFetchAt!));
  });

  it('adapts the interval to the items and honours Cache-Control, <ttl> and skipHours as lower bounds', async () => {
    // Items every 20 minutes: on its own the feed would be polled every 10 (twice per gap).
    const links = [0, 1, 2, 3, 4, 5].map((i) => server.url(`/items/${i}.html`));
    server.route('/busy.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links, gapMs: 20 * MINUTE })));
    server.route('/hinted.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=5400' });
      res.end(rssFeed({ links: links.map((link) => `${link}?h`), gapMs: 20 * MINUTE, ttlMinutes: 120 }));
    });
    const skipped = Array.from({ length: 24 }, (_, hour) => hour).filter((hour) => hour !== 3);
    server.route('/skips.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rssFeed({ links: [], extraChannel: `<skipHours>${skipped.map((hour) => `<hour>${hour}</hour>`).join('')}</skipHours>` }));
    });
    const busy = await subscribe('/busy.rss');
    const hinted = await subscribe('/hinted.rss');
    const skips = await subscribe('/skips.rss');
    await harness.pollOnce(busy.id, hinted.id, skips.id);

    const polledBusy = await feed(busy.id);
    expect(polledBusy.intervalMs).toBe(10 * MINUTE);
    expect(polledBusy.lastNewItemAt).toBe(polledBusy.lastFetchAt);
    expect(polledBusy.itemsSeen).toBe(6);
    expect(pollDelay(polledBusy)).toBeGreaterThanOrEqual(9 * MINUTE);
    expect(pollDelay(polledBusy)).toBeLessThanOrEqual(11 * MINUTE);

    const polledHinted = await feed(hinted.id);
    expect(polledHinted.intervalMs).toBe(2 * HOUR);
    expect(pollDelay(polledHinted)).toBeGreaterThanOrEqual(2 * HOUR);

    // Only 03:00-03:59 UTC is allowed.
    expect(new Date((await feed(skips.id)).nextPollAt!).getUTCHours()).toBe(3);
  });

  it('carries the charset warnings of the fetch and Content-Location to the parser, and keeps the warnings on the feed until a clean poll', async () => {
    let clean = false;
    server.route('/latin1.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-location': '/feeds/latin1.rss?v=2' });
      // Declared UTF-8, but the title's "é" is one Latin-1 byte.
      const body = Buffer.from(rssFeed({ links: [] }).replace('<title>Test feed</title>', '<title>Caf\u00e9 news</title>'), clean ? 'utf8' : 'latin1');
      res.end(body);
    });
    const { id } = await subscribe('/latin1.rss');
    await harness.pollOnce(id);
    const warned = await feed(id);
    expect(warned).toMatchObject({ lastStatus: 'ok', title: 'Caf\u00e9 news' });
    expect(warned.lastWarnings).toEqual([expect.stringMatching(/not (valid )?UTF-8/i)]);
    const parses = (await harness.runtime.queues.get(QUEUES.feedParse).getCompleted()).filter((job) => job.data.feedId === id);
    expect(parses.map((job) => job.data)).toEqual([
      expect.objectContaining({ finalUrl: server.url('/latin1.rss'), contentLocation: server.url('/feeds/latin1.rss?v=2'), warnings: warned.lastWarnings }),
    ]);
    clean = true;
    await harness.pollOnce(id);
    // The same text, decoded without a guess: parsed again (its outcome recorded), and the warning goes.
    const after = await feed(id);
    expect(Date.parse(after.lastFetchAt!)).toBeGreaterThan(Date.parse(warned.lastFetchAt!));
    expect(after.lastWarnings).toEqual([]);
  });

  it('follows a 301/308 chain by updating the stored URL, but not a 302', async () => {
    server.route('/moved.rss', (_req, res) => void res.writeHead(301, { location: '/moved-again.rss' }).end());
    server.route('/moved-again.rss', (_req, res) => void res.writeHead(308, { location: '/final.rss' }).end());
    server.route('/final.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] })));
    server.route('/temporary.rss', (_req, res) => void res.writeHead(302, { location: '/final.rss' }).end());
    const moved = await subscribe('/moved.rss');
    const temporary = await subscribe('/temporary.rss');
    await harness.pollOnce(moved.id, temporary.id);
    expect(await feed(moved.id)).toMatchObject({ url: server.url('/final.rss'), lastStatus: 'ok' });
    expect((await feed(temporary.id)).url).toBe(server.url('/temporary.rss'));
    // The next poll goes straight to the new URL.
    const before = server.requestsTo('/moved.rss').length;
    await harness.pollOnce(moved.id);
    expect(server.requestsTo('/moved.rss')).toHaveLength(before);

    // Another subscription that moves to a URL already subscribed is a duplicate: stopped, saying so, its fetch recorded.
    server.route('/alias.rss', (_req, res) => void res.writeHead(301, { location: '/final.rss' }).end());
    const alias = await subscribe('/alias.rss');
    await harness.pollOnce(alias.id);
    const duplicate = await feed(alias.id);
    expect(duplicate).toMatchObject({ state: 'stopped', url: server.url('/alias.rss'), lastHttpStatus: 200, nextPollAt: null });
    expect(duplicate.stateReason).toBe(`stopped: moved permanently to ${server.url('/final.rss')}, which is already subscribed as feed ${moved.id}`);
    expect(duplicate.lastFetchAt).not.toBeNull();
  });

  // A URL that long cannot be stored (PostgreSQL indexes no text past about 2,700 bytes): updating the feed's record
  // failed every poll before its outcome was recorded, so the feed never showed why.
  it('keeps the subscribed URL when a 301 leads to one longer than MAX_URL_LENGTH, and says so in the feed status', async () => {
    const query = 'q'.repeat(MAX_URL_LENGTH);
    server.route('/moved-far.rss', (_req, res) => void res.writeHead(301, { location: `/far.rss?${query}` }).end());
    server.route('/far.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] })));
    const far = await subscribe('/moved-far.rss');
    await harness.pollOnce(far.id);
    const after = await feed(far.id);
    expect(after).toMatchObject({ url: server.url('/moved-far.rss'), lastStatus: 'ok', state: 'active' });
    expect(after.lastWarnings).toEqual([`moved permanently to a URL of ${server.url('/far.rss').length + 1 + query.length} characters, longer than ${MAX_URL_LENGTH}: the subscribed URL is kept`]);
  });

  it('stops a feed that answers 410 Gone, with the reason, and never schedules it again', async () => {
    server.route('/gone.rss', (_req, res) => void res.writeHead(410).end('gone'));
    const gone = await subscribe('/gone.rss');
    await harness.pollOnce(gone.id);
    const stopped = await feed(gone.id);
    expect(stopped).toMatchObject({ state: 'stopped', lastHttpStatus: 410, nextPollAt: null });
    expect(stopped.stateReason).toMatch(/410/);
    expect(harness.failures.find((failure) => (failure.data as { feedId?: string }).feedId === gone.id)).toMatchObject({ code: 'http-status' });
    const pass = await schedulePolls({ index: harness.runtime.index, queues: harness.runtime.queues, policy: { minMs: 5 * MINUTE } });
    expect(pass.inactive).toBeGreaterThanOrEqual(1);
    const queued = await harness.runtime.queues.get(QUEUES.feedFetch).getWaiting();
    expect(queued.map((job) => job.data.feedId)).not.toContain(gone.id);
  });

  it('backs off exponentially after failures, recovers by itself, and pauses at TIDINGS_FEED_MAX_FAILURES', async () => {
    let healthy = false;
    server.route('/flaky.rss', (_req, res) => {
      if (healthy) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] }));
      res.writeHead(500).end('oops');
    });
    server.route('/dead.rss', (_req, res) => void res.writeHead(500).end('oops'));
    const flaky = await subscribe('/flaky.rss');
    const dead = await subscribe('/dead.rss');

    await harness.pollOnce(flaky.id, dead.id);
    const once = await feed(dead.id);
    expect(once).toMatchObject({ consecutiveFailures: 1, lastStatus: 'error', lastErrorCode: 'http-status', lastHttpStatus: 500, state: 'active' });
    expect(pollDelay(once)).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(pollDelay(once)).toBeLessThanOrEqual(5.5 * MINUTE);

    await harness.pollOnce(flaky.id, dead.id);
    const twice = await feed(dead.id);
    expect(twice.consecutiveFailures).toBe(2);
    expect(pollDelay(twice)).toBeGreaterThanOrEqual(9 * MINUTE);
    expect(pollDelay(twice)).toBeLessThanOrEqual(11 * MINUTE);

    // The flaky feed recovers: count reset, back to its normal interval.
    healthy = true;
    await harness.pollOnce(flaky.id, dead.id);
    expect(await feed(flaky.id)).toMatchObject({ consecutiveFailures: 0, lastStatus: 'ok', lastErrorCode: null, state: 'active' });

    const paused = await feed(dead.id);
    expect(paused).toMatchObject({ consecutiveFailures: 3, state: 'paused', nextPollAt: null });
    expect(paused.stateReason).toMatch(/3 failed polls in a row.*HTTP 500/);
    // A paused feed is not fetched, even by a one-off poll.
    const requests = server.requestsTo('/dead.rss').length;
    await harness.pollOnce(dead.id);
    expect(server.requestsTo('/dead.rss')).toHaveLength(requests);
  });
});
