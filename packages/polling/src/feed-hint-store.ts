import { redisKeys } from '@tidings/contracts';
import type { Redis } from 'ioredis';
import { NO_HINTS, type FeedHints } from './feed-hints.js';

/** How long a feed's hints are kept without a fresh parse to renew them. */
const HINTS_TTL_MS = 30 * 86_400_000;

/**
 * A feed's `<ttl>` / `sy:updatePeriod` / skipHours / skipDays, kept in Redis
 * between polls: they are read from the body by the parser, but a 304 has no
 * body, and the fetcher still needs them to schedule the next poll. (The
 * feed record has no place for them.)
 */
export class FeedHintStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(feedId: string): string {
    return redisKeys(this.prefix).feedHints(feedId);
  }

  /** The hints last read for the feed; none when never read, expired or unreadable. */
  async get(feedId: string): Promise<FeedHints> {
    const stored = await this.redis.get(this.key(feedId));
    if (!stored) return NO_HINTS;
    try {
      const parsed = JSON.parse(stored) as Partial<FeedHints>;
      return {
        ttlMs: typeof parsed.ttlMs === 'number' ? parsed.ttlMs : null,
        updatePeriodMs: typeof parsed.updatePeriodMs === 'number' ? parsed.updatePeriodMs : null,
        skipHours: Array.isArray(parsed.skipHours) ? parsed.skipHours.filter((hour) => Number.isInteger(hour)) : [],
        skipDays: Array.isArray(parsed.skipDays) ? parsed.skipDays.filter((day) => Number.isInteger(day)) : [],
      };
    } catch {
      return NO_HINTS;
    }
  }

  /** Stores the hints of the latest parse (a feed that dropped its hints has them removed). */
  async put(feedId: string, hints: FeedHints): Promise<void> {
    const empty = hints.ttlMs === null && hints.updatePeriodMs === null && hints.skipHours.length === 0 && hints.skipDays.length === 0;
    if (empty) await this.redis.del(this.key(feedId));
    else await this.redis.set(this.key(feedId), JSON.stringify(hints), 'PX', HINTS_TTL_MS);
  }
}
