import { redisKeys } from '@tidings/contracts';
import type { Cluster, Redis } from 'ioredis';
import type { RobotsSource } from '@tidings/http';

/** How long a host's robots.txt is trusted (RFC 9309 suggests no more than 24 hours). */
export const ROBOTS_TTL_MS = 24 * 3_600_000;
/** Rules kept per host; RFC 9309 asks crawlers to read at least 500 KiB. */
const MAX_ROBOTS_CHARS = 512 * 1024;

/**
 * Each host's robots.txt, shared by every fetcher through Redis so a host
 * is asked for it once a day, not once per article or per process.
 */
export class RobotsCache {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly ttlMs: number = ROBOTS_TTL_MS,
  ) {}

  private key(origin: string): string {
    return redisKeys(this.prefix).robots(origin);
  }

  /** The cached robots.txt of `origin` (e.g. `https://news.example`), or null when unknown or expired. */
  async get(origin: string): Promise<RobotsSource | null> {
    const stored = await this.redis.get(this.key(origin));
    if (stored === null) return null;
    try {
      const parsed = JSON.parse(stored) as RobotsSource;
      if (parsed.kind === 'allow-all') return parsed;
      if (parsed.kind === 'rules' && typeof parsed.text === 'string') return parsed;
    } catch {
      // Unreadable entry: fetch again.
    }
    return null;
  }

  /** Stores a fetched robots.txt and ends the fetch claim, in one transaction (both keys carry the origin's hash tag: one Redis Cluster slot). */
  async put(origin: string, source: RobotsSource): Promise<void> {
    const stored: RobotsSource = source.kind === 'rules' ? { kind: 'rules', text: source.text.slice(0, MAX_ROBOTS_CHARS) } : source;
    await this.redis.multi().set(this.key(origin), JSON.stringify(stored), 'PX', this.ttlMs).del(this.claimKey(origin)).exec();
  }

  /**
   * Claims the job of fetching `origin`'s robots.txt, so that the many
   * article jobs of a host arriving at once ask for it once, not once each.
   * False when another job holds the claim (wait, then read the cache). The
   * claim expires by itself after `leaseMs`, in case its holder dies.
   */
  async claimFetch(origin: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.claimKey(origin), '1', 'PX', leaseMs, 'NX')) === 'OK';
  }

  /** Gives up a claim without storing anything (the fetch failed: another job may try). */
  async releaseClaim(origin: string): Promise<void> {
    await this.redis.del(this.claimKey(origin));
  }

  private claimKey(origin: string): string {
    return redisKeys(this.prefix).robotsFetch(origin);
  }
}
