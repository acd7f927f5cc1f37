import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { DEFAULT_REDIS_URL, isRedisClusterUrl, redactRedisUrl, type Config } from '@tidings/config';
import { redisAnswers } from './redis-client.js';

/** A Redis that Tidings can use, and how to let go of it. */
export interface RedisHandle {
  url: string;
  /** True when this process started redis-server itself. */
  started: boolean;
  /** Stops a self-started redis-server; a no-op otherwise. */
  stop(): Promise<void>;
}

/**
 * Finds the Redis to use. An explicit REDIS_URL (one server, or a cluster)
 * is used as given (and must answer). Without one, the default address is
 * tried and, when nothing answers there, `redis-server` is started with its
 * data under the data dir and stopped when this process exits.
 */
export async function ensureRedis(config: Config, log: Logger, options: { autostart?: boolean } = {}): Promise<RedisHandle> {
  if (config.redisUrl) {
    if (!(await redisAnswers(config.redisUrl))) {
      throw new Error(
        isRedisClusterUrl(config.redisUrl)
          ? `the Redis Cluster at REDIS_URL=${redactRedisUrl(config.redisUrl)} does not answer, or does not report cluster_state:ok (every slot served)`
          : `Redis does not answer at REDIS_URL=${redactRedisUrl(config.redisUrl)}: start it, or unset REDIS_URL to let Tidings start its own`,
      );
    }
    return { url: config.redisUrl, started: false, stop: async () => {} };
  }
  if (await redisAnswers(DEFAULT_REDIS_URL)) return { url: DEFAULT_REDIS_URL, started: false, stop: async () => {} };
  if (options.autostart === false) throw new Error(`no Redis answers at ${DEFAULT_REDIS_URL} (set REDIS_URL, or run "tidings start" which starts one)`);
  return startRedisServer(config.dataDir, log, DEFAULT_REDIS_URL);
}

/**
 * Starts `redis-server` on `url`'s host and port, with its data (append-only
 * file) under `<dataDir>/redis`, killed when this process exits. Resolves once
 * it answers PING; rejects with install advice when redis-server is missing.
 */
export async function startRedisServer(dataDir: string, log: Logger, url: string): Promise<RedisHandle> {
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const { port, hostname } = new URL(url);
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', port, '--bind', hostname, '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--logfile', path.join(dir, 'redis.log')],
    { stdio: 'ignore' },
  );
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error('no Redis answers at redis://127.0.0.1:6379 and redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install -y redis-server) or set REDIS_URL')
          : new Error(`could not start redis-server: ${error.message}`),
      );
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited at start (code ${code}); see ${path.join(dir, 'redis.log')}`)));
  });
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(url)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('redis-server did not answer within 10 s');
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    child.kill();
    throw error;
  }
  child.removeAllListeners('exit');
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);
  log.info({ url, dir }, 'no Redis was running: started redis-server (stopped on exit)');
  return {
    url,
    started: true,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
