import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, TidingsError, type JobPayload, type QueueName } from '@tidings/contracts';
import { pollingPolicy } from '@tidings/polling';
import type { JobContext } from '@tidings/queue';
import { createParsePool, handleFeedParse, type ParserDeps } from '@tidings/service-parser';
import { feedParseJob, parserDeps } from './helpers/parser-handler.js';
import { startPipelineHarness, type PipelineHarness } from './helpers/pipeline-harness.js';

const log = pino({ level: 'silent' });
const context = (): JobContext => ({ log, jobId: 'test', attempt: 1, createdAt: Date.now(), putAside: () => Promise.reject(new Error('not here')) });

function rss(count: number, from = 0): string {
  const items = Array.from({ length: count }, (_, i) => `<item><title>Story ${from + i}</title><link>https://news.example.org/story/${from + i}</link></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://news.example.org/</link>${items}</channel></rss>`;
}

/** An Atom feed of `count` entries, entry i updated at `updated(i)`. */
function atom(count: number, updated: (i: number) => string): string {
  const entries = Array.from({ length: count }, (_, i) => {
    const link = `https://news.example.org/entry/${i}`;
    return `<entry><id>${link}</id><title>Entry ${i}</title><link href="${link}"/><updated>${updated(i)}</updated></entry>`;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:news</id><updated>2025-03-05T00:00:00Z</updated>${entries}</feed>`;
}

/** The parser's handler on a real Redis, a real SQLite index and real parse threads. */
describe('the parser', () => {
  let harness: PipelineHarness;
  let pool: ReturnType<typeof createParsePool>;

  beforeAll(async () => {
    harness = await startPipelineHarness('parser', {}, []);
    pool = createParsePool({ threads: 1, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await pool.close();
    await harness?.close();
  });

  const deps = (overrides: Partial<ParserDeps> = {}): ParserDeps => parserDeps(harness, pool.parse, overrides);
  const parseJob = (feedId: string, body: string) => feedParseJob(harness, feedId, body);

  const queuedUrls = async () =>
    (await harness.runtime.queues.get(QUEUES.articleFetch).getJobs(['waiting', 'prioritized', 'delayed'])).map((job) => (job.data as { itemUrl: string }).itemUrl).sort();

  it('loses no item when it dies between queueing and claiming: the retry queues what is still unclaimed', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/feed.xml');
    const job = await parseJob(feed.id, rss(3));
    // The first attempt's connection drops after one item is queued, as a killed process would stop there.
    let adds = 0;
    const real = harness.runtime.queues;
    const flaky = Object.create(real) as typeof real;
    flaky.add = async <Q extends QueueName>(name: Q, payload: JobPayload<Q>, options?: { jobId?: string }) => {
      adds += 1;
      if (adds === 2) throw new TidingsError('network', 'connection lost', { permanent: false });
      return real.add(name, payload, options);
    };
    await expect(handleFeedParse(job, deps({ queues: flaky }), context())).rejects.toThrow('connection lost');
    const retry = await handleFeedParse(job, deps(), context());
    expect(retry).toMatchObject({ items: 3, new: 3 });
    expect(await queuedUrls()).toEqual(['https://news.example.org/story/0', 'https://news.example.org/story/1', 'https://news.example.org/story/2']);
    // Claimed now: another poll queues nothing more.
    expect(await handleFeedParse(await parseJob(feed.id, rss(3)), deps(), context())).toMatchObject({ new: 0 });
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('records the revisions of only what changed: all of a new feed, none of it polled unchanged, the one corrected entry', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/revisions.xml');
    const real = harness.runtime.index;
    // Each call's revisions, as the index is asked to write them; the first call fails as a crash after the claims would.
    const recorded: string[][] = [];
    let crash = true;
    const counting = Object.create(real) as typeof real;
    counting.recordItemRevisions = async (items) => {
      recorded.push(items.map((item) => item.url));
      if (crash) throw new TidingsError('io', 'index gone', { permanent: false });
      return real.recordItemRevisions(items);
    };
    const hour = (i: number) => `2025-03-01T${String(i % 24).padStart(2, '0')}:${String(Math.floor(i / 24)).padStart(2, '0')}:00Z`;
    const parse = async (body: string) => handleFeedParse(await parseJob(feed.id, body), deps({ index: counting }), context());

    await expect(parse(atom(100, hour))).rejects.toThrow('index gone');
    expect(recorded.pop()).toHaveLength(100);
    // The retry claims nothing new, yet records the baselines the crash left unwritten.
    crash = false;
    expect(await parse(atom(100, hour))).toMatchObject({ items: 100, new: 0, revised: 0 });
    expect(recorded.pop()).toHaveLength(100);
    // Polled unchanged: nothing to write (before, all 100 every poll).
    expect(await parse(atom(100, hour))).toMatchObject({ new: 0, revised: 0 });
    expect(recorded).toEqual([]);
    // One entry corrected: it is fetched again, and its revision alone is written, after it was queued.
    const corrected = (i: number) => (i === 7 ? '2025-03-09T10:00:00Z' : hour(i));
    expect(await parse(atom(100, corrected))).toMatchObject({ new: 0, revised: 1 });
    expect(recorded).toEqual([['https://news.example.org/entry/7']]);
    const jobs = await harness.runtime.queues.get(QUEUES.articleFetch).getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.filter((job) => job.id?.includes('-rev-')).map((job) => (job.data as { itemUrl: string }).itemUrl)).toEqual(['https://news.example.org/entry/7']);
    expect(await parse(atom(100, corrected))).toMatchObject({ revised: 0 });
    expect(recorded).toHaveLength(1);
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('records a parsed poll on the feed in one write: status, validators, hints and the next poll together', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/once.xml');
    const real = harness.runtime.index;
    const writes: unknown[] = [];
    const counting = Object.create(real) as typeof real;
    counting.updateFeed = async (id, patch) => {
      writes.push(patch);
      return real.updateFeed(id, patch);
    };
    const body = rss(2, 7_000).replace('<title>News</title>', '<title>News</title><ttl>90</ttl>');
    await handleFeedParse({ ...(await parseJob(feed.id, body)), etag: '"e1"', httpStatus: 200 }, deps({ index: counting, polling: { index: counting, policy: pollingPolicy(harness.runtime.config) } }), context());
    expect(writes).toHaveLength(1);
    expect(await real.getFeed(feed.id)).toMatchObject({ lastStatus: 'ok', etag: '"e1"', lastHttpStatus: 200, pollHints: { ttlMs: 90 * 60_000 }, intervalMs: 90 * 60_000 });
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('resolves relative item links against the Content-Location the fetcher saw, and records the fetch warnings first', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/located.xml');
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://news.example.org/</link><item><title>One</title><link>story/located</link></item></channel></rss>`;
    const job = { ...(await parseJob(feed.id, body)), contentLocation: 'https://news.example.org/archive/feed.xml', warnings: ['charset guessed'] };
    expect(await handleFeedParse(job, deps(), context())).toMatchObject({ items: 1, new: 1 });
    expect(await queuedUrls()).toEqual(['https://news.example.org/archive/story/located']);
    expect((await harness.runtime.index.getFeed(feed.id))?.lastWarnings[0]).toBe('charset guessed');
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('says on the feed which items it left out for having no link, instead of dropping them in silence', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/linkless.json');
    const items = [
      { id: 'a', url: 'https://news.example.org/story/a', title: 'Linked' },
      { id: 'no-url-1', title: 'Breaking: no link item', content_html: '<p>The whole story.</p>' },
      { id: 'no-url-2', content_text: 'Another.' },
    ];
    const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'News', items });
    expect(await handleFeedParse(await parseJob(feed.id, body), deps(), context())).toMatchObject({ items: 3, new: 1, warnings: 1 });
    expect(await queuedUrls()).toEqual(['https://news.example.org/story/a']);
    expect((await harness.runtime.index.getFeed(feed.id))?.lastWarnings).toEqual(['left out 2 items without a link to fetch (the first: item 2, "Breaking: no link item")']);
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('queues at most TIDINGS_FEED_MAX_ITEMS items of one document and says so in the warnings', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/big.xml');
    const result = await handleFeedParse(await parseJob(feed.id, rss(30, 100)), deps({ maxItems: 10 }), context());
    expect(result).toMatchObject({ items: 30, new: 10, warnings: 1 });
    expect(await queuedUrls()).toHaveLength(10);
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('queues the newest TIDINGS_FEED_MAX_ITEMS new items of a long feed and leaves the rest for the next polls, whatever the feed\'s order', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/oldest-first.xml');
    const url = (i: number) => `https://news.example.org/dated/${i}`;
    // Oldest first, an hour apart, as archive-style feeds list them.
    const dated = (count: number) => {
      const items = Array.from({ length: count }, (_, i) => `<item><title>Dated ${i}</title><link>${url(i)}</link><pubDate>${new Date(Date.UTC(2025, 0, 1, i)).toUTCString()}</pubDate></item>`);
      return `<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title><link>https://news.example.org/</link>${items.join('')}</channel></rss>`;
    };
    const poll = async (count: number) => {
      const result = await handleFeedParse(await parseJob(feed.id, dated(count)), deps({ maxItems: 10 }), context());
      const queued = await queuedUrls();
      await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
      return { result, queued };
    };
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => url(from + i)).sort();
    const first = await poll(25);
    expect(first.result).toMatchObject({ items: 25, new: 10, warnings: 1 });
    expect(first.queued).toEqual(range(15, 24));
    expect((await harness.runtime.index.getFeed(feed.id))?.lastWarnings).toEqual([
      'the feed lists 25 items not fetched yet; the newest 10 were queued, the other 15 wait for the next polls (TIDINGS_FEED_MAX_ITEMS)',
    ]);
    // A new item at the end: it is taken, with the newest of those still waiting.
    const second = await poll(26);
    expect(second.queued).toEqual([...range(6, 14), url(25)].sort());
    const third = await poll(26);
    expect(third).toMatchObject({ result: { new: 6, warnings: 0 }, queued: range(0, 5) });
    expect((await poll(26)).queued).toEqual([]);
  });

  it('gives a new link the link its guid had before only when that guid names one item and the earlier link is no longer listed', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/guids.xml');
    const doc = (items: Array<[guid: string, path: string]>) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Guids</title>${items.map(([guid, path]) => `<item><guid isPermaLink="false">${guid}</guid><title>${path}</title><link>https://news.example.org/${path}</link></item>`).join('')}</channel></rss>`;
    const poll = async (items: Array<[string, string]>) => {
      await handleFeedParse(await parseJob(feed.id, doc(items)), deps(), context());
      const jobs = await harness.runtime.queues.get(QUEUES.articleFetch).getJobs(['waiting', 'prioritized', 'delayed']);
      await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
      return Object.fromEntries(jobs.map((job) => [(job.data as { itemUrl: string }).itemUrl.split('/').pop(), (job.data as { previousItemUrl?: string }).previousItemUrl ?? null]));
    };
    expect(await poll([['g1', 'one'], ['g2', 'two']])).toEqual({ one: null, two: null });
    // g1 moved: its earlier link is gone from the feed. g2's earlier link is still listed beside a second link: not a move.
    expect(await poll([['g1', 'one-moved'], ['g2', 'two'], ['g2', 'two-copy']])).toEqual({ 'one-moved': 'https://news.example.org/one', 'two-copy': null });
    // A guid two items of one document share names neither.
    expect(await poll([['g1', 'one-again'], ['g1', 'other']])).toEqual({ 'one-again': null, other: null });
  });

  it('fails a parse that outruns TIDINGS_PARSE_TIMEOUT_MS as a permanent [timeout], records it on the feed, and parses the next feed', async () => {
    const tight = createParsePool({ threads: 1, timeoutMs: 1 });
    try {
      const { feed } = await harness.runtime.index.addFeed('https://news.example.org/huge.xml');
      const error = await handleFeedParse(await parseJob(feed.id, rss(20_000, 1_000)), deps({ parse: tight.parse }), context()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TidingsError);
      expect(error).toMatchObject({ code: 'timeout', permanent: true });
      expect((error as Error).message).toContain('TIDINGS_PARSE_TIMEOUT_MS');
      expect((await harness.runtime.index.getFeed(feed.id))?.lastStatus).toBe('error');
      // A fresh thread replaced the stopped one.
      const other = (await harness.runtime.index.addFeed('https://news.example.org/small.xml')).feed;
      expect(await handleFeedParse(await parseJob(other.id, rss(1, 50_000)), deps(), context())).toMatchObject({ items: 1 });
    } finally {
      await tight.close();
    }
  });
});
