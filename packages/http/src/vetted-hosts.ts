import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { TidingsError } from '@tidings/contracts';
import type { AddressPolicy } from '@tidings/url';

/**
 * DNS resolution for the SSRF guard, with the answer pinned.
 *
 * Checking a hostname's addresses and then letting the HTTP client resolve it
 * again would leave a DNS-rebinding gap: a hostile name server can answer
 * 203.0.113.7 to the check and 127.0.0.1 to the connect. So we resolve once,
 * refuse the host if any address is not allowed, and hand the Agent a `lookup`
 * that can only return those same vetted addresses.
 */

/** Resolves a hostname to all its addresses (dns.lookup with all:true; replaceable in tests). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver, as the OS would resolve the name (hosts file included). */
export const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true });

/** Error codes that mean the name did not resolve (as opposed to a network failure). */
const DNS_FAILURE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);

/** True for an error thrown by a failed DNS lookup. */
export function isDnsFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DNS_FAILURE_CODES.has(code);
}

/**
 * A request refused by the SSRF guard: `blocked-address`, permanent, and the
 * URL of the hop that was refused (the one requested, or a redirect's), so
 * a caller can tell "this origin is off limits" from "it redirected there".
 */
export class BlockedAddressError extends TidingsError {
  /** The refused URL (href). */
  readonly url: string;

  constructor(url: string, message: string) {
    super('blocked-address', message, { permanent: true });
    this.name = 'BlockedAddressError';
    this.url = url;
  }
}

/**
 * Which requests an allow-list exemption covers. `origin` null: any URL
 * whose address (and port) an entry names (TIDINGS_FETCH_ALLOW_PRIVATE_LINKS);
 * otherwise only URLs of that one origin (scheme, host, port): the feed's
 * own, so a feed that is exempted cannot point us anywhere else private.
 */
export interface PrivateScope {
  origin: string | null;
}

/**
 * The hosts one fetch has vetted, and a `lookup` for its Agent that answers
 * only from them. One instance per fetch, so nothing leaks between fetches
 * with different allow-lists.
 */
export class VettedHosts {
  readonly #policy: AddressPolicy;
  readonly #resolve: ResolveHost;
  readonly #scope: PrivateScope;
  readonly #addresses = new Map<string, LookupAddress[]>();

  constructor(policy: AddressPolicy, resolve: ResolveHost, scope: PrivateScope) {
    this.#policy = policy;
    this.#resolve = resolve;
    this.#scope = scope;
  }

  /**
   * Resolves the URL's host (an IP literal is taken as is) and checks every
   * address against the policy, for this URL's port and within the scope.
   * Called before every request, redirects included.
   *
   * @throws BlockedAddressError (`blocked-address`, permanent) if any address is refused.
   * @throws TidingsError('dns-failed') if the name does not resolve.
   */
  async vet(url: URL, signal: AbortSignal): Promise<void> {
    const host = bareHostname(url);
    const family = isIP(host);
    const addresses = family !== 0 ? [{ address: host, family }] : await this.#lookup(host, signal);
    const target = { hostname: host, port: effectivePort(url) };
    // Any bad address condemns the host: the OS may pick any of them, and a
    // name that mixes public and private answers is a rebinding setup.
    for (const { address } of addresses) {
      const verdict = this.#policy.check(address, target);
      const inScope = this.#scope.origin === null || this.#scope.origin === url.origin;
      if (verdict.allowed && (verdict.exemptBy === null || inScope)) continue;
      const subject = family !== 0 ? host : `${host} resolves to ${verdict.address}, which`;
      const refused = `refusing to fetch ${url.href}: ${subject} is a blocked address (${verdict.range})`;
      const hostPort = `${verdict.address.includes(':') ? `[${verdict.address}]` : verdict.address}:${target.port}`;
      const message = verdict.allowed
        ? `${refused}; TIDINGS_FETCH_ALLOW_PRIVATE (${verdict.exemptBy}) exempts it only for ${this.#scope.origin ?? 'its own origin'}, ` +
          'the origin of the feed being read; to let feeds link to other allowed addresses, set TIDINGS_FETCH_ALLOW_PRIVATE_LINKS=true'
        : `${refused}; to allow it, add ${hostPort} (or a CIDR covering ${verdict.address}) to TIDINGS_FETCH_ALLOW_PRIVATE`;
      throw new BlockedAddressError(url.href, message);
    }
    this.#addresses.set(host, addresses);
  }

  /**
   * A `net.connect` lookup that only ever answers with vetted addresses. A host
   * that was not vetted fails the connect rather than falling back to DNS.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const wanted = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const addresses = (this.#addresses.get(hostname) ?? []).filter(
      (entry) => wanted === 0 || entry.family === wanted,
    );
    const [first] = addresses;
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error(`no vetted address for ${hostname}`);
      error.code = 'ERR_TIDINGS_UNVETTED_HOST';
      callback(error, '');
    } else if (options.all === true) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };

  async #lookup(host: string, signal: AbortSignal): Promise<LookupAddress[]> {
    let addresses: LookupAddress[];
    try {
      addresses = await abortable(this.#resolve(host), signal);
    } catch (error) {
      if (!isDnsFailure(error)) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new TidingsError('dns-failed', `could not resolve ${host}: ${code}`, { permanent: false, cause: error });
    }
    if (addresses.length === 0) {
      throw new TidingsError('dns-failed', `could not resolve ${host}: no addresses`, { permanent: false });
    }
    return addresses;
  }
}

/** The port a request to `url` connects to (URL leaves the scheme's default out). */
export function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The URL's hostname as net.connect sees it: IPv6 literals without brackets. */
function bareHostname(url: URL): string {
  const { hostname } = url;
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * dns.lookup cannot be cancelled, so stop waiting for it when the fetch is
 * aborted or times out; the lookup finishes in the background, unused.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
