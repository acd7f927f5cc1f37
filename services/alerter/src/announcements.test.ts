import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { ALERT_DELIVER_QUEUE, ALERT_JOBS, redisKeys, type ArticleRecord } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { alertMatchStream, IndexedEventPublisher, queueKeyPrefix, type RawStreamEntry } from '@tidings/queue';
import { startServices, type RunningServices } from '@tidings/runtime';
import { fixtureArticle, startApiInstance, type ApiInstance } from '../../../test/support/api-instance.js';
import { until } from '../../../test/support/until.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { deliveryJobId } from './handler.js';
import { ALERTER_GROUP, createAlerterService, type AlerterOptions } from './service.js';

/**
 * The alerter reading the stream of indexed articles through its consumer
 * group, as `tidings worker alerter` runs it (real Redis, real SQLite index,
 * a webhook receiver on 127.0.0.1): nothing announced while no alerter runs
 * is lost, an announcement a dead alerter read is taken over, and alerters
 * sharing the group match each article once.
 */

/** The article id of every match `hook` was posted, in order. */
const articlesPosted = (hook: WebhookReceiver): string[] => hook.received.map((request) => (JSON.parse(request.body) as { article: { id: string } }).article.id);

describe('the alerter reads announcements through a consumer group', () => {
  let api: ApiInstance;
  let hook: WebhookReceiver;
  let store: SavedSearchStore;
  let publisher: IndexedEventPublisher;
  let queue: Queue;
  let key: string;
  let running: RunningServices[] = [];

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    api = await startApiInstance({ label: 'alerter-stream', env: { TIDINGS_FETCH_ALLOW_PRIVATE: `127.0.0.1:${hook.port}` } });
    store = new SavedSearchStore(api.runtime.redis, api.prefix);
    publisher = new IndexedEventPublisher(api.runtime.redis, api.prefix);
    queue = new Queue(ALERT_DELIVER_QUEUE, { connection: api.runtime.redis, prefix: queueKeyPrefix(api.prefix, ALERT_DELIVER_QUEUE, api.runtime.redis) });
    key = redisKeys(api.prefix).indexedEvents;
  });

  afterEach(async () => {
    for (const services of running) await services.close();
    running = [];
  });

  afterAll(async () => {
    await hook?.close();
    await queue?.close();
    await api?.stop();
  });

  const alerter = async (options: AlerterOptions): Promise<RunningServices> => {
    const services = await startServices(api.runtime, [createAlerterService(options)], { role: 'alerter' });
    running.push(services);
    return services;
  };

  /** Stores an article about `title` and announces it, as the indexer does. */
  const index = async (slug: string, title: string): Promise<ArticleRecord> => {
    const article = fixtureArticle(`https://news.example.org/${slug}`, { title, text: `${title}. More about it.` });
    await api.runtime.index.upsertArticle(article);
    const { id, url, siteName, authors, publishedAt, fetchedAt } = article;
    await publisher.publish({ id, url, title, siteName, authors, publishedAt, fetchedAt, indexedAt: new Date().toISOString() });
    return article;
  };

  const saveSearch = (query: string, webhook = true) =>
    store.create({ query, ...(webhook ? { webhook: { url: hook.url() } } : {}) }, (url) => checkFetchable(url, { allowPrivate: [`127.0.0.1:${hook.port}`] }));

  /** Announcements read by the group and not yet acknowledged. */
  const pending = async (): Promise<number> => Number(((await api.runtime.redis.xpending(key, ALERTER_GROUP)) as [number, ...unknown[]])[0]);

  it('matches and delivers the articles indexed while no alerter ran, once one starts', async () => {
    await saveSearch('quillon');
    // A first start creates the group at the stream's end; from then on it keeps its place.
    await (await alerter({ consumer: 'before' })).close();
    running = [];

    const missed = [await index('quillon-1', 'Quillon bridge closes'), await index('other-1', 'Rates unchanged'), await index('quillon-2', 'Quillon bridge reopens')];
    await alerter({ consumer: 'after' });
    await until('both matches delivered', () => articlesPosted(hook).length >= 2);
    expect(articlesPosted(hook).sort()).toEqual([missed[0]!.id, missed[2]!.id].sort());
    await until('every announcement acknowledged', async () => (await pending()) === 0);
  });

  it('takes over an announcement a dead alerter read and did not acknowledge, and delivers it once', async () => {
    const search = await saveSearch('marrowind');
    await (await alerter({ consumer: 'first-start' })).close();
    running = [];
    const article = await index('marrowind-1', 'Marrowind ferry sinks');
    // An alerter reads it, queues its delivery and dies before acknowledging it.
    const read = (await api.runtime.redis.xreadgroup('GROUP', ALERTER_GROUP, 'dead', 'COUNT', 10, 'STREAMS', key, '>')) as Array<[string, RawStreamEntry[]]>;
    expect(read[0]?.[1].map(([, fields]) => fields?.[1] ?? '').join()).toContain(article.id);
    const jobId = deliveryJobId(search.id, article.id);
    await queue.add(ALERT_JOBS.deliver, { searchId: search.id, articleId: article.id, matchedAt: new Date().toISOString() }, { jobId });
    expect(await pending()).toBe(1);

    const before = hook.received.length;
    await alerter({ consumer: 'survivor', claimIdleMs: 200 });
    await until('the announcement taken over and acknowledged', async () => (await pending()) === 0);
    await until('the delivery done', async () => (await queue.getJobState(jobId)) === 'completed');
    // Matched again by the survivor (before it acknowledged), but queued under the same job id: one job, one post.
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']);
    expect(jobs.filter((job) => (job.data as { articleId?: string }).articleId === article.id).map((job) => job.id)).toEqual([jobId]);
    expect(articlesPosted(hook).slice(before)).toEqual([article.id]);
    const consumers = (await api.runtime.redis.xinfo('CONSUMERS', key, ALERTER_GROUP)) as unknown[][];
    expect(consumers.map((entry) => entry[1])).toContain('survivor');
  });

  it('matches each article once with two alerters in the group, announcing each match on the stream of matches', async () => {
    const search = await saveSearch('tarnveld', false);
    const announced = async (): Promise<string[]> =>
      (await alertMatchStream(api.prefix).entriesAfter(api.runtime.redis, '0-0', '+', 1000)).flatMap(({ event }) => (event?.searchId === search.id ? [event.article.id] : []));
    await alerter({ consumer: 'one' });
    await alerter({ consumer: 'two' });
    const articles: ArticleRecord[] = [];
    for (let i = 0; i < 20; i++) articles.push(await index(`tarnveld-${i}`, `Tarnveld mill news ${i}`));
    await until('every article matched', async () => new Set(await announced()).size === articles.length);
    await until('every announcement acknowledged', async () => (await pending()) === 0);
    // Nothing is left to match: a second match of any article would have been announced before its acknowledgement.
    expect((await announced()).sort()).toEqual(articles.map((article) => article.id).sort());
  });
});
