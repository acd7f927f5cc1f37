import type { IncomingHttpHeaders } from 'node:http';
import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { decodeBody, parseContentType } from '@tidings/text';
import { Agent, request, type Dispatcher } from 'undici';
import { Deadline } from './deadline.js';
import { ACCEPT_ENCODING } from './decompress.js';
import { toFetchError } from './fetch-errors.js';
import { parseHttpUrl, privateScope } from './fetch-target.js';
import { readBody, tooLarge } from './read-body.js';
import { createAddressPolicy } from '@tidings/url';
import type { DocumentKind, FetchOptions, FetchResult } from './types.js';
import { USER_AGENT } from './version.js';
import { systemResolve, VettedHosts, type ResolveHost } from './vetted-hosts.js';

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Accept headers by expected document kind; `*\/*` last so odd servers still answer. */
const DEFAULT_ACCEPT: Record<DocumentKind | 'any', string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  any: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
};

/** What {@link fetchUrlWith} needs from the outside world; tests swap the resolver. */
export interface FetchDependencies {
  resolve: ResolveHost;
}

/**
 * Fetches one feed or article page over http(s), safely: every hop's address
 * is checked against the SSRF policy (private addresses only where an
 * allow-list entry covers the address and port, and only for the origin in
 * scope: `privateOrigin`, by default the URL's own) and the connection
 * pinned to it, redirects
 * are followed by hand (at most `maxRedirects`), the body is decompressed
 * under a size cap and decoded to a string in the right charset, and the whole
 * request runs under one time budget.
 *
 * @returns The 2xx response, or a 304 with `notModified: true`.
 * @throws TidingsError with code `invalid-url` (not http(s), or with credentials), `blocked-address`, `too-many-redirects`,
 *   `too-large`, `unsupported-content` (permanent), or `timeout`, `network`, `dns-failed` (retryable).
 * @throws HttpStatusError for a 4xx/5xx answer (permanent unless 408, 429 or 5xx).
 * @throws the signal's reason when `options.signal` aborts.
 */
export function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  return fetchUrlWith(url, options, { resolve: systemResolve });
}

/** {@link fetchUrl} with its DNS resolver supplied; not part of the package API. */
export async function fetchUrlWith(url: string, options: FetchOptions, deps: FetchDependencies): Promise<FetchResult> {
  options.signal?.throwIfAborted();
  const start = parseHttpUrl(url, `invalid URL "${url}"`);
  const hosts = new VettedHosts(createAddressPolicy(options.allowPrivate), deps.resolve, privateScope(options, start));
  const deadline = new Deadline(options.timeoutMs, options.signal, url);
  // One Agent per fetch, because its `lookup` is what pins connections to the
  // addresses this fetch vetted. The price is no keep-alive between fetches;
  // the gain is that no connection can outlive its check, and destroying the
  // Agent at the end guarantees no socket is left behind on any path.
  const agent = new Agent({
    connect: { lookup: hosts.lookup, timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  try {
    return await follow(url, start, options, hosts, agent, deadline.signal);
  } catch (error) {
    throw toFetchError(error, deadline, url);
  } finally {
    deadline.dispose();
    await agent.destroy().catch(() => undefined);
  }
}

/** Requests `start`, following redirects by hand so the SSRF check sees every hop. */
async function follow(
  url: string,
  start: URL,
  options: FetchOptions,
  hosts: VettedHosts,
  agent: Agent,
  signal: AbortSignal,
): Promise<FetchResult> {
  // A form is posted once, to the URL given: a redirect would have to re-send it elsewhere.
  const maxRedirects = options.form ? 0 : (options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
  const headers = requestHeaders(options);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const redirects: string[] = [];
  const redirectStatuses: number[] = [];
  const visited = new Set([start.href]);
  let current = start;
  for (;;) {
    await hosts.vet(current, signal);
    const response = await request(current, { dispatcher: agent, method: body === undefined ? 'GET' : 'POST', headers, body, signal });
    options.onResponse?.();
    try {
      const location = REDIRECT_STATUSES.has(response.statusCode) ? header(response.headers, 'location') : null;
      if (location === null) {
        // Name the URL that answered; keep the caller's spelling if that was the one requested.
        const answeredBy = redirects.length === 0 ? url : current.href;
        return await toResult(response, { url, answeredBy, finalUrl: current.href, redirects, redirectStatuses, options });
      }
      const next = resolveRedirect(location, current);
      if (visited.has(next.href) || redirects.length >= maxRedirects) {
        const why = visited.has(next.href) ? `a redirect loop back to ${next.href}` : `more than ${maxRedirects} redirects`;
        throw new TidingsError('too-many-redirects', `fetching ${url} hit ${why}`, { permanent: true });
      }
      await options.beforeRedirect?.(next.href);
      redirects.push(next.href);
      redirectStatuses.push(response.statusCode);
      visited.add(next.href);
      current = next;
    } finally {
      // Read to the end already, or not wanted (redirect, error status, over
      // the cap): either way, release it.
      release(response.body);
    }
  }
}

/** Turns the final response into a FetchResult, or throws for an error status. */
async function toResult(
  response: Dispatcher.ResponseData,
  context: { url: string; answeredBy: string; finalUrl: string; redirects: string[]; redirectStatuses: number[]; options: FetchOptions },
): Promise<FetchResult> {
  const { statusCode: status, headers } = response;
  const { options } = context;
  const contentTypeHeader = header(headers, 'content-type');
  const base = {
    url: context.url,
    finalUrl: context.finalUrl,
    redirects: context.redirects,
    redirectStatuses: context.redirectStatuses,
    status,
    contentType: parseContentType(contentTypeHeader).mimeType,
    headers: flattenHeaders(headers),
  };

  const conditional = Boolean(options.etag) || Boolean(options.lastModified);
  if (status === 304 && conditional) {
    // Servers often omit the validators on a 304; echo the ones we sent so the
    // caller can store `etag`/`lastModified` from every result unconditionally.
    const etag = header(headers, 'etag') ?? options.etag ?? null;
    const lastModified = header(headers, 'last-modified') ?? options.lastModified ?? null;
    return { ...base, notModified: true, charset: null, text: '', bytes: 0, etag, lastModified, warnings: [] };
  }
  // Anything else outside 2xx, including a 304 nobody asked for and a 3xx
  // without a Location, is a failed fetch; HttpStatusError decides retrying.
  if (status < 200 || status > 299) throw new HttpStatusError(status, context.answeredBy, base.headers);

  const contentEncoding = header(headers, 'content-encoding');
  // Content-Length counts encoded bytes, which decompress to at least as many
  // in practice: over the cap already means over the cap once decoded.
  const declaredLength = Number(header(headers, 'content-length') ?? Number.NaN);
  if (declaredLength > options.maxBytes) throw tooLarge(context.finalUrl, options.maxBytes, null);

  const body = await readBody(response.body, contentEncoding, options.maxBytes, context.finalUrl);
  const { text, charset, warnings } = decodeBody(body, contentTypeHeader, options.kind);
  return {
    ...base,
    notModified: false,
    charset,
    text,
    warnings,
    bytes: body.length,
    etag: header(headers, 'etag'),
    lastModified: header(headers, 'last-modified'),
  };
}

/**
 * Destroys a response body we are done with, freeing its socket. undici reports
 * destroying an unfinished body as an 'error' event (RequestAbortedError); with
 * nobody left listening that would crash the process, so it is swallowed here.
 * A no-op on a body that was read to the end.
 */
function release(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}

/** The request headers, the same on every hop. */
function requestHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: options.accept ?? DEFAULT_ACCEPT[options.kind ?? 'any'],
    'accept-encoding': ACCEPT_ENCODING,
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

/** Resolves a Location header against the URL that sent it (relative ones included). */
function resolveRedirect(location: string, current: URL): URL {
  const description = `redirect from ${current.href} to "${location}"`;
  let absolute: string;
  try {
    absolute = new URL(location, current).href;
  } catch (error) {
    throw new TidingsError('invalid-url', `${description}: not a URL`, { permanent: true, cause: error });
  }
  return parseHttpUrl(absolute, description);
}

/** One header's value; repeated headers joined as HTTP allows. */
function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = header(headers, name);
    if (value !== null) flat[name.toLowerCase()] = value;
  }
  return flat;
}
