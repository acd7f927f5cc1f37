import { DelayedError } from 'bullmq';
import { describeError, HttpStatusError, LINK_HEADER_MAX_CHARS, TidingsError, type FeedFetchResult, type FeedRecord, type JobPayload, QUEUES } from '@tidings/contracts';
import { fetchUrl, freshnessLifetimeMs, retryAfterMs, type FetchResult } from '@tidings/http';
import { applyPollOutcome, stopPatch } from '@tidings/polling';
import { MAX_URL_LENGTH, normaliseUrl } from '@tidings/url';
import type { FetchJobContext } from './fetch-worker.js';
import type { FetcherDeps } from './handler.js';
import { politeRequest } from './polite-request.js';

/** Redirects that say "use the new URL from now on" (RFC 9110 §15.4.2, §15.4.9). */
const PERMANENT_REDIRECTS = new Set([301, 308]);
/** Answers that ask for a pause, politeRequest's back-off (Retry-After). */
const BACK_OFF_STATUSES = new Set([429, 503]);

/**
 * Polls one feed: a conditional GET with the stored validators, within the
 * host's limits. The poll's outcome goes on the feed through
 * @tidings/polling (applyPollOutcome), in one write:
 *
 * - 304: recorded here; the next poll is scheduled from the hints the last
 *   parse stored on the feed.
 * - 200: the body goes to the parser, which records the outcome once it
 *   has read the items; nothing is written here.
 * - 301/308 (the whole chain from the stored URL): the stored URL follows.
 * - 410: the feed is stopped, with the reason.
 * - any other failure: counted, next poll after an exponential backoff,
 *   paused at TIDINGS_FEED_MAX_FAILURES.
 * - host in back-off, at its limits, or our network down: the job waits
 *   (politeRequest) and nothing is counted. The feed's own 429/503 with
 *   Retry-After is waited out once; a second in a row fails the poll.
 *
 * A scheduled job whose slot (`dueAt`) no longer matches the feed is a
 * stale duplicate and does nothing; paused and stopped feeds are skipped.
 * Returns the id of the parse job it queued, if any: the scheduler reads it
 * to tell a poll still being parsed from one that was lost.
 */
export async function handleFeedFetch(payload: JobPayload<typeof QUEUES.feedFetch>, deps: FetcherDeps, context: FetchJobContext) {
  const feed = await deps.index.getFeed(payload.feedId);
  if (!feed) return { skipped: 'feed no longer subscribed' };
  if (feed.state !== 'active') return { skipped: `feed is ${feed.state}: ${feed.stateReason ?? 'no reason given'}` };
  if (payload.dueAt !== undefined && !sameInstant(payload.dueAt, feed.nextPollAt ?? feed.addedAt)) {
    return { skipped: 'stale poll: the feed was rescheduled' };
  }
  const at = new Date().toISOString();
  let result: FetchResult;
  // The feed's own 429/503 with Retry-After, once this poll has waited for it: what failed the poll if the wait is given up.
  const ownBackOff: { error: HttpStatusError | null } = { error: null };
  try {
    result = await politeRequest(
      feed.url,
      deps,
      context,
      (onResponse) => fetchUrl(feed.url, { ...deps.fetch, kind: 'feed', etag: feed.etag, lastModified: feed.lastModified, onResponse }),
      {
        onBackOff: async (error) => {
          // One such answer is waited out within the poll (the whole host waits with it). A feed whose last answer asked
          // the same is failing, not busy: its poll fails and is recorded, rather than the job waiting again and again
          // for as long as the feed keeps answering so, polled every Retry-After and never showing a failure.
          if (feed.lastHttpStatus !== null && BACK_OFF_STATUSES.has(feed.lastHttpStatus)) throw error;
          ownBackOff.error = error;
          await deps.index.updateFeed(feed.id, { lastHttpStatus: error.status });
        },
      },
    );
  } catch (error) {
    // A run that will not wait that long (run --until-idle) gives up with host-backoff: the feed's answer failed the poll.
    const gaveUpOnOwnAnswer = error instanceof TidingsError && error.code === 'host-backoff' && ownBackOff.error !== null;
    await recordFailedPoll(feed, gaveUpOnOwnAnswer ? ownBackOff.error : error, at, deps, context);
    throw error;
  }

  const warnings = [...result.warnings];
  const current = await followPermanentMove(feed, result, at, deps, context, warnings);
  if (current.state !== 'active') return { stopped: current.stateReason };
  const freshForMs = freshnessLifetimeMs(result.headers);
  if (result.notModified) {
    const { etag, lastModified, status: httpStatus } = result;
    await applyPollOutcome(deps.polling, current, { kind: 'not-modified', at, httpStatus, etag, lastModified, freshForMs });
    context.log.debug({ url: current.url }, 'feed not modified');
    return { notModified: true };
  }
  const bodyKey = await deps.bodies.put(result.text);
  // One parse per poll, even of a body parsed before (its outcome must still be recorded); a re-run of this job queues none twice.
  const parseJobId = `parse-${context.jobId}`;
  await deps.queues.add(
    QUEUES.feedParse,
    {
      feedId: feed.id,
      finalUrl: result.finalUrl,
      contentLocation: contentLocationOf(result),
      linkHeader: linkHeaderOf(result),
      bodyKey,
      fetchedAt: at,
      etag: result.etag,
      lastModified: result.lastModified,
      httpStatus: result.status,
      freshForMs,
      warnings,
    },
    { jobId: parseJobId },
  );
  const handedOver: FeedFetchResult = { parseJobId };
  return { bytes: result.bytes, status: result.status, ...handedOver };
}

/** The response's Content-Location resolved against the URL it came from (RFC 9110 §8.7), or null. */
function contentLocationOf(result: FetchResult): string | null {
  const value = result.headers['content-location'];
  if (!value) return null;
  try {
    const resolved = new URL(value, result.finalUrl);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** The response's Link header, where a feed may name its WebSub hub; null when none or too long to carry. */
function linkHeaderOf(result: FetchResult): string | null {
  const value = result.headers.link;
  return value && value.length <= LINK_HEADER_MAX_CHARS ? value : null;
}

/** Records why a poll failed (410 stops the feed, anything else counts towards backoff and pausing), unless it was not the feed's fault. */
async function recordFailedPoll(feed: FeedRecord, error: unknown, at: string, deps: FetcherDeps, context: FetchJobContext): Promise<void> {
  // A job put aside has not failed; nor is a host's Retry-After (or our network outage) the feed's fault.
  if (error instanceof DelayedError || (error instanceof TidingsError && error.code === 'host-backoff')) return;
  const { code, message } = describeError(error);
  const httpStatus = error instanceof HttpStatusError ? error.status : null;
  // A 429/503 that asked for a pause (the host waits that long too): the feed's next poll is shown, and comes, no sooner.
  const retryAfter = error instanceof HttpStatusError ? retryAfterMs(error.headers) : null;
  const after = await applyPollOutcome(deps.polling, feed, { kind: 'failed', at, httpStatus, code, message, retryAfterMs: retryAfter });
  if (after?.state === 'stopped') context.log.info({ url: feed.url }, 'feed gone (410): stopped');
  else if (after?.state === 'paused') context.log.warn({ url: feed.url, failures: after.consecutiveFailures }, 'feed paused after repeated failures');
}

/**
 * After 301/308 redirects from the stored URL, stores the URL they lead to
 * (only through an unbroken chain of permanent ones: a 302 on the way means
 * the move may not last). When another subscription already has that URL,
 * this one is a duplicate and is stopped with the reason (and the fetch that
 * found it out recorded, so the feed does not read as never fetched).
 */
async function followPermanentMove(
  feed: FeedRecord,
  result: FetchResult,
  at: string,
  deps: FetcherDeps,
  context: FetchJobContext,
  warnings: string[],
): Promise<FeedRecord> {
  let target: string | null = null;
  for (const [index, url] of result.redirects.entries()) {
    if (!PERMANENT_REDIRECTS.has(result.redirectStatuses[index] ?? 0)) break;
    target = url;
  }
  const normalised = target === null ? null : normaliseUrl(target);
  if (normalised === null || normalised === feed.url) return feed;
  if (normalised.length > MAX_URL_LENGTH) {
    // Not storable: the feed's record could not be written, so every poll would fail before its outcome was
    // recorded. The URL subscribed still leads there; the feed's status says why it stays.
    warnings.push(`moved permanently to a URL of ${normalised.length} characters, longer than ${MAX_URL_LENGTH}: the subscribed URL is kept`);
    return feed;
  }
  try {
    const moved = await deps.index.updateFeed(feed.id, { url: normalised });
    context.log.info({ from: feed.url, to: normalised }, 'feed moved permanently: URL updated');
    return moved ?? feed;
  } catch (error) {
    if (!(error instanceof TidingsError) || error.code !== 'invalid-payload') throw error;
    const holder = (await deps.index.listFeeds()).find((other) => other.url === normalised);
    const reason = `stopped: moved permanently to ${normalised}, which is already subscribed${holder ? ` as feed ${holder.id}` : ''}`;
    return (await deps.index.updateFeed(feed.id, { ...stopPatch(reason), lastFetchAt: at, lastHttpStatus: result.status })) ?? feed;
  }
}

/** True when two ISO timestamps name the same instant (however each was spelled). */
function sameInstant(a: string, b: string): boolean {
  return a === b || Date.parse(a) === Date.parse(b);
}
