import { createHash } from 'node:crypto';

/** Query parameters that only track the reader and never change the page. */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid', '_hsenc', '_hsmi']);

/** The decoded name of one `name=value` piece of a query ("utm%5Fsource=x" is utm_source; "?gclid" is "?gclid"). */
function parameterName(piece: string): string {
  // URLSearchParams drops one leading "?" of the string it is given: the "&" before the piece keeps its own.
  return new URLSearchParams(`&${piece}`).keys().next().value ?? '';
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * Longest URL Tidings keeps as an item's link or a feed's address, in
 * characters (a normalised URL is ASCII, so bytes too): 2,048, the limit
 * crawlers and the sitemaps protocol use. Longer ones are no page anyone
 * links to but a way to break what stores them: PostgreSQL cannot index a
 * text longer than about 2,700 bytes, so storing one fails the whole write
 * it is part of (a feed's claim of all its items, a feed's record).
 */
export const MAX_URL_LENGTH = 2_048;

/**
 * Normalises an article or feed URL so that one page has one spelling:
 * resolves it against `base`, keeps only http(s), lower-cases the host
 * (URL does that), drops default ports, fragments, tracking parameters
 * (utm_*, fbclid, gclid, ...) and a lone trailing "?". Returns null for
 * anything that is not an absolute http(s) URL.
 */
export function normaliseUrl(raw: string, base?: string | null): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base ?? undefined);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  // Each setter serialises the URL again: only what is there is cleared (a fragment can only come from `raw`).
  if (raw.includes('#')) url.hash = '';
  if (url.username !== '') url.username = '';
  if (url.password !== '') url.password = '';
  // URL already drops a port equal to the scheme's default; a trailing dot on the host is the same host.
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/(?<!\.)\.+$/, '');
  if (url.search !== '') {
    // The other parameters are kept as written: re-encoding them (URLSearchParams) turned "x=1;y=2" into "x=1%3By%3D2",
    // a parameter the server reads differently, "flag" into "flag=" and "q=a%20b" into "q=a+b".
    const pieces = url.search.slice(1).split('&');
    const kept = pieces.filter((piece) => !isTrackingParam(parameterName(piece)));
    // The "?" given first is the one the setter drops, so a query that begins with "?" keeps it.
    const query = kept.filter((piece) => piece !== '').join('&');
    if (kept.length !== pieces.length) url.search = query === '' ? '' : `?${query}`;
  }
  const text = url.toString();
  // Only an empty query's "?": in "/a??" the query is "?", and dropping its last character would name another page.
  return url.search === '' && text.endsWith('?') ? text.slice(0, -1) : text;
}

/**
 * The scheme of `raw` (resolved against `base`, as {@link normaliseUrl}
 * resolves it) when it is an absolute URL of a scheme other than http(s):
 * "javascript:", "data:", "mailto:", "ftp:"..., lower-cased with its colon,
 * as `URL.protocol` spells it. Null for an http(s) URL, and for text that is
 * no absolute URL at all (a relative link with no base, garbage), which
 * normaliseUrl refuses for another reason.
 */
export function nonHttpScheme(raw: string, base?: string | null): string | null {
  let protocol: string;
  try {
    protocol = new URL(raw.trim(), base ?? undefined).protocol;
  } catch {
    return null;
  }
  return protocol === 'http:' || protocol === 'https:' ? null : protocol;
}

/** The stable article id for a canonical URL: 16 hex characters of its SHA-256. */
export function articleId(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 16);
}

/** The stable feed id for a feed URL: 12 hex characters of its SHA-256. */
export function feedId(feedUrl: string): string {
  return createHash('sha256').update(feedUrl).digest('hex').slice(0, 12);
}

export { checkAllowList, createAddressPolicy, isAddressAllowed, type AddressPolicy, type AddressVerdict, type FetchTarget } from './address-policy.js';
