import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { readLiveWorkers, type WorkerInfo } from '@tidings/metrics';
import { connectRedis, reportStageJob, type RedisClient } from '@tidings/queue';
import { startHeartbeat } from '@tidings/runtime';
import { runCliJson } from '../support/cli.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const child = path.join(root, 'test/observability/heartbeat-child.ts');
/** Bounds each wait; generous for a loaded machine. It asserts no timing. */
const until = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 45_000, interval: 200 });

describe('worker heartbeats in Redis', () => {
  const prefix = uniquePrefix('heartbeat');
  const data = tempDir('heartbeat');
  let redis: RedisClient;
  const children: ChildProcess[] = [];

  /** Starts a worker process with the given heartbeat TTL. */
  function startWorker(role: string, ttl: string): ChildProcess {
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL'));
    // node itself (tsx as a loader, not its wrapper process): the pid listed is the one killed.
    const worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', child, role], {
      cwd: root,
      env: { ...base, REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_HEARTBEAT_TTL: ttl, TIDINGS_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(worker);
    return worker;
  }
  const pids = async () => (await readLiveWorkers(redis, prefix)).map((worker) => worker.pid);
  const exited = (worker: ChildProcess) => new Promise<number | null>((resolve) => (worker.exitCode !== null ? resolve(worker.exitCode) : worker.once('exit', (code) => resolve(code))));

  beforeAll(async () => {
    await requireRedis();
    redis = connectRedis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    for (const worker of children) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    redis?.disconnect();
    await deletePrefix(prefix);
    data.remove();
  });

  it('lists a live worker process with its role, host, pid, version and start time; a killed one is gone within the TTL', async () => {
    const worker = startWorker('fetcher', '2s');
    await until(pids).toContain(worker.pid);
    const listed = (await readLiveWorkers(redis, prefix)).find((candidate) => candidate.pid === worker.pid)!;
    expect(listed).toMatchObject({ role: 'fetcher', host: os.hostname(), version: expect.stringMatching(/^\d+\.\d+\.\d+/), jobsDone: 0, lastJobAt: null });
    expect(Date.parse(listed.startedAt)).not.toBeNaN();

    // `tidings status --json` lists it too.
    const status = await runCliJson<{ workers: WorkerInfo[] }>(['status', '--json'], { REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir });
    expect(status.workers.map((candidate) => candidate.pid)).toContain(worker.pid);

    // Killed: no clean shutdown, no deregistration; the heartbeat expires.
    worker.kill('SIGKILL');
    await exited(worker);
    await until(pids).not.toContain(worker.pid);
  });

  it('removes a worker at once on a clean shutdown (long TTL: only the deregistration can take it off)', async () => {
    const worker = startWorker('parser', '10m');
    await until(pids).toContain(worker.pid);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    expect(await pids()).not.toContain(worker.pid);
  });

  it('counts the jobs its process finishes, and when the last one ended', async () => {
    const heartbeat = await startHeartbeat({ redis, prefix, role: 'indexer', ttlMs: 60_000 });
    try {
      reportStageJob({ queue: QUEUES.articleIndex, prefix, outcome: 'completed', durationMs: 5 });
      reportStageJob({ queue: QUEUES.articleIndex, prefix, outcome: 'failed', durationMs: 5 });
      reportStageJob({ queue: QUEUES.articleIndex, prefix: `${prefix}-other`, outcome: 'completed', durationMs: 5 });
      await heartbeat.beat();
      const listed = (await readLiveWorkers(redis, prefix)).find((candidate) => candidate.id === heartbeat.id);
      expect(listed?.jobsDone).toBe(2);
      expect(listed?.lastJobAt).not.toBeNull();
    } finally {
      await heartbeat.stop();
    }
    expect((await readLiveWorkers(redis, prefix)).map((worker) => worker.id)).not.toContain(heartbeat.id);
  });
});
