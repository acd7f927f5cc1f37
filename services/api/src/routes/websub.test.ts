import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyStore, connectRedis, type RedisClient } from '@tidings/queue';
import { newSecret, newSubscriptionId, requestedSubscription, signatureOf, WebSubStore } from '@tidings/websub';
import { startTestApp, type TestApp } from '../testing/test-app.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PER_WINDOW = 3;

/** The WebSub callback on a real Redis: a hub that pushes more often than a topic changes is told to come back later. */
describe('POST /websub/:id', () => {
  let api: TestApp;
  let redis: RedisClient;
  let store: WebSubStore;
  const prefix = `tidings-test-websub-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    redis = connectRedis(REDIS_URL);
    store = new WebSubStore(redis, prefix);
    const unused = () => Promise.reject(new Error('no poll is recorded in this test'));
    api = await startTestApp({
      deps: {
        webSub: {
          store,
          bodies: new BodyStore(redis, prefix, 60_000),
          polling: { index: { updateFeed: unused, getFeed: unused } as never, policy: { minMs: 60_000, maxMs: 86_400_000, maxFailures: 10, defaultMs: 3_600_000 } },
          leaseMs: 86_400_000,
          safetyPollMs: 86_400_000,
          maxBytes: 1_000_000,
          pushesPerWindow: PER_WINDOW,
        },
      },
    });
  });

  afterAll(async () => {
    await api?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const fresh = (feedId: string) =>
    requestedSubscription(null, { feedId, hub: 'https://hub.example.org/', topic: `https://news.example.org/${feedId}.xml` }, Date.now(), () => ({ id: newSubscriptionId(), secret: newSecret() }));

  const push = async (id: string, secret: string, body: string) => {
    const response = await fetch(`${api.url}/websub/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/atom+xml', 'x-hub-signature': signatureOf(Buffer.from(body), secret) },
      body,
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };

  it('takes a window of signed pushes, then answers 429 with Retry-After, counted, and another subscription is not held back', async () => {
    const subscribed = async (feedId: string) => {
      const subscription = { ...fresh(feedId), state: 'active' as const };
      await store.save(subscription);
      return subscription;
    };
    const flooding = await subscribed('flooding');
    const quiet = await subscribed('quiet');
    const outcomes = [];
    for (let n = 0; n <= PER_WINDOW; n++) outcomes.push(await push(flooding.id, flooding.secret, `<feed xmlns="http://www.w3.org/2005/Atom"><title>${n}</title></feed>`));
    expect(outcomes.slice(0, PER_WINDOW).map((outcome) => outcome.status)).toEqual(Array.from({ length: PER_WINDOW }, () => 202));
    const refused = outcomes[PER_WINDOW]!;
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(600);
    expect(await redis.hget(`${prefix}:websub:pushes:${flooding.id}`, 'limited')).toBe('1');
    expect((await push(quiet.id, quiet.secret, '<feed xmlns="http://www.w3.org/2005/Atom"><title>q</title></feed>')).status).toBe(202);
  });

  it('counts per window: a new window takes pushes again and forgets the old count', async () => {
    const subscription = fresh('windows');
    const windowMs = 1_000;
    const start = 10_000 * windowMs;
    const taken = [];
    for (let n = 0; n < 3; n++) taken.push(await store.takePushSlot(subscription.id, start + n, 2, windowMs));
    expect(taken).toEqual([null, null, windowMs - 2]);
    expect(await store.takePushSlot(subscription.id, start + windowMs, 2, windowMs)).toBeNull();
    const fields = Object.keys(await redis.hgetall(`${prefix}:websub:pushes:${subscription.id}`)).filter((field) => field.startsWith('window:'));
    expect(fields).toEqual([`window:${start / windowMs + 1}`]);
  });
});
