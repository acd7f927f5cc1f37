import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { redisKeys } from '@tidings/contracts';
import { TIDINGS_VERSION } from '@tidings/http/version';
import { workerFields, type WorkerInfo } from '@tidings/metrics';
import { observeStageJobs, type RedisClient } from '@tidings/queue';

/** Options of {@link startHeartbeat}. */
export interface HeartbeatOptions {
  redis: RedisClient;
  prefix: string;
  /** What this process runs (`fetcher`, ... or `all`). */
  role: string;
  /** How long the heartbeat lives without a refresh; refreshed every third of it. */
  ttlMs: number;
  log?: Logger;
}

/** A running heartbeat: what it last wrote, and how to take it down. */
export interface Heartbeat {
  readonly id: string;
  /** What the next beat writes. */
  current(): WorkerInfo;
  /** Writes the heartbeat now (the timer does it on its own). */
  beat(): Promise<void>;
  /** Stops beating and removes this worker from the live list (a clean shutdown). */
  stop(): Promise<void>;
}

/**
 * Registers this process in Redis as a live worker: a hash (role, host, pid,
 * version, start, jobs done, last job) that expires after `ttlMs`, and its id
 * in a sorted set scored by that expiry, rewritten every third of the TTL
 * together in one MULTI (both keys share a hash tag). A killed process stops
 * refreshing, so it drops out of the live list within the TTL; a clean stop
 * removes it at once. Counts the stage jobs of `prefix` this process finishes.
 * A failed write only logs: the next beat tries again.
 */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const { redis, prefix, role, ttlMs, log } = options;
  const keys = redisKeys(prefix).workers;
  const host = os.hostname();
  const id = `${host}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const key = keys.worker(id);
  const startedAt = new Date().toISOString();
  let jobsDone = 0;
  let lastJobAt: string | null = null;
  let stopped = false;

  const stopObserving = observeStageJobs((event) => {
    if (event.prefix !== prefix) return;
    jobsDone += 1;
    lastJobAt = new Date().toISOString();
  });

  const current = (): WorkerInfo => ({ id, role, host, pid: process.pid, version: TIDINGS_VERSION, startedAt, jobsDone, lastJobAt, seenAt: new Date().toISOString() });

  const beat = async (): Promise<void> => {
    if (stopped) return;
    const now = Date.now();
    await redis
      .multi()
      .hset(key, workerFields(current()))
      .pexpire(key, ttlMs)
      .zadd(keys.live, now + ttlMs, id)
      .exec();
  };

  await beat();
  const timer = setInterval(() => {
    beat().catch((error: unknown) => log?.warn({ err: error }, 'could not refresh the heartbeat'));
  }, Math.max(Math.floor(ttlMs / 3), 100));
  timer.unref();

  return {
    id,
    current,
    beat,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stopObserving();
      await redis
        .multi()
        .del(key)
        .zrem(keys.live, id)
        .exec()
        .catch((error: unknown) => log?.warn({ err: error }, 'could not remove the heartbeat'));
    },
  };
}
