import { AlertMatchEventSchema, parseStored, redisKeys, type AlertMatchEvent } from '@tidings/contracts';
import { AnnouncementStream, type Announcement } from './announcement-stream.js';

/**
 * Saved-search matches, announced on one Redis stream per installation
 * (`redisKeys(prefix).alertDelivery.matches`): the alerter appends one entry
 * per match; each API process reads them from the newest on for the live
 * streams of saved searches, and looks back in them to resume a reader's
 * Last-Event-ID (the entry id). Webhooks and digests do not depend on it:
 * they have their own queue and sorted sets.
 */

/**
 * Entries the stream keeps, about (`MAXLEN ~`). An API resumes a reader
 * from the installation's last 1000 matches (REPLAY_CAPACITY of the API);
 * ten times that leaves room for an API process whose reading lags the
 * stream's end, and costs little: about 7 MB (measured: 730 bytes an entry
 * holding a 600-byte match, one with a 200-character excerpt). No consumer
 * group reads it, so nothing else depends on what it holds.
 */
export const ALERT_MATCH_STREAM_MAXLEN = 10_000;

/** One announcement of a saved-search match, as read from the stream. */
export type AlertMatchEntry = Announcement<AlertMatchEvent>;

/** The stream of saved-search matches of the installation `prefix`. */
export function alertMatchStream(prefix: string): AnnouncementStream<AlertMatchEvent> {
  return new AnnouncementStream(redisKeys(prefix).alertDelivery.matches, ALERT_MATCH_STREAM_MAXLEN, (json) => parseStored(AlertMatchEventSchema, json));
}
