import { ArticleRecordSchema, TidingsError, type JobPayload, type QUEUES } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import type { BodyStore, JobContext } from '@tidings/queue';

export interface IndexerDeps {
  index: TidingsIndex;
  bodies: BodyStore;
}

/** Upserts one record, keyed by its canonical URL: re-running never duplicates. */
export async function handleArticleIndex(payload: JobPayload<typeof QUEUES.articleIndex>, deps: IndexerDeps, context: JobContext) {
  const raw = await deps.bodies.get(payload.recordKey);
  const parsed = ArticleRecordSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new TidingsError('invalid-payload', `record for ${payload.url} does not match ArticleRecord: ${parsed.error.issues[0]?.message}`, { permanent: true });
  }
  const { id, created } = await deps.index.upsertArticle(parsed.data, { itemUrl: payload.url });
  context.log.info({ url: parsed.data.url, id, created }, created ? 'article indexed' : 'article updated');
  return { id, created };
}
