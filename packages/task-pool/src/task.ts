/**
 * The worker-thread side of a task pool. Errors cross the thread boundary
 * as plain data (structured cloning keeps an Error's message but not a
 * TidingsError's code), so they are returned, not thrown; the pool turns
 * them back into TidingsErrors.
 */
import { describeError, isPermanent } from '@tidings/contracts/errors';

/** What the pool sends a thread: the input, and a token naming the task in the thread's answers. */
export interface TaskEnvelope<I> {
  token: number;
  input: I;
}

export type TaskOutcome<O> = { ok: true; result: O } | { ok: false; error: { code: string; message: string; permanent: boolean } };

/** What a task module's default export is: one input in, its outcome out, failures as data. */
export type TaskFunction<I, O> = (input: I) => Promise<TaskOutcome<O>>;

/**
 * What a thread tells its pool (task-thread.ts): that it has loaded its task
 * and takes work; that it started a task (which starts the task's clock, so
 * that waiting for a thread does not count against the budget); what a task
 * gave, or that the task function itself threw (a module not made with
 * {@link defineTask}).
 */
export type ThreadMessage = { ready: true } | { started: number } | { done: number; outcome: TaskOutcome<unknown> } | { done: number; thrown: string };

/**
 * Wraps `work` as the default export of a worker-thread module for
 * {@link createTaskPool}: failures come back as data.
 */
export function defineTask<I, O>(work: (input: I) => O | Promise<O>): TaskFunction<I, O> {
  return async (input) => {
    try {
      return { ok: true, result: await work(input) };
    } catch (error) {
      return { ok: false, error: { ...describeError(error), permanent: isPermanent(error) } };
    }
  };
}
