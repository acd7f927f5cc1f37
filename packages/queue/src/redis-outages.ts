import type { RedisClient } from './redis-client.js';

/** When the last outage each connection of this process saw ended (its connection closed, then was ready again). */
const outageEnds = new WeakMap<RedisClient, number>();
const watched = new WeakSet<RedisClient>();

/**
 * Remembers when `redis` comes back after losing its connection (Redis
 * restarted, failed over, or the network dropped), for {@link redisAwayWithin}.
 * Idempotent: each connection is watched once.
 */
export function watchRedisOutages(redis: RedisClient): void {
  if (watched.has(redis)) return;
  watched.add(redis);
  let down = false;
  redis.on('close', () => {
    down = true;
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    outageEnds.set(redis, Date.now());
  });
}

const UPTIME = /^uptime_in_seconds:(\d+)/m;

/**
 * Whether Redis was away within the last `windowMs`: this process saw its
 * connection come back after losing it, or the server (one node of a
 * cluster) started that recently. A job's lock cannot be renewed while Redis
 * is away, and one restarted from its append-only file comes back with the
 * lock already expired: the job is then found "stalled" although its worker
 * never died. False when Redis cannot say.
 */
export async function redisAwayWithin(redis: RedisClient, windowMs: number, now = Date.now()): Promise<boolean> {
  const ended = outageEnds.get(redis);
  if (ended !== undefined && now - ended <= windowMs) return true;
  try {
    const uptime = UPTIME.exec(await redis.info('server'))?.[1];
    return uptime !== undefined && Number(uptime) * 1000 <= windowMs;
  } catch {
    return false;
  }
}
