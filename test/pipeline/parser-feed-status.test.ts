import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, TidingsError } from '@tidings/contracts';
import { INDEX_FILE, openIndex } from '@tidings/index';
import { readPipelineFigures } from '@tidings/metrics';
import { pollingPolicy } from '@tidings/polling';
import type { FinalFailure } from '@tidings/queue';
import { startServices, type RunningServices } from '@tidings/runtime';
import { fetcherService } from '@tidings/service-fetcher';
import { createParsePool, FEED_STATUS_NOT_RECORDED, handleFeedParse, parserService, type ParserDeps } from '@tidings/service-parser';
import { feedParseJob, parserDeps, recordingJobContext } from './helpers/parser-handler.js';
import { startPipelineHarness, waitFor, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

/** better-sqlite3, as @tidings/index has it (the test package does not depend on it): a second connection to the index file. */
type SqliteConnection = { exec(sql: string): void; close(): void };
const Sqlite = createRequire(new URL('../../packages/index/package.json', import.meta.url))('better-sqlite3') as new (file: string) => SqliteConnection;


/**
 * The parser's record of a poll on the feed, on a real Redis and a real
 * SQLite index: what it dropped shows in the feed's warnings, and a write
 * the index refuses leaves a trace (a log line with its code, a typed job
 * failure, and the failure on the feed where a simpler write goes through).
 * The index refuses through a trigger on its own file, as a database
 * refuses a write; a closed index refuses everything.
 */
describe("the parser's write of a feed's status", () => {
  let harness: PipelineHarness;
  let pool: ReturnType<typeof createParsePool>;
  let sqlite: SqliteConnection;

  beforeAll(async () => {
    harness = await startPipelineHarness('feed-status', {}, []);
    pool = createParsePool({ threads: 1, timeoutMs: 10_000 });
    sqlite = new Sqlite(path.join(harness.config.dataDir, INDEX_FILE));
  });

  afterEach(() => sqlite.exec('DROP TRIGGER IF EXISTS refuse_poll_record'));

  afterAll(async () => {
    sqlite?.close();
    await pool?.close();
    await harness?.close();
  });

  /**
   * Makes the index refuse every write of a poll's whole record on `feedId`
   * (each one schedules the next poll); a write of lastStatus, lastError and
   * lastErrorCode alone still goes through.
   */
  function refusePollRecords(feedId: string): void {
    sqlite.exec(`CREATE TRIGGER refuse_poll_record BEFORE UPDATE OF next_poll_at ON feeds WHEN NEW.id = '${feedId}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  }

  const deps = (overrides: Partial<ParserDeps> = {}) => parserDeps(harness, pool.parse, overrides);
  const parseJob = (feedId: string, body: string) => feedParseJob(harness, feedId, body);

  it('shows an item link dropped for its scheme in the feed\'s warnings, counted with the others', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/schemes.xml');
    const body = rssFeed({ links: ['https://news.example.org/kept', 'javascript:alert(1)'] });
    const result = await handleFeedParse(await parseJob(feed.id, body), deps(), recordingJobContext().context);
    expect(result).toMatchObject({ items: 2, new: 1, warnings: 2 });
    // Why the link went (the feed parser), and that the item went with it (the pipeline: nothing to fetch).
    expect((await harness.runtime.index.getFeed(feed.id))?.lastWarnings).toEqual([
      'ignored the link of item 2: javascript: is not http(s)',
      'left out 1 item without a link to fetch (the first: item 2, "Story 1")',
    ]);
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('a poll the index refuses to record: logged with its code, the job fails as a retryable [io], the feed shows it, and the retry records the poll', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/refused.xml');
    const job = await parseJob(feed.id, rssFeed({ links: ['https://news.example.org/refused/1'] }));
    refusePollRecords(feed.id);
    const { context, lines } = recordingJobContext();

    const error = await handleFeedParse(job, deps(), context).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'io', permanent: false });
    expect((error as Error).message).toMatch(new RegExp(`^could not record the poll of ${job.fetchedAt} on feed ${feed.id}: \\[io\\] index update feed failed \\(SQLITE_CONSTRAINT_TRIGGER\\)$`));
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, code: FEED_STATUS_NOT_RECORDED, feedId: feed.id, err: expect.objectContaining({ code: 'io', message: 'index update feed failed (SQLITE_CONSTRAINT_TRIGGER)' }) }));
    // The simpler write went through: the feed says its last poll is not recorded, and why.
    expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'error', lastErrorCode: 'io', lastError: (error as Error).message });

    sqlite.exec('DROP TRIGGER refuse_poll_record');
    expect(await handleFeedParse(job, deps(), recordingJobContext().context)).toMatchObject({ items: 1 });
    expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'ok', lastErrorCode: null, lastError: null });
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  it('a failed parse whose record the index refuses too: the job fails as a retryable [io] that names both, the feed shows it', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/broken.xml');
    refusePollRecords(feed.id);
    const error = await handleFeedParse(await parseJob(feed.id, '<html><body>not a feed</body></html>'), deps(), recordingJobContext().context).then(() => null, (caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'io', permanent: false });
    expect((error as Error).message).toContain('[io] index update feed failed (SQLITE_CONSTRAINT_TRIGGER); the poll itself failed: [malformed-feed]');
    expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'error', lastErrorCode: 'io', lastError: (error as Error).message, consecutiveFailures: 0 });
  });

  it('an index that takes no write at all: both writes are logged, the job still fails as a retryable [io]', async () => {
    const { feed } = await harness.runtime.index.addFeed('https://news.example.org/closed.xml');
    // The poll is recorded through a second connection to the same index, closed.
    const closed = await openIndex({ dataDir: harness.config.dataDir });
    await closed.close();
    const { context, lines } = recordingJobContext();
    const polling = { index: closed, policy: pollingPolicy(harness.runtime.config) };
    const error = await handleFeedParse(await parseJob(feed.id, rssFeed({ links: ['https://news.example.org/closed/1'] })), deps({ polling }), context).then(() => null, (caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'io', permanent: false, message: expect.stringContaining('[io] cannot update feed: the index is closed') });
    const notRecorded = lines.filter((line) => line.code === FEED_STATUS_NOT_RECORDED);
    const closedIndex = expect.objectContaining({ code: 'io', message: 'cannot update feed: the index is closed' });
    expect(notRecorded.map((line) => [line.level, line.msg, line.err])).toEqual([
      [50, expect.stringMatching(/^could not record the poll of .* on the feed: \[io\] cannot update feed: the index is closed$/), closedIndex],
      [50, 'could not record on the feed that its status was not recorded either', closedIndex],
    ]);
    // Nothing could be written: the feed is as it was.
    expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: null, lastError: null });
    await harness.runtime.queues.get(QUEUES.articleFetch).obliterate({ force: true });
  });

  describe('in the running pipeline', () => {
    let server: RecordingServer | undefined;
    let services: RunningServices | undefined;

    afterEach(async () => {
      await services?.close();
      await server?.close();
    });

    it('a poll whose record the index refuses is retried, then shows in `tidings status` failures and on the feed', async () => {
      server = await startRecordingServer();
      server.route('/article.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Story')));
      server.route('/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [server!.url('/article.html')] })));
      const failures: FinalFailure[] = [];
      services = await startServices(harness.runtime, [fetcherService, parserService], { onFinalFailure: (failure) => void failures.push(failure) });
      const { feed } = await harness.runtime.index.addFeed(server.url('/feed.rss'));
      refusePollRecords(feed.id);

      await harness.queuePoll(feed.id);
      await waitFor(() => failures.some((failure) => failure.queue === QUEUES.feedParse), 30_000);

      expect(failures.filter((failure) => failure.queue === QUEUES.feedParse)).toEqual([
        expect.objectContaining({ code: 'io', reason: expect.stringMatching(new RegExp(`^could not record the poll of .* on feed ${feed.id}: \\[io\\] index update feed failed`)) }),
      ]);
      // Both attempts (the contract's retry policy for feed-parse) failed with the code; the metrics recorder writes what
      // it counted within a second.
      const counted = async () => (await readPipelineFigures(harness.runtime.redis, harness.runtime.queues)).failures;
      await waitFor(async () => (await counted()).some((failure) => failure.queue === QUEUES.feedParse && failure.count === 2), 5_000);
      expect(await counted()).toContainEqual({ queue: QUEUES.feedParse, code: 'io', count: 2 });
      expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'error', lastErrorCode: 'io' });
    });
  });
});
