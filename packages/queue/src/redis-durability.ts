import type { Redis } from 'ioredis';
import { isRedisCluster, type RedisClient } from './redis-client.js';

/** The Redis settings Tidings' guarantees rest on, as `CONFIG GET` reports them. */
export interface RedisDurabilitySettings {
  appendonly: string | null;
  appendfsync: string | null;
  maxmemoryPolicy: string | null;
}

/**
 * Whether Redis keeps what it acknowledged (the README's guarantees need
 * AOF with `appendfsync always` and `maxmemory-policy noeviction`).
 * `durable` is null when the settings could not be read (a managed Redis
 * that refuses CONFIG); `problems` says what is wrong, one line each.
 */
export interface RedisDurability {
  durable: boolean | null;
  /** Per server (`host:port`), as read; empty when none could be read. */
  servers: Array<{ address: string } & RedisDurabilitySettings>;
  problems: string[];
}

/** Each setting: its name in CONFIG, the value the guarantees need, and what goes wrong otherwise with the line that mends it. */
const SETTINGS: Record<keyof RedisDurabilitySettings, { config: string; required: string; consequence: string }> = {
  appendonly: { config: 'appendonly', required: 'yes', consequence: 'a Redis restart loses the queued jobs written since its last snapshot (set "appendonly yes")' },
  appendfsync: { config: 'appendfsync', required: 'always', consequence: 'a Redis crash may lose up to the last second of acknowledged jobs (set "appendfsync always")' },
  maxmemoryPolicy: { config: 'maxmemory-policy', required: 'noeviction', consequence: 'Redis may evict queued jobs when its memory is full (set "maxmemory-policy noeviction")' },
};
const FIELDS = Object.keys(SETTINGS) as Array<keyof RedisDurabilitySettings>;

/**
 * The problems of one server's settings, each naming the server, the
 * setting, its value and what follows from it. Pure.
 */
export function settingProblems(address: string, settings: RedisDurabilitySettings): string[] {
  return FIELDS.flatMap((name) => {
    const { config, required, consequence } = SETTINGS[name];
    const value = settings[name];
    if (value === required) return [];
    // appendfsync matters only with AOF on; appendonly's own problem says it all.
    if (name === 'appendfsync' && settings.appendonly !== SETTINGS.appendonly.required) return [];
    return [`${address}: ${config} is ${value ?? 'not reported'}: ${consequence}`];
  });
}

/**
 * Reads the durability settings of Tidings' Redis: the server, or every
 * master of a cluster. Never throws: a server that refuses CONFIG GET (some
 * managed services rename or disable it) makes `durable` null, with the
 * reason among the problems.
 */
export async function readRedisDurability(redis: RedisClient): Promise<RedisDurability> {
  // A cluster client knows its masters once it has its slots: a PING waits for them.
  if (isRedisCluster(redis) && redis.nodes('master').length === 0) await redis.ping().catch(() => undefined);
  const nodes: Redis[] = isRedisCluster(redis) ? redis.nodes('master') : [redis];
  const servers: RedisDurability['servers'] = [];
  const problems: string[] = [];
  let unreadable = nodes.length === 0;
  let wrong = false;
  for (const node of nodes) {
    const address = `${node.options.host ?? '127.0.0.1'}:${node.options.port ?? 6379}`;
    try {
      const settings = await readSettings(node);
      servers.push({ address, ...settings });
      const found = settingProblems(address, settings);
      wrong ||= found.length > 0;
      problems.push(...found);
    } catch (error) {
      unreadable = true;
      problems.push(`${address}: its settings cannot be read (CONFIG GET: ${(error as Error).message}); make sure it runs with appendonly yes, appendfsync always and maxmemory-policy noeviction`);
    }
  }
  // A setting read and wrong is a known "no"; otherwise a server left unread leaves the answer open.
  return { durable: wrong ? false : unreadable ? null : true, servers, problems };
}

async function readSettings(node: Redis): Promise<RedisDurabilitySettings> {
  // One CONFIG GET with several patterns needs Redis 7; one per setting works on any version.
  const values = await Promise.all(
    FIELDS.map(async (name) => {
      const reply = (await node.config('GET', SETTINGS[name].config)) as unknown as string[];
      return [name, reply[1] ?? null] as const;
    }),
  );
  return Object.fromEntries(values) as unknown as RedisDurabilitySettings;
}
