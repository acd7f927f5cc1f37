import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { redisAnswers } from '@tidings/queue';
import { deletePrefix, freePort, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { rssFeed, startRecordingServer } from '../pipeline/helpers/recording-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The environment of a process started by hand: none of this machine's Tidings settings, and no package manager's (npm_*). */
function operatorEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && !key.startsWith('npm_') && key !== 'REDIS_URL'));
  return { ...base, ...extra };
}

interface Started {
  wrapper: ChildProcess;
  /** The node process that runs the worker (logged in its "running" line). */
  workerPid: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `pnpm --silent tidings worker parser`, the documented way, until its worker logs that it runs. */
async function startDocumentedWorker(prefix: string, dataDir: string): Promise<Started> {
  const wrapper = spawn('pnpm', ['--silent', 'tidings', 'worker', 'parser'], {
    cwd: root,
    env: operatorEnv({ REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: dataDir, TIDINGS_SHUTDOWN_TIMEOUT: '5s' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  wrapper.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => wrapper.once('exit', (code) => resolve(code)));
  const workerPid = await new Promise<number>((resolve, reject) => {
    const check = setInterval(() => {
      const running = stderr.split('\n').find((line) => line.includes('"msg":"parser running"'));
      if (running) {
        clearInterval(check);
        resolve((JSON.parse(running) as { pid: number }).pid);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      reject(new Error(`the worker exited (${code}) before it ran: ${stderr}`));
    });
  });
  return { wrapper, workerPid, stderr: () => stderr, exited };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function untilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('a worker started the documented way (pnpm --silent tidings worker ...)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  function fresh(label: string) {
    const prefix = uniquePrefix(label);
    const data = tempDir(label);
    cleanups.push(() => deletePrefix(prefix), () => data.remove());
    return { prefix, dir: data.dir };
  }

  it('drains and exits 0 when the package manager is sent SIGTERM, and leaves no node process behind', async () => {
    await requireRedis();
    const { prefix, dir } = fresh('sigterm');
    const worker = await startDocumentedWorker(prefix, dir);
    cleanups.push(() => void (isAlive(worker.workerPid) && process.kill(worker.workerPid, 'SIGKILL')));
    expect(worker.workerPid).not.toBe(worker.wrapper.pid);
    worker.wrapper.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    await untilGone(worker.workerPid);
    expect(worker.stderr()).toContain('"msg":"SIGTERM: finishing active jobs"');
    expect(worker.stderr()).toContain('"msg":"parser stopped"');
  });

  it('drains and exits by itself when the wrapper dies without passing a signal on (SIGKILL)', async () => {
    await requireRedis();
    const { prefix, dir } = fresh('orphan');
    const worker = await startDocumentedWorker(prefix, dir);
    cleanups.push(() => void (isAlive(worker.workerPid) && process.kill(worker.workerPid, 'SIGKILL')));
    worker.wrapper.kill('SIGKILL');
    await untilGone(worker.workerPid);
    expect(worker.stderr()).toContain('"msg":"parent-exited: finishing active jobs"');
    expect(worker.stderr()).toContain('"msg":"parser stopped"');
  });
});

describe('tidings start with a job still running at the shutdown timeout', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('hands the job back and exits 0 after TIDINGS_SHUTDOWN_TIMEOUT, not when the abandoned fetch ends', async () => {
    await requireRedis();
    const prefix = uniquePrefix('stop-timeout');
    const data = tempDir('stop-timeout');
    const site = await startRecordingServer();
    cleanups.push(() => site.close(), () => deletePrefix(prefix), () => data.remove());
    // The feed's one article never answers: its fetch is still running when the shutdown timeout ends.
    site.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [site.url('/hang')] })));
    site.route('/hang', () => {});
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_FETCH_ALLOW_PRIVATE: new URL(site.origin).host,
      TIDINGS_SHUTDOWN_TIMEOUT: '1s',
      // Far longer than this test may run: were the process held until the abandoned fetch ends, the test would time out.
      TIDINGS_FETCH_TIMEOUT_MS: '600000',
    };
    expect((await runCli(['subscribe', '--as-given', site.url('/feed.xml')], env)).code).toBe(0);
    // One node process (no wrapper), so the signal reaches the CLI itself.
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'services/cli/src/main.ts', 'start', '--no-api'], {
      cwd: root,
      env: operatorEnv(env),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 40_000;
    while (site.requestsTo('/hang').length === 0) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the article was never fetched: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutdown timeout: handed the job back to the queue');
  }, 90_000);
});

/** The parser from its sources, one node process, its stderr gathered; resolves once it runs. */
async function startParser(env: NodeJS.ProcessEnv, cleanups: Array<() => Promise<void> | void>) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'services/parser/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  while (!stderr.includes('"msg":"parser running"')) {
    if (child.exitCode !== null) throw new Error(`the parser exited before it ran: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, exited, stderr: () => stderr };
}

describe('a worker an operator starts by hand', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  // `nohup node services/parser/dist/main.js &` in a shell that then exits: the worker is re-parented, on purpose.
  it('keeps running when the shell that launched it exits, and stops on SIGTERM', async () => {
    await requireRedis();
    const prefix = uniquePrefix('nohup');
    const data = tempDir('nohup');
    cleanups.push(() => deletePrefix(prefix), () => data.remove());
    // Launched from below a package manager's script (a test run, a runner): its variables are inherited, naming another script.
    const env = operatorEnv({
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_SHUTDOWN_TIMEOUT: '2s',
      npm_lifecycle_event: 'test',
      npm_lifecycle_script: 'vitest run',
    });
    const log = path.join(data.dir, 'parser.log');
    const shell = spawn('bash', ['-c', `nohup "${process.execPath}" --conditions=source --import tsx services/parser/src/main.ts > "${log}" 2>&1 & echo $!; wait`], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
    const workerPid = await new Promise<number>((resolve) => shell.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    cleanups.push(() => void (isAlive(workerPid) && process.kill(workerPid, 'SIGKILL')));
    const logged = () => readLog(log);
    while (!logged().includes('"msg":"parser running"')) await new Promise((resolve) => setTimeout(resolve, 50));
    shell.kill('SIGKILL');
    // Three times the interval at which a watched process checks its parent.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(isAlive(workerPid)).toBe(true);
    expect(logged()).not.toContain('parent-exited');
    process.kill(workerPid, 'SIGTERM');
    await untilGone(workerPid);
    expect(logged()).toContain('"msg":"parser stopped"');
  });

  // With Redis away, handing jobs back and the last writes wait for it forever: the stop must still end.
  it('stops on SIGTERM while Redis is away, saying what it could not finish', async () => {
    const data = tempDir('redis-away');
    cleanups.push(() => data.remove());
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    cleanups.push(() => void (redis.exitCode === null && redis.kill('SIGKILL')));
    const url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && !(await redisAnswers(url)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const parser = await startParser(operatorEnv({ REDIS_URL: url, TIDINGS_DATA_DIR: data.dir, TIDINGS_SHUTDOWN_TIMEOUT: '1s' }), cleanups);
    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    parser.child.kill('SIGTERM');
    expect(await parser.exited).toBe(0);
    expect(parser.stderr()).toContain('"code":"shutdown-incomplete"');
  });
});

/** The log a worker writes to a file, '' until it has created it. */
function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
