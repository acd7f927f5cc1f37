import { randomUUID } from 'node:crypto';
import { redisKeys } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import type { RedisClient } from '@tidings/queue';

export interface LineageDeps {
  redis: RedisClient;
  index: TidingsIndex;
  /** The installation's queue prefix: one lineage per prefix. */
  prefix: string;
}

/** What a check found, and what it did. */
export type LineageCheck =
  | { outcome: 'same' }
  /** The index had none (a new installation, or an index that predates the check): it now keeps Redis'. */
  | { outcome: 'adopted'; lineage: string }
  /** Redis lost its data, or is another Redis than the one the index was used with: the index's pending work goes round again. */
  | { outcome: 'recovered'; lineage: string; previous: string; releasedClaims: number; feedsRepolled: number };

/**
 * Notices that Redis lost its data, and gives back the work only Redis
 * held. The queues live in Redis; the index (durable) keeps the claims of
 * the items sent on (claimNewItems) and each feed's validators. A Redis
 * that restarts empty (no AOF, or a failover to a replica that had not
 * caught up) would leave claimed items unfetched for good, and conditional
 * GETs would keep answering 304 for the feeds that listed them.
 *
 * So Redis holds a random lineage id (`redisKeys(prefix).lineage`) and the
 * index the one it last saw. When they differ (Redis has none, or another)
 * the claims of items not stored as articles are released, and every active
 * feed loses its validators and comes due now: its next poll reads it whole
 * and queues its unstored items again (at least once: an item whose article
 * was stored under another URL is fetched once more and updated). The index
 * takes the new lineage only after that, so a scheduler that dies halfway
 * leaves the next check to do it all again. Several schedulers may check at
 * once: each step is safe to repeat.
 */
export async function checkRedisLineage(deps: LineageDeps, now = Date.now()): Promise<LineageCheck> {
  const key = redisKeys(deps.prefix).lineage;
  const metaKey = `redis-lineage:${deps.prefix}`;
  // Read the index first: a Redis id set after this read by another scheduler is then simply a different one.
  const known = await deps.index.readMeta(metaKey);
  let current = await deps.redis.get(key);
  if (current === null) {
    await deps.redis.set(key, randomUUID(), 'NX');
    current = (await deps.redis.get(key))!;
  }
  if (current === known) return { outcome: 'same' };
  if (known === null) {
    await deps.index.writeMeta(metaKey, current);
    return { outcome: 'adopted', lineage: current };
  }
  const releasedClaims = await deps.index.releaseUnindexedClaims();
  const dueNow = new Date(now).toISOString();
  let feedsRepolled = 0;
  for (const feed of await deps.index.listFeeds()) {
    if (feed.state !== 'active') continue;
    await deps.index.updateFeed(feed.id, { etag: null, lastModified: null, nextPollAt: dueNow });
    feedsRepolled++;
  }
  await deps.index.writeMeta(metaKey, current);
  return { outcome: 'recovered', lineage: current, previous: known, releasedClaims, feedsRepolled };
}
