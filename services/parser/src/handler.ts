import { describeError, QUEUES, type FeedItem, type ItemHint, type JobPayload } from '@tidings/contracts';
import type { ItemRevision, TidingsIndex } from '@tidings/index';
import { applyPollOutcome, applyPushedContent, type FailedPoll, type ParsedPoll, type PollRecorder } from '@tidings/polling';
import type { BodyStore, JobContext, PipelineQueues } from '@tidings/queue';
import { articleId } from '@tidings/url';
import { writeFeedStatus } from './feed-status.js';
import type { FeedParser } from './parse-pool.js';
import { askForSubscription, type ParserWebSub } from './websub-discovery.js';

export interface ParserDeps {
  index: TidingsIndex;
  bodies: BodyStore;
  queues: PipelineQueues;
  /** Records each parse's outcome on the feed: status, validators, hints, warnings, interval and next poll. */
  polling: PollRecorder;
  /** parseFeed, off the main thread and under a time budget (createParsePool). */
  parse: FeedParser;
  /** Most new items of one document queued for fetching (TIDINGS_FEED_MAX_ITEMS), the newest; the rest wait unclaimed for later polls, with a warning. */
  maxItems: number;
  /** WebSub: hubs found are asked for a subscription, pushed content is recorded as such. Absent: WebSub off. */
  webSub?: ParserWebSub;
}

/** Longest feed summary carried in a job; the full content goes through the body store. */
const MAX_SUMMARY_CHARS = 2_000;

/**
 * Parses a fetched feed, queues every item URL no feed has claimed yet for
 * fetching and then claims them, queues again the claimed items the feed
 * says were updated since (itemRevisions) and then records the revisions
 * that changed, then records the poll on the feed in one
 * write (@tidings/polling): its status and validators, the polling hints of
 * the document (kept for the 304s to come), the fetch's and the parse's
 * warnings, and the adaptive interval from the items' dates and the new
 * items found. A feed that fails to parse gets the reason in its status and
 * counts as a failed poll (backoff, then pause); its validators are stored
 * only after a good parse. Should that write fail, the job fails with a
 * retryable `[io]` saying so, after logging it and recording it on the feed
 * by a simpler write where one goes through (writeFeedStatus).
 */
export async function handleFeedParse(payload: JobPayload<typeof QUEUES.feedParse>, deps: ParserDeps, context: JobContext) {
  // Read before the items are claimed: the interval is computed from the feed as it was before this poll.
  const feed = await deps.index.getFeed(payload.feedId);
  if (!feed) return { skipped: 'feed no longer subscribed' };
  // The feed's lastFetchAt (and lastNewItemAt) is when it was fetched, not when the parser got to it.
  const at = payload.fetchedAt;
  const httpStatus = payload.httpStatus ?? null;
  let parsed;
  try {
    const body = await deps.bodies.get(payload.bodyKey);
    // The fetch's warnings come first among the parse's; Content-Location is the base below any xml:base.
    parsed = await deps.parse(body, { feedUrl: payload.finalUrl, contentLocation: payload.contentLocation, warnings: payload.warnings });
  } catch (error) {
    const { code, message } = describeError(error);
    // Pushed content that does not parse is the hub's delivery failing, not a poll of the feed.
    if (payload.source !== 'push') {
      const outcome: FailedPoll = { kind: 'failed', at, httpStatus, code, message };
      const status = { feed, what: `the failed poll of ${at}`, pollFailure: { code, message }, fallback: deps.polling.index };
      await writeFeedStatus(() => applyPollOutcome(deps.polling, feed, outcome), status, context.log);
    }
    throw error;
  }
  // Distinct item URLs in feed order.
  const listed = new Map<string, FeedItem>();
  for (const item of parsed.items) if (item.url && !listed.has(item.url)) listed.set(item.url, item);
  // An item with no link to fetch is left out; said on the feed, not dropped in silence (its text alone has no address to index it under).
  const linkless = parsed.items.flatMap((item, index) => (item.url ? [] : [{ item, index }]));
  const first = linkless[0];
  if (first !== undefined) {
    const named = first.item.title ? `item ${first.index + 1}, "${first.item.title.slice(0, 80)}"` : `item ${first.index + 1}`;
    parsed.warnings.push(`left out ${linkless.length} item${linkless.length === 1 ? '' : 's'} without a link to fetch (the first: ${named})`);
  }
  // Queue first, claim after: a crash in between leaves an item queued and unclaimed, and the retried job
  // queues it again under the same job id (a no-op), instead of claimed and never queued (lost for good).
  // An article already known through another feed is not fetched again; the claim notes that this feed lists it too.
  // At most TIDINGS_FEED_MAX_ITEMS new items a poll, the newest: the others stay unclaimed, so later polls take them.
  const unclaimed = await deps.index.unclaimedItems([...listed.keys()]);
  const taken = new Set(newestFirst(unclaimed, listed).slice(0, deps.maxItems));
  if (unclaimed.length > taken.size) {
    parsed.warnings.push(
      `the feed lists ${unclaimed.length} items not fetched yet; the newest ${taken.size} were queued, the other ${unclaimed.length - taken.size} wait for the next polls (TIDINGS_FEED_MAX_ITEMS)`,
    );
  }
  const waiting = new Set(unclaimed.filter((url) => !taken.has(url)));
  // What this poll handles (claims, revisions): all it lists but the new items left for later polls.
  const items = new Map([...listed].filter(([url]) => !waiting.has(url)));
  // A new link under a guid this feed gave before to another link it no longer lists is that item moved (a new slug, a
  // session id in the link): fetched with the earlier link beside it, so that the indexer moves its article rather than
  // storing a second one (when the text reads as the same article).
  const guids = itemGuids(listed, items);
  const takenGuids = [...taken].flatMap((url) => guids.get(url) ?? []);
  const claimedUnder = takenGuids.length > 0 ? await deps.index.claimedItemsByGuid(payload.feedId, takenGuids) : new Map<string, string>();
  for (const itemUrl of unclaimed) {
    if (!taken.has(itemUrl)) continue;
    const item = items.get(itemUrl)!;
    const previous = claimedUnder.get(guids.get(itemUrl) ?? '');
    const moved = previous !== undefined && previous !== itemUrl && !listed.has(previous) ? { previousItemUrl: previous } : {};
    await deps.queues.add(QUEUES.articleFetch, { itemUrl, feedUrl: payload.finalUrl, item: await itemHint(item, deps.bodies), ...moved }, { jobId: `article-${articleId(itemUrl)}` });
  }
  const itemUrls = [...items.keys()];
  const fresh = await deps.index.claimNewItems(payload.feedId, itemUrls, guids);
  // An item fetched before whose feed now gives a later update time (a correction, a new title) is fetched again, under
  // a job id of that revision; queued before the revision is recorded, as a new item is before its claim.
  const revisions = itemRevisions(items);
  const { revised, unrecorded } = await deps.index.checkItemRevisions(revisions);
  for (const itemUrl of revised) {
    const item = items.get(itemUrl)!;
    const revision = Date.parse(item.updatedAt ?? '').toString(36);
    await deps.queues.add(QUEUES.articleFetch, { itemUrl, feedUrl: payload.finalUrl, item: await itemHint(item, deps.bodies) }, { jobId: `article-${articleId(itemUrl)}-rev-${revision}` });
  }
  // Only what changed is written: the revised items' revisions, and the first (a baseline) of items claimed without one,
  // this poll's new items or ones a crash left unrecorded after their claim. A poll of an unchanged feed writes none.
  const changed = new Set([...revised, ...unrecorded]);
  if (changed.size > 0) await deps.index.recordItemRevisions(revisions.filter((revision) => changed.has(revision.url)));
  if (revised.length > 0) context.log.info({ revised: revised.length }, 'items updated since they were fetched: fetched again');
  if (deps.webSub) {
    const hub = await askForSubscription(deps.webSub, feed.id, { linkHeader: payload.linkHeader, documentUrl: payload.finalUrl }, parsed);
    if (hub !== null) context.log.info({ hub }, 'the feed names a WebSub hub: subscription asked for');
  }
  if (payload.source === 'push') {
    // No poll happened: validators, poll status and warnings stay those of the last poll.
    const webSub = deps.webSub;
    if (webSub) {
      const pushed = { at, title: parsed.feed.title, newItems: fresh.length };
      await writeFeedStatus(() => applyPushedContent(deps.polling, feed, pushed, webSub.safetyPollMs), { feed, what: `the content pushed at ${at}` }, context.log);
    }
    return { format: parsed.format, items: parsed.items.length, new: fresh.length, revised: revised.length, pushed: true };
  }
  const outcome: ParsedPoll = {
    kind: 'parsed',
    at,
    httpStatus,
    etag: payload.etag,
    lastModified: payload.lastModified,
    freshForMs: payload.freshForMs ?? null,
    title: parsed.feed.title,
    hints: parsed.hints,
    itemTimes: itemTimes(parsed.items),
    newItems: fresh.length,
    warnings: parsed.warnings,
  };
  // The items are queued and claimed by now: a retry after a failed write queues none of them again (nor counts them as new).
  await writeFeedStatus(() => applyPollOutcome(deps.polling, feed, outcome), { feed, what: `the poll of ${at}`, fallback: deps.polling.index }, context.log);
  if (parsed.warnings.length > 0) context.log.info({ warnings: parsed.warnings.slice(0, 10) }, 'feed parsed with warnings');
  return { format: parsed.format, items: parsed.items.length, new: fresh.length, revised: revised.length, warnings: parsed.warnings.length };
}

/**
 * An update time shared by more of one document's items than this is when
 * the feed was built (some generators stamp every entry with it), not when
 * each item was revised: it would have every item fetched again on every poll.
 */
const MAX_ITEMS_PER_UPDATE_TIME = 2;

/** The items' update times (Atom updated, JSON Feed date_modified, RSS atom:updated...) that say when each was revised. */
function itemRevisions(items: ReadonlyMap<string, FeedItem>): ItemRevision[] {
  const sharing = new Map<string, number>();
  for (const item of items.values()) if (item.updatedAt) sharing.set(item.updatedAt, (sharing.get(item.updatedAt) ?? 0) + 1);
  return [...items].flatMap(([url, item]) => (item.updatedAt && (sharing.get(item.updatedAt) ?? 0) <= MAX_ITEMS_PER_UPDATE_TIME ? [{ url, revision: item.updatedAt }] : []));
}

/**
 * The guids of `items` (URL -> guid) that name an item apart from its link:
 * not the link itself, and given to no other item of the document (`listed`):
 * a feed giving every item one guid says nothing by it.
 */
function itemGuids(listed: ReadonlyMap<string, FeedItem>, items: ReadonlyMap<string, FeedItem>): Map<string, string> {
  const uses = new Map<string, number>();
  for (const item of listed.values()) uses.set(item.id, (uses.get(item.id) ?? 0) + 1);
  return new Map([...items].flatMap(([url, item]): Array<[string, string]> => (item.id !== '' && item.id !== url && uses.get(item.id) === 1 ? [[url, item.id]] : [])));
}

/** An item's publication time (else its update time), in ms; null when it has no date. */
function itemTime(item: FeedItem | undefined): number | null {
  const time = Date.parse(item?.publishedAt ?? item?.updatedAt ?? '');
  return Number.isNaN(time) ? null : time;
}

/** Before every date Date.parse gives (±8.64e15 ms): undated items sort last, and a difference stays a number. */
const UNDATED = Number.MIN_SAFE_INTEGER;

/** The item URLs newest first by the feed's dates; undated ones after, in feed order (the sort is stable). */
function newestFirst(urls: readonly string[], items: ReadonlyMap<string, FeedItem>): string[] {
  const times = new Map(urls.map((url) => [url, itemTime(items.get(url)) ?? UNDATED]));
  return [...urls].sort((a, b) => times.get(b)! - times.get(a)!);
}

/** Each item's time (itemTime); items without a date are left out. */
function itemTimes(items: FeedItem[]): number[] {
  return items.flatMap((item) => itemTime(item) ?? []);
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
