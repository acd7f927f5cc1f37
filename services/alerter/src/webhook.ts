import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { vetForRequest, type ResolveHost } from '@tidings/http';
import { signatureHeaders } from './signature.js';

/** One message to a webhook: its id (messageId of @tidings/alerts: the same on every attempt), its JSON body and the secret that signs it. */
export interface WebhookMessage {
  id: string;
  body: string;
  secret: string;
}

/** How long one delivery may take, connection to response (the DNS lookup before it has a budget as long). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** How a webhook is reached. */
export interface WebhookOptions {
  /** TIDINGS_FETCH_ALLOW_PRIVATE: the SSRF guard's exemptions, as for feeds. */
  allowPrivate: readonly string[];
  /** Default {@link WEBHOOK_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The system resolver by default; tests answer from a table. */
  resolve?: ResolveHost;
}

export interface PostOutcome {
  status: number;
}

/**
 * Posts a signed JSON body (signatureHeaders: the original signature and the
 * Standard Webhooks id, timestamp and signature; the message's id is the same
 * on every attempt at it), after the SSRF guard
 * has vetted the URL's addresses, and connects only to those addresses: the
 * name is resolved once, so a name server that answers a public address to
 * the check and a private one to the connection (DNS rebinding) reaches
 * nothing. Redirects are not followed (a redirect could lead past the
 * check), so a 3xx is a failure like any non-2xx. The answer is its status:
 * the body is never read, so a huge, endless or byte-by-byte one costs
 * neither memory nor time.
 *
 * @throws TidingsError `invalid-url` or `blocked-address` (permanent) from
 *   the guard; `http-status` (permanent for a 3xx, and for a 4xx other than
 *   408 and 429: the receiver refuses this delivery; for a 4xx or 5xx an
 *   HttpStatusError carrying the response's headers, Retry-After among
 *   them); `dns-failed`, `network` or `timeout` (retryable) when no response
 *   came.
 */
export async function postWebhook(url: string, message: WebhookMessage, options: WebhookOptions): Promise<PostOutcome> {
  const { id, body, secret } = message;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  // The guard's lookup pins the connection to the addresses it vetted (@tidings/http, as every fetch is pinned).
  const { url: target, lookup } = await vetForRequest(url, { allowPrivate: options.allowPrivate, timeoutMs }, options.resolve);
  const signatures = signatureHeaders({ id, timestamp: Math.floor(Date.now() / 1_000), body, secret });
  const { status, headers } = await send(target, body, signatures, lookup, timeoutMs);
  if (status >= 200 && status < 300) return { status };
  if (status < 400) throw Object.assign(new TidingsError('http-status', `webhook ${url} answered ${status} (redirects are not followed)`, { permanent: true }), { status });
  throw new HttpStatusError(status, url, headers);
}

/**
 * One POST; resolves with the status and headers (names lower-case, repeats
 * joined) once the response head is in, the body left unread and the
 * connection closed.
 */
function send(target: URL, body: string, signatures: Record<string, string>, lookup: LookupFunction, timeoutMs: number): Promise<{ status: number; headers: Record<string, string> }> {
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        // A connection of its own, never shared: its lookup is this delivery's vetted addresses.
        agent: false,
        lookup,
        signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Tidings-Alerts',
          ...signatures,
        },
      },
      (response) => {
        response.destroy();
        const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
        resolve({ status: response.statusCode ?? 0, headers });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => reject(noAnswer(target.href, error, signal.aborted ? timeoutMs : null)));
    request.end(body);
  });
}

/** Why no response came, typed: all retryable. `timedOutAfterMs` is set when the time budget ran out. */
function noAnswer(url: string, error: NodeJS.ErrnoException, timedOutAfterMs: number | null): TidingsError {
  if (timedOutAfterMs !== null) return new TidingsError('timeout', `webhook ${url} did not answer within ${timedOutAfterMs} ms`, { permanent: false, cause: error });
  return new TidingsError('network', `webhook ${url} did not answer: ${error.message}${error.code ? ` (${error.code})` : ''}`, { permanent: false, cause: error });
}
