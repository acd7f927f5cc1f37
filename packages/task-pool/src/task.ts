/**
 * The worker-thread side of a task pool. Errors cross the thread boundary
 * as plain data (structured cloning keeps an Error's message but not a
 * TidingsError's code), so they are returned, not thrown; the pool turns
 * them back into TidingsErrors.
 */
import { parentPort } from 'node:worker_threads';
import { describeError, isPermanent } from '@tidings/contracts/errors';

/** What the pool sends a thread: the input, and a token naming the task in its "started" message. */
export interface TaskEnvelope<I> {
  token: number;
  input: I;
}

/** Posted to the pool when a task starts running: waiting for a thread does not count against the budget. */
export interface TaskStarted {
  taskStarted: number;
}

export type TaskOutcome<O> = { ok: true; result: O } | { ok: false; error: { code: string; message: string; permanent: boolean } };

/**
 * Wraps `work` as the default export of a worker-thread module for
 * {@link createTaskPool}: it announces the start (which starts the task's
 * clock) and returns failures as data.
 */
export function defineTask<I, O>(work: (input: I) => O | Promise<O>): (envelope: TaskEnvelope<I>) => Promise<TaskOutcome<O>> {
  return async (envelope) => {
    parentPort?.postMessage({ taskStarted: envelope.token } satisfies TaskStarted);
    try {
      return { ok: true, result: await work(envelope.input) };
    } catch (error) {
      return { ok: false, error: { ...describeError(error), permanent: isPermanent(error) } };
    }
  };
}
