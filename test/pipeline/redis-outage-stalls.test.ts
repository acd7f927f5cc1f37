import { spawn, type ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { connectRedis, PipelineQueues, redisAnswers, startStageWorker, type FinalFailure, type RedisClient } from '@tidings/queue';
import { freePort, tempDir } from '../support/services.js';
import { waitFor } from './helpers/pipeline-harness.js';

const log = pino({ level: 'silent' });

/** A redis-server of the test's own, as Tidings wants it (AOF, fsync always), in `dir`: killed and started again on the same files. */
function redisServer(dir: string, port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
}

async function untilAnswers(url: string): Promise<void> {
  for (let i = 0; i < 100 && !(await redisAnswers(url)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * A job's lock cannot be renewed while Redis is away, and Redis restarted
 * from its append-only file finds it expired: the job is "stalled" with no
 * worker dead. With TIDINGS_MAX_CRASHES=1 one such stall failed it for good
 * as [worker-crash], though the work was done or doable (a chaos audit:
 * three Redis outages failed every job running through them).
 */
describe('a job running while Redis restarts', () => {
  const data = tempDir('redis-outage');
  let server: ChildProcess | null = null;
  let redis: RedisClient | null = null;
  afterAll(() => {
    redis?.disconnect();
    server?.kill('SIGKILL');
    data.remove();
  });

  it('is run again when its lock expired during the outage, and not failed as a worker crash', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    server = redisServer(data.dir, port);
    await untilAnswers(url);
    redis = connectRedis(url);
    const queues = new PipelineQueues(redis, 'outage', { keepCompleted: 10, keepFailed: 10, retryDelayMs: 50 });
    const failures: FinalFailure[] = [];
    const runs: number[] = [];
    let release: () => void = () => {};
    const firstRunHeld = new Promise<void>((resolve) => (release = resolve));
    const worker = startStageWorker(
      QUEUES.articleIndex,
      async () => {
        runs.push(Date.now());
        // The first run outlives the outage: its lock expires while Redis is away.
        if (runs.length === 1) await firstRunHeld;
        return { ok: true };
      },
      { connection: redis, prefix: 'outage', log, concurrency: 2, lockDurationMs: 1_000, maxCrashes: 1, onFinalFailure: (failure) => failures.push(failure) },
    );
    worker.on('error', () => {});
    await queues.add(QUEUES.articleIndex, { itemUrl: 'https://news.example.org/a', canonicalUrl: 'https://news.example.org/a', recordKey: 'record-a' }, { jobId: 'a' });
    await waitFor(() => runs.length === 1, 10_000);

    // Redis dies, stays away longer than the lock, and comes back from its append-only file.
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    server = redisServer(data.dir, port);
    await untilAnswers(url);

    await waitFor(async () => (await queues.get(QUEUES.articleIndex).getJobState('a')) === 'completed' || failures.length > 0, 20_000);
    release();
    expect(failures).toEqual([]);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const job = await queues.get(QUEUES.articleIndex).getJob('a');
    expect(job?.stalledCounter).toBeGreaterThanOrEqual(1);
    expect(job?.data).toMatchObject({ stallsExcused: job?.stalledCounter });
    await worker.close(true);
    await queues.close();
  });
});
