import http from 'node:http';
import { Queue, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { ALERT_DELIVER_QUEUE, jobFailureOf } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { IndexedEventPublisher, queueKeyPrefix } from '@tidings/queue';
import { startServices, type RunningServices } from '@tidings/runtime';
import { fixtureArticle, startApiInstance, type ApiInstance } from '../../../test/support/api-instance.js';
import { deliveryJobId } from './handler.js';
import { RECEIVER_CONCURRENCY } from './receiver-slots.js';
import { createAlerterService } from './service.js';
import { until } from '../../../test/support/until.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';

/** A receiver's answer: `status` to every request. */
const answering = (status: number) => (_req: unknown, res: http.ServerResponse) => void res.writeHead(status).end();

/** An article about `title`, under an id of its own. */
const article = (id: string, title: string) => fixtureArticle(`https://news.example.org/${id}`, { id, title, text: `${title}. More about it.` });


/**
 * The alerter as `tidings worker alerter` runs it (real Redis, real SQLite
 * index), against receivers on 127.0.0.1 that hang, refuse or fail.
 */
describe('the alerter against hostile webhook receivers', () => {
  let api: ApiInstance;
  let services: RunningServices | undefined;
  let store: SavedSearchStore;
  let queue: Queue;
  const receivers: Record<'hangs' | 'works' | 'refuses' | 'fails', WebhookReceiver> = {} as never;
  /** Requests to the receiver that hangs whose connection has ended (answered or dropped). */
  let hangsEnded = 0;

  beforeAll(async () => {
    // Never answers: it holds each request open.
    receivers.hangs = await startWebhookReceiver((_req, res) => void res.on('close', () => hangsEnded++));
    receivers.works = await startWebhookReceiver(answering(204));
    receivers.refuses = await startWebhookReceiver(answering(404));
    receivers.fails = await startWebhookReceiver(answering(500));
    const allowPrivate = Object.values(receivers).map((hook) => `127.0.0.1:${hook.port}`);
    api = await startApiInstance({ label: 'alerter-hostile', env: { TIDINGS_FETCH_ALLOW_PRIVATE: allowPrivate.join(','), TIDINGS_RETRY_DELAY: '10ms' } });
    store = new SavedSearchStore(api.runtime.redis, api.prefix);
    queue = new Queue(ALERT_DELIVER_QUEUE, { connection: api.runtime.redis, prefix: queueKeyPrefix(api.prefix, ALERT_DELIVER_QUEUE, api.runtime.redis) });
  });

  /**
   * The job once it has failed for good, else false. Read again after its state says failed: a Job read
   * before (its fields as they were then) may have come back from Redis a moment before it failed.
   */
  const failedJob = async (id: string): Promise<Job | false> => ((await queue.getJobState(id)) === 'failed' ? ((await queue.getJob(id)) ?? false) : false);

  afterAll(async () => {
    // Hung requests end first, so the worker's jobs end and it can stop.
    await Promise.all(Object.values(receivers).map((hook) => hook.close()));
    await services?.close();
    await queue?.close();
    await api?.stop();
  });

  it('keeps delivering to other receivers while one hangs, and fails what cannot be delivered with a typed code', async () => {
    const check = (url: string) => checkFetchable(url, { allowPrivate: Object.values(receivers).map((hook) => `127.0.0.1:${hook.port}`) });
    await store.create({ query: 'kelmoor', webhook: { url: receivers.hangs.url() } }, check);
    const working = await store.create({ query: 'kelmoor', webhook: { url: receivers.works.url() } }, check);
    const refused = await store.create({ query: 'zorvath', webhook: { url: receivers.refuses.url() } }, check);
    const failing = await store.create({ query: 'zorvath', webhook: { url: receivers.fails.url() } }, check);
    // A delivery that hangs outlasts this test: only other receivers' own slots let their deliveries through.
    services = await startServices(api.runtime, [createAlerterService({ webhookTimeoutMs: 600_000 })], { role: 'alerter' });

    const publisher = new IndexedEventPublisher(api.runtime.redis, api.prefix);
    const articles = [...Array.from({ length: 12 }, (_, i) => article(`kelmoor-${i}`, `Kelmoor mine news ${i}`)), article('zorvath-1', 'Zorvath mining halts')];
    for (const a of articles) {
      await api.runtime.index.upsertArticle(a);
      await publisher.publish({ id: a.id, url: a.url, title: a.title, siteName: a.siteName, authors: a.authors, publishedAt: a.publishedAt, fetchedAt: a.fetchedAt, indexedAt: new Date().toISOString() });
    }

    await until('every delivery to the receiver that works', () => receivers.works.received.length >= 12);
    expect(receivers.hangs.received.length).toBeLessThanOrEqual(RECEIVER_CONCURRENCY);
    expect(hangsEnded).toBe(0);
    // Each attempt is logged once its answer is in, a moment after the receiver has the request.
    const logged = await until('every delivery to be logged', async () => {
      const ok = (await store.deliveries(working.id, 50)).filter((entry) => entry.ok);
      return ok.length >= 12 && ok;
    });
    expect(logged).toHaveLength(12);

    // A 404 is the receiver refusing the delivery: failed for good at once, the code typed in the job and its log.
    const refusedJob = await until('the refused delivery to fail', () => failedJob(deliveryJobId(refused.id, 'zorvath-1')));
    expect(refusedJob.failedReason).toMatch(/^\[http-status\] HTTP 404 from /);
    expect(jobFailureOf(refusedJob.data)).toEqual({ code: 'http-status', reason: `HTTP 404 from ${receivers.refuses.url()}`, permanent: true });
    expect(refusedJob.attemptsMade).toBe(1);
    expect(await store.deliveries(refused.id)).toMatchObject([{ ok: false, status: 404, attempt: 1, error: `[http-status] HTTP 404 from ${receivers.refuses.url()}` }]);

    // A 500 every time: every attempt is made (with backoff), then the delivery fails for good, typed the same way.
    const exhaustedJob = await until('the failing delivery to run out of attempts', () => failedJob(deliveryJobId(failing.id, 'zorvath-1')));
    expect(exhaustedJob.attemptsMade).toBe(10);
    expect(exhaustedJob.failedReason).toMatch(/^\[http-status\] HTTP 500 from /);
    expect(jobFailureOf(exhaustedJob.data)).toMatchObject({ code: 'http-status' });
    const attempts = await store.deliveries(failing.id, 50);
    expect(attempts.map((entry) => entry.attempt)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(attempts.every((entry) => entry.status === 500 && entry.error?.startsWith('[http-status] '))).toBe(true);
  });
});
