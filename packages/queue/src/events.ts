import { IndexedEventSchema, parseStored, redisKeys, type IndexedEvent } from '@tidings/contracts';
import { AnnouncementStream, type Announcement } from './announcement-stream.js';
import type { RedisClient } from './redis-client.js';

/**
 * Announcements of newly indexed articles, kept in one Redis stream per
 * installation (`redisKeys(prefix).indexedEvents`): the indexer appends one
 * entry per article; the alerter reads them through a consumer group
 * (indexed-consumer.ts), so what is announced while no alerter runs waits
 * for one; the API reads them from the newest on for its live streams, and
 * looks back in them to resume a reader's Last-Event-ID. The stream is
 * trimmed to about INDEXED_STREAM_MAXLEN entries; the index stays the
 * durable record of the articles themselves.
 */

export type { IndexedEvent } from '@tidings/contracts';

/**
 * Entries the stream keeps, about (`MAXLEN ~`: Redis trims whole nodes of
 * its radix tree, so a little more is kept). It bounds how long the alerter
 * may be down and still match every article: 100,000 announcements are a
 * day at 10,000 feeds (1.2 new articles/s), 2.4 h at 100,000 feeds and
 * 14 min at a million (README, sizing), for about 45 MB of Redis memory
 * (measured: 440 bytes an entry holding a typical 375-byte event). Beyond
 * it the oldest unread entries are gone, and the alerter says so
 * (`indexed-events-trimmed`, indexed-consumer.ts).
 */
export const INDEXED_STREAM_MAXLEN = 100_000;

/** One announcement of a newly indexed article, as read from the stream. */
export type IndexedEntry = Announcement<IndexedEvent>;

/** The stream of newly indexed articles of the installation `prefix`. */
export function indexedEventStream(prefix: string): AnnouncementStream<IndexedEvent> {
  return new AnnouncementStream(redisKeys(prefix).indexedEvents, INDEXED_STREAM_MAXLEN, (json) => parseStored(IndexedEventSchema, json));
}

/** How long an index job's mark lasts (begin, record): a job run again later than this announces as if it were its first run. */
export const ANNOUNCING_MARK_TTL_S = 86_400;

/** What an index job did to its article, as a run records it in the job's mark: created it (some run of the job did, or may have), or updated one stored before the job. */
export type IndexOutcome = 'created' | 'updated';

/** The mark of an earlier run of an index job, as begin finds it: `begun` until that run recorded its outcome. */
export type AnnouncingMark = 'begun' | IndexOutcome;

/**
 * Whether a run of an index job created its article as far as it can know,
 * and so announces it: its write did, or an earlier run's mark says that run
 * did or died before it knew (`begun`). Only a mark saying `updated` tells
 * the article was stored before the job, as a revision's is.
 */
export function createdByJob(created: boolean, earlier: AnnouncingMark | null): boolean {
  return created || (earlier !== null && earlier !== 'updated');
}

/**
 * Appends IndexedEvents to the stream of one installation (the indexer's end
 * of it), and closes the gap between an article's write and its
 * announcement: an index job marks itself (begin) before it writes, records
 * in the mark what its write did (record), and clears its mark (end) once it
 * has announced. A run that finds the mark of an earlier run of the same job
 * knows that run may have stored the article and died before announcing it:
 * the article is no longer new to the index (`created: false`), but it
 * announces it all the same unless the mark says the earlier run updated an
 * article stored before the job (createdByJob). At worst an article is
 * announced twice (the earlier run died after announcing, or before it
 * recorded what it did); what reads the stream takes that (the alerter
 * queues deliveries under deterministic job ids).
 */
export class IndexedEventPublisher {
  private readonly stream: AnnouncementStream<IndexedEvent>;
  private readonly mark: (jobId: string) => string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.stream = indexedEventStream(prefix);
    this.mark = redisKeys(prefix).announcing;
  }

  /** Marks index job `jobId` as between its write and its announcement; resolves to the mark an earlier run of it left (it did not finish), else null. */
  async begin(jobId: string): Promise<AnnouncingMark | null> {
    const earlier = await this.redis.set(this.mark(jobId), 'begun', 'EX', ANNOUNCING_MARK_TTL_S, 'GET');
    if (earlier === null) return null;
    // Any other value (a mark set before outcomes were recorded says '1') tells nothing of the write: begun.
    return earlier === 'created' || earlier === 'updated' ? earlier : 'begun';
  }

  /** Records in job `jobId`'s mark what the job did to its article (createdByJob), for a run of it that comes after this one dies. */
  async record(jobId: string, outcome: IndexOutcome): Promise<void> {
    await this.redis.set(this.mark(jobId), outcome, 'EX', ANNOUNCING_MARK_TTL_S);
  }

  /** Clears job `jobId`'s mark: its article is announced, or was not new. */
  async end(jobId: string): Promise<void> {
    await this.redis.del(this.mark(jobId));
  }

  /** Appends `events`, in order, in one transaction (see AnnouncementStream.append). Resolves to their entry ids. */
  publish(...events: IndexedEvent[]): Promise<string[]> {
    return this.stream.append(this.redis, ...events);
  }
}
