import { createHmac } from 'node:crypto';
import http from 'node:http';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { ALERT_DELIVER_QUEUE, ALERT_DELIVER_RETRY, ALERT_JOBS, type AlertDeliverJob, type SavedSearchRecord } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { queueKeyPrefix } from '@tidings/queue';
import { startServices, type RunningServices } from '@tidings/runtime';
import { fixtureArticle, startApiInstance, type ApiInstance } from '../../../test/support/api-instance.js';
import { until } from '../../../test/support/until.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { refusalOf } from '../../../test/support/webhook-verify.js';
import { deliveryJobId } from './handler.js';
import { BACKOFF_SPREAD_MAX_MS } from './receiver-backoff.js';
import { RETRY_AFTER_MAX_MS } from './retry-after.js';
import { createAlerterService } from './service.js';
import { SIGNATURE_HEADER } from './signature.js';

/** An installation to queue deliveries on: an API instance (a Redis prefix of its own, removed by `api.stop`), its saved searches and its `alert-deliver` queue. */
interface DeliveryQueue {
  api: ApiInstance;
  store: SavedSearchStore;
  queue: Queue;
}

/** Starts a {@link DeliveryQueue} labelled `label` whose SSRF guard lets the alerter post to `hooks`. */
async function startDeliveryQueue(label: string, hooks: WebhookReceiver[]): Promise<DeliveryQueue> {
  const allowPrivate = hooks.map((hook) => `127.0.0.1:${hook.port}`);
  const api = await startApiInstance({ label, env: { TIDINGS_FETCH_ALLOW_PRIVATE: allowPrivate.join(',') } });
  const store = new SavedSearchStore(api.runtime.redis, api.prefix);
  const queue = new Queue(ALERT_DELIVER_QUEUE, { connection: api.runtime.redis, prefix: queueKeyPrefix(api.prefix, ALERT_DELIVER_QUEUE, api.runtime.redis) });
  return { api, store, queue };
}

/**
 * A saved search posting to `hook`, an article it matched (in the index) and
 * its delivery queued, with the attempts of ALERT_DELIVER_RETRY and a short
 * backoff, so the backoff never explains a wait the receiver asked for.
 */
async function queueDeliveryTo(at: DeliveryQueue, hook: WebhookReceiver, name: string): Promise<{ search: SavedSearchRecord; jobId: string }> {
  const check = (url: string) => checkFetchable(url, { allowPrivate: [`127.0.0.1:${hook.port}`] });
  const search = await at.store.create({ query: name, webhook: { url: hook.url() } }, check);
  const article = fixtureArticle(`https://news.example.org/${name}`, { id: `${name}-1`, title: `${name} news`, text: `${name}. More about it.` });
  await at.api.runtime.index.upsertArticle(article);
  const jobId = deliveryJobId(search.id, article.id);
  const job: AlertDeliverJob = { searchId: search.id, articleId: article.id, matchedAt: new Date().toISOString() };
  await at.queue.add(ALERT_JOBS.deliver, job, { jobId, attempts: ALERT_DELIVER_RETRY.attempts, backoff: { type: 'exponential', delay: 10 } });
  return { search, jobId };
}

/**
 * The alerter's delivery worker as `tidings worker alerter` runs it (real
 * Redis, real SQLite index), against receivers on 127.0.0.1 that check the
 * signatures and ask for time. Deliveries are queued straight on
 * `alert-deliver`, with the attempts of ALERT_DELIVER_RETRY and a short
 * backoff, so the backoff never explains a wait the receiver asked for.
 */
describe('webhook deliveries: signatures and Retry-After', () => {
  let api: ApiInstance;
  let services: RunningServices | undefined;
  let store: SavedSearchStore;
  let queue: Queue;
  const receivers: Record<'seconds' | 'date', WebhookReceiver> = {} as never;

  beforeAll(async () => {
    // 429 with Retry-After in seconds, then 204.
    receivers.seconds = await startWebhookReceiver((_req, res, before) => (before === 0 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(204).end()));
    // 503 with Retry-After as an HTTP date two seconds past the response's own Date, then 204.
    receivers.date = await startWebhookReceiver((_req, res, before) => {
      if (before > 0) return void res.writeHead(204).end();
      const now = Date.now();
      res.writeHead(503, { date: new Date(now).toUTCString(), 'retry-after': new Date(now + 2_000).toUTCString() }).end();
    });
    ({ api, store, queue } = await startDeliveryQueue('alerter-retry-after', Object.values(receivers)));
    services = await startServices(api.runtime, [createAlerterService()], { role: 'alerter' });
  });

  afterAll(async () => {
    await Promise.all(Object.values(receivers).map((hook) => hook.close()));
    await services?.close();
    await queue?.close();
    await api?.stop();
  });

  const queueDelivery = (hook: WebhookReceiver, name: string) => queueDeliveryTo({ api, store, queue }, hook, name);

  it('signs each attempt with its time, keeps X-Tidings-Signature, and waits the seconds a 429 asked for; the id stays the same', async () => {
    const { search, jobId } = await queueDelivery(receivers.seconds, 'kelmoor');
    const secret = search.webhook?.secret ?? '';
    const [first, second] = await until('the retry', () => receivers.seconds.received.length >= 2 && receivers.seconds.received);
    // Retry-After: 1 — the next attempt no sooner than a second after the first.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
    for (const request of [first!, second!]) {
      expect(refusalOf(request.headers, request.body, secret)).toBeNull();
      expect(request.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`);
    }
    // One message, two attempts: the same id for the receiver to drop the repeat by, and the same body.
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(first!.headers['webhook-id']).toBe(`${search.id}:kelmoor-1`);
    expect(second!.body).toBe(first!.body);

    // The attempt that got the 429 counts and is logged; the wait spent none.
    const log = await until('both attempts logged', async () => {
      const entries = await store.deliveries(search.id);
      return entries.length >= 2 && entries;
    });
    expect(log).toMatchObject([
      { attempt: 2, ok: true, status: 204, error: null },
      { attempt: 1, ok: false, status: 429, error: `[http-status] HTTP 429 from ${receivers.seconds.url()}` },
    ]);
    const job = await until('the job to complete', async () => (await queue.getJobState(jobId)) === 'completed' && queue.getJob(jobId));
    expect(job?.attemptsMade).toBe(2);
  });

  it('reads Retry-After as an HTTP date against the response Date: the retry comes no sooner', async () => {
    const { search } = await queueDelivery(receivers.date, 'zorvath');
    const [first, second] = await until('the retry', () => receivers.date.received.length >= 2 && receivers.date.received);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(2_000);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    const log = await until('both attempts logged', async () => {
      const entries = await store.deliveries(search.id);
      return entries.length >= 2 && entries;
    });
    expect(log.map((entry) => [entry.attempt, entry.status])).toEqual([
      [2, 204],
      [1, 503],
    ]);
  });
});

/**
 * A receiver's Retry-After holds every delivery to it, from every alerter
 * (receiver-backoff.ts). The deliveries to hold are queued once the 429 has
 * been handled (its job put back): one already on its way when the receiver
 * answered cannot be called back, so only those queued after are timed.
 */
describe('webhook deliveries: a receiver that asks for time is left alone by every alerter', () => {
  let api: ApiInstance;
  let store: SavedSearchStore;
  let queue: Queue;
  let services: RunningServices | undefined;
  const receivers: Record<'asks' | 'other' | 'asksTwo', WebhookReceiver> = {} as never;
  /** 429 with `Retry-After: 1` to the first request, 204 to every other. */
  const asksForASecond = (_req: http.IncomingMessage, res: http.ServerResponse, before: number) => (before === 0 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(204).end());
  /** Lets `asksTwo` answer its first request: until then, the alerter that sent it has that delivery in hand. */
  let letFirstAnswerGo = (): void => undefined;
  const firstAnswerHeld = new Promise<void>((resolve) => (letFirstAnswerGo = resolve));

  beforeAll(async () => {
    receivers.asks = await startWebhookReceiver(asksForASecond);
    receivers.other = await startWebhookReceiver((_req, res) => res.writeHead(204).end());
    // The same, but its answer to the first request waits until the test lets it go.
    receivers.asksTwo = await startWebhookReceiver((req, res, before) => void (before === 0 ? firstAnswerHeld : Promise.resolve()).then(() => asksForASecond(req, res, before)));
    ({ api, store, queue } = await startDeliveryQueue('alerter-receiver-backoff', Object.values(receivers)));
  });

  afterEach(async () => {
    for (const worker of services?.workers ?? []) worker.resume();
    await services?.close();
    services = undefined;
  });

  afterAll(async () => {
    await Promise.all(Object.values(receivers).map((hook) => hook.close()));
    await queue?.close();
    await api?.stop();
  });

  const queueDelivery = (hook: WebhookReceiver, name: string) => queueDeliveryTo({ api, store, queue }, hook, name);

  /** Once its attempt has been answered and handled: the job is back in the queue, waiting for its retry. */
  const putBack = (jobId: string) => until('the answered attempt handled', async () => (await queue.getJobState(jobId)) === 'delayed' && ((await queue.getJob(jobId))?.attemptsMade ?? 0) >= 1);

  /** Every delivery of `searches` done in one attempt, logged once: no attempt spent, no log entry while it waited. */
  async function expectDeliveredFirstTime(deliveries: Array<{ search: SavedSearchRecord; jobId: string }>): Promise<void> {
    for (const { search, jobId } of deliveries) {
      const job = await until('the delivery to complete', async () => (await queue.getJobState(jobId)) === 'completed' && queue.getJob(jobId));
      expect(job?.attemptsMade).toBe(1);
      expect(await store.deliveries(search.id)).toMatchObject([{ attempt: 1, ok: true, status: 204 }]);
      expect(await store.deliveries(search.id)).toHaveLength(1);
    }
  }

  it('sends nothing else to a receiver until its Retry-After ends, spends no attempt of the deliveries held, and holds no other receiver', async () => {
    services = await startServices(api.runtime, [createAlerterService()], { role: 'alerter' });
    const asker = await queueDelivery(receivers.asks, 'brackwater');
    await putBack(asker.jobId);
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await queueDelivery(receivers.asks, `brackwater${i}`));
    const free = [];
    for (let i = 0; i < 3; i++) free.push(await queueDelivery(receivers.other, `ostmark${i}`));

    const [answered, ...after] = await until('the retry and every held delivery', () => receivers.asks.received.length >= 6 && receivers.asks.received);
    // Retry-After: 1 — the receiver's back-off ends no sooner than a second after the request it answered.
    for (const request of after) expect(request.at - answered!.at).toBeGreaterThanOrEqual(1_000);
    expect(after).toHaveLength(5);
    await expectDeliveredFirstTime(held);
    // The other receiver's deliveries, queued with the held ones, went while the back-off lasted.
    await expectDeliveredFirstTime(free);
    expect(Math.max(...receivers.other.received.map((request) => request.at))).toBeLessThan(Math.min(...after.map((request) => request.at)));
    // The delivery that got the 429: its attempt counts and is logged, as before.
    expect(await store.deliveries(asker.search.id)).toMatchObject([
      { attempt: 2, ok: true, status: 204 },
      { attempt: 1, ok: false, status: 429 },
    ]);
  });

  it('holds a receiver for an alerter that did not get its Retry-After, the retry of the delivery answered among them: the back-off is shared', async () => {
    services = await startServices(api.runtime, [createAlerterService({ consumer: 'one' }), createAlerterService({ consumer: 'two' })], { role: 'alerter' });
    const [one, two] = services.workers;
    // The first alerter alone gets the 429, and takes nothing after it: paused while the receiver holds its answer...
    await two!.pause();
    const asker = await queueDelivery(receivers.asksTwo, 'quellfen');
    await until('the first request', () => receivers.asksTwo.received[0]);
    const onePaused = one!.pause();
    letFirstAnswerGo();
    await onePaused;
    await putBack(asker.jobId);
    // ...so the second alone takes the receiver's other deliveries, and the retry of the one answered: only the back-off tells it to wait.
    two!.resume();
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await queueDelivery(receivers.asksTwo, `quellfen${i}`));

    const [answered, ...after] = await until('the retry and every held delivery', () => receivers.asksTwo.received.length >= 6 && receivers.asksTwo.received);
    for (const request of after) expect(request.at - answered!.at).toBeGreaterThanOrEqual(1_000);
    await expectDeliveredFirstTime(held);
    // The retry went once, among them; the attempt the 429 answered counts, and the wait spent none.
    expect(after.filter((request) => request.headers['webhook-id'] === answered!.headers['webhook-id'])).toHaveLength(1);
    const job = await until('the answered delivery to complete', async () => (await queue.getJobState(asker.jobId)) === 'completed' && queue.getJob(asker.jobId));
    expect(job?.attemptsMade).toBe(2);
    expect(await store.deliveries(asker.search.id)).toMatchObject([{ attempt: 2, status: 204 }, { attempt: 1, status: 429 }]);
  });
});

/**
 * Deliveries a receiver's back-off puts aside (the retry of the one it
 * answered among them), read from BullMQ: when each is due, against when the
 * receiver asked to be left alone until. Each test has an installation (a
 * Redis prefix) of its own, removed after it. The back-offs asked for here
 * outlast the tests: nothing waits for them to end.
 */
describe('webhook deliveries: put aside by a receiver back-off, until past its end', () => {
  let installation: DeliveryQueue | undefined;
  let receiver: WebhookReceiver | undefined;
  let services: RunningServices | undefined;

  /** A receiver answering with `answer`, an installation that may post to it, and an alerter. */
  async function startAgainst(label: string, answer: Parameters<typeof startWebhookReceiver>[0]): Promise<{ hook: WebhookReceiver; at: DeliveryQueue }> {
    const hook = (receiver = await startWebhookReceiver(answer));
    const at = (installation = await startDeliveryQueue(label, [hook]));
    services = await startServices(at.api.runtime, [createAlerterService()], { role: 'alerter' });
    return { hook, at };
  }

  afterEach(async () => {
    await receiver?.close();
    await services?.close();
    await installation?.queue.close();
    await installation?.api.stop();
    [installation, receiver, services] = [undefined, undefined, undefined];
  });

  /**
   * When the delayed job `jobId` is due (ms), or null when it is not delayed.
   * BullMQ keeps that time only in the delayed set's score: the time times
   * 0x1000, plus a sequence for jobs due in the same ms (getDelayedScore).
   */
  async function dueAt(at: DeliveryQueue, jobId: string): Promise<number | null> {
    const score = await at.api.runtime.redis.zscore(at.queue.toKey('delayed'), jobId);
    return score === null ? null : Math.floor(Number(score) / 0x1000);
  }

  /** When each job is due, once the back-off has put it aside: delayed for longer than its own backoff (10 ms) would. */
  function heldUntil(at: DeliveryQueue, jobIds: string[]): Promise<number[]> {
    return until('every delivery put aside by the back-off', async () => {
      const due: number[] = [];
      for (const jobId of jobIds) {
        const job = (await at.queue.getJobState(jobId)) === 'delayed' && (await at.queue.getJob(jobId));
        const time = job && job.delay > 1_000 ? await dueAt(at, jobId) : null;
        if (time === null) return false;
        due.push(time);
      }
      return due;
    });
  }

  it('caps an absurd Retry-After at an hour: the delivery answered is put aside that long, its one attempt spent', async () => {
    // 429 asking for a thousand days, every time.
    const { hook, at } = await startAgainst('alerter-absurd', (_req, res) => res.writeHead(429, { 'retry-after': String(1_000 * 86_400) }).end());
    const { search, jobId } = await queueDeliveryTo(at, hook, 'harbour');
    const first = await until('the first attempt', () => hook.received[0]);
    // Retried on its short backoff, the job finds its receiver held: put aside until an hour after the answer (and a spread), not a thousand days.
    const [due] = await heldUntil(at, [jobId]);
    const observed = Date.now();
    expect(due).toBeGreaterThanOrEqual(first.at + RETRY_AFTER_MAX_MS);
    expect(due).toBeLessThan(observed + RETRY_AFTER_MAX_MS + BACKOFF_SPREAD_MAX_MS);
    expect((await at.queue.getJob(jobId))?.attemptsMade).toBe(1);
    expect(hook.received).toHaveLength(1);
    expect(await at.store.deliveries(search.id)).toMatchObject([{ attempt: 1, status: 429, ok: false }]);
  });

  it('spreads the deliveries a back-off held past its end, so they do not come back at one instant, and none before it', async () => {
    // 429 asking for two minutes, then 204 (never reached here).
    const waitMs = 120_000;
    const { hook, at } = await startAgainst('alerter-spread', (_req, res, before) => (before === 0 ? res.writeHead(429, { 'retry-after': String(waitMs / 1_000) }).end() : res.writeHead(204).end()));
    const asker = await queueDeliveryTo(at, hook, 'vellmark');
    const first = await until('the first attempt', () => hook.received[0]);
    // The others are queued once the 429 has been handled (the job back in the queue): none is on its way already.
    await until('the answered attempt handled', async () => (await at.queue.getJob(asker.jobId))?.attemptsMade === 1);
    const jobIds = [asker.jobId];
    for (let i = 0; i < 5; i++) jobIds.push((await queueDeliveryTo(at, hook, `vellmark${i}`)).jobId);

    const due = await heldUntil(at, jobIds);
    // None is due before the back-off ends, two minutes after the receiver answered (BullMQ agrees: none due sooner).
    const end = first.at + waitMs;
    for (const time of due) expect(time).toBeGreaterThanOrEqual(end);
    expect(await at.queue.getDelayedCount(end)).toBe(0);
    // Each drew its own point of a spread of up to 30 s past the end: six such do not fall within one second, let alone one instant.
    expect(Math.max(...due) - Math.min(...due)).toBeGreaterThanOrEqual(1_000);
    expect(hook.received).toHaveLength(1);
  });
});
