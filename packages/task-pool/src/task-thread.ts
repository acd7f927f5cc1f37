/**
 * The entry of every task pool's worker threads (see pool.ts): compiled,
 * dist/task-thread.js; from the sources, tsx-worker.mjs registers tsx and
 * then imports this. It loads the task module its pool names, says it is
 * ready, then runs the tasks it is sent, one at a time, telling the pool when
 * each starts (its clock starts then) and what each gave. It imports nothing
 * but builtins and script-bundle.ts: a thread's start is on the path of every
 * `tidings extract`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScriptBundle } from './script-bundle.js';
import type { TaskEnvelope, TaskFunction, ThreadMessage } from './task.js';

/** What a pool gives each of its threads. */
export interface TaskThreadData {
  /** The task module's URL: its default export is a {@link TaskFunction}. */
  taskModule: string;
  /** Whether it is a script bundle (script-bundle.ts), loaded through its code cache, rather than a module to import. */
  script: boolean;
}

const port = parentPort;
if (port === null) throw new Error('task-thread runs in a worker thread of a task pool');
const { taskModule, script } = workerData as TaskThreadData;
const loaded = script ? loadScriptBundle(new URL(taskModule)).exports : ((await import(taskModule)) as Record<string, unknown>);
const task = loaded.default as TaskFunction<unknown, unknown>;
if (typeof task !== 'function') throw new Error(`${taskModule} has no default export to run (see defineTask)`);

const post = (message: ThreadMessage) => port.postMessage(message);
port.on('message', async ({ token, input }: TaskEnvelope<unknown>) => {
  post({ started: token });
  try {
    post({ done: token, outcome: await task(input) });
  } catch (error) {
    post({ done: token, thrown: error instanceof Error ? error.message : String(error) });
  }
});
post({ ready: true });
