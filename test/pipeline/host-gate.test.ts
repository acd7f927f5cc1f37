import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostGate, hostOf, type HostSlot } from '@tidings/politeness';
import { connectRedis } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

describe('HostGate: per-host limits in Redis', () => {
  const prefix = uniquePrefix('hostgate');
  const redis = connectRedis(TEST_REDIS_URL);

  beforeAll(requireRedis);
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('grants at most `concurrency` slots, and a released slot is free again', async () => {
    const gate = new HostGate(redis, prefix, { concurrency: 2, delayMs: 0, leaseMs: 10_000 });
    const a = await gate.acquire('one.example');
    const b = await gate.acquire('one.example');
    const c = await gate.acquire('one.example');
    expect([a.granted, b.granted, c.granted]).toEqual([true, true, false]);
    expect(c).toMatchObject({ reason: 'busy' });
    // Another host is not affected.
    expect((await gate.acquire('two.example')).granted).toBe(true);
    await (a as HostSlot).release();
    expect((await gate.acquire('one.example')).granted).toBe(true);
  });

  it('lets a crashed holder\'s slot expire with its lease', async () => {
    const gate = new HostGate(redis, prefix, { concurrency: 1, delayMs: 0, leaseMs: 200 });
    expect((await gate.acquire('crash.example')).granted).toBe(true);
    expect((await gate.acquire('crash.example')).granted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await gate.acquire('crash.example')).granted).toBe(true);
    // Nothing is left behind once the leases are gone.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await redis.keys(`${prefix}:host:{crash.example}:*`)).toEqual([]);
  });

  it('spaces request starts and hands waiting callers staggered return times', async () => {
    const gate = new HostGate(redis, prefix, { concurrency: 10, delayMs: 300, leaseMs: 10_000 });
    expect((await gate.acquire('slow.example')).granted).toBe(true);
    const refusals = await Promise.all([1, 2, 3].map(() => gate.acquire('slow.example')));
    const waits = refusals.map((refusal) => (refusal.granted ? 0 : refusal.waitMs)).sort((x, y) => x - y);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(300);
    // Each next waiter comes back one spacing later, not all at once.
    expect(waits[1]! - waits[0]!).toBeGreaterThanOrEqual(290);
    expect(waits[2]! - waits[1]!).toBeGreaterThanOrEqual(290);
    // A crawl delay asked for one request widens that request's spacing.
    const gate2 = new HostGate(redis, prefix, { concurrency: 10, delayMs: 0, leaseMs: 10_000 });
    expect((await gate2.acquire('crawl.example', { delayMs: 500 })).granted).toBe(true);
    const refused = await gate2.acquire('crawl.example');
    expect(refused.granted).toBe(false);
  });

  it('counts the spacing from markStart, the moment the request really leaves', async () => {
    const gate = new HostGate(redis, prefix, { concurrency: 10, delayMs: 300, leaseMs: 10_000 });
    const slot = await gate.acquire('late.example');
    expect(slot.granted).toBe(true);
    // The request goes out 200 ms after the grant (a busy process): the next one still waits a full spacing from then.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await (slot as HostSlot).markStart();
    const refused = await gate.acquire('late.example');
    expect(refused.granted ? 0 : refused.waitMs).toBeGreaterThan(250);
  });

  it('keeps a host in back-off for every caller, and never shortens one', async () => {
    const gate = new HostGate(redis, prefix, { concurrency: 2, delayMs: 0, leaseMs: 10_000 });
    expect(await gate.backOff('busy.example', 5_000)).toBeGreaterThan(4_900);
    expect(await gate.backOff('busy.example', 1_000)).toBeGreaterThan(4_000);
    const refused = await gate.acquire('busy.example');
    expect(refused).toMatchObject({ granted: false, reason: 'backoff' });
    expect(refused.granted ? 0 : refused.waitMs).toBeGreaterThan(4_000);
    expect(await gate.backOffLeft('other.example')).toBe(0);
  });

  it('counts host and port together', () => {
    expect(hostOf('https://News.Example:8443/a')).toBe('news.example:8443');
    expect(hostOf('http://news.example/a')).toBe('news.example');
    expect(hostOf('not a url')).toBeNull();
  });
});
