import { z } from 'zod';
import { IndexedEventSchema } from './redis-keys.js';

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

/** Where a saved search's matches are posted. The secret signs each delivery (`X-Tidings-Signature: sha256=<hex HMAC-SHA256 of the body>`, and the Standard Webhooks `webhook-signature` over id, timestamp and body). */
export const WebhookSchema = z.object({
  url: z.string().url(),
  secret: z.string().min(16),
});

/** How often a digest is sent: every hour or every day, on the hour / at midnight UTC. */
export const DIGEST_PERIODS = ['1h', '1d'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];
export const DIGEST_PERIOD_MS: Record<DigestPeriod, number> = { '1h': 3_600_000, '1d': 86_400_000 };

/**
 * A saved search's digest: its matches collected and posted as one message
 * per period, to its own webhook or, without one, to the saved search's
 * (which then gets digests instead of a post per match).
 */
export const DigestSchema = z.object({
  every: z.enum(DIGEST_PERIODS),
  webhook: WebhookSchema.nullable(),
});
export type Digest = z.infer<typeof DigestSchema>;

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
  /** Null (or absent, in records saved before digests existed): no digest. */
  digest: DigestSchema.nullable().optional(),
});
export type SavedSearchRecord = z.infer<typeof SavedSearchRecordSchema>;

/** The jobs of ALERT_DELIVER_QUEUE by name, each with its payload schema below. Renaming one strands the jobs queued under it. */
export const ALERT_JOBS = { deliver: 'deliver', digest: 'digest' } as const;

/** A delivery job: one article that matched one saved search. The body posted is built from the index at delivery time. */
export const AlertDeliverJobSchema = z.object({
  searchId: z.string().min(1),
  articleId: z.string().min(1),
  /** ISO time the article was matched. */
  matchedAt: z.string(),
});
export type AlertDeliverJob = z.infer<typeof AlertDeliverJobSchema>;

/** A digest job: the matches of one saved search collected up to the end of one period, posted as one message. */
export const AlertDigestJobSchema = z.object({
  searchId: z.string().min(1),
  every: z.enum(DIGEST_PERIODS),
  /** ISO time the period began (what the digest says it covers). */
  periodStart: z.string(),
  /** ISO time the period ended: every match made before it that no digest has carried yet goes in this one. */
  periodEnd: z.string(),
});
export type AlertDigestJob = z.infer<typeof AlertDigestJobSchema>;

/**
 * One match as the alerter announces it (a stream entry, `alertDelivery.matches`)
 * for the API's live stream of a saved search: what a reader shows, no text.
 */
export const AlertMatchEventSchema = z.object({
  searchId: z.string().min(1),
  matchedAt: z.string(),
  /** What an indexed event says about the article, with its excerpt and language. */
  article: IndexedEventSchema.pick({ id: true, url: true, title: true, siteName: true, authors: true, publishedAt: true }).extend({
    excerpt: z.string().nullable(),
    lang: z.string().nullable(),
  }),
});
export type AlertMatchEvent = z.infer<typeof AlertMatchEventSchema>;

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
  /** For a digest: its period and how many matches it carried (`articleId` is then `digest:<period end>`). */
  digest: z.object({ from: z.string(), to: z.string(), articles: z.number().int().nonnegative() }).optional(),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntrySchema>;
