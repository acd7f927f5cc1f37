import { QUEUES, type ArticleRecord, type JobPayload, type RefetchedResult } from '@tidings/contracts';
import { readBodyOrRefetch, type BodyStore, type JobContext, type PipelineQueues } from '@tidings/queue';
import { articleId } from '@tidings/url';
import type { ArticleExtractor } from './extraction-pool.js';

/** What a finished extract job returns (the log's summary of the record handed on). */
export interface ExtractResult {
  url: string;
  wordCount: number;
  method: NonNullable<ArticleRecord['extraction']>['method'];
}

export interface ExtractorDeps {
  bodies: BodyStore;
  queues: PipelineQueues;
  /** Runs the extraction off this thread (extraction-pool.ts), so job locks keep being renewed. */
  extract: ArticleExtractor;
}

/**
 * Turns a fetched page into an ArticleRecord and hands it to the indexer. A
 * page whose stored HTML is gone is fetched again (readBodyOrRefetch): the job
 * ends as a RefetchedResult.
 */
export async function handleArticleExtract(
  payload: JobPayload<typeof QUEUES.articleExtract>,
  deps: ExtractorDeps,
  context: JobContext,
): Promise<ExtractResult | RefetchedResult> {
  const html = await readBodyOrRefetch(deps, payload.bodyKey, payload, context.log);
  if (html === null) return { url: payload.itemUrl, refetched: true } satisfies RefetchedResult;
  const contentHtml = payload.item.contentKey ? await deps.bodies.get(payload.item.contentKey).catch(() => null) : null;
  const extracted = await deps.extract(html, { url: payload.finalUrl, item: { ...payload.item, contentHtml } });
  const record: ArticleRecord = {
    ...extracted,
    id: articleId(extracted.url),
    // The index fills in every feed that listed this item (see TidingsIndex.claimNewItems).
    feedUrls: [],
    fetchedAt: payload.fetchedAt,
  };
  const recordKey = await deps.bodies.put(JSON.stringify(record));
  // The feed and the item hint go on, so that the indexer can have the page fetched again should the record be gone.
  const source = {
    ...(payload.feedUrl ? { feedUrl: payload.feedUrl, item: payload.item } : {}),
    ...(payload.refetches ? { refetches: payload.refetches } : {}),
    ...(payload.previousItemUrl ? { previousItemUrl: payload.previousItemUrl } : {}),
  };
  await deps.queues.add(QUEUES.articleIndex, { itemUrl: payload.itemUrl, canonicalUrl: record.url, recordKey, ...source }, { jobId: `index-${recordKey.slice(-32)}` });
  context.log.debug(
    { url: record.url, words: record.wordCount, method: extracted.extraction.method, confidence: extracted.extraction.confidence },
    'article extracted',
  );
  return { url: record.url, wordCount: record.wordCount, method: extracted.extraction.method };
}
