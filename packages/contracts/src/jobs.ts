import { z } from 'zod';
import { TidingsError } from './errors.js';
import { QUEUES, type QueueName } from './queues.js';

/**
 * One zod schema per job payload. Producers type their payloads with
 * `JobPayload<Q>`; consumers re-validate every job with `parsePayload`.
 * Bodies (feed XML, article HTML, extracted records) never travel in a
 * payload: they sit in the body store under `bodyKey` with a TTL.
 */

/** Fallback values a feed item gives for its article (kept small). */
export const ItemHintSchema = z.object({
  title: z.string().nullable(),
  summary: z.string().nullable(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  categories: z.array(z.string()),
  /** Body-store key of the item's full content HTML, when the feed carried it. */
  contentKey: z.string().nullable(),
});
export type ItemHint = z.infer<typeof ItemHintSchema>;

export const FeedFetchJobSchema = z.object({
  feedId: z.string().min(1),
  url: z.string().url(),
  /**
   * The poll slot this job was scheduled for: the feed's nextPollAt (or
   * addedAt for a new feed) when the scheduler queued it. A job whose slot no
   * longer matches the feed is a stale duplicate and does nothing. Absent for
   * one-off polls (`tidings run`), which always fetch.
   */
  dueAt: z.string().optional(),
});

export const FeedParseJobSchema = z.object({
  feedId: z.string().min(1),
  /** URL the body came from after redirects: the base for relative links. */
  feedUrl: z.string().url(),
  bodyKey: z.string().min(1),
  fetchedAt: z.string(),
  /** Validators to store once the body has parsed (so a broken feed is re-fetched in full). */
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** HTTP status of the fetch (200...), for the feed's lastHttpStatus. */
  httpStatus: z.number().int().optional(),
  /**
   * How long the response said it stays fresh (Cache-Control max-age /
   * Expires), in ms: a lower bound on the feed's next interval. Null: no hint.
   */
  freshForMs: z.number().int().nonnegative().nullable().optional(),
});

export const ArticleFetchJobSchema = z.object({
  url: z.string().url(),
  feedId: z.string().min(1),
  feedUrl: z.string().url(),
  item: ItemHintSchema,
});

export const ArticleExtractJobSchema = z.object({
  /** The normalised item URL the parser claimed. */
  url: z.string().url(),
  /** The URL the page was served from after redirects. */
  finalUrl: z.string().url(),
  feedUrl: z.string().url(),
  bodyKey: z.string().min(1),
  fetchedAt: z.string(),
  item: ItemHintSchema,
});

export const ArticleIndexJobSchema = z.object({
  url: z.string().url(),
  feedUrl: z.string().url(),
  /** Body-store key of the JSON ArticleRecord. */
  recordKey: z.string().min(1),
});

export const JOB_SCHEMAS = {
  [QUEUES.feedFetch]: FeedFetchJobSchema,
  [QUEUES.feedParse]: FeedParseJobSchema,
  [QUEUES.articleFetch]: ArticleFetchJobSchema,
  [QUEUES.articleExtract]: ArticleExtractJobSchema,
  [QUEUES.articleIndex]: ArticleIndexJobSchema,
} as const satisfies Record<QueueName, z.ZodType>;

export type JobPayload<Q extends QueueName> = z.infer<(typeof JOB_SCHEMAS)[Q]>;

/** Retry policy per queue: network-bound stages retry more and wait longer. */
export const RETRY_POLICY: Record<QueueName, { attempts: number; backoffMs: number }> = {
  // One attempt: a failed poll is retried by the feed's own schedule (exponential
  // failure backoff in @tidings/polling), so each poll is one request and counts once.
  [QUEUES.feedFetch]: { attempts: 1, backoffMs: 5_000 },
  [QUEUES.feedParse]: { attempts: 2, backoffMs: 1_000 },
  [QUEUES.articleFetch]: { attempts: 4, backoffMs: 5_000 },
  [QUEUES.articleExtract]: { attempts: 2, backoffMs: 1_000 },
  [QUEUES.articleIndex]: { attempts: 5, backoffMs: 1_000 },
};

/**
 * Validate a job's data against its queue's schema. An invalid job is a
 * permanent failure with a reason that names the bad fields.
 */
export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  const result = JOB_SCHEMAS[queue].safeParse(data);
  if (!result.success) {
    const detail = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new TidingsError('invalid-payload', `invalid ${queue} job: ${detail}`, { permanent: true });
  }
  return result.data as JobPayload<Q>;
}
