import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { redisKeys, TidingsError } from '@tidings/contracts';
import type { RedisClient } from './redis-client.js';

/**
 * Large bodies (feed XML, article HTML, extracted records) stored once in
 * Redis, compressed, under a content-addressed key with a TTL; jobs carry
 * only the key, so queue payloads stay small and memory stays bounded.
 * Every command touches one key, so on a Redis Cluster the bodies spread
 * over all the masters by their hash.
 */
export class BodyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  /** Stores `text` and returns its key. Storing the same text twice keeps one copy. */
  async put(text: string): Promise<string> {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
    const key = redisKeys(this.prefix).body(hash);
    await this.redis.set(key, deflateRawSync(Buffer.from(text, 'utf8'), { level: 3 }), 'PX', this.ttlMs);
    return key;
  }

  /** Reads a body back. A missing one (expired, or never stored) is a permanent failure. */
  async get(key: string): Promise<string> {
    if (!key.startsWith(redisKeys(this.prefix).bodyPrefix)) {
      throw new TidingsError('invalid-payload', `body key ${key} is not in this installation's store`, { permanent: true });
    }
    const stored = await this.redis.getBuffer(key);
    if (!stored) throw new TidingsError('body-expired', `body ${key} is gone (expired after TIDINGS_BODY_TTL, or never stored)`, { permanent: true });
    return inflateRawSync(stored).toString('utf8');
  }
}
