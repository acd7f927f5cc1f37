import { TidingsError, type JobPayload, QUEUES } from '@tidings/contracts';
import { fetchUrl, requirePageContent, USER_AGENT } from '@tidings/http';
import type { FetchJobContext } from './fetch-worker.js';
import type { FetcherDeps } from './handler.js';
import { politeRequest, spendAttemptOnBackOff } from './polite-request.js';
import { cachedRobotsFor, robotsFor } from './robots-check.js';

/** Crawl-delay honoured up to this; a larger one would stall a host's articles for hours. */
const MAX_CRAWL_DELAY_MS = 60_000;

/**
 * Fetches one article page, if the host's robots.txt lets Tidings have it,
 * within the host's limits, and hands it to the extractor. A private-address
 * exemption covers the page only when it has the origin of the feed that
 * listed it (`feedUrl`), unless TIDINGS_FETCH_ALLOW_PRIVATE_LINKS is set: a
 * feed on an allowed local address must not be able to send us elsewhere.
 *
 * @throws TidingsError('blocked-address', permanent) for a page (or a redirect hop) outside that rule.
 * @throws TidingsError('robots-disallowed', permanent) when robots.txt says no, to the page or to a redirect hop (whose origin's rules are cached).
 * @throws HttpStatusError (retryable) for the page's own 429/503 with Retry-After, after the host's back-off is set.
 */
export async function handleArticleFetch(payload: JobPayload<typeof QUEUES.articleFetch>, deps: FetcherDeps, context: FetchJobContext) {
  const { itemUrl, feedUrl } = payload;
  const rules = await robotsFor(itemUrl, deps, context, feedUrl);
  if (!rules.isAllowed(itemUrl)) throw robotsDisallowed(itemUrl);
  // A redirect into a path its origin's robots.txt disallows is refused as a link there is, before it is followed: the page's
  // own origin's rules are cached by now; another origin's are when some article of it was fetched (cachedRobotsFor says why
  // they are not fetched here).
  const beforeRedirect = async (next: string): Promise<void> => {
    if ((await cachedRobotsFor(next, deps))?.isAllowed(next) === false) throw robotsDisallowed(next);
  };
  const crawlDelayMs = Math.min(rules.crawlDelayMs() ?? 0, MAX_CRAWL_DELAY_MS);
  const fetchedAt = new Date().toISOString();
  const result = await politeRequest(itemUrl, deps, context, (onResponse) => fetchUrl(itemUrl, { ...deps.fetch, kind: 'page', privateOrigin: feedUrl, beforeRedirect, onResponse }), {
    delayMs: crawlDelayMs,
    // The page's own 429/503 with Retry-After spends an attempt (the host waits all the same, and the retry waits for it
    // without spending one): a page that answers so for ever fails with its code once the attempts are spent, instead
    // of its job being put aside again and again, holding `run --until-idle` and asking every Retry-After for ever.
    onBackOff: spendAttemptOnBackOff,
  });
  requirePageContent(itemUrl, result);
  const bodyKey = await deps.bodies.put(result.text);
  await deps.queues.add(
    QUEUES.articleExtract,
    {
      itemUrl,
      finalUrl: result.finalUrl,
      bodyKey,
      fetchedAt,
      item: payload.item,
      feedUrl,
      ...(payload.refetches ? { refetches: payload.refetches } : {}),
      ...(payload.previousItemUrl ? { previousItemUrl: payload.previousItemUrl } : {}),
    },
    // One extract job per fetch job and page: this job run again (after a crash) queues the same one, while a revision's or a
    // refetch's fetch gets one of its own even when the page is byte for byte one fetched before (a correction withdrawn, the
    // stored page expired): under the page's key alone BullMQ would keep the earlier, completed job and extract nothing.
    { jobId: `extract-${bodyKey.slice(-32)}-of-${context.jobId}` },
  );
  // A charset the page declared wrongly (or not at all) was replaced by one that fits its bytes: the page is fine, its server is not.
  if (result.warnings.length > 0) context.log.info({ url: itemUrl, charset: result.charset, warnings: result.warnings }, 'article page charset repaired');
  context.log.debug({ url: itemUrl, bytes: result.bytes, charset: result.charset }, 'article fetched');
  return { bytes: result.bytes, status: result.status, finalUrl: result.finalUrl };
}

function robotsDisallowed(url: string): TidingsError {
  return new TidingsError('robots-disallowed', `robots.txt of ${new URL(url).origin} disallows ${url} for ${USER_AGENT.split(' ')[0]}`, { permanent: true });
}
