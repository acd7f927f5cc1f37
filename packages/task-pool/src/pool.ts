import type { Worker } from 'node:worker_threads';
import { TidingsError, type ErrorCode } from '@tidings/contracts/errors';
import { bundledModule } from './bundled-module.js';
import type { TaskEnvelope, TaskOutcome, ThreadMessage } from './task.js';
import { prestartThreads, startThread, stopThread, takePrestartedThread } from './threads.js';

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
 * Starts now the threads of the next pool made for `task` with these
 * limits, before the code that makes it is even loaded (see
 * prestartThreads): the `tidings` executable starts the extraction thread
 * of `tidings extract` first thing.
 */
export function prestartTaskThreads(task: TaskKind, limits: Pick<PoolLimits, 'threads' | 'maxHeapMb'>): void {
  prestartThreads(task.filename, limits.maxHeapMb ?? task.defaultMaxHeapMb, limits.threads);
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
 *
 * Its threads start at once, loading their task while the caller goes on
 * (the CLI's `extract` reads its configuration and its input meanwhile).
 * Tasks wait in order for a thread that has loaded its task and is free.
 * An idle pool does not keep the process alive; a task waiting or running
 * does.
 */
export function createTaskPool<I, O>(task: TaskKind, limits: PoolLimits): TaskPool<I, O> {
  const options: PoolOptions = { ...task, threads: limits.threads, maxHeapMb: limits.maxHeapMb ?? task.defaultMaxHeapMb };
  const timeoutMs = Promise.resolve(limits.timeoutMs);
  // A pool closed without running anything, its budget never known (a configuration that did not
  // load): that rejection is its caller's to report, not an unhandled one.
  timeoutMs.catch(() => undefined);
  const threads = new Set<Thread<I, O>>();
  const queue: Array<Job<I, O>> = [];
  let lastToken = 0;
  let closed = false;

  /** Starts a thread, or takes one started early for this pool's task (prestartThreads). */
  const start = (early = false) => {
    const prestarted = early ? takePrestartedThread(options.filename, options.maxHeapMb) : undefined;
    const thread: Thread<I, O> = {
      worker: prestarted?.worker ?? startThread(options.filename, options.maxHeapMb),
      ready: prestarted?.ready ?? false,
      job: null,
      timedOut: false,
      ...(prestarted?.error ? { error: prestarted.error } : {}),
    };
    threads.add(thread);
    thread.worker.on('message', (message: ThreadMessage) => answered(thread, message));
    // An error (out of memory, a task module that does not load) is followed by the exit.
    thread.worker.on('error', (error) => (thread.error ??= error));
    thread.worker.on('exit', (code) => exited(thread, code));
    const exitCode = prestarted?.exitCode;
    if (exitCode !== undefined) queueMicrotask(() => exited(thread, exitCode));
    holdProcess();
  };

  /** Gives waiting tasks to the threads that are ready and free. */
  const dispatch = () => {
    for (const thread of threads) {
      if (queue.length === 0) break;
      if (!thread.ready || thread.job !== null) continue;
      const job = queue.shift()!;
      thread.job = job;
      try {
        thread.worker.postMessage({ token: job.token, input: job.input } satisfies TaskEnvelope<I>);
      } catch (error) {
        // An input that cannot cross to a thread (a function in it): the task's fault, not the thread's.
        thread.job = null;
        job.reject(poolFailure(error, false, job.subject, { ...options, timeoutMs: job.budgetMs }));
      }
    }
    holdProcess();
  };

  /** A thread holds the process alive only while a task runs on it or waits for one. */
  const holdProcess = () => {
    for (const thread of threads) {
      if (thread.job !== null || queue.length > 0) thread.worker.ref();
      else thread.worker.unref();
    }
  };

  const answered = (thread: Thread<I, O>, message: ThreadMessage) => {
    if ('ready' in message) {
      thread.ready = true;
    } else if ('started' in message) {
      // The clock starts when the thread starts the task, not when it is queued: starting or
      // restarting a thread must not eat the budget.
      const job = thread.job;
      if (job?.token === message.started) {
        thread.timer = setTimeout(() => {
          thread.timedOut = true;
          void thread.worker.terminate();
        }, job.budgetMs);
      }
    } else if (thread.job?.token === message.done) {
      const job = thread.job;
      clearTimeout(thread.timer);
      thread.job = null;
      if ('thrown' in message) job.reject(poolFailure(new Error(message.thrown), false, job.subject, { ...options, timeoutMs: job.budgetMs }));
      else settle(job, message.outcome as TaskOutcome<O>);
    }
    dispatch();
  };

  const exited = (thread: Thread<I, O>, code: number) => {
    threads.delete(thread);
    clearTimeout(thread.timer);
    const job = thread.job;
    const cause = thread.error ?? new Error(closed ? 'the pool was closed' : `the thread exited with code ${code}`);
    if (job) job.reject(poolFailure(cause, thread.timedOut, job.subject, { ...options, timeoutMs: job.budgetMs }));
    if (closed) return;
    if (!thread.ready && job === null) {
      // It never loaded its task (a module that throws, a missing bundle): starting another at
      // once would fail the same way, again and again. The tasks waiting fail; the next one to
      // come starts a thread again.
      for (const waiting of queue.splice(0)) waiting.reject(poolFailure(cause, false, waiting.subject, { ...options, timeoutMs: waiting.budgetMs }));
      return;
    }
    start();
  };

  const run = async (input: I, subject: string): Promise<O> => {
    const budgetMs = await timeoutMs;
    if (closed) throw poolFailure(new Error('the pool was closed'), false, subject, { ...options, timeoutMs: budgetMs });
    while (threads.size < options.threads) start();
    return new Promise<O>((resolve, reject) => {
      queue.push({ token: ++lastToken, input, subject, budgetMs, resolve, reject });
      dispatch();
    });
  };

  const close = async () => {
    closed = true;
    const cause = new Error('the pool was closed');
    for (const waiting of queue.splice(0)) waiting.reject(poolFailure(cause, false, waiting.subject, { ...options, timeoutMs: waiting.budgetMs }));
    await Promise.all([...threads].map((thread) => stopThread(thread.worker)));
  };

  for (let i = 0; i < options.threads; i++) start(true);
  return { run, close };
}

/** A task given to the pool, until its outcome is known. */
interface Job<I, O> {
  token: number;
  input: I;
  subject: string;
  budgetMs: number;
  resolve(result: O): void;
  reject(error: TidingsError): void;
}

/** One worker thread of a pool, and what it is doing. */
interface Thread<I, O> {
  worker: Worker;
  /** It has loaded its task and takes work. */
  ready: boolean;
  /** The task it runs, if any. */
  job: Job<I, O> | null;
  /** The running task's budget, from when the thread started it. */
  timer?: NodeJS.Timeout;
  /** It was stopped because its task ran out of time. */
  timedOut: boolean;
  /** Why it stopped, when it failed (the error event comes before the exit). */
  error?: Error;
}

/** Resolves or rejects `job` with what its task gave: a typed failure comes back a TidingsError. */
function settle<O>(job: Job<unknown, O>, outcome: TaskOutcome<O>): void {
  if (outcome.ok) return job.resolve(outcome.result);
  const { code, message, permanent } = outcome.error;
  job.reject(new TidingsError(code as ErrorCode, message, { permanent }));
}

/** Why the pool could not deliver a result, as a TidingsError. */
function poolFailure(error: unknown, timedOut: boolean, subject: string, options: PoolOptions & { timeoutMs: number }): TidingsError {
  if (timedOut) {
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
