import { QUEUES, TidingsError, type ItemHint, type JobPayload } from '@tidings/contracts';
import { articleId } from '@tidings/url';
import type { Logger } from 'pino';
import type { BodyStore } from './body-store.js';
import type { PipelineQueues } from './queues.js';

/**
 * A page's stored body (its HTML, or the record extracted from it) can be gone
 * before the next stage reads it: it waited in a backlog longer than
 * TIDINGS_BODY_TTL, or Redis lost it. The item is claimed in the index by then,
 * so no poll would queue it again and the article would be lost: the stage
 * fetches the page again instead. Each refetch counts, and after
 * MAX_REFETCHES the body's absence is a permanent [body-expired] failure (a
 * backlog that outlives the TTL every time needs a longer TTL, not more
 * fetches).
 */
export const MAX_REFETCHES = 3;

/** What a stage's payload says of the page it is about: enough to fetch it again when it carries the feed and the item hint. */
export interface RefetchSource {
  itemUrl: string;
  feedUrl?: string | undefined;
  item?: ItemHint | undefined;
  refetches?: number | undefined;
}

/** The article-fetch job that fetches the page again after `expiredKey` was found gone. */
export interface RefetchJob {
  payload: JobPayload<typeof QUEUES.articleFetch>;
  /** One per item and lost body: a stage that runs again after queueing it queues nothing new. */
  jobId: string;
}

/**
 * The refetch for a stage whose input body is gone, or why there is none: a
 * job queued by an earlier version carries no feed URL (without it the page's
 * private-address rule cannot be applied), or the page was fetched again too
 * many times already.
 */
export function refetchJob(source: RefetchSource, expiredKey: string): RefetchJob | { refused: string } {
  const refetches = source.refetches ?? 0;
  if (!source.feedUrl || !source.item) return { refused: 'the job does not say which feed listed the page (queued by an earlier version)' };
  if (refetches >= MAX_REFETCHES) return { refused: `the page was fetched again ${refetches} times already` };
  return {
    payload: { itemUrl: source.itemUrl, feedUrl: source.feedUrl, item: source.item, refetches: refetches + 1 },
    jobId: `refetch-${articleId(source.itemUrl)}-${expiredKey.slice(-32)}`,
  };
}

/**
 * Reads a stage's input body. When it is gone, queues the page's fetch again
 * (refetchJob) and returns null, so that the stage ends its job as done; when
 * no refetch is possible, the [body-expired] failure stands, saying why.
 */
export async function readBodyOrRefetch(
  deps: { bodies: BodyStore; queues: PipelineQueues },
  key: string,
  source: RefetchSource,
  log: Logger,
): Promise<string | null> {
  try {
    return await deps.bodies.get(key);
  } catch (error) {
    if (!(error instanceof TidingsError) || error.code !== 'body-expired') throw error;
    const job = refetchJob(source, key);
    if ('refused' in job) throw new TidingsError('body-expired', `${error.message}; not fetched again: ${job.refused}`, { permanent: true, cause: error });
    await deps.queues.add(QUEUES.articleFetch, job.payload, { jobId: job.jobId });
    log.warn({ code: 'body-expired', url: source.itemUrl, key, refetches: job.payload.refetches }, 'the stored body is gone: the page is fetched again');
    return null;
  }
}
