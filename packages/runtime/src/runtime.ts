import { pino, type Logger } from 'pino';
import type { Config } from '@tidings/config';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { BodyStore, connectRedis, ensureRedis, PipelineQueues, type RedisClient, type RedisHandle } from '@tidings/queue';

/** Everything a service needs, built once from the config. */
export interface Runtime {
  config: Config;
  log: Logger;
  /** One server or a Redis Cluster, as REDIS_URL says; on a cluster, keys used together must share a slot (see redisKeys). */
  redis: RedisClient;
  queues: PipelineQueues;
  bodies: BodyStore;
  index: TidingsIndex;
  /** Closes connections and stops a self-started redis-server. */
  close(): Promise<void>;
}

/** A pino logger writing JSON to stderr, so stdout stays the command's output. */
export function createLogger(config: Config, name = 'tidings'): Logger {
  return pino({ name, level: config.logLevel }, pino.destination({ fd: 2, sync: false }));
}

/**
 * Connects to Redis (starting one when none is configured and none runs),
 * opens the index and builds the producers. Fails fast with a clear error.
 */
export async function createRuntime(config: Config, log: Logger, options: { autostartRedis?: boolean } = {}): Promise<Runtime> {
  const index = await openIndex({ dataDir: config.dataDir, indexUrl: config.indexUrl });
  let handle: RedisHandle;
  try {
    handle = await ensureRedis(config, log, { autostart: options.autostartRedis ?? true });
  } catch (error) {
    await index.close();
    throw error;
  }
  const redis = connectRedis(handle.url);
  redis.on('error', (error) => log.error({ err: error }, 'redis connection error'));
  const queues = new PipelineQueues(redis, config.queuePrefix, {
    keepCompleted: config.keepCompleted,
    keepFailed: config.keepFailed,
    retryDelayMs: config.retryDelayMs,
  });
  const bodies = new BodyStore(redis, config.queuePrefix, config.bodyTtlMs);
  return {
    config,
    log,
    redis,
    queues,
    bodies,
    index,
    close: async () => {
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
      await index.close();
      await handle.stop();
    },
  };
}
