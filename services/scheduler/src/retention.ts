import { redisKeys } from '@tidings/contracts';
import type { PruneResult, TidingsIndex } from '@tidings/index';
import type { RedisClient } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';

/** How often a scheduler prunes when TIDINGS_RETENTION is set. */
export const PRUNE_EVERY_MS = 3_600_000;

/** What one retention pass needs. */
export interface RetentionDeps {
  index: Pick<TidingsIndex, 'prune'>;
  redis: Pick<RedisClient, 'set'>;
  queuePrefix: string;
  retentionMs: number;
}

/**
 * One retention pass: prunes what is older than the retention, unless
 * another scheduler has pruned within the last `everyMs` (a lease in Redis,
 * so several schedulers prune once an hour between them, not once each).
 * Returns what was removed, or null when another scheduler holds the lease.
 */
export async function runRetention(deps: RetentionDeps, everyMs: number = PRUNE_EVERY_MS, signal?: AbortSignal, now: number = Date.now()): Promise<PruneResult | null> {
  // A little under the period: the holder's next pass, an hour on, finds the lease gone.
  const leased = await deps.redis.set(redisKeys(deps.queuePrefix).retentionLease, String(now), 'PX', Math.max(1, Math.floor(everyMs * 0.9)), 'NX');
  if (leased !== 'OK') return null;
  return deps.index.prune({ before: new Date(now - deps.retentionMs), ...(signal ? { signal } : {}) });
}

/**
 * Prunes on a timer while the scheduler runs: at start, then every
 * `everyMs`. Nothing when TIDINGS_RETENTION is not set.
 */
export function startRetention(runtime: Runtime, everyMs: number = PRUNE_EVERY_MS): { close(): Promise<void> } {
  const retentionMs = runtime.config.retentionMs;
  if (retentionMs === null) return { close: async () => {} };
  const log = runtime.log.child({ service: 'scheduler', task: 'retention' });
  const deps: RetentionDeps = { index: runtime.index, redis: runtime.redis, queuePrefix: runtime.config.queuePrefix, retentionMs };
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async (): Promise<void> => {
    try {
      const result = await runRetention(deps, everyMs, stop.signal);
      if (result) log.info(result, 'pruned articles past the retention');
    } catch (error) {
      log.error({ err: error }, 'could not prune articles past the retention');
    }
    if (!stop.signal.aborted) timer = setTimeout(() => (running = pass()), everyMs);
  };
  running = pass();
  return {
    close: async () => {
      // A prune under way stops after its current batch.
      stop.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
