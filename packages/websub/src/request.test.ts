import { describe, expect, it } from 'vitest';
import { leaseTimes, requestedLeaseSeconds } from './lease.js';
import { callbackUrl, hubRequestForm, newSecret, newSubscriptionId } from './request.js';

describe('subscription requests', () => {
  it('builds the form of section 5.1: mode, topic, callback, lease and secret for a subscribe; no secret to unsubscribe', () => {
    const request = { topic: 'https://news.example.org/feed.xml', callback: 'https://tidings.example/websub/abc', leaseSeconds: 600, secret: 's'.repeat(32) };
    expect(hubRequestForm({ mode: 'subscribe', ...request })).toEqual({
      'hub.mode': 'subscribe',
      'hub.topic': request.topic,
      'hub.callback': request.callback,
      'hub.lease_seconds': '600',
      'hub.secret': request.secret,
    });
    expect(hubRequestForm({ mode: 'unsubscribe', ...request })).toEqual({ 'hub.mode': 'unsubscribe', 'hub.topic': request.topic, 'hub.callback': request.callback });
  });

  it('hangs callbacks under the public URL, with or without a path', () => {
    expect(callbackUrl('https://tidings.example', 'id1')).toBe('https://tidings.example/websub/id1');
    expect(callbackUrl('https://proxy.example/tidings/', 'id1')).toBe('https://proxy.example/tidings/websub/id1');
  });

  it('makes ids and secrets that differ and are long enough not to be guessed', () => {
    const ids = new Set(Array.from({ length: 50 }, newSubscriptionId));
    expect(ids.size).toBe(50);
    expect(newSubscriptionId()).toMatch(/^[\w-]{22}$/);
    expect(newSecret().length).toBeGreaterThanOrEqual(32);
  });

  it('renews at 80% of the lease', () => {
    expect(leaseTimes(1_000_000, 100)).toEqual({ leaseExpiresAt: 1_100_000, renewAt: 1_080_000 });
    expect(requestedLeaseSeconds(7 * 86_400_000)).toBe(604_800);
    expect(requestedLeaseSeconds(200)).toBe(1);
  });
});
