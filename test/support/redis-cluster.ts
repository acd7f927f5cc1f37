import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './services.js';

const run = promisify(execFile);

/** A Redis Cluster of local redis-server processes, started by a test. */
export interface LocalRedisCluster {
  /** REDIS_URL naming it: `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,...`. */
  url: string;
  ports: number[];
  /** Process ids of the redis-servers it started (the only ones {@link LocalRedisCluster.stop} kills). */
  pids: number[];
  /** Kills its redis-servers, by pid, and removes their directory. */
  stop(): Promise<void>;
}

/**
 * Fails with install advice (never skips) when redis-server or redis-cli is
 * missing: the cluster test must not pass by doing nothing.
 */
export function requireRedisBinaries(): void {
  for (const binary of ['redis-server', 'redis-cli']) {
    const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(
        `the Redis Cluster test needs ${binary} (Redis 7 or later) on PATH: install it (Debian/Ubuntu: apt-get install -y redis-server) ` +
          `(${probe.error?.message ?? probe.stderr.trim()})`,
      );
    }
  }
}

/** Polls `check` until it holds; fails after `timeoutMs`, or at once when `hopeless()` says it never will. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, hopeless: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (hopeless()) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Runs one command on one node, through a short-lived connection (a plain client: the node may not be in a cluster yet). */
async function onNode<T>(port: number, command: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await command(redis);
  } finally {
    redis.disconnect();
  }
}

/**
 * Starts `masters` redis-server processes in cluster mode on free loopback
 * ports (data and logs in a fresh temporary directory, nothing persisted),
 * joins them with `redis-cli --cluster create` (no replicas) and waits until
 * every node reports `cluster_state:ok`. On any failure it stops what it
 * started before rethrowing.
 */
export async function startRedisCluster(options: { masters?: number } = {}): Promise<LocalRedisCluster> {
  requireRedisBinaries();
  const masters = options.masters ?? 3;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];

  const stop = async () => {
    process.removeListener('exit', killAll);
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  // Should the test process die without its afterAll, its redis-servers go with it.
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  try {
    for (let i = 0; i < masters; i++) {
      const node = await startNode(dir);
      children.push(node.child);
      ports.push(node.port);
    }
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 30_000,
    });
    await waitFor(
      'every node to report cluster_state:ok',
      async () => {
        const infos = await Promise.all(ports.map((port) => onNode(port, (redis) => redis.cluster('INFO'))));
        return infos.every((info) => /^cluster_state:ok\s*$/m.test(String(info)) && /^cluster_known_nodes:(\d+)\s*$/m.exec(String(info))?.[1] === String(masters));
      },
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
    ports,
    pids: children.map((child) => child.pid!),
    stop,
  };
}

/**
 * Starts one cluster-mode redis-server on free loopback ports and waits for
 * its PONG. A port found free can be taken by another test before the server
 * binds it: a server that exits at start is tried again on other ports.
 */
async function startNode(dir: string): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    // The client port, and the cluster bus port (by default client + 10000, which need not be free).
    const port = await freePort();
    const busPort = await freePort();
    const nodeDir = path.join(dir, String(port));
    mkdirSync(nodeDir, { recursive: true });
    const log = path.join(nodeDir, 'redis.log');
    const child = spawn(
      'redis-server',
      [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes',
        '--cluster-port', String(busPort),
        '--cluster-config-file', path.join(nodeDir, 'nodes.conf'),
        '--cluster-node-timeout', '5000',
        '--dir', nodeDir,
        '--save', '',
        '--appendonly', 'no',
        '--logfile', log,
      ],
      { stdio: 'ignore' },
    );
    child.once('error', () => {});
    try {
      await waitFor(`redis-server on 127.0.0.1:${port} to answer`, async () => {
        if (child.exitCode !== null) throw new Error('exited');
        return (await onNode(port, (redis) => redis.ping())) === 'PONG';
      }, 10_000, () => child.exitCode !== null);
      return { child, port };
    } catch (error) {
      await stopChild(child);
      if (attempt >= 3) throw new Error(`redis-server on port ${port} did not start (${(error as Error).message}): ${readTail(log)}`);
    }
  }
}

/** SIGTERM, then SIGKILL after five seconds; resolves once the process has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return '(no log)';
  }
}
