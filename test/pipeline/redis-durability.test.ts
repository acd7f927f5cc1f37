import { spawn } from 'node:child_process';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, readRedisDurability, redisAnswers, startRedisServer, type RedisClient, type RedisHandle } from '@tidings/queue';
import { freePort, tempDir } from '../support/services.js';

const log = pino({ level: 'silent' });

describe("Redis' durability, read from its own settings", () => {
  const data = tempDir('redis-durability');
  let handle: RedisHandle;
  let redis: RedisClient;

  beforeAll(async () => {
    // A redis-server of the test's own (the one Tidings starts itself: AOF, appendfsync always), so that CONFIG SET touches nothing shared.
    handle = await startRedisServer(data.dir, log, `redis://127.0.0.1:${await freePort()}`);
    redis = connectRedis(handle.url);
  });

  afterAll(async () => {
    await redis?.quit();
    await handle?.stop();
    data.remove();
  });

  it('is durable as Tidings starts it, and says why not once a setting changes', async () => {
    const port = Number(new URL(handle.url).port);
    const durable = await readRedisDurability(redis);
    expect(durable).toEqual({
      durable: true,
      servers: [{ address: `127.0.0.1:${port}`, appendonly: 'yes', appendfsync: 'always', maxmemoryPolicy: 'noeviction' }],
      problems: [],
    });

    await redis.config('SET', 'appendfsync', 'everysec');
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const lax = await readRedisDurability(redis);
    expect(lax.durable).toBe(false);
    expect(lax.problems).toHaveLength(2);
    expect(lax.problems[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port}: appendfsync is everysec: `));
    expect(lax.problems[1]).toMatch(/maxmemory-policy is allkeys-lru: .*\(set "maxmemory-policy noeviction"\)$/);

    await redis.config('SET', 'appendonly', 'no');
    expect((await readRedisDurability(redis)).problems.map((problem) => problem.split(': ')[1])).toEqual(['appendonly is no', 'maxmemory-policy is allkeys-lru']);
  });

  it('does not know, and says so, when Redis refuses CONFIG (as some managed services do)', async () => {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--rename-command', 'CONFIG', '""'], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const client = connectRedis(url, { maxRetriesPerRequest: 1 });
    try {
      const unknown = await readRedisDurability(client);
      expect(unknown.durable).toBeNull();
      expect(unknown.servers).toEqual([]);
      expect(unknown.problems).toEqual([expect.stringMatching(new RegExp(`^127\\.0\\.0\\.1:${port}: its settings cannot be read \\(CONFIG GET: .*unknown command`, 'i'))]);
    } finally {
      client.disconnect();
      child.kill('SIGKILL');
    }
  });
});
