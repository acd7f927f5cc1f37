import { createHmac } from 'node:crypto';

/**
 * How a webhook delivery is signed. Pure.
 *
 * Two signatures go with every delivery, under the saved search's secret:
 *
 * - `X-Tidings-Signature: sha256=<hex HMAC-SHA256 of the body>`, the original
 *   one, kept as it is for the receivers that check it. It covers the body
 *   only, so a delivery captured once verifies forever.
 * - The Standard Webhooks headers (https://www.standardwebhooks.com/):
 *   `webhook-id` (the message's id, the same on every attempt),
 *   `webhook-timestamp` (Unix seconds, when this attempt was sent) and
 *   `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`.
 *   A receiver that refuses a timestamp too far from its clock, and an id it
 *   has seen, cannot be replayed to. The key is the secret's UTF-8 bytes, as
 *   for the original signature (Standard Webhooks libraries call that the
 *   "raw" secret format).
 */

/** The original signature header: `sha256=` and the hex HMAC-SHA256 of the raw body under the webhook's secret. */
export const SIGNATURE_HEADER = 'X-Tidings-Signature';
/** The message's id: the same on every attempt to deliver it (receivers drop repeats by it). */
export const WEBHOOK_ID_HEADER = 'webhook-id';
/** When this attempt was signed, in Unix seconds. */
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
/** `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/** The value of {@link SIGNATURE_HEADER} for `body`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** One attempt to deliver a message, as it is signed. */
export interface SignedDelivery {
  /** The message's id (messageId in @tidings/alerts). */
  id: string;
  /** When the attempt is sent, Unix seconds. */
  timestamp: number;
  body: string;
  secret: string;
}

/** The value of {@link WEBHOOK_SIGNATURE_HEADER}: `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`. */
export function signDelivery(delivery: SignedDelivery): string {
  const signed = `${delivery.id}.${delivery.timestamp}.${delivery.body}`;
  return `v1,${createHmac('sha256', delivery.secret).update(signed).digest('base64')}`;
}

/** Every signature header of one attempt, names as sent. */
export function signatureHeaders(delivery: SignedDelivery): Record<string, string> {
  return {
    [SIGNATURE_HEADER]: signBody(delivery.body, delivery.secret),
    [WEBHOOK_ID_HEADER]: delivery.id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(delivery.timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signDelivery(delivery),
  };
}
