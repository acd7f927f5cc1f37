import { z } from 'zod';

/**
 * Saved searches that alert: what is stored per saved search, and the one
 * queue that carries matches to webhooks. The queue is kept apart from the
 * pipeline's QUEUES (it is not a stage: nothing flows on from it).
 */

/** BullMQ queue of webhook deliveries (alerter -> webhook). Renaming it strands the jobs in it. */
export const ALERT_DELIVER_QUEUE = 'alert-deliver' as const;

/** Delivery retries: a webhook that is down gets about an hour and a half (5 s doubling, 10 tries) before the match is dropped. */
export const ALERT_DELIVER_RETRY = { attempts: 10, backoffMs: 5_000 } as const;

/** The filters a saved search may carry (the search filters, dates aside). */
export const SavedSearchFiltersSchema = z
  .object({
    site: z.string().min(1).optional(),
    lang: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    feed: z.string().min(1).optional(),
  })
  .strict();

/** Where a saved search's matches are posted. The secret signs each body (`X-Tidings-Signature: sha256=<hex HMAC-SHA256>`). */
export const WebhookSchema = z.object({
  url: z.string().url(),
  secret: z.string().min(16),
});

/**
 * One saved search, as stored (Redis) and as the API and `tidings alerts
 * --json` show it, the webhook's secret left out there. Fields may be
 * added, never renamed or dropped.
 */
export const SavedSearchRecordSchema = z.object({
  id: z.string().min(1),
  /** A name for people; defaults to the query. */
  name: z.string(),
  /** A query in the search language (may be empty when a filter is given). */
  query: z.string(),
  filters: SavedSearchFiltersSchema,
  webhook: WebhookSchema.nullable(),
  createdAt: z.string(),
});
export type SavedSearchRecord = z.infer<typeof SavedSearchRecordSchema>;

/** A delivery job: one article that matched one saved search. The body posted is built from the index at delivery time. */
export const AlertDeliverJobSchema = z.object({
  searchId: z.string().min(1),
  articleId: z.string().min(1),
  /** ISO time the article was matched. */
  matchedAt: z.string(),
});
export type AlertDeliverJob = z.infer<typeof AlertDeliverJobSchema>;

/** One attempt to post to a saved search's webhook, as its delivery log keeps it (newest first). */
export const DeliveryLogEntrySchema = z.object({
  at: z.string(),
  articleId: z.string(),
  attempt: z.number().int().positive(),
  /** The response status, or null when no response came (refused address, timeout, connection error). */
  status: z.number().int().nullable(),
  ok: z.boolean(),
  /** Why it failed; null when it worked. */
  error: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntrySchema>;
