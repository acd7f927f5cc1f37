import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUES, TidingsError, wasRefetched, type JobPayload } from '@tidings/contracts';
import { MAX_REFETCHES, type FinalFailure, type JobContext } from '@tidings/queue';
import { indexerService } from '@tidings/service-indexer';
// The extractor is not a dependency of the test package; its source is imported directly.
import { extractorService, handleArticleExtract } from '../../services/extractor/src/index.js';
import { startPipelineHarness, waitFor, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

const PATHS = ['/news/2025/03/01/first-story.html', '/news/2025/03/01/second-story.html'];

/**
 * A stored body gone before its stage reads it (a backlog longer than
 * TIDINGS_BODY_TTL, or a Redis that lost it) must not lose the article: the
 * item is claimed by then, so no poll would bring it back. Real HTTP server,
 * real Redis, real SQLite, every stage; the bodies are deleted from Redis as
 * the TTL would.
 */
describe('a page whose stored body is gone is fetched again, not lost', () => {
  let server: RecordingServer | undefined;
  let harness: PipelineHarness | undefined;
  const started: Worker[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((worker) => worker.close()));
    await harness?.close();
    await server?.close();
  });

  /** A feed of two articles polled with the `first` stages running; the later ones wait to be started. */
  async function pollWith(label: string, first: Array<'fetcher' | 'parser' | 'extractor'>) {
    server = await startRecordingServer();
    for (const path of PATHS) server.route(path, (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(`Story at ${path}`)));
    server.route('/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: PATHS.map((path) => server!.url(path)) })));
    harness = await startPipelineHarness(label, { TIDINGS_KEEP_COMPLETED: '100' }, first);
    const { feed } = await harness.runtime.index.addFeed(server.url('/feed.rss'));
    await harness.pollOnce(feed.id);
    return { harness, server, feedUrl: feed.url };
  }

  /** Starts a stage in the harness's process, with its final failures recorded. */
  async function start(h: PipelineHarness, service: typeof extractorService, failures: FinalFailure[]) {
    started.push(...(await service(h.runtime, { onFinalFailure: (failure) => void failures.push(failure) })).workers);
  }

  const indexed = async (h: PipelineHarness, s: RecordingServer) => (await Promise.all(PATHS.map((path) => h.runtime.index.getArticle(s.url(path))))).filter(Boolean).length;

  it('the extractor finds the HTML gone: each page is fetched again and indexed', async () => {
    const { harness: h, server: s } = await pollWith('refetch-html', ['fetcher', 'parser']);
    const waiting = (await h.runtime.queues.get(QUEUES.articleExtract).getWaiting()).map((job) => job.data as JobPayload<typeof QUEUES.articleExtract>);
    expect(waiting).toHaveLength(2);
    expect(waiting.every((job) => job.feedUrl === s.url('/feed.rss'))).toBe(true);
    await h.runtime.redis.del(...waiting.map((job) => job.bodyKey));

    const failures: FinalFailure[] = [];
    await start(h, extractorService, failures);
    await start(h, indexerService, failures);
    await waitFor(async () => (await indexed(h, s)) === 2, 30_000);
    // A job is marked completed a moment after its work is stored: wait for the marks before reading them.
    const completed = (queue: typeof QUEUES.articleExtract | typeof QUEUES.articleIndex) => h.runtime.queues.get(queue).getCompletedCount();
    await waitFor(async () => (await completed(QUEUES.articleExtract)) === 4 && (await completed(QUEUES.articleIndex)) === 2, 30_000);

    expect(failures).toEqual([]);
    for (const path of PATHS) expect(s.requestsTo(path)).toHaveLength(2);
    const done = await h.runtime.queues.get(QUEUES.articleExtract).getCompleted();
    expect(done.filter((job) => wasRefetched(job.returnvalue))).toHaveLength(2);
    // The second fetch says it is one, and the count travels on to the index job.
    const indexJobs = (await h.runtime.queues.get(QUEUES.articleIndex).getCompleted()).map((job) => job.data as JobPayload<typeof QUEUES.articleIndex>);
    expect(indexJobs.map((job) => job.refetches)).toEqual([1, 1]);
  }, 60_000);

  it('the indexer finds the record gone: each page is fetched and extracted again, and indexed', async () => {
    const { harness: h, server: s } = await pollWith('refetch-record', ['fetcher', 'parser', 'extractor']);
    await waitFor(async () => (await h.runtime.queues.get(QUEUES.articleIndex).getWaitingCount()) === 2, 30_000);
    const waiting = (await h.runtime.queues.get(QUEUES.articleIndex).getWaiting()).map((job) => job.data as JobPayload<typeof QUEUES.articleIndex>);
    expect(waiting.every((job) => job.feedUrl === s.url('/feed.rss') && job.item !== undefined)).toBe(true);
    await h.runtime.redis.del(...waiting.map((job) => job.recordKey));

    const failures: FinalFailure[] = [];
    await start(h, indexerService, failures);
    await waitFor(async () => (await indexed(h, s)) === 2, 30_000);

    expect([...failures, ...h.failures]).toEqual([]);
    for (const path of PATHS) expect(s.requestsTo(path)).toHaveLength(2);
  }, 60_000);

  it('gives up with a permanent [body-expired] after MAX_REFETCHES, or when the job does not name its feed', async () => {
    const { harness: h, server: s } = await pollWith('refetch-limit', ['fetcher', 'parser']);
    const [job] = (await h.runtime.queues.get(QUEUES.articleExtract).getWaiting()).map((j) => j.data as JobPayload<typeof QUEUES.articleExtract>);
    await h.runtime.redis.del(job!.bodyKey);
    const deps = { bodies: h.runtime.bodies, queues: h.runtime.queues, extract: () => Promise.reject(new Error('not reached')) };
    const context = { log: pino({ level: 'silent' }), jobId: 'j', attempt: 1, createdAt: Date.now() } as unknown as JobContext;
    const failure = (payload: JobPayload<typeof QUEUES.articleExtract>) => handleArticleExtract(payload, deps, context).then(() => null, (error: unknown) => error);

    const spent = await failure({ ...job!, refetches: MAX_REFETCHES });
    expect(spent).toBeInstanceOf(TidingsError);
    expect(spent).toMatchObject({ code: 'body-expired', permanent: true, message: expect.stringContaining(`${MAX_REFETCHES} times`) });
    const { feedUrl: _omitted, ...older } = job!;
    expect(await failure(older)).toMatchObject({ code: 'body-expired', permanent: true, message: expect.stringContaining('earlier version') });
    // Neither queued a fetch: the article-fetch queue holds only the poll's own two jobs, done.
    expect(await h.runtime.queues.get(QUEUES.articleFetch).getJobCounts('waiting', 'delayed', 'completed')).toEqual({ waiting: 0, delayed: 0, completed: 2 });
    expect(s.requestsTo(PATHS[0]!)).toHaveLength(1);
  }, 60_000);
});
