import { describeError, TidingsError, type FeedRecord } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import type { JobContext } from '@tidings/queue';

type Logger = JobContext['log'];

/** The `code` of the log line that says a feed's status could not be written. */
export const FEED_STATUS_NOT_RECORDED = 'feed-status-not-recorded';

/** What the parser records on a feed, for the reason given when that write fails. */
export interface FeedStatusWrite {
  feed: FeedRecord;
  /** What is recorded, for people: "the poll of <time>", "pushed content". */
  what: string;
  /** The poll's own failure, when the write records one (a feed that did not parse): kept in the reason. */
  pollFailure?: { code: string; message: string };
  /**
   * Where to record the failure when the write fails: a second, simpler
   * write of `lastStatus`, `lastError` and `lastErrorCode` alone. Absent:
   * none is tried (pushed content is no poll, and sets no poll status).
   */
  fallback?: Pick<TidingsIndex, 'updateFeed'>;
}

/**
 * Runs `write`, the parser's one write of a poll's outcome (or of pushed
 * content) on the feed. Should it fail (the index refuses the patch, cannot
 * be written, or throws), the feed would show no trace of the poll: the
 * failure is logged with code {@link FEED_STATUS_NOT_RECORDED}, recorded on
 * the feed by the simpler write where one is given (it may go through where
 * the whole patch did not), and thrown as a retryable TidingsError `io`
 * whose message names the feed, what was being recorded and why it failed,
 * so that BullMQ tries the job again and a job that runs out of attempts
 * shows in `tidings status` under its code. An index that is `unavailable`
 * is thrown as it is: the job then waits for it without spending an attempt
 * (startStageWorker), and a second write would fail the same way.
 */
export async function writeFeedStatus(write: () => Promise<unknown>, status: FeedStatusWrite, log: Logger): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw await statusWriteFailure(error, status, log);
  }
}

async function statusWriteFailure(error: unknown, status: FeedStatusWrite, log: Logger): Promise<unknown> {
  const feedId = status.feed.id;
  const cause = describeError(error);
  log.error({ code: FEED_STATUS_NOT_RECORDED, feedId, err: cause }, `could not record ${status.what} on the feed: [${cause.code}] ${cause.message}`);
  if (error instanceof TidingsError && error.code === 'unavailable') return error;
  const poll = status.pollFailure ? `; the poll itself failed: [${status.pollFailure.code}] ${status.pollFailure.message}` : '';
  const failure = new TidingsError('io', `could not record ${status.what} on feed ${feedId}: [${cause.code}] ${cause.message}${poll}`, { permanent: false, cause: error });
  if (status.fallback) {
    try {
      await status.fallback.updateFeed(feedId, { lastStatus: 'error', lastError: failure.message, lastErrorCode: failure.code });
    } catch (fallbackError) {
      log.error({ code: FEED_STATUS_NOT_RECORDED, feedId, err: describeError(fallbackError) }, 'could not record on the feed that its status was not recorded either');
    }
  }
  return failure;
}
