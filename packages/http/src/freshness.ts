/**
 * What a response's headers say about when to ask again: how long it stays
 * fresh (Cache-Control max-age, Expires) and how long to leave the server
 * alone after a 429/503 (Retry-After). Pure functions over the lower-cased
 * header map of a FetchResult or HttpStatusError.
 */
import { parseDate } from '@tidings/text';

/** Headers as FetchResult and HttpStatusError carry them: lower-case names. */
export type HeaderMap = Readonly<Record<string, string>>;

/**
 * How long the response stays fresh, in ms, per RFC 9111: `s-maxage` is for
 * shared caches only, so `max-age` wins, then `Expires` minus `Date` (or
 * minus `now` without a Date header). `no-cache`/`no-store` and an Expires
 * in the past or unparseable mean 0. Null when the server said nothing.
 */
export function freshnessLifetimeMs(headers: HeaderMap, now: number = Date.now()): number | null {
  const cacheControl = headers['cache-control'];
  if (cacheControl !== undefined) {
    const directives = parseCacheControl(cacheControl);
    if (directives.has('no-store') || directives.has('no-cache')) return 0;
    const maxAge = directives.get('max-age');
    if (maxAge !== undefined && maxAge !== null) {
      const seconds = Number(maxAge);
      // A malformed max-age makes the response stale (RFC 9111 §4.2.1).
      return /^\d+$/.test(maxAge) && Number.isFinite(seconds) ? seconds * 1_000 : 0;
    }
  }
  const expires = headers.expires;
  if (expires === undefined) return null;
  const expiresAt = parseHttpDate(expires);
  if (expiresAt === null) return 0;
  const served = parseHttpDate(headers.date ?? '') ?? now;
  return Math.max(0, expiresAt - served);
}

/**
 * The delay a Retry-After header asks for, in ms: delta-seconds, or an
 * HTTP-date taken relative to the response's own Date header (so a server
 * whose clock is off still gets the wait it meant). Null when absent or
 * unparseable; never negative.
 */
export function retryAfterMs(headers: HeaderMap, now: number = Date.now()): number | null {
  const value = headers['retry-after']?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const at = parseHttpDate(value);
  if (at === null) return null;
  const served = parseHttpDate(headers.date ?? '') ?? now;
  return Math.max(0, at - served);
}

/** Cache-Control directives, names lower-case, values unquoted (null for bare directives). */
export function parseCacheControl(value: string): Map<string, string | null> {
  const directives = new Map<string, string | null>();
  for (const part of value.split(',')) {
    const match = /^\s*([!#$%&'*+.^_`|~\w-]+)\s*(?!\s)(?:=\s*(?!\s)(?:"([^"]*)"|([^\s,;]*)))?\s*$/.exec(part);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    // The first occurrence wins, as most caches do with duplicates.
    if (!directives.has(name)) directives.set(name, match[2] ?? match[3] ?? null);
  }
  return directives;
}

/**
 * An HTTP-date (IMF-fixdate, and the obsolete RFC 850 and asctime forms) in
 * ms, or null: read by the one strict date parser feeds and pages use, not
 * by the engine's lenient Date.parse.
 */
export function parseHttpDate(value: string): number | null {
  const iso = parseDate(value);
  return iso === null ? null : Date.parse(iso);
}
