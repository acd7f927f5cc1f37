import { QUEUES } from '@tidings/contracts';
import { pollingPolicy } from '@tidings/polling';
import type { Runtime, StartService } from '@tidings/runtime';
import { removeLegacySchedulers, schedulePolls, type SchedulerDeps } from './handler.js';
import { startWebSubRenewals } from './websub-renewals.js';
import { startRetention } from './retention.js';
import { checkRedisLineage } from './redis-lineage.js';

/** Longest sleep between passes: how soon a newly subscribed (or resumed) feed is noticed. */
const MAX_SLEEP_MS = 30_000;
/** Shortest sleep between passes, so a feed that stays due cannot make the scheduler spin. */
const MIN_SLEEP_MS = 1_000;

/**
 * The scheduler: queues each feed's poll when its nextPollAt comes,
 * sleeping until the earliest one (at most 30 s, to notice new feeds).
 * Any number of scheduler processes may run; they never queue a poll twice.
 */
export async function startScheduler(runtime: Runtime): Promise<{ close(): Promise<void> }> {
  const deps: SchedulerDeps = { index: runtime.index, queues: runtime.queues, policy: pollingPolicy(runtime.config) };
  const log = runtime.log.child({ service: 'scheduler' });
  const legacy = await removeLegacySchedulers(runtime.queues.get(QUEUES.feedFetch));
  if (legacy > 0) log.info({ removed: legacy }, 'removed fixed-interval job schedulers of an earlier version');

  // WebSub leases are renewed (and ended) in the same passes: their times count towards the next one.
  const renewals = startWebSubRenewals(runtime);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async (): Promise<void> => {
    let sleep = Math.min(MAX_SLEEP_MS, renewals?.maxSleepMs ?? MAX_SLEEP_MS);
    try {
      // First: should Redis have lost its data, the feeds come due again now, in this very pass.
      const lineage = await checkRedisLineage({ redis: runtime.redis, index: runtime.index, prefix: runtime.config.queuePrefix });
      if (lineage.outcome === 'recovered') {
        log.warn(
          { code: 'redis-data-lost', ...lineage },
          `Redis lost its data (or is another Redis than before): ${lineage.releasedClaims} queued items not yet indexed released, ${lineage.feedsRepolled} feeds polled again in full`,
        );
      } else if (lineage.outcome === 'adopted') {
        log.info({ lineage: lineage.lineage }, 'the index now remembers this Redis (to notice should it lose its data)');
      }
      const result = await schedulePolls(deps);
      if (result.queued || result.rescheduled) log.info(result, 'feed polls queued');
      if (result.outOfBounds > 0) {
        log.warn(
          { code: 'poll-schedule-out-of-bounds', feeds: result.outOfBounds },
          `${result.outOfBounds} feeds were scheduled further off than twice TIDINGS_POLL_MAX (a clock set ahead, or a lower maximum since): polled now`,
        );
      }
      const renewalDueAt = renewals ? await renewals.pass(log) : null;
      const nextDueAt = Math.min(result.nextDueAt ?? Number.POSITIVE_INFINITY, renewalDueAt ?? Number.POSITIVE_INFINITY);
      if (Number.isFinite(nextDueAt)) sleep = Math.min(Math.max(nextDueAt - Date.now(), MIN_SLEEP_MS), sleep);
    } catch (error) {
      log.error({ err: error }, 'could not queue feed polls');
    }
    if (!closed) timer = setTimeout(() => (running = pass()), sleep);
  };
  running = pass();
  await running;
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
      await renewals?.close();
    },
  };
}

/** The scheduler as a service: no BullMQ worker, a loop to stop. */
export const schedulerService: StartService = async (runtime) => {
  const scheduler = await startScheduler(runtime);
  // Retention lives here: the scheduler already runs timed work against the index, one pass per timer, and stops it on shutdown.
  const retention = startRetention(runtime);
  return {
    workers: [],
    close: async () => {
      await retention.close();
      await scheduler.close();
    },
  };
};
