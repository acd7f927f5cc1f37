import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseRedisUrl, type RedisTarget } from '@tidings/config';

/**
 * A connection to Tidings' Redis: one server, or a Redis Cluster. Both speak
 * the same commands; on a cluster, the keys of one command, script or
 * transaction must share a slot (see redisKeys and queueKeyPrefix).
 */
export type RedisClient = Redis | Cluster;

/** True when `client` talks to a Redis Cluster. */
export function isRedisCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * Opens a connection to REDIS_URL's Redis, a cluster for a
 * `redis+cluster://` URL. Every Redis client Tidings makes comes from here.
 * `maxRetriesPerRequest: null` by default, as BullMQ's workers need.
 */
export function connectRedis(url: string, options: RedisOptions = {}): RedisClient {
  return connectTarget(parseRedisUrl(url), { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}

function connectTarget(target: RedisTarget, options: RedisOptions, clusterOptions: ClusterOptions = {}): RedisClient {
  if (target.kind === 'single') return new Redis(target.url, options);
  const { lazyConnect, enableReadyCheck, ...nodeOptions } = options;
  return new Cluster(target.nodes, {
    ...clusterOptions,
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableReadyCheck === undefined ? {} : { enableReadyCheck }),
    redisOptions: {
      ...nodeOptions,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  });
}

/** Longest a probe waits for an answer (a cluster asks several nodes). */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * True when the Redis at `url` answers PING within about a second; for a
 * cluster, when its nodes answer and it reports `cluster_state:ok` (every
 * slot served).
 */
export async function redisAnswers(url: string): Promise<boolean> {
  const target = parseRedisUrl(url);
  const probe = connectTarget(
    target,
    { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null },
    { clusterRetryStrategy: () => null, slotsRefreshTimeout: 1_000 },
  );
  probe.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  const check = async (): Promise<boolean> => {
    await probe.connect();
    if ((await probe.ping()) !== 'PONG') return false;
    if (!isRedisCluster(probe)) return true;
    const info = String(await probe.cluster('INFO'));
    return /^cluster_state:ok\s*$/m.test(info);
  };
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}
