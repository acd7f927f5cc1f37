import { QUEUES, type ArticleRecord, type JobPayload } from '@tidings/contracts';
import type { BodyStore, JobContext, PipelineQueues } from '@tidings/queue';
import { articleId } from '@tidings/url';
import type { ArticleExtractor } from './extraction-pool.js';

export interface ExtractorDeps {
  bodies: BodyStore;
  queues: PipelineQueues;
  /** Runs the extraction off this thread (extraction-pool.ts), so job locks keep being renewed. */
  extract: ArticleExtractor;
}

/** Turns a fetched page into an ArticleRecord and hands it to the indexer. */
export async function handleArticleExtract(payload: JobPayload<typeof QUEUES.articleExtract>, deps: ExtractorDeps, context: JobContext) {
  const html = await deps.bodies.get(payload.bodyKey);
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
  await deps.queues.add(QUEUES.articleIndex, { itemUrl: payload.itemUrl, canonicalUrl: record.url, recordKey }, { jobId: `index-${recordKey.slice(-32)}` });
  context.log.debug(
    { url: record.url, words: record.wordCount, method: extracted.extraction.method, confidence: extracted.extraction.confidence },
    'article extracted',
  );
  return { url: record.url, wordCount: record.wordCount, method: extracted.extraction.method };
}
