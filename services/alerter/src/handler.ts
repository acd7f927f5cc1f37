import { performance } from 'node:perf_hooks';
import { TidingsError, type AlertDeliverJob, type ArticleRecord, type IndexedEvent, type SavedSearchRecord } from '@tidings/contracts';
import type { SavedSearchStore } from '@tidings/alerts';
import type { TidingsIndex } from '@tidings/index';
import { postWebhook } from './webhook.js';

/** What the alerter's handlers need. */
export interface AlerterDeps {
  index: Pick<TidingsIndex, 'getArticle'>;
  store: Pick<SavedSearchStore, 'get' | 'logDelivery'>;
  matcher: { match(article: ArticleRecord): Promise<SavedSearchRecord[]> };
  /** Queues one delivery; the job id makes a second enqueue of the same match a no-op. */
  enqueue(job: AlertDeliverJob, jobId: string): Promise<unknown>;
  /** The SSRF guard: throws for a webhook URL the fetcher would refuse. */
  checkUrl(url: string): Promise<unknown>;
}

/** The job id of one match: a search matches an article once. */
export function deliveryJobId(searchId: string, articleId: string): string {
  return `alert-${searchId}-${articleId}`;
}

/**
 * A newly indexed article: matched against every saved search (through the
 * inverted set), one delivery queued per match with a webhook. Returns the
 * ids of the searches matched.
 */
export async function handleIndexedEvent(event: IndexedEvent, deps: AlerterDeps): Promise<string[]> {
  const article = await deps.index.getArticle(event.id);
  if (!article) return [];
  const matched = await deps.matcher.match(article);
  const matchedAt = new Date().toISOString();
  for (const search of matched) {
    if (search.webhook) await deps.enqueue({ searchId: search.id, articleId: article.id, matchedAt }, deliveryJobId(search.id, article.id));
  }
  return matched.map((search) => search.id);
}

/** The JSON posted to a webhook for one match. */
export function deliveryBody(search: SavedSearchRecord, article: ArticleRecord, matchedAt: string): string {
  return JSON.stringify({
    type: 'saved-search.match',
    search: { id: search.id, name: search.name, query: search.query, filters: search.filters },
    article: {
      id: article.id,
      url: article.url,
      title: article.title,
      siteName: article.siteName,
      authors: article.authors,
      publishedAt: article.publishedAt,
      excerpt: article.excerpt,
      lang: article.lang,
    },
    matchedAt,
  });
}

/**
 * Posts one match to its saved search's webhook, signed, after the SSRF
 * guard has vetted the URL again (DNS may have changed since it was saved);
 * every attempt goes to the search's delivery log. A search deleted (or
 * stripped of its webhook) since the match is dropped quietly.
 *
 * @throws TidingsError permanent for a refused address, a missing article or
 *   a receiver that refuses the delivery; retryable otherwise.
 */
export async function handleAlertDeliver(job: AlertDeliverJob, deps: AlerterDeps, attempt: number): Promise<{ delivered: boolean; status: number | null }> {
  const search = await deps.store.get(job.searchId);
  if (!search?.webhook) return { delivered: false, status: null };
  const article = await deps.index.getArticle(job.articleId);
  if (!article) throw new TidingsError('not-found', `article ${job.articleId} is no longer in the index`, { permanent: true });
  const started = performance.now();
  const log = (status: number | null, error: unknown) =>
    deps.store.logDelivery(search.id, {
      at: new Date().toISOString(),
      articleId: article.id,
      attempt,
      status,
      ok: error === null,
      error: error === null ? null : error instanceof Error ? error.message : String(error),
      durationMs: Math.round(performance.now() - started),
    });
  try {
    await deps.checkUrl(search.webhook.url);
    const outcome = await postWebhook(search.webhook.url, deliveryBody(search, article, job.matchedAt), search.webhook.secret);
    await log(outcome.status, null);
    return { delivered: true, status: outcome.status };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    await log(typeof status === 'number' ? status : null, error);
    throw error;
  }
}
