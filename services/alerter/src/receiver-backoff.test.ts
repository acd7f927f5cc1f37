import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpStatusError, redisKeys, TidingsError } from '@tidings/contracts';
import { connectRedis } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { BACKOFF_SPREAD_MAX_MS, backOffLeftMs, heldDeliveryWaitMs, ReceiverBackOff, receiverBackOffAsked } from './receiver-backoff.js';
import { ReceiverBusy } from './receiver-slots.js';
import { RETRY_AFTER_MAX_MS } from './retry-after.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const answered = (status: number, url: string, headers: Record<string, string> = {}) => new HttpStatusError(status, url, headers);

describe('receiverBackOffAsked', () => {
  it('leaves the whole receiver (scheme, host and port) alone for what a 429 or 503 asked', () => {
    expect(receiverBackOffAsked(answered(429, 'https://hooks.example:8443/a/b?c=1', { 'retry-after': '2' }), NOW)).toEqual({ receiver: 'https://hooks.example:8443', waitMs: 2_000, status: 429 });
    const headers = { 'retry-after': 'Tue, 01 Dec 2026 09:00:30 GMT', date: 'Tue, 01 Dec 2026 09:00:00 GMT' };
    expect(receiverBackOffAsked(answered(503, 'http://hooks.example/other', headers), NOW)).toEqual({ receiver: 'http://hooks.example', waitMs: 30_000, status: 503 });
  });

  it('caps the wait as a delivery retry is capped', () => {
    expect(receiverBackOffAsked(answered(429, 'https://hooks.example/t', { 'retry-after': '31536000' }), NOW)?.waitMs).toBe(RETRY_AFTER_MAX_MS);
  });

  it('asks nothing of the receiver without a usable Retry-After on a 429 or 503, nor for an attempt that got no answer', () => {
    expect(receiverBackOffAsked(answered(429, 'https://hooks.example/t'), NOW)).toBeNull();
    expect(receiverBackOffAsked(answered(429, 'https://hooks.example/t', { 'retry-after': 'soon' }), NOW)).toBeNull();
    expect(receiverBackOffAsked(answered(500, 'https://hooks.example/t', { 'retry-after': '2' }), NOW)).toBeNull();
    expect(receiverBackOffAsked(new TidingsError('timeout', 'no answer', { permanent: false }), NOW)).toBeNull();
  });
});

describe('backOffLeftMs', () => {
  it('reads a PTTL reply: a missing key or one without expiry is no back-off', () => {
    expect(backOffLeftMs(1_500)).toBe(1_500);
    expect(backOffLeftMs(-2)).toBe(0);
    expect(backOffLeftMs(-1)).toBe(0);
    expect(backOffLeftMs(0)).toBe(0);
  });
});

describe('heldDeliveryWaitMs', () => {
  /** The largest draw Math.random can give. */
  const almostOne = () => 1 - Number.EPSILON;

  it('waits to the end of the back-off, then a drawn part of a spread of half the wait, at most BACKOFF_SPREAD_MAX_MS', () => {
    expect(heldDeliveryWaitMs(1_000, () => 0)).toBe(1_000);
    expect(heldDeliveryWaitMs(1_000, () => 0.5)).toBe(1_250);
    expect(heldDeliveryWaitMs(1_000, almostOne)).toBe(1_499);
    // An hour's back-off: the spread is capped, not half an hour.
    expect(heldDeliveryWaitMs(RETRY_AFTER_MAX_MS, () => 0.5)).toBe(RETRY_AFTER_MAX_MS + BACKOFF_SPREAD_MAX_MS / 2);
    expect(heldDeliveryWaitMs(RETRY_AFTER_MAX_MS, almostOne)).toBe(RETRY_AFTER_MAX_MS + BACKOFF_SPREAD_MAX_MS - 1);
    expect(BACKOFF_SPREAD_MAX_MS).toBe(30_000);
  });

  it('gives whole ms, never sooner than the end, with Math.random', () => {
    for (const leftMs of [1, 7, 999, 120_000, RETRY_AFTER_MAX_MS]) {
      const waitMs = heldDeliveryWaitMs(leftMs);
      expect(Number.isInteger(waitMs)).toBe(true);
      expect(waitMs).toBeGreaterThanOrEqual(leftMs);
      expect(waitMs).toBeLessThanOrEqual(leftMs + Math.min(leftMs / 2, BACKOFF_SPREAD_MAX_MS));
    }
  });
});

describe('ReceiverBusy', () => {
  it('says why the delivery waits', () => {
    expect(new ReceiverBusy('https://hooks.example', 900, 'backoff')).toMatchObject({ reason: 'backoff', waitMs: 900, message: expect.stringMatching(/asked to be left alone/u) });
    expect(new ReceiverBusy('https://hooks.example', 50)).toMatchObject({ reason: 'busy', message: expect.stringMatching(/in flight already/u) });
  });
});

/** The script on a real Redis: what every alerter agrees on. */
describe('ReceiverBackOff', () => {
  const prefix = uniquePrefix('receiver-backoff');
  const redis = connectRedis(TEST_REDIS_URL);
  const backOff = new ReceiverBackOff(redis, prefix);
  const key = redisKeys(prefix).alertDelivery.receiverBackOff;

  beforeAll(requireRedis);
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('begins a back-off once, only ever extends it, and keeps it as the key expiry', async () => {
    const receiver = 'https://hooks.example';
    expect(await backOff.left(receiver)).toBe(0);
    expect(await backOff.hold(receiver, 5_000)).toEqual({ leftMs: 5_000, started: true });
    // A shorter wait asked while it lasts changes nothing; a longer one extends it; neither begins another.
    const kept = await backOff.hold(receiver, 1_000);
    expect(kept.started).toBe(false);
    expect(kept.leftMs).toBeGreaterThan(1_000);
    expect(kept.leftMs).toBeLessThanOrEqual(5_000);
    expect(await backOff.hold(receiver, 20_000)).toEqual({ leftMs: 20_000, started: false });
    const left = await backOff.left(receiver);
    expect(left).toBeGreaterThan(5_000);
    expect(left).toBeLessThanOrEqual(20_000);
    expect(await redis.pttl(key(receiver))).toBeLessThanOrEqual(20_000);
    // Another receiver, the same host on another port among them, is not held.
    expect(await backOff.left('https://hooks.example:8443')).toBe(0);
  });

  it('ends when the wait does, and the next answer begins a new one', async () => {
    const receiver = 'http://127.0.0.1:9';
    expect((await backOff.hold(receiver, 20)).started).toBe(true);
    for (;;) {
      if ((await backOff.left(receiver)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await redis.exists(key(receiver))).toBe(0);
    expect((await backOff.hold(receiver, 1_000)).started).toBe(true);
  });
});
