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

/*
 * URL roles. Each URL in a payload is named for what it is, and keeps that
 * name from hop to hop:
 * - `feedUrl`: a feed's subscribed URL;
 * - `itemUrl`: an article's link as the feed item gives it (normalised);
 *   what the parser claims and the index finds a listing feed by;
 * - `finalUrl`: where a response came from after redirects: the base for
 *   relative links;
 * - `canonicalUrl`: the page's own canonical URL (else its final URL): the
 *   article's key in the index (ArticleRecord.url).
 */

export const FeedFetchJobSchema = z.object({
  feedId: z.string().min(1),
  /** The feed's URL when the poll was queued, for logs and failure reports; the fetcher polls the URL stored on the feed. */
  feedUrl: z.string().url(),
  /**
   * The poll slot this job was scheduled for: the feed's nextPollAt (or
   * addedAt for a new feed) when the scheduler queued it. A job whose slot no
   * longer matches the feed is a stale duplicate and does nothing. Absent for
   * one-off polls (`tidings run`), which always fetch.
   */
  dueAt: z.string().optional(),
});

/**
 * What a feed-fetch job returns, as far as another stage reads it: the id of
 * the parse job it queued (after a 200), so the scheduler can tell a poll
 * still being parsed from one that was lost.
 */
export const FeedFetchResultSchema = z.object({ parseJobId: z.string().optional() });
export type FeedFetchResult = z.infer<typeof FeedFetchResultSchema>;

/** The parse job a feed-fetch job's return value names (a 200 handed to a parse); undefined for a 304, a skip or a stop. */
export function parseJobIdOf(result: unknown): string | undefined {
  return FeedFetchResultSchema.safeParse(result).data?.parseJobId;
}

/**
 * What an extract or index job returns when its stored input was gone and it
 * queued the page's fetch again instead (readBodyOrRefetch): the item goes on
 * in a new job, so counts of finished work leave this one out.
 */
export interface RefetchedResult {
  url: string;
  refetched: true;
}

/** Whether a job's return value says it handed its item to a new fetch. */
export function wasRefetched(result: unknown): result is RefetchedResult {
  return typeof result === 'object' && result !== null && (result as { refetched?: unknown }).refetched === true;
}

/** Longest Link header a parse job carries; a longer one is left out (it is read for WebSub hubs only). */
export const LINK_HEADER_MAX_CHARS = 16_384;

export const FeedParseJobSchema = z.object({
  feedId: z.string().min(1),
  /** The URL the feed document came from after redirects: the base for its relative links. */
  finalUrl: z.string().url(),
  /**
   * The response's Content-Location, resolved against `finalUrl` (RFC 9110
   * §8.7): the document's own URL, which xml:base resolution starts from.
   * Null when the response had none (the default keeps jobs queued by an
   * earlier version valid).
   */
  contentLocation: z.string().url().nullable().default(null),
  /** The response's Link header (RFC 8288) as sent, where a feed may name its WebSub hub and self URL; absent or null when none. */
  linkHeader: z.string().max(LINK_HEADER_MAX_CHARS).nullable().optional(),
  /**
   * How the body came: `poll` (the fetcher's GET: a poll whose outcome the
   * parser records) or `push` (a WebSub hub delivered it to the API's
   * callback: no poll happened, validators and poll status are left alone).
   * Absent: `poll`.
   */
  source: z.enum(['poll', 'push']).optional(),
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
  /** What the fetch warned about (a charset guessed or overridden...): stored on the feed with the parse's own warnings. */
  warnings: z.array(z.string()).default([]),
});

/**
 * How many times the page was fetched again because a later stage found its
 * stored body gone (expired after TIDINGS_BODY_TTL, or lost with Redis):
 * absent is 0. Carried from stage to stage so that the refetches stop
 * (packages/queue/src/page-refetch.ts).
 */
const RefetchesSchema = z.number().int().nonnegative().optional();

/**
 * The URL the feed listed this item under before, when its link changed
 * since (the same guid: a new slug, a session id in the link): the article
 * stored for it is moved to this page's URL, not stored twice. Carried from
 * the parser to the indexer.
 */
const PreviousItemUrlSchema = z.string().url().optional();

export const ArticleFetchJobSchema = z.object({
  /** The normalised item URL the parser claimed. */
  itemUrl: z.string().url(),
  /** Where the feed that listed it was served from (after redirects): private-address exemptions cover the page only when it has this origin. */
  feedUrl: z.string().url(),
  item: ItemHintSchema,
  refetches: RefetchesSchema,
  previousItemUrl: PreviousItemUrlSchema,
});

export const ArticleExtractJobSchema = z.object({
  /** The normalised item URL the parser claimed. */
  itemUrl: z.string().url(),
  /** The URL the page was served from after redirects: the base for its relative links. */
  finalUrl: z.string().url(),
  bodyKey: z.string().min(1),
  fetchedAt: z.string(),
  item: ItemHintSchema,
  /**
   * The article-fetch job's `feedUrl`, so that the page can be fetched again
   * should its body be gone. Absent in jobs queued by an earlier version:
   * those fail with [body-expired] as before.
   */
  feedUrl: z.string().url().optional(),
  refetches: RefetchesSchema,
  previousItemUrl: PreviousItemUrlSchema,
});

export const ArticleIndexJobSchema = z.object({
  /** The item URL the article was claimed under: the index finds the feeds that listed it by this. */
  itemUrl: z.string().url(),
  /** The record's key (ArticleRecord.url), for logs and failure reports. */
  canonicalUrl: z.string().url(),
  /** Body-store key of the JSON ArticleRecord. */
  recordKey: z.string().min(1),
  /** The article-fetch job's `feedUrl` and `item`, so that the page can be fetched again should the record be gone (absent: as in ArticleExtractJobSchema). */
  feedUrl: z.string().url().optional(),
  item: ItemHintSchema.optional(),
  refetches: RefetchesSchema,
  previousItemUrl: PreviousItemUrlSchema,
});

export const JOB_SCHEMAS = {
  [QUEUES.feedFetch]: FeedFetchJobSchema,
  [QUEUES.feedParse]: FeedParseJobSchema,
  [QUEUES.articleFetch]: ArticleFetchJobSchema,
  [QUEUES.articleExtract]: ArticleExtractJobSchema,
  [QUEUES.articleIndex]: ArticleIndexJobSchema,
} as const satisfies Record<QueueName, z.ZodType>;

export type JobPayload<Q extends QueueName> = z.infer<(typeof JOB_SCHEMAS)[Q]>;

/**
 * The URL a job is about, for failure reports: the article's item URL, else
 * the feed's URL (final or subscribed); null for data that has neither.
 */
export function jobSubjectUrl(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const fields = data as Record<string, unknown>;
  for (const key of ['itemUrl', 'finalUrl', 'feedUrl']) {
    if (typeof fields[key] === 'string') return fields[key];
  }
  return null;
}

/**
 * How a job failed for good, written into its data by the stage worker (the
 * failed reason in Redis reads `[code] message` for people; programs read this).
 */
export const JobFailureSchema = z.object({
  code: z.string().min(1),
  reason: z.string(),
  /** True when retrying could not help, so the job was not tried again (absent on jobs failed before it was recorded). */
  permanent: z.boolean().optional(),
});
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** The typed failure a failed job carries in its data, or null (not failed for good, or failed before failures were recorded). */
export function jobFailureOf(data: unknown): JobFailure | null {
  const parsed = JobFailureSchema.safeParse((data as { failure?: unknown } | null)?.failure);
  return parsed.success ? parsed.data : null;
}

/** A failed reason as the workers write it (`[code] message`): the code, then the message. */
const CODED_REASON = /^\[([a-z][a-z-]*)\] ?([\s\S]*)$/;

/**
 * The one reading of a failed job's failure, for every process that shows or
 * picks failed jobs (the pipeline view, `tidings retry`): as the worker
 * recorded it in the job's data (jobFailureOf), else the typed `[code]
 * message` its failed reason reads (a job BullMQ failed itself, or one failed
 * before failures were recorded in data), else `internal` with the reason
 * whole. `permanent` is only ever as recorded. Pure.
 */
export function failedJobFailure(data: unknown, failedReason: string | undefined): JobFailure {
  const recorded = jobFailureOf(data);
  if (recorded) return recorded;
  const text = failedReason ?? '';
  const coded = CODED_REASON.exec(text);
  return { code: coded?.[1] ?? 'internal', reason: coded?.[2] ?? text };
}

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
