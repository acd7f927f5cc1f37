/**
 * Starting a task pool's worker threads, and starting them early: a caller
 * that knows it will make a pool (the `tidings` executable, for `extract`)
 * starts its threads before it loads the code that makes the pool, so that
 * a thread loads its task while the main thread loads the program.
 */
import { Worker } from 'node:worker_threads';
import { isScriptBundle } from './bundled-module.js';
import type { ThreadMessage } from './task.js';
import type { TaskThreadData } from './task-thread.js';

/** A thread started before its pool was made, and what it said meanwhile. */
export interface PrestartedThread {
  worker: Worker;
  /** Removes the listeners that noted what it said, when a pool takes it over. */
  stopNoting(): void;
  /** It has loaded its task. */
  ready: boolean;
  /** Why it failed, if it did. */
  error?: Error;
  /** Its exit code, if it has stopped. */
  exitCode?: number;
}

/**
 * Starts one worker thread running the task module at `filename` with a
 * heap limit of `maxHeapMb` (task-thread.ts is its entry).
 */
export function startThread(filename: URL, maxHeapMb: number): Worker {
  // From the sources (tsx, vitest), a thread registers tsx before it loads its entry and its task.
  const entry = import.meta.url.endsWith('.ts') ? new URL('./tsx-worker.mjs', import.meta.url) : new URL('./task-thread.js', import.meta.url);
  return new Worker(entry, {
    workerData: { taskModule: filename.href, script: isScriptBundle(filename) } satisfies TaskThreadData,
    // Not the parent's flags (a dev loader's or the test runner's): the entry registers what it needs.
    execArgv: [],
    // A larger young generation: tree building allocates many short-lived objects, and fewer scavenges save time.
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(maxHeapMb / 8))) },
  });
}

// Held on globalThis, not in this module: the CLI's bundle holds its own copy of this package, and the
// pool it makes must find the threads that the executable started through the compiled modules.
const PRESTARTED = Symbol.for('@tidings/task-pool prestarted threads');

function prestarted(): Map<string, PrestartedThread[]> {
  const holder = globalThis as { [PRESTARTED]?: Map<string, PrestartedThread[]> };
  return (holder[PRESTARTED] ??= new Map());
}

const keyOf = (filename: URL, maxHeapMb: number) => `${maxHeapMb} ${filename.href}`;

/**
 * Starts `count` threads for the task module at `filename` now; the next
 * pool made in this process for that module and heap limit takes them
 * instead of starting its own. Until then they keep nothing alive: a
 * process that ends up making no pool exits as if they were not there.
 */
export function prestartThreads(filename: URL, maxHeapMb: number, count: number): void {
  const waiting = prestarted().get(keyOf(filename, maxHeapMb)) ?? [];
  for (let i = 0; i < count; i++) {
    const worker = startThread(filename, maxHeapMb);
    // What it says before a pool listens would be lost: noted here, handed over with the thread.
    const onMessage = (message: ThreadMessage) => {
      if ('ready' in message) thread.ready = true;
    };
    const onError = (error: Error) => (thread.error ??= error);
    const onExit = (code: number) => (thread.exitCode = code);
    // Only these: a Worker keeps listeners of its own (removeAllListeners would stop its messages).
    const stopNoting = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const thread: PrestartedThread = { worker, stopNoting, ready: false };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.unref();
    waiting.push(thread);
  }
  prestarted().set(keyOf(filename, maxHeapMb), waiting);
}

/** A thread that {@link prestartThreads} started for this module and heap limit, now the caller's (no longer noted), if one is waiting. */
export function takePrestartedThread(filename: URL, maxHeapMb: number): PrestartedThread | undefined {
  const thread = prestarted().get(keyOf(filename, maxHeapMb))?.shift();
  thread?.stopNoting();
  return thread;
}

/** Longest wait for a stopped thread to say it has ended. */
const STOP_WAIT_MS = 2_000;

/**
 * Terminates a thread and waits until it has ended, or STOP_WAIT_MS at most.
 * A thread stopped while it is still starting may never say so (Node 20: its
 * terminate() promise stays pending and holds nothing alive), and an await
 * on it alone then ended the process under it: the CLI's `extract` of an
 * input that failed at once exited with code 13 and no message. The timer
 * keeps the process alive meanwhile.
 */
export async function stopThread(worker: Worker): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
  try {
    await Promise.race([worker.terminate().then(() => undefined), waited]);
  } finally {
    clearTimeout(timer);
  }
}
