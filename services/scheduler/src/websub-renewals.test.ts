import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys, WEBSUB_QUEUE } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { connectRedis, queueKeyPrefix } from '@tidings/queue';
import { answerIntent, requestedSubscription, WebSubRequests, WebSubStore } from '@tidings/websub';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { renewSubscriptions, type RenewalDeps } from './websub-renewals.js';

const S = 1_000;
const LEASE_SECONDS = 600;

/** renewSubscriptions on a real Redis and a real SQLite index, its clock given. */
describe('renewSubscriptions', () => {
  const prefix = uniquePrefix('websub-renewals');
  const data = tempDir('websub-renewals');
  const redis = connectRedis(TEST_REDIS_URL);
  const store = new WebSubStore(redis, prefix);
  const requests = new WebSubRequests(redis, prefix, { keepCompleted: 10, keepFailed: 10 });
  let index: TidingsIndex;
  let deps: RenewalDeps;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
    deps = { store, requests, index, polling: { index, policy: { minMs: 60 * S, maxMs: 86_400 * S, defaultMs: 900 * S, maxFailures: 10 } }, safetyPollMs: 6 * 3_600 * S };
  });

  afterAll(async () => {
    await requests.close();
    await index?.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  /** An active subscription of a new feed, verified at `verifiedAt`. */
  async function active(name: string, verifiedAt: number) {
    const { feed } = await index.addFeed(`https://news.example.org/${name}.xml`);
    const target = { feedId: feed.id, hub: 'https://hub.example/', topic: feed.url };
    const requested = requestedSubscription(null, target, verifiedAt - S, () => ({ id: `${name}-subscription-id-0000`, secret: `${name}-secret-of-some-length` }));
    const answer = answerIntent(requested, { 'hub.mode': 'subscribe', 'hub.topic': feed.url, 'hub.challenge': 'c', 'hub.lease_seconds': String(LEASE_SECONDS) }, verifiedAt, LEASE_SECONDS);
    await store.save(answer.record!);
    return answer.record!;
  }

  it('renews the others when one record no longer parses, and drops that one from its list', async () => {
    const now = Date.now();
    const broken = await active('broken', now - LEASE_SECONDS * S);
    const sound = await active('sound', now - (LEASE_SECONDS - 60) * S);
    // Due first, and cut short (a hand edit, a write from elsewhere).
    await redis.set(redisKeys(prefix).websub.subscription(broken.id), '{"id":"broken-subscription-id-00');

    const pass = await renewSubscriptions(deps, now);
    expect(pass).toMatchObject({ renewals: 1, expired: 0 });
    expect(await store.dueIds(now)).toEqual([sound.id]);
    const queue = new Queue(WEBSUB_QUEUE, { connection: redis, prefix: queueKeyPrefix(prefix, WEBSUB_QUEUE, redis) });
    try {
      expect((await queue.getWaiting()).map((job) => job.data)).toEqual([{ action: 'renew', subscriptionId: sound.id }]);
    } finally {
      await queue.close();
    }
  });
});
