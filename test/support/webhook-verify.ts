import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far a delivery's timestamp may be from the receiver's clock, either way (the README's advice). */
export const TOLERANCE_SECONDS = 300;

/**
 * What a webhook receiver does with a delivery, as the README tells it to,
 * written apart from the alerter's signing code so the tests check the
 * scheme and not the code against itself: the Standard Webhooks signature
 * over `<webhook-id>.<webhook-timestamp>.<raw body>`, and a timestamp within
 * {@link TOLERANCE_SECONDS} of `nowSeconds`. Returns why it refuses, or null
 * when the delivery is genuine.
 */
export function refusalOf(headers: IncomingHttpHeaders, body: string, secret: string, nowSeconds = Math.floor(Date.now() / 1_000)): string | null {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return 'missing headers';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return 'timestamp out of tolerance';
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest();
  const matches = signatures.split(' ').some((entry) => {
    const [version, value = ''] = entry.split(',');
    const given = Buffer.from(value, 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'no matching signature';
}
