import { redisKeys } from '@tidings/contracts';
import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/**
 * Per-host politeness shared by every fetcher process on every machine, in
 * Redis: at most `concurrency` requests to a host in flight, at least
 * `delayMs` between two request starts, and nothing at all while the host
 * has asked to be left alone (Retry-After).
 *
 * Each decision is one Lua script, so it is atomic across processes, and it
 * reads the clock of Redis (TIME), not of the caller, so machines whose
 * clocks disagree still keep the spacing. A slot is a lease: it expires on
 * its own after `leaseMs`, so a worker that crashed mid-request cannot hold
 * it for ever. Every key has a TTL; an idle host leaves nothing behind.
 */

/** Keys of one host; the `{host}` hash tag keeps them in one Redis Cluster slot. */
function hostKeys(prefix: string, host: string): string[] {
  const keys = redisKeys(prefix).host(host);
  return [keys.inflight, keys.nextStart, keys.cursor, keys.backoff];
}

/**
 * KEYS: in-flight leases (zset token -> expiry), next allowed start (ms),
 * reservation cursor (ms), back-off end (ms).
 * ARGV: token, concurrency, delayMs, leaseMs.
 * Returns {1, 0, 'ok'} when a slot is granted, else {0, waitMs, 'busy'|'backoff'}.
 *
 * A refused caller is handed a return time from a cursor that advances by
 * one spacing per refusal, so a queue of waiting jobs comes back one per
 * gap instead of all at once (no thundering herd); the grant itself is
 * always re-checked, so an early or late return can never break the limits.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local concurrency = tonumber(ARGV[2])
local delay = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
-- One read of the three times: back-off end, next allowed start, reservation cursor.
local times = redis.call('MGET', KEYS[4], KEYS[2], KEYS[3])
local backoff = tonumber(times[1] or '0')
if backoff > now then return {0, backoff - now, 'backoff'} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextStart = tonumber(times[2] or '0')
local inflight = redis.call('ZCARD', KEYS[1])
if inflight < concurrency and nextStart <= now then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease)
  if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay) end
  return {1, 0, 'ok'}
end
local step = math.max(delay, 100)
local earliest = math.max(nextStart, now)
if inflight >= concurrency then earliest = math.max(earliest, now + step) end
local cursor = tonumber(times[3] or '0')
local at = math.max(earliest, cursor + step)
redis.call('SET', KEYS[3], at, 'PX', at - now + step)
return {0, at - now, 'busy'}
`;

/**
 * KEYS: next allowed start. ARGV: delayMs. Re-stamps the spacing from now:
 * the next start is at least `delayMs` after this call (never earlier than
 * already set).
 */
const MARK_START = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay = tonumber(ARGV[1])
local nextStart = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now + delay)
redis.call('SET', KEYS[1], nextStart, 'PX', nextStart - now)
return nextStart - now
`;

/** KEYS: back-off end. ARGV: delayMs. Only ever extends a back-off. Returns the ms it now lasts. */
const BACK_OFF = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= untilMs then return current - now end
redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]))
return untilMs - now
`;

/** KEYS: back-off end. Returns ms left, 0 when none. */
const BACKOFF_LEFT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > now then return untilMs - now end
return 0
`;

/**
 * Longest spacing or back-off a HostGate keeps (a year). Its callers cap
 * what a host asks for far below this (TIDINGS_POLL_MAX, a crawl-delay
 * bound); the gate bounds it again so that no number, however large or
 * not finite, reaches Redis as an expiry it refuses (an untyped error that
 * would fail the job instead of delaying it).
 */
export const MAX_HOST_WAIT_MS = 365 * 86_400_000;

/** `ms` as a whole number of milliseconds in [low, MAX_HOST_WAIT_MS]: infinity is the maximum, NaN is `low`. */
function boundedMs(ms: number, low: number): number {
  if (Number.isNaN(ms)) return low;
  return Math.min(Math.max(low, Math.round(ms)), MAX_HOST_WAIT_MS);
}

/** Limits applied to every host. */
export interface HostLimits {
  /** Requests in flight to one host at once (TIDINGS_HOST_CONCURRENCY). */
  concurrency: number;
  /** Least ms between two request starts to one host (TIDINGS_HOST_DELAY_MS). */
  delayMs: number;
  /** How long a granted slot lives unless released: longer than any request can take. */
  leaseMs: number;
}

/** A granted slot: release it when the request is done (success or not). */
export interface HostSlot {
  granted: true;
  /**
   * Re-stamps the host's spacing from this moment: call it right before the
   * request goes out, so time lost between the grant and the request (a
   * busy event loop) is not taken off the next request's wait.
   */
  markStart(): Promise<void>;
  release(): Promise<void>;
}

/** A refusal: try again after `waitMs`. */
export interface HostRefusal {
  granted: false;
  waitMs: number;
  /** 'busy': the limits are reached; 'backoff': the host asked to be left alone. */
  reason: 'busy' | 'backoff';
}

export class HostGate {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly limits: HostLimits,
  ) {}

  /**
   * Asks for a slot to start one request to `host` now. Never waits: a
   * refusal says how long to wait, so the caller can put its job aside
   * instead of blocking a worker.
   *
   * @param delayMs spacing for this request when a host asks for more than
   *   the default (robots.txt Crawl-delay); never less than the configured one.
   */
  async acquire(host: string, options: { delayMs?: number } = {}): Promise<HostSlot | HostRefusal> {
    const keys = hostKeys(this.prefix, host);
    const token = randomBytes(9).toString('base64url');
    const delayMs = boundedMs(options.delayMs ?? 0, this.limits.delayMs);
    const [granted, waitMs, reason] = (await this.redis.eval(
      ACQUIRE,
      4,
      ...keys,
      token,
      this.limits.concurrency,
      delayMs,
      this.limits.leaseMs,
    )) as [number, number, string];
    if (granted === 1) {
      return {
        granted: true,
        markStart: async () => {
          if (delayMs > 0) await this.redis.eval(MARK_START, 1, keys[1]!, delayMs);
        },
        release: async () => {
          // One command is atomic as it is: no script around it (which would cost a second command).
          await this.redis.zrem(keys[0]!, token);
        },
      };
    }
    return { granted: false, waitMs: Math.max(1, waitMs), reason: reason === 'backoff' ? 'backoff' : 'busy' };
  }

  /**
   * Leaves `host` alone for `delayMs` (a Retry-After), for every job of every
   * fetcher: feeds and articles alike. Extends, never shortens, a back-off.
   * Returns how long the host is now left alone, in ms (at most {@link MAX_HOST_WAIT_MS}).
   */
  async backOff(host: string, delayMs: number): Promise<number> {
    const key = hostKeys(this.prefix, host)[3]!;
    return Number(await this.redis.eval(BACK_OFF, 1, key, boundedMs(delayMs, 1)));
  }

  /** Ms left of the host's back-off; 0 when none. */
  async backOffLeft(host: string): Promise<number> {
    return Number(await this.redis.eval(BACKOFF_LEFT, 1, hostKeys(this.prefix, host)[3]!));
  }
}

/**
 * The host a URL's requests count against: host name and port (the same
 * name on another port is another server), lower-case. Null for a string
 * that is not a URL.
 */
export function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host.toLowerCase();
  } catch {
    return null;
  }
}
