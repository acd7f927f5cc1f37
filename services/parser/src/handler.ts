import { QUEUES, type FeedItem, type ItemHint, type JobPayload } from '@tidings/contracts';
import { parseFeed } from '@tidings/feed';
import type { TidingsIndex } from '@tidings/index';
import type { BodyStore, JobContext, PipelineQueues } from '@tidings/queue';
import { articleId } from '@tidings/url';

export interface ParserDeps {
  index: TidingsIndex;
  bodies: BodyStore;
  queues: PipelineQueues;
}

/** Longest feed summary carried in a job; the full content goes through the body store. */
const MAX_SUMMARY_CHARS = 2_000;

/**
 * Parses a fetched feed, claims the item URLs never seen before (by any feed)
 * and queues each of those for fetching. A feed that fails to parse gets the
 * reason in its status; its validators are stored only after a good parse.
 */
export async function handleFeedParse(payload: JobPayload<typeof QUEUES.feedParse>, deps: ParserDeps, context: JobContext) {
  const at = new Date().toISOString();
  let parsed;
  try {
    parsed = await parseFeed(await deps.bodies.get(payload.bodyKey), { feedUrl: payload.feedUrl });
  } catch (error) {
    await deps.index.recordFeedStatus(payload.feedId, { at, status: 'error', error: (error as Error).message });
    throw error;
  }
  const items = new Map<string, FeedItem>();
  for (const item of parsed.items) if (item.url && !items.has(item.url)) items.set(item.url, item);
  // An article already known through another feed is not fetched again; the index notes that this feed lists it too.
  const fresh = await deps.index.claimNewItems(payload.feedId, [...items.keys()]);
  for (const url of fresh) {
    const item = items.get(url)!;
    await deps.queues.add(
      QUEUES.articleFetch,
      { url, feedId: payload.feedId, feedUrl: payload.feedUrl, item: await itemHint(item, deps.bodies) },
      { jobId: `article-${articleId(url)}` },
    );
  }
  await deps.index.recordFeedStatus(payload.feedId, {
    at,
    status: 'ok',
    title: parsed.feed.title,
    etag: payload.etag,
    lastModified: payload.lastModified,
  });
  if (parsed.warnings.length > 0) context.log.info({ warnings: parsed.warnings.slice(0, 10) }, 'feed parsed with warnings');
  return { format: parsed.format, items: parsed.items.length, new: fresh.length, warnings: parsed.warnings.length };
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
