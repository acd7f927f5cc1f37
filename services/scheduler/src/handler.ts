import { QUEUES } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import { jobOptions, type JobDefaults, type PipelineQueues } from '@tidings/queue';

export interface SchedulerDeps {
  index: TidingsIndex;
  queues: PipelineQueues;
  pollIntervalMs: number;
  jobDefaults: JobDefaults;
}

/** Scheduler ids are derived from feed ids, so a restart upserts the same ones instead of adding duplicates. */
export const schedulerIdFor = (feedId: string) => `feed-${feedId}`;

/**
 * Makes the BullMQ job schedulers match the subscribed feeds: one scheduler
 * per feed polling every interval (upsert, so restarts and several scheduler
 * processes never duplicate; the first poll comes at once), and no scheduler
 * left for an unsubscribed feed.
 */
export async function syncSchedules(deps: SchedulerDeps): Promise<{ feeds: number; added: number; removed: number }> {
  const queue = deps.queues.get(QUEUES.feedFetch);
  const feeds = await deps.index.listFeeds();
  const wanted = new Set(feeds.map((feed) => schedulerIdFor(feed.id)));
  const existing = await queue.getJobSchedulers(0, -1);
  const known = new Set(existing.map((scheduler) => scheduler.key));
  let added = 0;
  let removed = 0;
  const { removeOnComplete, removeOnFail, attempts, backoff } = jobOptions(QUEUES.feedFetch, deps.jobDefaults);
  for (const feed of feeds) {
    const id = schedulerIdFor(feed.id);
    await queue.upsertJobScheduler(
      id,
      { every: deps.pollIntervalMs },
      { name: 'poll', data: { feedId: feed.id, url: feed.url }, opts: { removeOnComplete, removeOnFail, attempts, backoff } },
    );
    // A new scheduler with `every` produces its first job at once: a new feed is polled right away.
    if (!known.has(id)) added++;
  }
  for (const scheduler of existing) {
    if (!wanted.has(scheduler.key)) {
      await queue.removeJobScheduler(scheduler.key);
      removed++;
    }
  }
  return { feeds: feeds.length, added, removed };
}
