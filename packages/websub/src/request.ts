import { randomBytes } from 'node:crypto';

/** A new subscription's id: 128 random bits, base64url. The callback URL ends with it, so it must not be guessable. */
export function newSubscriptionId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new `hub.secret`: 192 random bits, base64url (the spec caps secrets at 200 bytes). */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Where a hub calls back for a subscription: `<public URL>/websub/<id>` (the API serves it). */
export function callbackUrl(publicUrl: string, subscriptionId: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(`websub/${encodeURIComponent(subscriptionId)}`, base).href;
}

/** What one subscribe or unsubscribe request to a hub carries. */
export interface HubRequest {
  mode: 'subscribe' | 'unsubscribe';
  topic: string;
  callback: string;
  /** Subscribe only. */
  leaseSeconds?: number;
  /** Subscribe only: the HMAC key for pushed content. */
  secret?: string;
}

/**
 * The form fields of a subscription request (W3C WebSub section 5.1), to be
 * POSTed as application/x-www-form-urlencoded to the hub, which answers 202
 * and then verifies the intent at the callback.
 */
export function hubRequestForm(request: HubRequest): Record<string, string> {
  const form: Record<string, string> = { 'hub.mode': request.mode, 'hub.topic': request.topic, 'hub.callback': request.callback };
  if (request.mode === 'subscribe') {
    if (request.leaseSeconds !== undefined) form['hub.lease_seconds'] = String(request.leaseSeconds);
    if (request.secret !== undefined) form['hub.secret'] = request.secret;
  }
  return form;
}
