import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a hub signs pushed content in (W3C WebSub section 8). */
export const SIGNATURE_HEADER = 'x-hub-signature';

/** The algorithms the spec names for `X-Hub-Signature: method=signature`. */
export const SIGNATURE_METHODS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

/** What a pushed body's signature came to: only `valid` content is taken. */
export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'unsupported' | 'mismatch';

/** `method=hex` for `body` under `secret` (what a hub sends; tests and hubs use it). */
export function signatureOf(body: Uint8Array | string, secret: string, method: SignatureMethod = 'sha256'): string {
  return `${method}=${createHmac(method, secret).update(body).digest('hex')}`;
}

/**
 * Checks `X-Hub-Signature` against the HMAC of the raw body under the
 * subscription's secret, in constant time. A subscription made with a
 * secret takes nothing unsigned (section 8: content whose signature does
 * not match is ignored).
 */
export function checkSignature(header: string | string[] | undefined, body: Uint8Array, secret: string): SignatureCheck {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return 'missing';
  const match = /^\s*([a-z0-9]+)=([0-9a-f]+)\s*$/iu.exec(value);
  if (!match) return 'malformed';
  const method = match[1]!.toLowerCase();
  if (!(SIGNATURE_METHODS as readonly string[]).includes(method)) return 'unsupported';
  const expected = createHmac(method, secret).update(body).digest();
  const given = Buffer.from(match[2]!, 'hex');
  // Lengths are not secret (the method fixes them); comparing equal lengths only is what timingSafeEqual needs.
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}
