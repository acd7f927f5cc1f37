import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { HostGate, MAX_HOST_WAIT_MS, type HostRefusal, type HostSlot } from './host-gate.js';

/** How long a refusal says to wait; 0 for a grant. */
const waitOf = (outcome: HostSlot | HostRefusal) => (outcome.granted ? 0 : outcome.waitMs);

/** HostGate on a real Redis, given numbers no well-behaved caller passes. */
describe('HostGate with absurd waits', () => {
  const prefix = uniquePrefix('host-gate-bounds');
  const redis = new Redis(TEST_REDIS_URL);
  const gate = new HostGate(redis, prefix, { concurrency: 2, delayMs: 1_000, leaseMs: 30_000 });

  beforeAll(requireRedis);
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('keeps a back-off of any length within a year, and takes one that is not a number as none', async () => {
    for (const [host, asked] of [['far.example', 1e20], ['endless.example', Number.POSITIVE_INFINITY]] as const) {
      expect(await gate.backOff(host, asked), host).toBe(MAX_HOST_WAIT_MS);
      expect(await gate.acquire(host)).toMatchObject({ granted: false, reason: 'backoff' });
    }
    expect(await gate.backOff('nan.example', Number.NaN)).toBeLessThanOrEqual(1);
  });

  it('spaces requests by a crawl delay of any length within a year, and by the configured delay for one that is not a number', async () => {
    const slot = await gate.acquire('slow.example', { delayMs: 1e20 });
    expect(slot.granted).toBe(true);
    const next = await gate.acquire('slow.example');
    expect(next).toMatchObject({ granted: false, reason: 'busy' });
    expect(waitOf(next)).toBeGreaterThan(MAX_HOST_WAIT_MS - 60_000);
    expect(waitOf(next)).toBeLessThanOrEqual(MAX_HOST_WAIT_MS);
    expect((await gate.acquire('odd.example', { delayMs: Number.NaN })).granted).toBe(true);
    const after = await gate.acquire('odd.example');
    expect(waitOf(after)).toBeLessThanOrEqual(1_000);
  });
});
