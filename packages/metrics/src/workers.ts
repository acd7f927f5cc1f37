import type { RedisClient } from '@tidings/queue';
import { redisKeys } from '@tidings/contracts';

/** The roles a worker process takes (`all`: several in one process, as `tidings start` runs them). */
export const WORKER_ROLES = ['fetcher', 'parser', 'extractor', 'indexer', 'scheduler', 'all'] as const;

/** One live worker process, as its heartbeat in Redis describes it. */
export interface WorkerInfo {
  /** Unique per process start: `<host>:<pid>:<random>`. */
  id: string;
  /** What it runs: `fetcher`, `parser`, ... or `all` for several roles in one process. */
  role: string;
  host: string;
  pid: number;
  version: string;
  /** ISO time the process started its services. */
  startedAt: string;
  /** Job attempts this process has finished (completed or failed). */
  jobsDone: number;
  /** ISO time of its last finished attempt, or null before the first. */
  lastJobAt: string | null;
  /** ISO time of its last heartbeat. */
  seenAt: string;
}

/** The hash fields a heartbeat writes (strings, as Redis keeps them). */
export function workerFields(worker: WorkerInfo): Record<string, string> {
  return {
    id: worker.id,
    role: worker.role,
    host: worker.host,
    pid: String(worker.pid),
    version: worker.version,
    startedAt: worker.startedAt,
    jobsDone: String(worker.jobsDone),
    lastJobAt: worker.lastJobAt ?? '',
    seenAt: worker.seenAt,
  };
}

/** Reads a heartbeat hash back; null when it is gone (expired) or not one of ours. Pure. */
export function parseWorkerFields(fields: Record<string, string>): WorkerInfo | null {
  if (!fields.id || !fields.role || !fields.startedAt) return null;
  return {
    id: fields.id,
    role: fields.role,
    host: fields.host ?? '',
    pid: Number(fields.pid ?? 0),
    version: fields.version ?? '',
    startedAt: fields.startedAt,
    jobsDone: Number(fields.jobsDone ?? 0),
    lastJobAt: fields.lastJobAt ? fields.lastJobAt : null,
    seenAt: fields.seenAt ?? fields.startedAt,
  };
}

/**
 * The worker processes whose heartbeat has not expired, by role then host
 * and pid. Drops from the set the entries whose score (expiry) has passed;
 * a hash that expired before its entry was dropped is skipped too. No SCAN:
 * one sorted set and one hash per worker, under one hash tag.
 */
export async function readLiveWorkers(redis: RedisClient, prefix: string, now = Date.now()): Promise<WorkerInfo[]> {
  const keys = redisKeys(prefix).workers;
  await redis.zremrangebyscore(keys.live, '-inf', now);
  const ids = await redis.zrange(keys.live, 0, -1);
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hgetall(keys.worker(id));
  const replies = (await pipeline.exec()) ?? [];
  const workers = replies.flatMap(([error, fields]) => {
    const worker = error ? null : parseWorkerFields((fields ?? {}) as Record<string, string>);
    return worker ? [worker] : [];
  });
  return workers.sort((a, b) => a.role.localeCompare(b.role) || a.host.localeCompare(b.host) || a.pid - b.pid);
}

/** Live workers per role, e.g. `{ fetcher: 2, parser: 1 }`. Pure. */
export function countByRole(workers: readonly WorkerInfo[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const worker of workers) counts[worker.role] = (counts[worker.role] ?? 0) + 1;
  return counts;
}
