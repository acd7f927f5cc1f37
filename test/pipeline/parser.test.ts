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

  it('queues at most TIDINGS_FEED_MAX_ITEMS items of one document and says so in the warnings', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/big.xml');
    const result = await handleFeedParse(await parseJob(feed.id, rss(30, 100)), deps({ maxItems: 10 }), context());
    expect(result).toMatchObject({ items: 30, new: 10, warnings: 1 });
    expect(await queuedUrls()).toHaveLength(10);
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
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
