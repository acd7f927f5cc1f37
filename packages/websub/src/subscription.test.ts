import { describe, expect, it } from 'vitest';
import type { WebSubSubscription } from '@tidings/contracts';
import {
  answerIntent,
  dueAction,
  dueAt,
  expiredSubscription,
  failedSubscription,
  isPushing,
  MIN_LEASE_SECONDS,
  needsSubscription,
  requestedSubscription,
  RETRY_AFTER_DENIAL_MS,
  subscriptionView,
  unsubscribingSubscription,
} from './subscription.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const S = 1_000;
const target = { hub: 'https://hub.example/', topic: 'https://news.example.org/feed.xml' };
const fresh = () => ({ id: 'fresh-subscription-id-0', secret: 'fresh-secret-of-enough-length' });
const requested = requestedSubscription(null, { feedId: 'feed1', ...target }, NOW, fresh);
const verify = (subscription: WebSubSubscription, fields: Record<string, string> = {}, now = NOW + S) =>
  answerIntent(subscription, { 'hub.mode': 'subscribe', 'hub.topic': target.topic, 'hub.challenge': 'c-123', 'hub.lease_seconds': '100', ...fields }, now, 604_800);

describe('a subscription from request to lease', () => {
  it('is requested with a new id and secret, not yet pushing', () => {
    expect(requested).toMatchObject({ id: 'fresh-subscription-id-0', state: 'requested', feedId: 'feed1', ...target, leaseExpiresAt: null });
    expect(isPushing(requested, NOW)).toBe(false);
    expect(dueAt(requested)).toBeNull();
  });

  it('confirms the intent by echoing the challenge, starting the lease and the push', () => {
    const answer = verify(requested);
    expect(answer).toMatchObject({ status: 200, body: 'c-123', push: 'started' });
    const active = answer.record!;
    expect(active).toMatchObject({ state: 'active', leaseSeconds: 100, leaseExpiresAt: new Date(NOW + 101 * S).toISOString(), renewAt: new Date(NOW + 81 * S).toISOString() });
    expect(isPushing(active, NOW + 50 * S)).toBe(true);
    expect(isPushing(active, NOW + 101 * S)).toBe(false);
  });

  it('refuses with 404 what it did not ask for: another topic, no challenge, an unknown mode, an unsubscribe it did not ask', () => {
    expect(verify(requested, { 'hub.topic': 'https://news.example.org/other.xml' }).status).toBe(404);
    expect(verify(requested, { 'hub.challenge': '' }).status).toBe(404);
    expect(verify(requested, { 'hub.mode': 'publish' }).status).toBe(404);
    expect(verify(requested, { 'hub.mode': 'unsubscribe' }).status).toBe(404);
    expect(verify(expiredSubscription(requested, NOW)).status).toBe(404);
  });

  it('takes the lease it asked for when the hub names none', () => {
    expect(verify(requested, { 'hub.lease_seconds': 'soon' }).record).toMatchObject({ leaseSeconds: 604_800 });
    expect(verify(requested, { 'hub.lease_seconds': '1e3' }).record).toMatchObject({ leaseSeconds: 604_800 });
  });

  it('keeps at most the lease it asked for, however long the hub grants, so a renewal still comes at 80% of it', () => {
    // Ten years, past the end of representable dates, and a number too long to be one.
    for (const granted of ['315360000', '10000000000000', '1e300', '9'.repeat(400)]) {
      const answer = verify(requested, { 'hub.lease_seconds': granted });
      expect(answer.status, granted).toBe(200);
      expect(answer.record, granted).toMatchObject({ leaseSeconds: 604_800, renewAt: new Date(NOW + S + 0.8 * 604_800 * S).toISOString() });
    }
  });

  it('refuses a lease too short to renew sensibly (under a minute, or under the lease asked for when that is shorter)', () => {
    for (const granted of ['1', '0', String(MIN_LEASE_SECONDS - 1)]) {
      expect(verify(requested, { 'hub.lease_seconds': granted }), granted).toMatchObject({ status: 404, push: 'unchanged' });
      expect(verify(requested, { 'hub.lease_seconds': granted }).record, granted).toBeUndefined();
    }
    expect(verify(requested, { 'hub.lease_seconds': String(MIN_LEASE_SECONDS) }).record).toMatchObject({ leaseSeconds: MIN_LEASE_SECONDS });
    // Asked for 15 s (a test setting): 15 s is taken, 14 s is not.
    const ask15 = (lease: string) => answerIntent(requested, { 'hub.mode': 'subscribe', 'hub.topic': target.topic, 'hub.challenge': 'c', 'hub.lease_seconds': lease }, NOW, 15);
    expect(ask15('15').record).toMatchObject({ leaseSeconds: 15 });
    expect(ask15('14').status).toBe(404);
  });

  it('is renewed once at 80% of the lease, keeping its id and secret, and pushing on meanwhile', () => {
    const active = verify(requested).record!;
    expect(dueAction(active, NOW + 80 * S)).toBeNull();
    expect(dueAction(active, NOW + 81 * S)).toBe('renew');
    const renewing = requestedSubscription(active, active, NOW + 81 * S, fresh);
    expect(renewing).toMatchObject({ id: active.id, secret: active.secret, state: 'active' });
    // Asked once: next looked at when the lease ends.
    expect(dueAction(renewing, NOW + 90 * S)).toBeNull();
    expect(dueAt(renewing)).toBe(NOW + 101 * S);
    const renewed = verify(renewing, {}, NOW + 85 * S);
    expect(renewed.push).toBe('unchanged');
    expect(renewed.record!.leaseExpiresAt).toBe(new Date(NOW + 185 * S).toISOString());
    // A renewal never verified: the lease ends.
    expect(dueAction(renewing, NOW + 101 * S)).toBe('expire');
    expect(expiredSubscription(renewing, NOW + 101 * S).state).toBe('expired');
  });

  it('records a denial with its reason, ending the push of an active one', () => {
    const denied = answerIntent(requested, { 'hub.mode': 'denied', 'hub.topic': target.topic, 'hub.reason': 'not allowed' }, NOW, 600);
    expect(denied).toMatchObject({ status: 200, push: 'unchanged', record: { state: 'denied', reason: 'not allowed' } });
    const active = verify(requested).record!;
    expect(answerIntent(active, { 'hub.mode': 'denied', 'hub.topic': target.topic }, NOW + 2 * S, 600)).toMatchObject({ push: 'ended', record: { state: 'denied' } });
    expect(subscriptionView(denied.record!)).toEqual({ state: 'denied', ...target, leaseExpires: null, lastPushAt: null, reason: 'not allowed' });
  });

  it('confirms an unsubscription only while unsubscribing, then drops the record', () => {
    const active = verify(requested).record!;
    const leaving = unsubscribingSubscription(active, NOW + 10 * S);
    expect(answerIntent(leaving, { 'hub.mode': 'unsubscribe', 'hub.topic': target.topic, 'hub.challenge': 'bye' }, NOW + 11 * S, 600)).toEqual({ status: 200, body: 'bye', record: null, push: 'unchanged' });
    expect(dueAction(leaving, NOW + 10 * S + 3_600_001)).toBe('forget');
  });

  it('keeps an active subscription active when its renewal request fails, and marks a first request failed', () => {
    const failure = { code: 'http-status', reason: 'HTTP 403 from https://hub.example/' };
    expect(failedSubscription(requested, failure, NOW).state).toBe('failed');
    expect(failedSubscription(verify(requested).record!, failure, NOW).state).toBe('active');
  });
});

describe('needsSubscription', () => {
  it('asks when there is none, for another hub or topic, after expiry; not while active or just asked', () => {
    expect(needsSubscription(null, target, NOW)).toBe(true);
    expect(needsSubscription(requested, { ...target, hub: 'https://other-hub.example/' }, NOW)).toBe(true);
    expect(needsSubscription(requested, target, NOW + 60 * S)).toBe(false);
    expect(needsSubscription(requested, target, NOW + 3_600_001)).toBe(true);
    expect(needsSubscription(verify(requested).record!, target, NOW + 60 * S)).toBe(false);
    expect(needsSubscription(expiredSubscription(requested, NOW), target, NOW)).toBe(true);
  });

  it('waits a day after a denial', () => {
    const denied = answerIntent(requested, { 'hub.mode': 'denied', 'hub.topic': target.topic }, NOW, 600).record!;
    expect(needsSubscription(denied, target, NOW + 60 * S)).toBe(false);
    expect(needsSubscription(denied, target, NOW + RETRY_AFTER_DENIAL_MS + 1)).toBe(true);
  });

  it('gives a new hub a new id and secret', () => {
    const other = requestedSubscription(requested, { feedId: 'feed1', ...target, hub: 'https://other-hub.example/' }, NOW, () => ({ id: 'another-subscription-id', secret: 'another-secret-of-length' }));
    expect(other).toMatchObject({ id: 'another-subscription-id', hub: 'https://other-hub.example/' });
  });
});
