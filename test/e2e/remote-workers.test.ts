import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'infra/scripts/remote-workers.sh');
const postgresUrl = process.env.TIDINGS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The environment without this machine's Tidings settings, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL'));
  return { ...base, ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn('bash', [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; i < 1200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!condition()) throw new Error(`gave up waiting: ${what()}`);
}

/** The pids of the first extractor slot's workers, in the order they said they run. */
function extractorPids(output: string): number[] {
  return [...output.matchAll(/^\[extractor-1\] (\{.*"msg":"extractor running".*\})$/gm)].map((match) => (JSON.parse(match[1]!) as { pid: number }).pid);
}

describe('infra/scripts/remote-workers.sh (extra workers on another machine)', () => {
  const prefix = uniquePrefix('remote');
  const schema = `tidings_remote_${randomBytes(4).toString('hex')}`;
  /** The shared Redis and this test's own PostgreSQL schema, as another machine's workers would be set up. */
  const workerEnv = () => cleanEnv({ REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_INDEX_URL: `${postgresUrl}?schema=${schema}`, TIDINGS_SHUTDOWN_TIMEOUT: '5s' });
  afterAll(async () => {
    await deletePrefix(prefix);
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('refuses to start without a shared index, saying why', async () => {
    const started = run(['--extractors', '1'], cleanEnv({ REDIS_URL: TEST_REDIS_URL }));
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('TIDINGS_INDEX_URL');
  });

  it('runs N extractors and M fetchers, and on SIGTERM every one drains and the script exits 0', async () => {
    await requireRedis();
    const env = workerEnv();
    const started = run(['--extractors', '2', '--fetchers', '1'], env);
    const running = () => started.output().match(/"msg":"(extractor|fetcher) running"/g)?.length ?? 0;
    await until(() => running() === 3, started.output);
    expect(started.output()).toMatch(/\[extractor-2\] /);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.output().match(/"msg":"(extractor|fetcher) stopped"/g)).toHaveLength(3);
  });

  it('starts a worker that was killed again, as a supervisor would, and still stops them all on SIGTERM', async () => {
    await requireRedis();
    const env = workerEnv();
    const started = run(['--extractors', '1', '--fetchers', '0'], env);
    await until(() => extractorPids(started.output()).length === 1, started.output);
    process.kill(extractorPids(started.output())[0]!, 'SIGKILL');
    await until(() => extractorPids(started.output()).length === 2, started.output);
    expect(started.output()).toMatch(/remote-workers: extractor-1 exited with code 137; starting it again in 1 s/);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.output().match(/"msg":"extractor stopped"/g)).toHaveLength(1);
  });

  it('stops cleanly on SIGTERM while it waits to start a killed worker again', async () => {
    await requireRedis();
    const env = workerEnv();
    const started = run(['--extractors', '1', '--fetchers', '0'], env);
    await until(() => extractorPids(started.output()).length === 1, started.output);
    process.kill(extractorPids(started.output())[0]!, 'SIGKILL');
    await until(() => started.output().includes('starting it again in 1 s'), started.output);
    // In the pause: the dead worker's 137 is no failure of the stop.
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });
});
