import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connectRedis, isRedisCluster, type RedisClient } from '@tidings/queue';

/** The Redis the tests use: REDIS_URL, else the machine's default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Fails (never skips) with a clear message when the test Redis is not
 * reachable: pipeline tests need a real one.
 */
export async function requireRedis(): Promise<void> {
  const probe = connectRedis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new Error(`these tests need a real Redis at ${TEST_REDIS_URL} (${(error as Error).message}); start one (bash .ci/run does) or set REDIS_URL`);
  } finally {
    probe.disconnect();
  }
}

/** A queue prefix no other test run uses, so runs never see each other's jobs. */
export function uniquePrefix(label: string): string {
  return `tidings-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix` (queues, bodies) from the Redis at `url` (on a cluster, from every master). */
export async function deletePrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const client: RedisClient = connectRedis(url);
  try {
    // The first answer means a cluster client knows its nodes.
    await client.ping();
    for (const node of isRedisCluster(client) ? client.nodes('master') : [client]) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        // One key per DEL: on a cluster node, keys of several slots cannot share a command.
        const deletes = node.pipeline();
        for (const key of keys) deletes.del(key);
        await deletes.exec();
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
}

/** A fresh temporary directory, and a function that removes it. */
export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tidings-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port free on 127.0.0.1 right now (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
