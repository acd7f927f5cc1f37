import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, signatureOf } from './signature.js';

const secret = 'a-secret-of-enough-length';
const body = Buffer.from('<feed>pushed</feed>');

describe('checkSignature', () => {
  it('accepts the HMAC of the body under the secret, for every method the spec names', () => {
    for (const method of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
      const header = `${method}=${createHmac(method, secret).update(body).digest('hex')}`;
      expect(checkSignature(header, body, secret), method).toBe('valid');
      expect(signatureOf(body, secret, method)).toBe(header);
    }
    expect(checkSignature(signatureOf(body, secret).toUpperCase().replace('SHA256', 'sha256'), body, secret)).toBe('valid');
  });

  it('refuses a signature of another body, under another secret, or cut short', () => {
    expect(checkSignature(signatureOf('<feed>other</feed>', secret), body, secret)).toBe('mismatch');
    expect(checkSignature(signatureOf(body, 'another-secret-entirely'), body, secret)).toBe('mismatch');
    expect(checkSignature(signatureOf(body, secret).slice(0, -2), body, secret)).toBe('mismatch');
  });

  it('tells a missing, malformed or unknown-method signature apart', () => {
    expect(checkSignature(undefined, body, secret)).toBe('missing');
    expect(checkSignature('', body, secret)).toBe('missing');
    expect(checkSignature('sha256:abc', body, secret)).toBe('malformed');
    expect(checkSignature('md5=0123abcd', body, secret)).toBe('unsupported');
  });
});
