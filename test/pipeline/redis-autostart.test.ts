import { existsSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@tidings/config';
import { ensureRedis, redisAnswers, startRedisServer } from '@tidings/queue';
import { freePort, tempDir } from '../support/services.js';

const log = pino({ level: 'silent' });

describe('a Redis that Tidings starts itself', () => {
  it('starts redis-server with its data under the data dir, and stops it', async () => {
    const data = tempDir('redis');
    const url = `redis://127.0.0.1:${await freePort()}`;
    expect(await redisAnswers(url)).toBe(false);
    const handle = await startRedisServer(data.dir, log, url);
    try {
      expect(handle.started).toBe(true);
      expect(await redisAnswers(url)).toBe(true);
      expect(existsSync(path.join(data.dir, 'redis'))).toBe(true);
    } finally {
      await handle.stop();
    }
    expect(await redisAnswers(url)).toBe(false);
    data.remove();
  });

  it('says how to install redis-server when it is missing', async () => {
    const data = tempDir('redis-missing');
    const savedPath = process.env.PATH;
    process.env.PATH = data.dir;
    try {
      await expect(startRedisServer(data.dir, log, `redis://127.0.0.1:${await freePort()}`)).rejects.toThrow(/redis-server is not installed: install it \(Debian\/Ubuntu: sudo apt-get install -y redis-server\)/);
    } finally {
      process.env.PATH = savedPath;
      data.remove();
    }
  });

  it('uses an explicit REDIS_URL as given, and says clearly when nothing answers there', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const config = loadConfig({ REDIS_URL: url, TIDINGS_DATA_DIR: '/nonexistent' });
    await expect(ensureRedis(config, log)).rejects.toThrow(`Redis does not answer at REDIS_URL=${url}`);
  });
});
