import type { Job, Queue } from 'bullmq';
import { parseJobIdOf, QUEUES } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import { retrySlotPatch, type PollingPolicy } from '@tidings/polling';
import type { PipelineQueues } from '@tidings/queue';

export interface SchedulerDeps {
  index: TidingsIndex;
  queues: PipelineQueues;
  /** `maxMs` (TIDINGS_POLL_MAX) bounds how far off a schedule is believed; without it, any is. */
  policy: Pick<PollingPolicy, 'minMs'> & Partial<Pick<PollingPolicy, 'maxMs'>>;
}

/**
 * Beyond twice TIDINGS_POLL_MAX, plus this, a feed's next poll cannot have
 * come from @tidings/polling (nothing it writes is further off than the
 * maximum): the clock was set ahead when it was written, or the maximum
 * was lowered since. The slack keeps machines whose clocks disagree a
 * little from pulling in polls that are merely far off.
 */
const OUT_OF_BOUNDS_SLACK_MS = 3_600_000;

/**
 * The job id of a feed's poll for one slot (its nextPollAt, or addedAt when
 * it was never polled). Derived from the feed and the slot only, so every
 * scheduler process, and every restart, names the same poll the same way
 * and BullMQ keeps one job.
 */
export function pollJobIdFor(feedId: string, dueAt: string): string {
  return `poll-${feedId}-${Date.parse(dueAt)}`;
}

/** What one scheduling pass did. */
export interface SchedulePass {
  /** Feeds in the index. */
  feeds: number;
  /** Polls queued in this pass (feeds that came due). */
  queued: number;
  /** Due feeds whose poll was already queued (by this or another scheduler) and not done yet. */
  alreadyQueued: number;
  /** Due feeds whose poll for this slot had ended without recording an outcome; given a new slot. */
  rescheduled: number;
  /** Paused or stopped feeds, left alone. */
  inactive: number;
  /** Feeds whose next poll was further off than any schedule can be (see OUT_OF_BOUNDS_SLACK_MS), polled now; among `queued`. */
  outOfBounds: number;
  /** The earliest nextPollAt in the future (ms), or null: when the next pass is worth making. */
  nextDueAt: number | null;
}

/**
 * Queues a poll for every active feed whose time has come, or whose next
 * poll is further off than any schedule can be (see OUT_OF_BOUNDS_SLACK_MS:
 * without this, a clock that ran a year ahead for a moment would silence
 * every feed it rescheduled for that year). The feed's
 * nextPollAt, in the index, is the schedule: each poll's outcome moves it
 * (through @tidings/polling: the fetcher on a 304 or a failure, the parser
 * after a 200), so timing survives restarts and is shared by every
 * scheduler process. Polls are
 * added when due, not ahead of time, so a one-off `run --until-idle`
 * sharing the queues never waits for far-off polls.
 *
 * No duplicates: the job id is derived from the feed and its slot; a poll
 * already queued for the slot is found by that id, and a stale one (the feed
 * rescheduled meanwhile) is dropped by the fetcher, which compares the slot
 * with the feed's nextPollAt. If a poll for the slot ended without
 * recording its outcome (its process died after fetching, its parse job
 * failed for good, or the index write failed), the slot is moved
 * TIDINGS_POLL_MIN ahead so the feed is not stuck behind a job id that
 * already exists. A fetch that handed its body to the parser has not ended
 * until that parse job has.
 */
export async function schedulePolls(deps: SchedulerDeps, now: number = Date.now()): Promise<SchedulePass> {
  const queue = deps.queues.get(QUEUES.feedFetch);
  const feeds = await deps.index.listFeeds();
  const pass: SchedulePass = { feeds: feeds.length, queued: 0, alreadyQueued: 0, rescheduled: 0, inactive: 0, outOfBounds: 0, nextDueAt: null };
  const latest = deps.policy.maxMs === undefined ? Number.POSITIVE_INFINITY : now + 2 * deps.policy.maxMs + OUT_OF_BOUNDS_SLACK_MS;
  const later = (at: number) => {
    pass.nextDueAt = pass.nextDueAt === null ? at : Math.min(pass.nextDueAt, at);
  };
  for (const feed of feeds) {
    if (feed.state !== 'active') {
      pass.inactive++;
      continue;
    }
    const dueAt = feed.nextPollAt ?? feed.addedAt;
    const dueMs = Date.parse(dueAt);
    const outOfBounds = dueMs > latest;
    if (dueMs > now && !outOfBounds) {
      later(dueMs);
      continue;
    }
    const jobId = pollJobIdFor(feed.id, dueAt);
    const existing = await queue.getJob(jobId);
    if (!existing) {
      await deps.queues.add(QUEUES.feedFetch, { feedId: feed.id, feedUrl: feed.url, dueAt }, { jobId });
      pass.queued++;
      if (outOfBounds) pass.outOfBounds++;
      continue;
    }
    if (await pollEnded(deps, existing)) {
      const patch = retrySlotPatch(deps.policy, now);
      await deps.index.updateFeed(feed.id, patch);
      later(Date.parse(patch.nextPollAt!));
      pass.rescheduled++;
    } else {
      pass.alreadyQueued++;
    }
  }
  return pass;
}

/** True when a poll's fetch job, and the parse job it queued (if any), are both done. */
async function pollEnded(deps: SchedulerDeps, fetchJob: Job): Promise<boolean> {
  const state = await fetchJob.getState();
  if (state !== 'completed' && state !== 'failed') return false;
  const parseJobId = parseJobIdOf(fetchJob.returnvalue);
  if (state === 'failed' || parseJobId === undefined) return true;
  const parse = await deps.queues.get(QUEUES.feedParse).getJob(parseJobId);
  if (!parse) return true;
  const parseState = await parse.getState();
  return parseState === 'completed' || parseState === 'failed';
}

/**
 * Removes the per-feed BullMQ job schedulers that earlier versions kept
 * (`feed-<id>`, fixed `every`): polling now follows each feed's own
 * nextPollAt. Returns how many were removed.
 */
export async function removeLegacySchedulers(queue: Queue): Promise<number> {
  const schedulers = await queue.getJobSchedulers(0, -1);
  let removed = 0;
  for (const scheduler of schedulers) {
    if (scheduler.key.startsWith('feed-') && (await queue.removeJobScheduler(scheduler.key))) removed++;
  }
  return removed;
}
