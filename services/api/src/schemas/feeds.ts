import { z } from 'zod';
import { FEED_STATES, type FeedRecord } from '@tidings/contracts';
import type { ImportReport } from '@tidings/subscriptions';
import { ErrorSchema, plainText, type SameType } from './common.js';

/** A subscribed feed and its health. */
export const FeedSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    title: z.string().nullable(),
    addedAt: z.string(),
    lastFetchAt: z.string().nullable(),
    lastStatus: z.string().nullable().describe("'ok' | 'not-modified' | 'error' | null (never fetched)"),
    lastError: z.string().nullable(),
    lastErrorCode: z.string().nullable().describe('the typed code of the last failed poll (http-status, malformed-feed, timeout...); null when it worked'),
    consecutiveFailures: z.number().int(),
    itemsSeen: z.number().int(),
    etag: z.string().nullable(),
    lastModified: z.string().nullable(),
    tags: z.array(z.string()),
    state: z.enum(FEED_STATES),
    stateReason: z.string().nullable(),
    intervalMs: z.number().int().nullable(),
    nextPollAt: z.string().nullable(),
    lastNewItemAt: z.string().nullable(),
    lastHttpStatus: z.number().int().nullable(),
    pollHints: z
      .object({ ttlMs: z.number().nullable(), updatePeriodMs: z.number().nullable(), skipHours: z.array(z.number().int()), skipDays: z.array(z.number().int()) })
      .nullable()
      .describe("the last parse's <ttl>, sy:updatePeriod (ms), skipHours and skipDays (UTC); null before the first parse"),
    lastWarnings: z.array(z.string()).describe('what the last fetch and parse warned about'),
  })
  .meta({ id: 'Feed' });

const feedMatches: SameType<z.infer<typeof FeedSchema>, FeedRecord> = true;
void feedMatches;

export const FeedListSchema = z.object({ feeds: z.array(FeedSchema) }).meta({ id: 'FeedList' });

/** A feed's tags as a client gives them (the index trims them and drops empty ones and duplicates). */
const FeedTags = z.array(plainText().trim().min(1).max(200)).max(50);

export const AddFeedBody = z
  .object({
    url: plainText().trim().min(1).max(2048).describe('the feed URL (http or https; no credentials; a private address only when TIDINGS_FETCH_ALLOW_PRIVATE allows it)'),
    title: plainText().trim().min(1).max(500).optional(),
    tags: FeedTags.optional(),
  })
  .strict();

export const AddFeedResultSchema = z.object({ feed: FeedSchema, created: z.boolean() }).meta({ id: 'AddFeedResult' });

/** The 422 of POST /api/feeds: the error, and the feeds the page offered, so a client can let its user pick one. */
export const SubscribeRefusalSchema = ErrorSchema.extend({
  feeds: z
    .array(z.object({ url: z.string(), title: z.string().nullable() }))
    .describe('several-feeds: the feeds to choose from; no-fetchable-feed: the ones the fetcher would refuse; no-feed: empty'),
}).meta({ id: 'SubscribeRefusal' });

/** PATCH /api/feeds/:id: what a person may change on a feed (the title is the feed's own, rewritten by every parse). */
export const FeedPatchBody = z
  .object({ tags: FeedTags.describe('replaces the tags') })
  .strict();

/** A feed after a change (PATCH, pause, resume). */
export const FeedResultSchema = z.object({ feed: FeedSchema }).meta({ id: 'FeedResult' });

export const RefreshResultSchema = z
  .object({ queued: z.literal(true), feedId: z.string(), jobId: z.string() })
  .meta({ id: 'RefreshResult' });

/** What an import did, feed by feed: the report `tidings import --json` prints too. */
export const ImportReportSchema = z
  .object({
    added: z.array(z.object({ id: z.string(), url: z.string(), title: z.string().nullable(), tags: z.array(z.string()) })).describe('feeds newly subscribed'),
    skipped: z.array(z.object({ id: z.string(), url: z.string(), reason: z.string() })).describe('already subscribed, or listed twice in the file'),
    invalid: z.array(z.object({ entry: z.string(), reason: z.string() })).describe('entries that cannot be feeds, or that the fetcher would refuse'),
    unprocessed: z
      .array(
        z.object({
          url: z.string(),
          title: z.string().nullable(),
          tags: z.array(z.string()),
          code: z.enum(['out-of-time']).describe("out-of-time: the import's time budget ran out before this feed"),
          reason: z.string(),
        }),
      )
      .describe('feeds of the list not dealt with, in list order (posting the list again takes them; what was subscribed is skipped)'),
  })
  .meta({ id: 'ImportReport' });

const reportMatches: SameType<z.infer<typeof ImportReportSchema>, ImportReport> = true;
void reportMatches;

export const OpmlImportResultSchema = z
  .object({
    added: z.number().int(),
    existing: z.number().int(),
    failed: z.array(z.object({ url: z.string(), message: z.string() })),
    unprocessed: z.number().int().describe("feeds not imported because the import's time budget ran out (the report's unprocessed)"),
    report: ImportReportSchema,
  })
  .meta({ id: 'OpmlImportResult' });
