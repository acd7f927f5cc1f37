import type { Runtime } from '@tidings/runtime';
import { syncSchedules } from './handler.js';

/** How often the scheduler looks for newly subscribed or removed feeds. */
const SYNC_EVERY_MS = 30_000;

/** The scheduler: keeps one BullMQ job scheduler per feed, re-syncing periodically. */
export async function startScheduler(runtime: Runtime): Promise<{ close(): Promise<void> }> {
  const deps = {
    index: runtime.index,
    queues: runtime.queues,
    pollIntervalMs: runtime.config.pollIntervalMs,
    jobDefaults: { keepCompleted: runtime.config.keepCompleted, keepFailed: runtime.config.keepFailed, retryDelayMs: runtime.config.retryDelayMs },
  };
  const log = runtime.log.child({ service: 'scheduler' });
  const sync = async () => {
    try {
      const result = await syncSchedules(deps);
      if (result.added || result.removed) log.info(result, 'feed schedules synced');
    } catch (error) {
      log.error({ err: error }, 'could not sync feed schedules');
    }
  };
  await sync();
  const timer = setInterval(sync, Math.min(SYNC_EVERY_MS, runtime.config.pollIntervalMs));
  return {
    close: async () => clearInterval(timer),
  };
}
