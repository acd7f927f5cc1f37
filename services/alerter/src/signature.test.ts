import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../test/support/webhook-verify.js';
import { SIGNATURE_HEADER, signatureHeaders, signBody, signDelivery } from './signature.js';

const SECRET = 'a-secret-of-enough-length';
const BODY = '{"type":"saved-search.match"}';
const DELIVERY = { id: 'search-1:article-1', timestamp: 1_700_000_000, body: BODY, secret: SECRET };

/** Node's view of the headers a receiver gets: names lower-case. */
const received = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe('webhook signatures', () => {
  it('keeps X-Tidings-Signature as it was: sha256= and the hex HMAC-SHA256 of the body alone', () => {
    // Known answer, computed with `openssl dgst -sha256 -hmac`.
    const expected = 'sha256=cf317718abef100858204a80af4144a489711132d7fad0212e96609abd5e3d65';
    expect(signBody(BODY, SECRET)).toBe(expected);
    expect(signatureHeaders(DELIVERY)[SIGNATURE_HEADER]).toBe(expected);
    expect(signatureHeaders({ ...DELIVERY, id: 'another', timestamp: 1 })[SIGNATURE_HEADER]).toBe(expected);
  });

  it('signs "<id>.<timestamp>.<body>" as Standard Webhooks does: v1, and the base64 HMAC-SHA256', () => {
    // Known answer, computed with `openssl dgst -sha256 -hmac ... -binary | base64`.
    expect(signDelivery(DELIVERY)).toBe('v1,Z5fDSy4k4IQADe4QnwSfQMsWZ0TvXU3QztUIWuH69V0=');
    expect(signatureHeaders(DELIVERY)).toEqual({
      [SIGNATURE_HEADER]: signBody(BODY, SECRET),
      'webhook-id': 'search-1:article-1',
      'webhook-timestamp': '1700000000',
      'webhook-signature': 'v1,Z5fDSy4k4IQADe4QnwSfQMsWZ0TvXU3QztUIWuH69V0=',
    });
  });

  it('lets a receiver refuse a replay: an old timestamp, or the same signature on another id, timestamp or body', () => {
    const headers = received(signatureHeaders(DELIVERY));
    expect(refusalOf(headers, BODY, SECRET, DELIVERY.timestamp + 60)).toBeNull();
    // Captured and sent again an hour later: refused, though every byte is as signed.
    expect(refusalOf(headers, BODY, SECRET, DELIVERY.timestamp + 3_600)).toBe('timestamp out of tolerance');
    // A fresh timestamp (or another id, or body) under the captured signature does not verify.
    expect(refusalOf({ ...headers, 'webhook-timestamp': String(DELIVERY.timestamp + 3_600) }, BODY, SECRET, DELIVERY.timestamp + 3_600)).toBe('no matching signature');
    expect(refusalOf({ ...headers, 'webhook-id': 'search-1:article-2' }, BODY, SECRET, DELIVERY.timestamp)).toBe('no matching signature');
    expect(refusalOf(headers, `${BODY} `, SECRET, DELIVERY.timestamp)).toBe('no matching signature');
    expect(refusalOf(headers, BODY, 'another-secret-of-length', DELIVERY.timestamp)).toBe('no matching signature');
  });
});
