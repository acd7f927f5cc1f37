import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { retryAfterMs } from '@tidings/http';
import type { HostGate, NetworkHealth } from '@tidings/politeness';
import { hostOf } from '@tidings/politeness';
import type { FetchJobContext } from './fetch-worker.js';

/** What {@link politeRequest} needs. */
export interface PolitenessDeps {
  hosts: HostGate;
  network: NetworkHealth;
  /** Longest back-off honoured for one Retry-After (TIDINGS_POLL_MAX). */
  maxBackOffMs: number;
}

/** Back-off for a 429 that gives no Retry-After: the server said "too many", not for how long. */
const DEFAULT_429_BACKOFF_MS = 60_000;
/** How long a job waits when the network is down before it tries again (plus up to as much again, at random). */
const NETWORK_DOWN_WAIT_MS = 30_000;
/** Failure codes that say nothing about the host itself: the request never got an answer. */
const NETWORK_LEVEL = new Set(['network', 'dns-failed', 'timeout']);

/**
 * An `onBackOff` that fails the job with the answer (retryable: it spends an attempt, and the retry still waits for
 * the host): for a request whose own 429/503 must not hold its job for as long as the server keeps answering so.
 */
export const spendAttemptOnBackOff = (error: HttpStatusError): Promise<void> => Promise.reject(error);

/**
 * Runs `request` as one polite request to the host of `url`:
 *
 * - while our network is known to be down, or the host is in back-off or at
 *   its limits (TIDINGS_HOST_CONCURRENCY in flight, TIDINGS_HOST_DELAY_MS
 *   between starts, across every fetcher), the job is put aside
 *   (`context.defer`), not failed;
 * - the host slot is held while the request runs and released after;
 * - any HTTP answer tells NetworkHealth the network works, also one whose
 *   body then stalls or breaks off (`request` is handed the fetch's
 *   `onResponse`: that failure is the host's); a network-level failure
 *   before any answer is reported to it, and when that shows the network is
 *   down the job is put aside instead of failing;
 * - a 429 or 503 with Retry-After (and a 429 without) makes the whole host
 *   wait, for every job of every fetcher, and this job waits with it, unless
 *   `onBackOff` throws: a caller that bounds how often its own request may be
 *   answered so (a feed, a page) fails the job instead.
 *
 * Errors other than those are thrown unchanged, for the caller to classify.
 */
export async function politeRequest<T>(
  url: string,
  deps: PolitenessDeps,
  context: FetchJobContext,
  request: (onResponse: () => void) => Promise<T>,
  options: { delayMs?: number; onBackOff?: (error: HttpStatusError, waitMs: number) => Promise<void> } = {},
): Promise<T> {
  const host = hostOf(url);
  if (host === null) throw new TidingsError('invalid-url', `invalid URL "${url}"`, { permanent: true });
  if (await deps.network.isDown()) return context.defer(networkWait(), 'network-down');
  const slot = await deps.hosts.acquire(host, { delayMs: options.delayMs });
  if (!slot.granted) return context.defer(slot.waitMs, slot.reason);

  let outcome: { backOffMs: number; error: HttpStatusError } | { networkDown: true } | null = null;
  // The host answered (a status line came) before whatever failed: the network works, the failure is the host's.
  let answered = false;
  try {
    // Not awaited: the stamp and the request leave in the same tick, so the spacing counts from when this request really starts.
    const marked = slot.markStart().catch((error: unknown) => context.log.warn({ err: error, host }, 'could not re-stamp host spacing'));
    const result = await request(() => void (answered = true)).finally(() => marked);
    await deps.network.recordResponse();
    return result;
  } catch (error) {
    if (error instanceof HttpStatusError || answered) await deps.network.recordResponse();
    if (error instanceof HttpStatusError) {
      const asked = backOffAsked(error);
      if (asked !== null) {
        const backOffMs = await deps.hosts.backOff(host, Math.min(asked, deps.maxBackOffMs));
        context.log.info({ host, status: error.status, backOffMs }, 'host asked to be left alone');
        outcome = { backOffMs, error };
      }
    } else if (!answered && error instanceof TidingsError && NETWORK_LEVEL.has(error.code) && (await deps.network.recordFailure(host))) {
      context.log.warn({ host, code: error.code }, 'network looks down: not counting this failure');
      outcome = { networkDown: true };
    }
    if (outcome === null) throw error;
  } finally {
    await slot.release();
  }
  if ('networkDown' in outcome) return context.defer(networkWait(), 'network-down');
  await options.onBackOff?.(outcome.error, outcome.backOffMs);
  return context.defer(outcome.backOffMs, 'backoff');
}

/** The back-off a 429/503 asks for (ms), or null when it asks for none. */
function backOffAsked(error: HttpStatusError): number | null {
  if (error.status !== 429 && error.status !== 503) return null;
  const asked = retryAfterMs(error.headers);
  if (asked !== null) return asked > 0 ? asked : null;
  return error.status === 429 ? DEFAULT_429_BACKOFF_MS : null;
}

function networkWait(): number {
  return NETWORK_DOWN_WAIT_MS + Math.round(Math.random() * NETWORK_DOWN_WAIT_MS);
}
