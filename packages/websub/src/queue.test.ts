import { Writable } from 'node:stream';
import { Queue, type Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpStatusError, jobFailureOf, TidingsError, WEBSUB_QUEUE, WEBSUB_RETRY, type WebSubJob } from '@tidings/contracts';
import { connectRedis, queueKeyPrefix } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { startWebSubWorker, WebSubRequests } from './queue.js';

/** The hub queue's worker on a real Redis: how its jobs fail, in the job and in the log. */
describe('the hub request worker', () => {
  const prefix = uniquePrefix('websub-queue');
  const redis = connectRedis(TEST_REDIS_URL);
  const lines: Array<{ msg: string; err?: { code?: string } }> = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
        done();
      },
    }),
  );
  const requests = new WebSubRequests(redis, prefix, { keepCompleted: 10, keepFailed: 10, retryDelayMs: 10 });
  let queue: Queue;
  let worker: ReturnType<typeof startWebSubWorker>;
  const subscriptionId = (name: string) => `${name}-subscription-0000`;

  beforeAll(async () => {
    await requireRedis();
    queue = new Queue(WEBSUB_QUEUE, { connection: redis, prefix: queueKeyPrefix(prefix, WEBSUB_QUEUE, redis) });
    worker = startWebSubWorker({ connection: redis, prefix, log, concurrency: 2 }, async (job: WebSubJob) => {
      if (job.action === 'subscribe') return { sent: job.hub };
      if (job.subscriptionId === subscriptionId('refused')) throw new HttpStatusError(403, 'https://hub.example/');
      throw new TidingsError('network', 'hub https://hub.example/ did not answer', { permanent: false });
    });
  });

  afterAll(async () => {
    await worker?.close();
    await requests.close();
    await queue?.close();
    await deletePrefix(prefix);
    redis.disconnect();
  });

  async function failed(jobId: string): Promise<Job> {
    // Bounded by the test's own timeout.
    for (;;) {
      const job = await queue.getJob(jobId);
      if (job && (await job.getState()) === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('fails an invalid job for good, with the code in its reason, its data and the log', async () => {
    await queue.add('renew', { action: 'renew', subscriptionId: 'short' }, { jobId: 'invalid', attempts: 3 });
    const job = await failed('invalid');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^\[invalid-payload\] invalid websub-request job: subscriptionId: /);
    expect(jobFailureOf(job.data)).toMatchObject({ code: 'invalid-payload' });
    expect(lines.some((line) => line.err?.code === 'invalid-payload' && line.msg.startsWith(`${WEBSUB_QUEUE} job failed: [invalid-payload]`))).toBe(true);
  });

  it('fails a request the hub refuses at once, and one it never answers after every attempt, each with its code', async () => {
    await requests.add({ action: 'renew', subscriptionId: subscriptionId('refused') }, 'refused');
    await requests.add({ action: 'renew', subscriptionId: subscriptionId('unanswered') }, 'unanswered');
    const refused = await failed('refused');
    expect(refused.attemptsMade).toBe(1);
    expect(refused.failedReason).toBe('[http-status] HTTP 403 from https://hub.example/');
    expect(jobFailureOf(refused.data)).toEqual({ code: 'http-status', reason: 'HTTP 403 from https://hub.example/', permanent: true });
    const unanswered = await failed('unanswered');
    expect(unanswered.attemptsMade).toBe(WEBSUB_RETRY.attempts);
    expect(jobFailureOf(unanswered.data)).toEqual({ code: 'network', reason: 'hub https://hub.example/ did not answer', permanent: false });
    expect(lines.filter((line) => line.err?.code === 'network')).toHaveLength(WEBSUB_RETRY.attempts);
  });
});
