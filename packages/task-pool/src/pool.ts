import { TidingsError, type ErrorCode } from '@tidings/contracts/errors';
import { Piscina } from 'piscina';
import { bundledModule } from './bundled-module.js';
import type { TaskEnvelope, TaskOutcome, TaskStarted } from './task.js';

/** The limits a service puts on its pool, from its configuration. */
export interface PoolLimits {
  /** Worker threads: tasks run at once. */
  threads: number;
  /**
   * Longest one task may run; past it its thread is stopped and the task
   * fails with a permanent `timeout`. A promise for a pool started before
   * its configuration is read (the CLI's `extract` starts its thread first,
   * so that the thread loads while the configuration does); tasks wait for it.
   */
  timeoutMs: number | Promise<number>;
  /** Heap limit of each thread, so one monstrous input cannot exhaust the process; past it the task fails with `too-large`. */
  maxHeapMb?: number;
}

/** What a pool runs, fixed by the service that owns it; {@link PoolLimits} come from its configuration. */
export interface TaskKind {
  /**
   * The worker-thread module (its default export made with `defineTask`):
   * a `.js` file, or a `.ts` one when running from the sources (see
   * {@link taskModule}).
   */
  filename: URL;
  /** What a task does, for messages: "extracting", "parsing". */
  verb: string;
  /** The setting that holds `timeoutMs`, named in the timeout message. */
  timeoutSetting: string;
  /** The heap limit of each thread when the limits name none. */
  defaultMaxHeapMb: number;
}

export interface TaskPool<I, O> {
  /** Runs one task; `subject` (a URL, a file) names it in errors. */
  run(input: I, subject: string): Promise<O>;
  /** Stops the threads; pending tasks fail. */
  close(): Promise<void>;
}

/** A pool's settings once made: its task kind, its threads and their heap limit. */
type PoolOptions = TaskKind & { threads: number; maxHeapMb: number };

/**
 * The task module `name` (without extension) beside the module at `base`
 * (its `import.meta.url`): the `.ts` source from the sources, the task's
 * bundle when `pnpm build` made one and it is up to date (a thread loads it
 * about four times faster), its compiled `.js` module otherwise. See
 * {@link bundledModule}.
 */
export function taskModule(base: string, name: string): URL {
  return bundledModule(base, name);
}

/**
 * A pool of worker threads for CPU-bound work on untrusted input (feed
 * parsing, article extraction). On the main thread, one slow input would
 * block the event loop: BullMQ could not renew the locks of the jobs in
 * progress, they would be declared stalled and run twice, and every other
 * worker in the process would stop with it. Here the event loop stays free,
 * an input that runs past its time budget gets its thread terminated, one
 * that exhausts its heap limit kills only its thread, and either way the
 * pool starts a fresh thread for the next task.
 */
export function createTaskPool<I, O>(task: TaskKind, limits: PoolLimits): TaskPool<I, O> {
  const options: PoolOptions = { ...task, threads: limits.threads, maxHeapMb: limits.maxHeapMb ?? task.defaultMaxHeapMb };
  const timeoutMs = Promise.resolve(limits.timeoutMs);
  // A pool closed without running anything, its budget never known (a configuration that did not
  // load): that rejection is its caller's to report, not an unhandled one.
  timeoutMs.catch(() => undefined);
  const fromSources = options.filename.pathname.endsWith('.ts');
  const pool = new Piscina<TaskEnvelope<I>, TaskOutcome<O>>({
    // A TypeScript task is loaded by the one plain-JS entry that registers tsx in the thread first.
    filename: fromSources ? new URL('./tsx-worker.mjs', import.meta.url).href : options.filename.href,
    workerData: fromSources ? { taskModule: options.filename.href } : undefined,
    minThreads: options.threads,
    maxThreads: options.threads,
    // Threads are costly to start (module loading): keep them.
    idleTimeout: Number.POSITIVE_INFINITY,
    // Not the parent's flags (a dev loader's or the test runner's): the entry registers what it needs.
    execArgv: [],
    // A larger young generation: tree building allocates many short-lived objects, and fewer scavenges save time.
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(options.maxHeapMb / 8))) },
  });

  // Each task's clock starts when its thread starts on it (the thread says so), not when it is queued:
  // starting or restarting a thread must not eat the budget.
  const starters = new Map<number, () => void>();
  pool.on('message', (message: Partial<TaskStarted> | null) => {
    if (typeof message?.taskStarted === 'number') starters.get(message.taskStarted)?.();
  });
  let lastToken = 0;

  const run = async (input: I, subject: string): Promise<O> => {
    const budgetMs = await timeoutMs;
    const token = ++lastToken;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    starters.set(token, () => {
      timer = setTimeout(() => controller.abort(), budgetMs);
    });
    let outcome: TaskOutcome<O>;
    try {
      outcome = await pool.run({ token, input }, { signal: controller.signal });
    } catch (error) {
      throw poolFailure(error, controller.signal, subject, { ...options, timeoutMs: budgetMs });
    } finally {
      clearTimeout(timer);
      starters.delete(token);
    }
    if (outcome.ok) return outcome.result;
    const { code, message, permanent } = outcome.error;
    throw new TidingsError(code as ErrorCode, message, { permanent });
  };

  return { run, close: () => pool.destroy() };
}

/** Why the pool could not deliver a result, as a TidingsError. */
function poolFailure(error: unknown, signal: AbortSignal, subject: string, options: PoolOptions & { timeoutMs: number }): TidingsError {
  if (signal.aborted) {
    // The input is the same on every attempt: retrying would only burn another budget.
    return new TidingsError('timeout', `${options.verb} ${subject} took longer than ${options.timeoutMs} ms (${options.timeoutSetting}); its worker thread was stopped`, {
      permanent: true,
      cause: error,
    });
  }
  if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new TidingsError('too-large', `${options.verb} ${subject} ran out of memory (${options.maxHeapMb} MB); its worker thread was stopped`, { permanent: true, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // A thread that died for another reason (the pool closing): the next attempt gets a fresh one.
  return new TidingsError('io', `worker thread failed ${options.verb} ${subject}: ${message}`, { permanent: false, cause: error });
}
