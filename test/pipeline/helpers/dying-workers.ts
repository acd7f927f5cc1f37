import type { Worker } from 'bullmq';
import { waitFor } from './pipeline-harness.js';

/**
 * Workers that die mid-job the way a SIGKILLed process does as far as Redis
 * can tell, and a supervisor that starts a fresh one for each: a handler
 * calls `die(worker)` instead of finishing its job; `replaceUntil` then
 * force-closes that worker (its job's lock is never released or renewed, so
 * another worker's stalled-job check has to find the job) and calls `start`
 * for a new one, until `done`.
 */
export function dyingWorkers() {
  const dying = new Set<Worker>();
  const started: Worker[] = [];
  return {
    /** Remembers a started worker, for {@link closeAll}. */
    track(worker: Worker): Worker {
      started.push(worker);
      return worker;
    },
    /** What a handler returns to die: a job that never ends. */
    die(worker: Worker): Promise<never> {
      dying.add(worker);
      return new Promise<never>(() => {});
    },
    async replaceUntil(start: () => Worker, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
      await waitFor(async () => {
        for (const worker of [...dying]) {
          dying.delete(worker);
          await worker.close(true);
          start();
        }
        return done();
      }, timeoutMs);
    },
    async closeAll(): Promise<void> {
      await Promise.all(started.map((worker) => worker.close(true)));
    },
  };
}
