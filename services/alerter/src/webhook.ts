import { createHmac } from 'node:crypto';
import { HttpStatusError, TidingsError } from '@tidings/contracts';

/** The header that carries a delivery's signature: `sha256=` and the hex HMAC-SHA256 of the raw body under the webhook's secret. */
export const SIGNATURE_HEADER = 'X-Tidings-Signature';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** How long one delivery may take, connection to response. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface PostOutcome {
  status: number | null;
}

/**
 * Posts a signed JSON body. Redirects are not followed (a redirect could
 * lead past the address check), so a 3xx is a failure like any non-2xx.
 *
 * @throws TidingsError `http-status` (permanent for a 3xx, and for a 4xx
 *   other than 408 and 429: the receiver refuses this delivery), `network`
 *   or `timeout` (retryable) when no response came.
 */
export async function postWebhook(url: string, body: string, secret: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<PostOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', 'user-agent': 'Tidings-Alerts', [SIGNATURE_HEADER]: signBody(body, secret) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    throw new TidingsError(timedOut ? 'timeout' : 'network', `webhook ${url} did not answer: ${(error as Error).message}`, { permanent: false, cause: error });
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { status: response.status };
  if (response.status < 400) throw Object.assign(new TidingsError('http-status', `webhook ${url} answered ${response.status} (redirects are not followed)`, { permanent: true }), { status: response.status });
  throw new HttpStatusError(response.status, url);
}
