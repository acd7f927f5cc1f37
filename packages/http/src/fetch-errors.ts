import { TidingsError } from '@tidings/contracts';
import type { Deadline } from './deadline.js';
import { isDnsFailure } from './vetted-hosts.js';

/**
 * Turns whatever a fetch threw into the error the caller should see: a
 * TidingsError classified by *type and code* (never by message text), so the
 * services can decide on retrying without string matching.
 */

/** Codes undici and the OS use for "too slow" (undici's own timers, the kernel's). */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Classifies a failure of one fetch.
 *
 * - TidingsErrors (incl. HttpStatusError) pass through: they are already classified.
 * - The deadline firing -> `timeout`; the caller aborting -> the caller's own reason.
 * - DNS errors -> `dns-failed`; anything else with a system or undici error
 *   code (refused, reset, TLS, corrupt gzip...) -> `network`. All retryable.
 * - Errors without a code are bugs, not network conditions, and surface unchanged.
 */
export function toFetchError(error: unknown, deadline: Deadline, url: string): unknown {
  if (error instanceof TidingsError) return error;
  const timeout = deadline.timeoutError;
  if (timeout !== null) return timeout;
  if (deadline.callerAborted) return deadline.callerReason;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || code === 'UND_ERR_INVALID_ARG') return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (TIMEOUT_CODES.has(code)) {
    return new TidingsError('timeout', `timed out fetching ${url}: ${reason}`, { permanent: false, cause: error });
  }
  if (isDnsFailure(error)) {
    return new TidingsError('dns-failed', `could not resolve the host of ${url}: ${code}`, { permanent: false, cause: error });
  }
  return new TidingsError('network', `network error fetching ${url}: ${reason} (${code})`, { permanent: false, cause: error });
}
