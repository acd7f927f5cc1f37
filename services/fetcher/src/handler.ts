import { TidingsError, type JobPayload, QUEUES } from '@tidings/contracts';
import { fetchUrl, type FetchOptions } from '@tidings/http';
import type { TidingsIndex } from '@tidings/index';
import type { BodyStore, JobContext, PipelineQueues } from '@tidings/queue';
import { articleId } from '@tidings/url';

export interface FetcherDeps {
  index: TidingsIndex;
  bodies: BodyStore;
  queues: PipelineQueues;
  fetch: Pick<FetchOptions, 'allowPrivate' | 'timeoutMs' | 'maxBytes'>;
}

/** Content types an article page may come as; anything else is not a page to extract. */
const PAGE_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)$/;

/**
 * Polls one feed: conditional GET with the stored validators; a 304 ends the
 * job, a body goes to the body store and on to the parser. Fetch failures are
 * recorded in the feed's status before the job fails.
 */
export async function handleFeedFetch(payload: JobPayload<typeof QUEUES.feedFetch>, deps: FetcherDeps, context: JobContext) {
  const feed = await deps.index.getFeed(payload.feedId);
  if (!feed) return { skipped: 'feed no longer subscribed' };
  const at = new Date().toISOString();
  let result;
  try {
    result = await fetchUrl(feed.url, { ...deps.fetch, kind: 'feed', etag: feed.etag, lastModified: feed.lastModified });
  } catch (error) {
    await deps.index.recordFeedStatus(feed.id, { at, status: 'error', error: (error as Error).message });
    throw error;
  }
  if (result.notModified) {
    await deps.index.recordFeedStatus(feed.id, { at, status: 'not-modified' });
    context.log.debug({ url: feed.url }, 'feed not modified');
    return { notModified: true };
  }
  const bodyKey = await deps.bodies.put(result.text);
  await deps.queues.add(
    QUEUES.feedParse,
    { feedId: feed.id, feedUrl: result.finalUrl, bodyKey, fetchedAt: at, etag: result.etag, lastModified: result.lastModified },
    { jobId: `parse-${feed.id}-${bodyKey.slice(-32)}` },
  );
  return { bytes: result.bytes, status: result.status };
}

/** Fetches one article page and hands it to the extractor. */
export async function handleArticleFetch(payload: JobPayload<typeof QUEUES.articleFetch>, deps: FetcherDeps, context: JobContext) {
  const fetchedAt = new Date().toISOString();
  const result = await fetchUrl(payload.url, { ...deps.fetch, kind: 'page' });
  if (result.contentType && !PAGE_TYPES.test(result.contentType)) {
    throw new TidingsError('unsupported-content', `${payload.url} is ${result.contentType}, not an HTML page`, { permanent: true });
  }
  const bodyKey = await deps.bodies.put(result.text);
  await deps.queues.add(
    QUEUES.articleExtract,
    { url: payload.url, finalUrl: result.finalUrl, feedUrl: payload.feedUrl, bodyKey, fetchedAt, item: payload.item },
    { jobId: `extract-${articleId(payload.url)}-${bodyKey.slice(-32)}` },
  );
  context.log.debug({ url: payload.url, bytes: result.bytes }, 'article fetched');
  return { bytes: result.bytes, finalUrl: result.finalUrl };
}
