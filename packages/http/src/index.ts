/**
 * @tidings/http: the one HTTP client Tidings uses for feeds and article pages.
 *
 * Every fetch is SSRF-guarded (addresses vetted, connections pinned, each
 * redirect re-checked), size-capped after decompression, time-boxed end to
 * end, and decoded to a Unicode string in the charset the document really
 * uses. Failures are TidingsErrors classified as permanent or retryable.
 */
export { TIDINGS_VERSION, USER_AGENT } from './version.js';
export type { DocumentKind, FetchOptions, FetchResult } from './types.js';
export { fetchUrl } from './fetch-url.js';
export { requirePageContent } from './page-content.js';
// The charset rules live in @tidings/text; re-exported for the packages that decode fetched bytes themselves.
export { decodeBody } from '@tidings/text';
export { checkAllowList, isAddressAllowed } from '@tidings/url';
export { checkFetchable, checkFetchableAll, vetForRequest, type FetchableOptions } from './fetch-target.js';
export { BlockedAddressError, type ResolveHost } from './vetted-hosts.js';
export { freshnessLifetimeMs, retryAfterMs, parseCacheControl, parseHttpDate, type HeaderMap } from './freshness.js';
export { robotsRules, robotsUrlFor, type RobotsRules, type RobotsSource } from './robots.js';
