import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { ArticleBatchWriter, PostgresIndex, openIndex, type TidingsIndex } from '@tidings/index';
import { BodyStore, IndexedEventPublisher, PipelineQueues, connectRedis, indexedEventStream, type IndexOutcome, type IndexedEvent, type JobContext, type RedisClient } from '@tidings/queue';
import { createLogger } from '@tidings/runtime';
import { deletePrefix } from '../../../test/support/services.js';
import { handleArticleIndex } from './handler.js';

// The indexer's jobs, each handing its record (read back from Redis as JSON, as the extractor stored it) to one
// batch writer, as service.ts wires them: a record the index cannot hold fails its own job, never the batch's
// others, on SQLite and on PostgreSQL alike. Real Redis (keys under a prefix of this run), real databases.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TIDINGS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = createLogger({ logLevel: 'silent' } as Parameters<typeof createLogger>[0]);
const context = { log, jobId: 'job', attempt: 1, createdAt: Date.now() } as unknown as JobContext;

function record(path: string, fields: Partial<ArticleRecord>): ArticleRecord {
  const url = `https://odd.example.org/${path}`;
  return {
    id: path,
    url,
    title: 'Untitled',
    authors: [],
    publishedAt: '2025-03-01T00:00:00.000Z',
    modifiedAt: null,
    siteName: 'Odd News',
    lang: 'en',
    excerpt: null,
    text: 'Turnip prices rose again.',
    html: '<p>Turnip prices rose again.</p>',
    wordCount: 4,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: '2025-03-02T00:00:00.000Z',
    ...fields,
  };
}

const BACKENDS: Array<[string, (dataDir: string, schema: string) => Promise<TidingsIndex>]> = [
  ['SQLite', (dataDir) => openIndex({ dataDir })],
  ['PostgreSQL', (dataDir, schema) => openIndex({ dataDir, indexUrl: `${POSTGRES_URL}?schema=${schema}` })],
];

describe.each(BACKENDS)('indexer on %s: one job whose record the index cannot hold', (name, open) => {
  const prefix = `tidings-test-indexer-${randomBytes(4).toString('hex')}`;
  const schema = `tidings_indexer_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tidings-indexer-'));
  let redis: RedisClient;
  let bodies: BodyStore;
  let queues: PipelineQueues;
  let index: TidingsIndex;

  beforeAll(async () => {
    redis = connectRedis(REDIS_URL);
    bodies = new BodyStore(redis, prefix, 60_000);
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 50 });
    index = await open(dataDir, schema);
  });

  afterAll(async () => {
    await index?.close();
    if (name === 'PostgreSQL') await PostgresIndex.dropSchema(POSTGRES_URL, schema);
    await queues?.close();
    // Everything under this run's prefix: the bodies, and the keys the queues made.
    await deletePrefix(prefix, REDIS_URL);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves an article whose page took a new canonical URL to it, and leaves one a reused link now leads away from', async () => {
    const deps = { index, bodies, queues };
    const job = async (r: ArticleRecord, itemUrl = r.url) => handleArticleIndex({ itemUrl, canonicalUrl: r.url, recordKey: await bodies.put(JSON.stringify(r)) }, deps, context);
    const story = 'The harbour board voted on Monday to dredge the east channel before the summer season, at a cost of two million pounds.';
    const old = record('harbour-vote', { title: 'Harbour board votes to dredge', text: story });
    expect(await job(old)).toMatchObject({ id: 'harbour-vote', created: true });
    // Retitled, corrected and moved to a new slug; its item URL (the old one) now redirects there.
    const moved = record('harbour-dredging-approved', { title: 'Harbour dredging approved', text: story.replace('Monday', 'Tuesday') });
    expect(await job(moved, old.url)).toMatchObject({ id: 'harbour-dredging-approved', created: false });
    expect(await index.getArticle(old.url)).toBeNull();
    expect(await index.getArticle(moved.url)).toMatchObject({ id: 'harbour-dredging-approved', title: 'Harbour dredging approved' });

    const latest = record('latest-first', { text: 'The ferry timetable changes next week, with fewer crossings on Sundays and an extra one on Fridays.' });
    await job(latest);
    const next = record('latest-second', { text: 'A new bakery opened on the high street, the third this year, and queues formed before seven.' });
    expect(await job(next, latest.url)).toMatchObject({ id: 'latest-second', created: true });
    expect((await index.getArticle(latest.url))?.id).toBe('latest-first');
  });

  it('fails that job alone; lone surrogates and impossible dates in the others are stored', async () => {
    const records = [
      record('plain', { title: 'Plain turnip' }),
      // An excerpt cut in the middle of an emoji, as slicing a string leaves it.
      record('surrogate', { title: 'Cut turnip \ud83d', excerpt: 'Cut \ud83d', publishedAt: '2025-02-01T00:00:00.000Z' }),
      record('future', { title: 'Future turnip', publishedAt: '+010000-01-01T00:00:00.000Z' }),
      record('nul', { title: 'NUL turnip', feedUrls: ['https://news.example.org/\u0000'] }),
    ];
    const writer = new ArticleBatchWriter(index, { maxBatch: records.length, lingerMs: 1_000 });
    const deps = { index: { upsertArticle: writer.upsert.bind(writer), getArticle: index.getArticle.bind(index), moveArticle: index.moveArticle.bind(index), articleUrlOfItem: index.articleUrlOfItem.bind(index) }, bodies, queues };
    const jobs = await Promise.allSettled(
      records.map(async (r) => {
        const recordKey = await bodies.put(JSON.stringify(r));
        return handleArticleIndex({ itemUrl: r.url, canonicalUrl: r.url, recordKey }, deps, context);
      }),
    );
    await writer.close();
    expect(jobs.slice(0, 3).map((job) => job.status === 'fulfilled' && job.value)).toEqual([
      { id: 'plain', created: true, publishedAt: '2025-03-01T00:00:00.000Z' },
      { id: 'surrogate', created: true, publishedAt: '2025-02-01T00:00:00.000Z' },
      { id: 'future', created: true, publishedAt: '+010000-01-01T00:00:00.000Z' },
    ]);
    const refused = jobs[3]?.status === 'rejected' ? (jobs[3].reason as unknown) : null;
    expect(refused).toBeInstanceOf(TidingsError);
    expect(refused).toMatchObject({ code: 'invalid-payload', permanent: true });
    expect((await index.search('turnip', { sort: 'date' })).hits.map((hit) => hit.title)).toEqual(['Future turnip', 'Plain turnip', 'Cut turnip \ufffd']);
  });
});

describe('indexer: a job run again after a run of it died before announcing', () => {
  const prefix = `tidings-test-indexer-announce-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tidings-indexer-announce-'));
  let redis: RedisClient;
  let index: TidingsIndex;
  let bodies: BodyStore;
  let queues: PipelineQueues;
  let publisher: IndexedEventPublisher;

  beforeAll(async () => {
    redis = connectRedis(REDIS_URL);
    index = await openIndex({ dataDir });
    bodies = new BodyStore(redis, prefix, 60_000);
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 50 });
    publisher = new IndexedEventPublisher(redis, prefix);
  });

  afterAll(async () => {
    await index?.close();
    await queues?.close();
    await deletePrefix(prefix, REDIS_URL);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** How many times article `id` was announced. */
  const announced = async (id: string) => (await indexedEventStream(prefix).entriesBack(redis, '+', 100)).filter((entry) => entry.event?.id === id).length;

  /** An index job of `story` (a new job id each call) and the run of it that finishes. */
  async function indexJob(story: ArticleRecord) {
    const payload = { itemUrl: story.url, canonicalUrl: story.url, recordKey: await bodies.put(JSON.stringify(story)) };
    const job = { ...context, jobId: `index-${randomBytes(4).toString('hex')}` };
    return { payload, job, run: () => handleArticleIndex(payload, { index, bodies, queues, events: publisher }, job) };
  }

  /**
   * Runs job `job` until its process dies at `step`, which never returns: the write (once it is stored), the
   * announcement (before it is written) or the clearing of the mark (before it is cleared).
   */
  async function runThatDies({ payload, job }: Awaited<ReturnType<typeof indexJob>>, step: 'upsertArticle' | 'publish' | 'end') {
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const dies = () => (died(), new Promise<never>(() => {}));
    const events = {
      begin: (jobId: string) => publisher.begin(jobId),
      record: (jobId: string, outcome: IndexOutcome) => publisher.record(jobId, outcome),
      publish: step === 'publish' ? dies : (...events: IndexedEvent[]) => publisher.publish(...events),
      end: step === 'end' ? dies : (jobId: string) => publisher.end(jobId),
    };
    const upsertArticle: TidingsIndex['upsertArticle'] = step === 'upsertArticle' ? (record, options) => index.upsertArticle(record, options).then(dies) : (record, options) => index.upsertArticle(record, options);
    void handleArticleIndex(payload, { index: { upsertArticle, getArticle: index.getArticle.bind(index), moveArticle: index.moveArticle.bind(index), articleUrlOfItem: index.articleUrlOfItem.bind(index) }, bodies, queues, events }, job);
    await dead;
  }

  it('announces the article an earlier run created, though the index no longer finds it new, and a run between that dies too', async () => {
    const first = await indexJob(record('late', { title: 'Late turnip' }));
    await runThatDies(first, 'publish');
    expect(await announced('late')).toBe(0);

    // Its job runs again (the lock expired), finds the article stored, and dies before announcing too: the mark still says created.
    await runThatDies(first, 'publish');
    const again = await first.run();
    expect(again).toMatchObject({ id: 'late', created: false });
    expect(await announced('late')).toBe(1);

    // A later job of the same article that finishes (an update) announces nothing more.
    await (await indexJob(record('late', { title: 'Late turnip, revised' }))).run();
    expect(await announced('late')).toBe(1);
  });

  it('does not announce an article stored before the job (a revision) when the earlier run died after recording so', async () => {
    await (await indexJob(record('revised', { title: 'Revised turnip' }))).run();
    expect(await announced('revised')).toBe(1);

    const revision = await indexJob(record('revised', { title: 'Revised turnip, revised' }));
    await runThatDies(revision, 'end');
    expect(await revision.run()).toMatchObject({ id: 'revised', created: false });
    expect(await announced('revised')).toBe(1);
  });

  it('announces when the earlier run died before recording what its write did (it may have created the article)', async () => {
    const first = await indexJob(record('unknown', { title: 'Unknown turnip' }));
    await runThatDies(first, 'upsertArticle');
    expect(await first.run()).toMatchObject({ id: 'unknown', created: false });
    expect(await announced('unknown')).toBe(1);
  });
});
