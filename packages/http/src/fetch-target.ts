import { TidingsError } from '@tidings/contracts';
import { createAddressPolicy, normaliseUrl } from '@tidings/url';
import type { FetchOptions } from './types.js';
import { systemResolve, VettedHosts, type PrivateScope, type ResolveHost } from './vetted-hosts.js';

/**
 * What the fetcher accepts as a URL to request, in one place: fetchUrl
 * applies it to every hop, and {@link checkFetchable} applies it before a
 * feed is subscribed, so a subscription is never taken for a URL the
 * fetcher will refuse.
 */

/** Default budget of {@link checkFetchable}'s DNS lookup. */
const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/**
 * Parses an absolute http(s) URL without credentials.
 *
 * @param description how to name the URL in errors (never with its credentials).
 * @throws TidingsError('invalid-url', permanent) for anything else (file:, ftp:,
 *   javascript:, garbage, `user:password@`).
 */
export function parseHttpUrl(input: string, description: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch (error) {
    throw new TidingsError('invalid-url', description, { permanent: true, cause: error });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TidingsError('invalid-url', `${description}: only http and https URLs can be fetched, not ${parsed.protocol}`, {
      permanent: true,
    });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // Tidings never sends credentials, and a subscription must not store (or log) them.
    const shown = new URL(parsed);
    shown.username = '';
    shown.password = '';
    throw new TidingsError('invalid-url', `refusing ${shown.href} given with credentials (user:password@): Tidings does not send credentials`, {
      permanent: true,
    });
  }
  return parsed;
}

/**
 * The scope of a fetch's private-address exemptions: any URL with
 * `allowPrivateLinks`, else the origin of `privateOrigin`, else the origin
 * of the URL requested first.
 *
 * @throws TidingsError('invalid-url', permanent) for a `privateOrigin` that is not an http(s) URL.
 */
export function privateScope(options: Pick<FetchOptions, 'allowPrivateLinks' | 'privateOrigin'>, start: URL): PrivateScope {
  if (options.allowPrivateLinks === true) return { origin: null };
  if (options.privateOrigin === undefined) return { origin: start.origin };
  return { origin: parseHttpUrl(options.privateOrigin, `invalid privateOrigin "${options.privateOrigin}"`).origin };
}

/** What {@link checkFetchable} needs: the allow-list, and a bound on the DNS lookup. */
export interface FetchableOptions {
  /** TIDINGS_FETCH_ALLOW_PRIVATE entries. */
  allowPrivate: readonly string[];
  /** Longest the DNS lookup may take (default 10 s); past it the name counts as not resolving now. */
  timeoutMs?: number;
}

/**
 * Refuses a URL the fetcher would refuse as a feed: one that is not an
 * absolute http(s) URL, carries credentials, or whose host is (or resolves
 * to) an address that is not public and that no TIDINGS_FETCH_ALLOW_PRIVATE
 * entry exempts on its port. A name that does not resolve now is accepted:
 * the fetcher treats that as temporary too (and reports it in the feed's
 * health).
 *
 * @returns the parsed URL.
 * @throws TidingsError `invalid-url` or `blocked-address` (permanent), with a
 *   message that names the reason.
 * @throws RangeError for a malformed allow-list entry (a configuration error).
 */
export async function checkFetchable(url: string, options: FetchableOptions, resolve: ResolveHost = systemResolve): Promise<URL> {
  const parsed = parseHttpUrl(url.trim(), `not an absolute http(s) URL: "${url}"`);
  // A feed is stored, and so fetched, by its normalised URL: "localhost." is stored as "localhost".
  // Vet that host, or a name spelled to not resolve now would pass here and be refused at every poll.
  const stored = normaliseUrl(parsed.href);
  const target = stored === null ? parsed : new URL(stored);
  const hosts = new VettedHosts(createAddressPolicy(options.allowPrivate), resolve, { origin: target.origin });
  try {
    await hosts.vet(target, AbortSignal.timeout(options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS));
  } catch (error) {
    if (error instanceof TidingsError && error.code === 'blocked-address') throw error;
    if (error instanceof TidingsError && error.code === 'dns-failed') return parsed;
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return parsed;
    throw error;
  }
  return parsed;
}

/**
 * Vets `url` for a request made outside fetchUrl (a webhook's POST) and
 * returns the `lookup` that pins its connection to the addresses vetted, as
 * fetchUrl's Agent is pinned (VettedHosts): a name server that answers a
 * public address to the check and a private one to the connection (DNS
 * rebinding) reaches nothing. Unlike {@link checkFetchable}, a name that does
 * not resolve now fails: there is nothing to connect to.
 *
 * @throws TidingsError `invalid-url` or `blocked-address` (permanent), or
 *   `dns-failed` (retryable: the name did not resolve, or not within
 *   `options.timeoutMs`).
 */
export async function vetForRequest(url: string, options: FetchableOptions, resolve: ResolveHost = systemResolve): Promise<{ url: URL; lookup: VettedHosts['lookup'] }> {
  const parsed = parseHttpUrl(url.trim(), `not an absolute http(s) URL: "${url}"`);
  const hosts = new VettedHosts(createAddressPolicy(options.allowPrivate), resolve, { origin: parsed.origin });
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  try {
    await hosts.vet(parsed, AbortSignal.timeout(timeoutMs));
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name !== 'TimeoutError') throw error;
    throw new TidingsError('dns-failed', `could not resolve ${parsed.hostname} within ${timeoutMs} ms`, { permanent: false, cause: error });
  }
  return { url: parsed, lookup: hosts.lookup };
}

/** URLs checked at once by {@link checkFetchableAll}: DNS lookups overlap, a large OPML import stays quick. */
const CHECK_CONCURRENCY = 16;

/**
 * {@link checkFetchable} for many URLs (an OPML import), several at a time.
 *
 * @returns for each URL, in order, null when it may be subscribed, or the
 *   TidingsError (`invalid-url`, `blocked-address`) that refuses it.
 */
export async function checkFetchableAll(urls: readonly string[], options: FetchableOptions, resolve: ResolveHost = systemResolve): Promise<Array<TidingsError | null>> {
  const verdicts: Array<TidingsError | null> = new Array<TidingsError | null>(urls.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < urls.length; i = next++) {
      try {
        await checkFetchable(urls[i]!, options, resolve);
      } catch (error) {
        if (!(error instanceof TidingsError)) throw error;
        verdicts[i] = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, urls.length) }, worker));
  return verdicts;
}
