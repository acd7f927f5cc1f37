import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { BlockedAddressError, fetchUrl, robotsRules, robotsUrlFor, type FetchOptions, type RobotsRules, type RobotsSource } from '@tidings/http';
import type { RobotsCache } from '@tidings/politeness';
import type { FetchJobContext } from './fetch-worker.js';
import { politeRequest, spendAttemptOnBackOff, type PolitenessDeps } from './polite-request.js';

/** How long an article job waits while another job fetches its host's robots.txt. */
const CLAIM_WAIT_MS = 250;

export interface RobotsDeps extends PolitenessDeps {
  robots: RobotsCache;
  fetch: Pick<FetchOptions, 'allowPrivate' | 'allowPrivateLinks' | 'timeoutMs' | 'maxBytes'>;
}

/**
 * The robots.txt rules for the host of `url`, from the shared cache or
 * fetched once (politely: it counts against the host's limits like any
 * request). Per RFC 9309: a 4xx means no rules (allow all); a 5xx or a
 * network failure means "unknown", so the article job retries later rather
 * than guessing, and so does a 429 (a request to slow down says nothing of
 * the rules: read as a server error, as the large crawlers do); each 429/503
 * with Retry-After spends one of the article job's attempts, as the page's
 * own would (handleArticleFetch), so a robots.txt that answers so for ever
 * fails its articles instead of holding them for ever; a robots.txt that cannot be fetched for a lasting reason
 * (blocked redirect, redirect loop, too large) is treated as absent. When
 * robots.txt itself is on a blocked address, the article fails with it (the
 * page would be refused too) and nothing is cached, so a later feed that may
 * read that origin still gets its real robots.txt.
 *
 * @param privateOrigin the origin private-address exemptions cover (the feed's), as for the page itself.
 */
export async function robotsFor(url: string, deps: RobotsDeps, context: FetchJobContext, privateOrigin?: string): Promise<RobotsRules> {
  const robotsUrl = robotsUrlFor(url);
  const origin = new URL(url).origin;
  const cached = await deps.robots.get(origin);
  if (cached) return robotsRules(robotsUrl, cached);
  // One job per host fetches robots.txt; the others wait a moment and read it from the cache.
  if (!(await deps.robots.claimFetch(origin, deps.fetch.timeoutMs + 10_000))) return context.defer(CLAIM_WAIT_MS, 'busy');
  // Another job may have stored it between our read and our claim.
  const stored = await deps.robots.get(origin);
  if (stored) {
    await deps.robots.releaseClaim(origin);
    return robotsRules(robotsUrl, stored);
  }
  let source: RobotsSource;
  try {
    const options = { ...deps.fetch, kind: 'page' as const, accept: 'text/plain, */*;q=0.5', ...(privateOrigin === undefined ? {} : { privateOrigin }) };
    const result = await politeRequest(url, deps, context, (onResponse) => fetchUrl(robotsUrl, { ...options, onResponse }), { onBackOff: spendAttemptOnBackOff });
    source = { kind: 'rules', text: result.text };
  } catch (error) {
    // robots.txt itself refused by the SSRF guard: so is every page of its origin (for this feed). Nothing to cache.
    const ownOriginBlocked = error instanceof BlockedAddressError && error.url === new URL(robotsUrl).href;
    if (error instanceof HttpStatusError && error.status >= 400 && error.status < 500 && error.status !== 429) source = { kind: 'allow-all' };
    else if (error instanceof TidingsError && error.permanent && !ownOriginBlocked && !(error instanceof HttpStatusError)) source = { kind: 'allow-all' };
    else {
      // Put aside, or failed for now: free the claim so the next try (this job's or another's) can fetch it.
      await deps.robots.releaseClaim(origin);
      if (error instanceof HttpStatusError) {
        throw new TidingsError('http-status', `robots.txt of ${origin} answered HTTP ${error.status}; trying the article again later`, { permanent: false, cause: error });
      }
      throw error;
    }
  }
  await deps.robots.put(origin, source);
  context.log.debug({ origin, kind: source.kind }, 'robots.txt cached');
  return robotsRules(robotsUrl, source);
}

/**
 * The robots.txt rules already cached for the origin of `url`, or null when
 * none are: what a redirect hop is checked against. The hop's own fetch of
 * robots.txt cannot be made there: it would run inside the page's request,
 * whose host politeness (the same host, for an http -> https redirect)
 * would make it wait on itself.
 */
export async function cachedRobotsFor(url: string, deps: Pick<RobotsDeps, 'robots'>): Promise<RobotsRules | null> {
  const cached = await deps.robots.get(new URL(url).origin);
  return cached ? robotsRules(robotsUrlFor(url), cached) : null;
}
