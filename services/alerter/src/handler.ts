import { performance } from 'node:perf_hooks';
import {
  describeError,
  DIGEST_PERIOD_MS,
  TidingsError,
  type AlertDeliverJob,
  type AlertMatchEvent,
  type AlertDigestJob,
  type ArticleRecord,
  type DeliveryLogEntry,
  type DigestPeriod,
  type IndexedEvent,
  type SavedSearchRecord,
} from '@tidings/contracts';
import { articleSummary, digestBody, digestWebhook, endedDigestPeriod, matchBody, matchWebhook, messageId, type SavedSearchStore } from '@tidings/alerts';
import type { TidingsIndex } from '@tidings/index';
import { heldDeliveryWaitMs, type ReceiverBackOff } from './receiver-backoff.js';
import { ReceiverBusy, receiverOf, type ReceiverSlots } from './receiver-slots.js';
import type { PostOutcome } from './webhook.js';

/** What the alerter's handlers need. */
export interface AlerterDeps {
  index: Pick<TidingsIndex, 'getArticle'>;
  store: Pick<SavedSearchStore, 'get' | 'logDelivery' | 'collectForDigest' | 'pendingDigest' | 'clearDigest'>;
  matcher: { match(article: ArticleRecord): Promise<SavedSearchRecord[]> };
  /** Appends one match to the installation's stream of matches (alertMatchStream of @tidings/queue), which the API's live streams of saved searches read. */
  announceMatch(event: AlertMatchEvent): Promise<unknown>;
  /** Queues one delivery; the job id makes a second enqueue of the same match a no-op. */
  enqueue(job: AlertDeliverJob, jobId: string): Promise<unknown>;
  /** Posts a signed body to a webhook through the SSRF guard (postWebhook): throws typed TidingsErrors. */
  /** Posts one attempt at a message; `messageId` is the same on every attempt at it (messageId of @tidings/alerts). */
  post(url: string, body: string, secret: string, messageId: string): Promise<PostOutcome>;
  /** Deliveries in flight per receiver: one that hangs cannot take every slot. */
  receivers: ReceiverSlots;
  /** Receivers that asked, with Retry-After, to be left alone, across every alerter. */
  receiverBackOff: Pick<ReceiverBackOff, 'left' | 'hold'>;
}

/** The job id of one match: a search matches an article once. */
export function deliveryJobId(searchId: string, articleId: string): string {
  return `alert-${searchId}-${articleId}`;
}

/** The job id of one digest: a search's digest for one period is queued once, however many alerters run. */
export function digestJobId(searchId: string, periodEnd: number): string {
  return `digest-${searchId}-${periodEnd}`;
}

/**
 * A newly indexed article: matched against every saved search (through the
 * inverted set). Each match is announced on the stream of matches (the
 * API's live streams of the search), kept for the search's digest when it
 * has one, and queued for delivery to its webhook when a post per match
 * goes there. Returns the ids of the searches matched.
 *
 * Handling one announcement again (its alerter died before acknowledging
 * it) queues no second delivery: the job id is the search's and the
 * article's (BullMQ ignores an add under an id it still holds, kept for
 * TIDINGS_KEEP_COMPLETED jobs), and the digest keeps the first match. Only
 * a live reader of the search may see the match announced twice (two
 * entries of the stream, another `matchedAt`).
 */
export async function handleIndexedEvent(event: IndexedEvent, deps: AlerterDeps): Promise<string[]> {
  const article = await deps.index.getArticle(event.id);
  if (!article) return [];
  const matched = await deps.matcher.match(article);
  const now = Date.now();
  const matchedAt = new Date(now).toISOString();
  for (const search of matched) {
    await deps.announceMatch({ searchId: search.id, matchedAt, article: articleSummary(article) });
    if (digestWebhook(search)) await deps.store.collectForDigest(search.id, article.id, now);
    if (matchWebhook(search)) await deps.enqueue({ searchId: search.id, articleId: article.id, matchedAt }, deliveryJobId(search.id, article.id));
  }
  return matched.map((search) => search.id);
}

/**
 * Posts `body` to `webhook`, signed, after the SSRF guard has vetted the URL
 * again (DNS may have changed since it was saved), and logs the attempt in
 * the search's delivery log, worked or not; a failure's error reads `[code]
 * message`, as the job's failed reason does.
 *
 * @throws ReceiverBusy, before any attempt, when the receiver asked every
 *   alerter to leave it alone for now (Retry-After: the wait runs past the
 *   back-off's end by a random spread) or has its share of deliveries in
 *   flight already.
 */
async function postLogged(
  deps: AlerterDeps,
  search: SavedSearchRecord,
  webhook: NonNullable<SavedSearchRecord['webhook']>,
  body: string,
  entry: Pick<DeliveryLogEntry, 'articleId' | 'attempt' | 'digest'>,
): Promise<number | null> {
  const receiver = receiverOf(webhook.url);
  // Read before a slot is taken: a receiver in its back-off holds none, and a delivery put aside leaves nothing in the log.
  // It comes back past the back-off's end, at a random point of a spread, so the receiver's backlog does not return at once.
  const backOffMs = await deps.receiverBackOff.left(receiver);
  if (backOffMs > 0) throw new ReceiverBusy(receiver, heldDeliveryWaitMs(backOffMs), 'backoff');
  const slot = deps.receivers.acquire(webhook.url);
  if (!slot.granted) throw new ReceiverBusy(receiver, slot.waitMs);
  const started = performance.now();
  const log = (status: number | null, error: unknown) => {
    const failed = error === null ? null : describeError(error);
    return deps.store.logDelivery(search.id, {
      at: new Date().toISOString(),
      articleId: entry.articleId,
      attempt: entry.attempt,
      status,
      ok: failed === null,
      error: failed === null ? null : `[${failed.code}] ${failed.message}`,
      durationMs: Math.round(performance.now() - started),
      ...(entry.digest ? { digest: entry.digest } : {}),
    });
  };
  try {
    const outcome = await deps.post(webhook.url, body, webhook.secret, messageId(search.id, entry.articleId));
    await log(outcome.status, null);
    return outcome.status;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    await log(typeof status === 'number' ? status : null, error);
    throw error;
  } finally {
    slot.release();
  }
}

/**
 * Posts one match to its saved search's webhook, signed; every attempt goes
 * to the search's delivery log. A search deleted (or whose webhook now gets
 * digests, or none) since the match is dropped quietly.
 *
 * @throws TidingsError permanent for a refused address, a missing article or
 *   a receiver that refuses the delivery; retryable otherwise.
 * @throws ReceiverBusy when the receiver is in its Retry-After back-off or
 *   has its share of deliveries in flight: nothing was attempted, the job
 *   waits.
 */
export async function handleAlertDeliver(job: AlertDeliverJob, deps: AlerterDeps, attempt: number): Promise<{ delivered: boolean; status: number | null }> {
  const search = await deps.store.get(job.searchId);
  const webhook = search && matchWebhook(search);
  if (!search || !webhook) return { delivered: false, status: null };
  const article = await deps.index.getArticle(job.articleId);
  if (!article) throw new TidingsError('not-found', `article ${job.articleId} is no longer in the index`, { permanent: true });
  const status = await postLogged(deps, search, webhook, matchBody(search, article, job.matchedAt), { articleId: article.id, attempt });
  return { delivered: true, status };
}

/**
 * Posts a saved search's digest for one period: every match kept for it
 * (collectForDigest) before the period's end, as one signed message, logged
 * like any delivery. The matches are dropped once the receiver took them, so
 * a retry sends the same digest and a failure for good leaves them for the
 * next one. Nothing is sent for a period without matches (articles pruned
 * since they matched are left out).
 *
 * @throws TidingsError as {@link handleAlertDeliver}.
 */
export async function handleAlertDigest(job: AlertDigestJob, deps: AlerterDeps, attempt: number): Promise<{ delivered: boolean; status: number | null; articles: number }> {
  const search = await deps.store.get(job.searchId);
  const webhook = search && digestWebhook(search);
  if (!search || !webhook) return { delivered: false, status: null, articles: 0 };
  const window = { from: Date.parse(job.periodStart), to: Date.parse(job.periodEnd) };
  const pending = await deps.store.pendingDigest(search.id, window.to);
  // Each article's summary only: a busy search's digest gathers up to a thousand, and their texts and HTML need not be held.
  const matches: Array<{ article: ReturnType<typeof articleSummary>; matchedAt: string }> = [];
  for (const match of pending) {
    const article = await deps.index.getArticle(match.articleId);
    if (article) matches.push({ article: articleSummary(article), matchedAt: new Date(match.matchedAt).toISOString() });
  }
  if (matches.length === 0) {
    await deps.store.clearDigest(search.id, pending.map((match) => match.articleId));
    return { delivered: false, status: null, articles: 0 };
  }
  const status = await postLogged(deps, search, webhook, digestBody(search, job.every, window, matches), {
    articleId: `digest:${job.periodEnd}`,
    attempt,
    digest: { from: job.periodStart, to: job.periodEnd, articles: matches.length },
  });
  await deps.store.clearDigest(search.id, pending.map((match) => match.articleId));
  return { delivered: true, status, articles: matches.length };
}

/**
 * Queues the digest of the period that has just ended for every saved search
 * with a digest (by deterministic job id: any number of alerters, and
 * restarts, queue it once). `periodMs` overrides the periods' lengths (tests).
 * Returns how many were queued.
 */
export async function queueEndedDigests(
  searches: readonly SavedSearchRecord[],
  enqueue: (job: AlertDigestJob, jobId: string) => Promise<unknown>,
  now: number,
  periodMs: Partial<Record<DigestPeriod, number>> = {},
): Promise<number> {
  let queued = 0;
  for (const search of searches) {
    if (!search.digest || !digestWebhook(search)) continue;
    const { every } = search.digest;
    const window = endedDigestPeriod(every, now, periodMs[every] ?? DIGEST_PERIOD_MS[every]);
    await enqueue({ searchId: search.id, every, periodStart: new Date(window.from).toISOString(), periodEnd: new Date(window.to).toISOString() }, digestJobId(search.id, window.to));
    queued++;
  }
  return queued;
}
