import { afterAll, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { createTaskPool, prestartTaskThreads, taskModule, type TaskKind } from './pool.js';
import { takePrestartedThread } from './threads.js';

const HOSTILE: TaskKind = { filename: new URL('./fixtures/hostile-task.mjs', import.meta.url), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 1024 };

/** A real pool of real worker threads running hostile tasks (fixtures/hostile-task.mjs). */
describe('createTaskPool', () => {
  const pool = createTaskPool<string, string>(
    { filename: new URL('./fixtures/hostile-task.mjs', import.meta.url), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 1024 },
    { threads: 1, timeoutMs: 500, maxHeapMb: 64 },
  );
  afterAll(() => pool.close());

  it('returns what the task returns, and its typed failures as TidingsErrors', async () => {
    expect(await pool.run('one', 'input one')).toBe('echo one');
    await expect(pool.run('fail', 'input two')).rejects.toMatchObject({ code: 'malformed-feed', permanent: true, message: 'not a feed' });
  });

  it('stops a task that never ends with a permanent timeout naming the setting, and runs the next task on a fresh thread', async () => {
    const error = await pool.run('spin', 'the spinning input').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'timeout', permanent: true });
    expect((error as Error).message).toBe('testing the spinning input took longer than 500 ms (TIDINGS_TEST_TIMEOUT_MS); its worker thread was stopped');
    expect(await pool.run('after', 'input three')).toBe('echo after');
  });

  it('takes a budget still to come (a pool started before its configuration is read): tasks wait for it, then run under it', async () => {
    let setBudget!: (ms: number) => void;
    const early = createTaskPool<string, string>(
      { filename: new URL('./fixtures/hostile-task.mjs', import.meta.url), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 1024 },
      { threads: 1, timeoutMs: new Promise<number>((resolve) => (setBudget = resolve)) },
    );
    try {
      const spinning = early.run('spin', 'the early input');
      setBudget(300);
      await expect(spinning).rejects.toMatchObject({ code: 'timeout', message: 'testing the early input took longer than 300 ms (TIDINGS_TEST_TIMEOUT_MS); its worker thread was stopped' });
      expect(await early.run('after', 'input five')).toBe('echo after');
    } finally {
      await early.close();
    }
  });

  it('leaves a budget that never came to its caller: closing the pool raises nothing', async () => {
    const failing = Promise.reject(new Error('no configuration'));
    const early = createTaskPool<string, string>(
      { filename: new URL('./fixtures/hostile-task.mjs', import.meta.url), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 1024 },
      { threads: 1, timeoutMs: failing },
    );
    await early.close();
    await expect(failing).rejects.toThrow('no configuration');
  });

  it('fails a task whose function throws, or whose thread dies, as a retryable io error, and runs the next task on a fresh thread', async () => {
    await expect(pool.run('throw', 'input six')).rejects.toMatchObject({ code: 'io', permanent: false, message: 'worker thread failed testing input six: not made with defineTask' });
    await expect(pool.run('crash', 'input seven')).rejects.toMatchObject({ code: 'io', permanent: false, message: 'worker thread failed testing input seven: the thread exited with code 3' });
    expect(await pool.run('after', 'input eight')).toBe('echo after');
  });

  it('runs as many tasks at once as it has threads', async () => {
    const two = createTaskPool<string, string>(HOSTILE, { threads: 2, timeoutMs: 3_000 });
    try {
      const settled: string[] = [];
      const spinning = two.run('spin', 'the spinning input').catch(() => settled.push('spin'));
      expect(await two.run('beside', 'input nine')).toBe('echo beside');
      settled.push('beside');
      await spinning;
      // With one thread, the second task would have waited for the first one's budget to run out.
      expect(settled).toEqual(['beside', 'spin']);
    } finally {
      await two.close();
    }
  });

  it('fails what is running or waiting when closed, and what comes after', async () => {
    const closing = createTaskPool<string, string>(HOSTILE, { threads: 1, timeoutMs: 60_000 });
    const running = closing.run('spin', 'the running input');
    const waiting = closing.run('one', 'the waiting input');
    // Noted now: they fail while the pool closes, before the expectations below look at them.
    running.catch(() => undefined);
    waiting.catch(() => undefined);
    // Closed once the spinning task has started: it is running, the other one waiting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await closing.close();
    await expect(running).rejects.toMatchObject({ code: 'io', message: 'worker thread failed testing the running input: the pool was closed' });
    await expect(waiting).rejects.toMatchObject({ code: 'io', message: 'worker thread failed testing the waiting input: the pool was closed' });
    await expect(closing.run('one', 'a late input')).rejects.toMatchObject({ code: 'io', message: 'worker thread failed testing a late input: the pool was closed' });
  });

  it('takes over the threads started early for its task and heap limit, whatever they said before it listened', async () => {
    prestartTaskThreads(HOSTILE, { threads: 1, maxHeapMb: 96 });
    // Another heap limit is another pool's.
    expect(takePrestartedThread(HOSTILE.filename, 128)).toBeUndefined();
    // Long enough for the thread to have loaded its task and said so, before any pool listens.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const early = createTaskPool<string, string>(HOSTILE, { threads: 1, timeoutMs: 5_000, maxHeapMb: 96 });
    try {
      // Taken over: none is left for the next pool.
      expect(takePrestartedThread(HOSTILE.filename, 96)).toBeUndefined();
      expect(await early.run('one', 'input ten')).toBe('echo one');
    } finally {
      await early.close();
    }
  });

  it('fails a task that exhausts its heap limit as too-large, and runs the next task on a fresh thread', async () => {
    const roomy = createTaskPool<string, string>(
      { filename: new URL('./fixtures/hostile-task.mjs', import.meta.url), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 1024 },
      // Long enough that the heap runs out first.
      { threads: 1, timeoutMs: 60_000, maxHeapMb: 32 },
    );
    try {
      await expect(roomy.run('hoard', 'the greedy input')).rejects.toMatchObject({ code: 'too-large', permanent: true });
      expect(await roomy.run('after', 'input four')).toBe('echo after');
    } finally {
      await roomy.close();
    }
  });

  it('runs a TypeScript task from the sources (taskModule picks the .ts file), typed failures included', async () => {
    const typed = createTaskPool<string, string>(
      { filename: taskModule(import.meta.url, './fixtures/typed-task'), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 1024 },
      { threads: 1, timeoutMs: 30_000, maxHeapMb: 256 },
    );
    try {
      expect(taskModule(import.meta.url, './fixtures/typed-task').pathname).toMatch(/typed-task\.ts$/);
      expect(taskModule('file:///app/dist/pool.js', './parse-task').href).toBe('file:///app/dist/parse-task.js');
      expect(await typed.run('one', 'input one')).toBe('typed one');
      await expect(typed.run('fail', 'input two')).rejects.toMatchObject({ name: 'TidingsError', code: 'malformed-feed', permanent: true });
    } finally {
      await typed.close();
    }
  });
});
