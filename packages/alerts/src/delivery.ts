import { DIGEST_PERIOD_MS, type AlertMatchEvent, type ArticleRecord, type DigestPeriod, type SavedSearchRecord } from '@tidings/contracts';

/**
 * Where a saved search's matches go, and what is posted there. Pure.
 *
 * A match is announced on the live stream always; it is posted on its own
 * to the search's webhook unless a digest takes that webhook; it waits for
 * the digest when the search has one (to the digest's own webhook, else the
 * search's).
 */

type Webhook = NonNullable<SavedSearchRecord['webhook']>;

/** The webhook each match is posted to at once, or null (none, or a digest has taken it). */
export function matchWebhook(search: SavedSearchRecord): Webhook | null {
  if (search.digest && search.digest.webhook === null) return null;
  return search.webhook;
}

/** The webhook the digest goes to, or null when the search has no digest. */
export function digestWebhook(search: SavedSearchRecord): Webhook | null {
  if (!search.digest) return null;
  return search.digest.webhook ?? search.webhook;
}

/** What a match says about its article: enough to show it, no text. */
export function articleSummary(article: AlertMatchEvent['article']): AlertMatchEvent['article'] {
  return {
    id: article.id,
    url: article.url,
    title: article.title,
    siteName: article.siteName,
    authors: article.authors,
    publishedAt: article.publishedAt,
    excerpt: article.excerpt,
    lang: article.lang,
  };
}

function searchSummary(search: SavedSearchRecord) {
  return { id: search.id, name: search.name, query: search.query, filters: search.filters };
}

/** The JSON posted to a webhook for one match. */
export function matchBody(search: SavedSearchRecord, article: ArticleRecord, matchedAt: string): string {
  return JSON.stringify({ type: 'saved-search.match', search: searchSummary(search), article: articleSummary(article), matchedAt });
}

/** Articles listed in one digest message, at most (the newest); `total` says how many matched. */
export const DIGEST_MAX_ARTICLES = 100;

/** A digest period, [from, to) in ms. */
export interface DigestWindow {
  from: number;
  to: number;
}

/**
 * The last period of `every` that has ended by `now`: periods start on the
 * hour (1h) or at midnight UTC (1d), so every alerter agrees on them.
 * `periodMs` overrides the period's length (tests).
 */
export function endedDigestPeriod(every: DigestPeriod, now: number, periodMs: number = DIGEST_PERIOD_MS[every]): DigestWindow {
  const to = Math.floor(now / periodMs) * periodMs;
  return { from: to - periodMs, to };
}

/**
 * The JSON of one digest: the period, how many articles matched, and the
 * newest {@link DIGEST_MAX_ARTICLES} of them with when each matched.
 */
export function digestBody(
  search: SavedSearchRecord,
  every: DigestPeriod,
  window: DigestWindow,
  // Summaries (articleSummary) are enough: a digest of a busy search gathers up to a thousand matches, and their texts need not be held.
  matches: ReadonlyArray<{ article: AlertMatchEvent['article']; matchedAt: string }>,
): string {
  const newest = [...matches].sort((a, b) => (a.matchedAt < b.matchedAt ? 1 : a.matchedAt > b.matchedAt ? -1 : 0)).slice(0, DIGEST_MAX_ARTICLES);
  return JSON.stringify({
    type: 'saved-search.digest',
    search: searchSummary(search),
    period: { every, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    total: matches.length,
    articles: newest.map(({ article, matchedAt }) => ({ ...articleSummary(article), matchedAt })),
  });
}

/**
 * The id of one message to a saved search's webhook: `<search id>:<subject>`,
 * the subject being what its delivery log names (`articleId`): the article's
 * id for a match, `digest:<period end>` for a digest. Every attempt to
 * deliver one message carries the same id, however the search or the article
 * changed between attempts, and so does the same match queued again:
 * receivers drop repeats by it (`webhook-id`).
 */
export function messageId(searchId: string, subject: string): string {
  return `${searchId}:${subject}`;
}
