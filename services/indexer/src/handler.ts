import { ArticleRecordSchema, TidingsError, type ArticleRecord, type JobPayload, type QUEUES, type RefetchedResult } from '@tidings/contracts';
import { articleFacts, type TidingsIndex } from '@tidings/index';
import { createdByJob, readBodyOrRefetch, type BodyStore, type IndexedEvent, type IndexedEventPublisher, type JobContext, type PipelineQueues } from '@tidings/queue';
import { isRevisionOf, type StoryGrouper, type StoryInput } from '@tidings/stories';

export interface IndexerDeps {
  /** upsertArticle is the service's batch writer's (see service.ts); the others the index's own. */
  index: Pick<TidingsIndex, 'upsertArticle' | 'getArticle' | 'moveArticle' | 'articleUrlOfItem'>;
  bodies: BodyStore;
  /** Where the page's fetch is queued again when its record is gone (readBodyOrRefetch). */
  queues: PipelineQueues;
  /**
   * Announces newly indexed articles on the stream the alerter and the API's
   * live streams read (best effort); `begin`/`end` bracket a job's write and
   * announcement, and `record` keeps what the write did in between, so a run
   * of a job whose earlier run died in between announces what that run
   * created, never an article stored before the job (IndexedEventPublisher).
   * Optional.
   */
  events?: Pick<IndexedEventPublisher, 'publish' | 'begin' | 'record' | 'end'>;
  /** The page types stored (TIDINGS_INDEX_PAGE_TYPES); default article, forum, documentation. */
  pageTypes?: readonly string[];
  /** Gives each article its storyId before it is stored (the service's grouper keeps its state in Redis); without it articles get none. */
  stories?: Pick<StoryGrouper, 'assign'>;
}

/** What story grouping reads of a record; the site as the index files it (site name, else host), so story sites match search's. */
export function storyInputOf(record: ArticleRecord): StoryInput {
  return { id: record.id, title: record.title, text: record.text, publishedAt: record.publishedAt, site: articleFacts(record).site };
}

/**
 * The record with its storyId. Grouping an article twice gives the same story
 * (the grouper remembers it), so a job run again stores the same one; the index
 * keeps an article's first story in any case.
 */
async function withStory(record: ArticleRecord, stories: IndexerDeps['stories']): Promise<ArticleRecord> {
  if (!stories) return record;
  try {
    const { storyId } = await stories.assign(storyInputOf(record));
    return { ...record, storyId };
  } catch (error) {
    throw new TidingsError('io', `story grouping of ${record.url} failed: ${error instanceof Error ? error.message : String(error)}`, { permanent: false, cause: error });
  }
}

/**
 * A page whose canonical URL changed since its item was indexed (a new slug,
 * a 301 to one), or an item the feed now links elsewhere (its guid's
 * `previousItemUrl`): the article stored for the earlier item URL or this
 * one (under it, or under the canonical URL it led to: articleOfItem),
 * when the record reads as it revised (isRevisionOf), is moved to the
 * record's URL before the upsert, which then updates it: one article, its
 * story and feeds kept, announced once. A link that now leads to another
 * story (a "latest" link, a reused URL or guid) leaves the earlier article
 * alone. Returns the URL moved from.
 */
async function moveRevisedArticle(itemUrls: ReadonlyArray<string | undefined>, record: ArticleRecord, index: IndexerDeps['index']): Promise<string | null> {
  for (const itemUrl of new Set(itemUrls)) {
    if (itemUrl === undefined || itemUrl === record.url) continue;
    const previous = await articleOfItem(itemUrl, index);
    if (!previous || previous.url === record.url || !isRevisionOf(previous, record)) continue;
    if (await index.moveArticle(previous.url, { url: record.url, id: record.id })) return previous.url;
  }
  return null;
}

/**
 * The article stored for an item: under the item's own URL, else under the
 * canonical URL its page had when it was last indexed (a feed link that
 * redirects to the article, a short link: articleUrlOfItem).
 */
async function articleOfItem(itemUrl: string, index: IndexerDeps['index']): Promise<ArticleRecord | null> {
  const own = await index.getArticle(itemUrl);
  if (own) return own;
  const stored = await index.articleUrlOfItem(itemUrl);
  return stored === null ? null : index.getArticle(stored);
}

const DEFAULT_PAGE_TYPES: readonly string[] = ['article', 'forum', 'documentation'];

/**
 * Upserts one record, keyed by its canonical URL (re-running never
 * duplicates); the item URL it was claimed under finds the feeds that
 * listed it, whatever its canonical URL turned out to be. A record that is
 * gone has its page fetched again (readBodyOrRefetch).
 */
export async function handleArticleIndex(payload: JobPayload<typeof QUEUES.articleIndex>, deps: IndexerDeps, context: JobContext) {
  const raw = await readBodyOrRefetch(deps, payload.recordKey, payload, context.log);
  if (raw === null) return { url: payload.canonicalUrl, refetched: true } satisfies RefetchedResult;
  const parsed = ArticleRecordSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new TidingsError('invalid-payload', `record for ${payload.canonicalUrl} does not match ArticleRecord: ${parsed.error.issues[0]?.message}`, { permanent: true });
  }
  const record = parsed.data;
  // A record without a pageType predates page types: it was stored as an article then, and still is.
  const pageTypes = deps.pageTypes ?? DEFAULT_PAGE_TYPES;
  if (record.pageType && !pageTypes.includes(record.pageType)) {
    throw new TidingsError('not-article', `${record.url} is a ${record.pageType} page (confidence ${record.pageTypeConfidence ?? '?'}), not one of the stored page types (${pageTypes.join(', ')})`, { permanent: true });
  }
  const grouped = await withStory(record, deps.stories);
  // Marked before the write: a run that finds an earlier run's mark announces what that run may have created unannounced.
  const unfinished = deps.events ? await deps.events.begin(context.jobId) : null;
  const movedFrom = await moveRevisedArticle([payload.previousItemUrl, payload.itemUrl], grouped, deps.index);
  if (movedFrom) context.log.info({ from: movedFrom, to: record.url }, 'article moved to its new canonical URL');
  const { id, created } = await deps.index.upsertArticle(grouped, { itemUrl: payload.itemUrl });
  context.log.info({ url: record.url, id, created, storyId: grouped.storyId, ...(unfinished ? { unfinished } : {}) }, created ? 'article indexed' : 'article updated');
  // What the job did, not what this run's write did: a run after this one that dies too must still announce what an earlier one created.
  const announce = createdByJob(created, unfinished);
  await deps.events?.record(context.jobId, announce ? 'created' : 'updated');
  if (announce && deps.events) {
    const event: IndexedEvent = {
      id,
      url: record.url,
      title: record.title,
      siteName: record.siteName,
      authors: record.authors,
      publishedAt: record.publishedAt,
      fetchedAt: record.fetchedAt,
      indexedAt: new Date().toISOString(),
    };
    // The article is stored: a failed announcement must not fail the job, whose re-run would find it stored and announce
    // nothing (created: false). So this one article is not alerted on nor streamed live: logged, as the one gap left.
    await deps.events.publish(event).catch((error: unknown) => context.log.warn({ err: error, articleId: id }, 'could not announce the indexed article: no alert or live stream gets it'));
  }
  await deps.events?.end(context.jobId);
  // publishedAt lets the metrics hook measure publication-to-index lag.
  return { id, created, publishedAt: record.publishedAt };
}
