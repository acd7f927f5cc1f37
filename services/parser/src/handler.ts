import { QUEUES, type FeedItem, type ItemHint, type JobPayload } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import { recordPollFailure, scheduleAfterSuccess, type FeedHintStore, type ScheduleDeps } from '@tidings/polling';
import type { BodyStore, JobContext, PipelineQueues } from '@tidings/queue';
import { articleId } from '@tidings/url';
import type { FeedParser } from './parse-pool.js';

export interface ParserDeps {
  index: TidingsIndex;
  bodies: BodyStore;
  queues: PipelineQueues;
  /** Index and polling bounds: each parse sets the feed's adaptive interval and next poll. */
  schedule: ScheduleDeps;
  /** Where the feed's own polling hints (ttl, sy:updatePeriod, skipHours/Days) are kept for later polls. */
  hints: FeedHintStore;
  /** parseFeed, off the main thread and under a time budget (createParsePool). */
  parse: FeedParser;
  /** Most items of one document queued for fetching (TIDINGS_FEED_MAX_ITEMS); the rest are dropped with a warning. */
  maxItems: number;
}

/** Longest feed summary carried in a job; the full content goes through the body store. */
const MAX_SUMMARY_CHARS = 2_000;

/**
 * Parses a fetched feed, queues every item URL no feed has claimed yet for
 * fetching and then claims them, then sets the feed's adaptive
 * polling interval from its items' dates and the new items found, within
 * the feed's own hints (`<ttl>`, `sy:updatePeriod`, skipHours/skipDays) and
 * the HTTP freshness the fetcher saw. A feed that fails to parse gets the
 * reason in its status and counts as a failed poll (backoff, then pause);
 * its validators are stored only after a good parse.
 */
export async function handleFeedParse(payload: JobPayload<typeof QUEUES.feedParse>, deps: ParserDeps, context: JobContext) {
  // The feed's lastFetchAt (and lastNewItemAt) is when it was fetched, not when the parser got to it.
  const at = payload.fetchedAt;
  let parsed;
  let body: string;
  try {
    body = await deps.bodies.get(payload.bodyKey);
    parsed = await deps.parse(body, payload.feedUrl);
  } catch (error) {
    await recordPollFailure(deps.schedule, payload.feedId, { at, error: (error as Error).message, httpStatus: payload.httpStatus });
    throw error;
  }
  // Distinct item URLs in feed order; only the first TIDINGS_FEED_MAX_ITEMS are taken.
  const listed = new Set(parsed.items.flatMap((item) => (item.url ? [item.url] : [])));
  const items = new Map<string, FeedItem>();
  for (const item of parsed.items) {
    if (item.url && !items.has(item.url) && items.size < deps.maxItems) items.set(item.url, item);
  }
  if (listed.size > items.size) {
    parsed.warnings.push(`the feed lists ${listed.size} items; only the first ${items.size} were taken (TIDINGS_FEED_MAX_ITEMS)`);
  }
  const urls = [...items.keys()];
  // Queue first, claim after: a crash in between leaves an item queued and unclaimed, and the retried job
  // queues it again under the same job id (a no-op), instead of claimed and never queued (lost for good).
  // An article already known through another feed is not fetched again; the claim notes that this feed lists it too.
  for (const url of await deps.index.unclaimedItems(urls)) {
    const item = items.get(url)!;
    await deps.queues.add(
      QUEUES.articleFetch,
      { url, feedId: payload.feedId, feedUrl: payload.feedUrl, item: await itemHint(item, deps.bodies) },
      { jobId: `article-${articleId(url)}` },
    );
  }
  const fresh = await deps.index.claimNewItems(payload.feedId, urls);
  await deps.index.recordFeedStatus(payload.feedId, {
    at,
    status: 'ok',
    title: parsed.feed.title,
    etag: payload.etag,
    lastModified: payload.lastModified,
    ...(payload.httpStatus === undefined ? {} : { httpStatus: payload.httpStatus }),
  });
  const { hints } = parsed;
  await deps.hints.put(payload.feedId, hints);
  const feed = await deps.index.getFeed(payload.feedId);
  if (feed && feed.state === 'active') {
    await scheduleAfterSuccess(deps.schedule, feed, { at, itemTimes: itemTimes(parsed.items), newItems: fresh.length, freshForMs: payload.freshForMs ?? null, hints });
  }
  if (parsed.warnings.length > 0) context.log.info({ warnings: parsed.warnings.slice(0, 10) }, 'feed parsed with warnings');
  return { format: parsed.format, items: parsed.items.length, new: fresh.length, warnings: parsed.warnings.length };
}

/** Each item's publication time (else its update time), in ms; items without a date are left out. */
function itemTimes(items: FeedItem[]): number[] {
  return items.flatMap((item) => {
    const time = Date.parse(item.publishedAt ?? item.updatedAt ?? '');
    return Number.isNaN(time) ? [] : [time];
  });
}

async function itemHint(item: FeedItem, bodies: BodyStore): Promise<ItemHint> {
  return {
    title: item.title,
    summary: item.summary === null ? null : item.summary.slice(0, MAX_SUMMARY_CHARS),
    authors: item.authors,
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    categories: item.categories,
    contentKey: item.contentHtml ? await bodies.put(item.contentHtml) : null,
  };
}
