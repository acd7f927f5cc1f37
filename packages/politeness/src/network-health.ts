import { redisKeys } from '@tidings/contracts';
import type { Cluster, Redis } from 'ioredis';

/**
 * Tells "this host is failing" from "the network is down", across every
 * fetcher process, so an outage on our side does not count as a failure of
 * every feed (and end up pausing them all).
 *
 * The rule: the network is taken as down when at least `minHosts` distinct
 * hosts have failed at the network level (DNS, refused, reset, timeout)
 * within `windowMs` and *after the last HTTP response from any host*. Any
 * response at all, even a 404 or a 500, proves the network works, so a
 * single dead site is always charged with its own failures, while a real
 * outage is recognised after a handful of failures (each charged once, far
 * from the pause limit). Once recognised, the verdict holds for `holdMs` (or
 * until a response arrives), so waiting jobs need not each re-prove it.
 */
export interface NetworkHealthOptions {
  /** Distinct failing hosts that mean "the network is down". */
  minHosts: number;
  /** How far back failures count. */
  windowMs: number;
  /** How long a "down" verdict holds without new evidence. */
  holdMs: number;
}

export const DEFAULT_NETWORK_HEALTH: NetworkHealthOptions = { minHosts: 3, windowMs: 120_000, holdMs: 30_000 };

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: failing hosts, last response time, down flag. ARGV: windowMs.
 *
 * The time of the last response is read only to tell failures recorded
 * before it from those after it, so it is written only while failures are on
 * record (or a verdict to end): with none, every failure to come is later
 * than this response anyway, and the common case, a working network, costs
 * one read instead of a clock read and two writes. Returns 1 when it wrote.
 */
const RECORD_RESPONSE = `if redis.call('EXISTS', KEYS[1], KEYS[3]) == 0 then return 0 end
${NOW}
redis.call('SET', KEYS[2], now, 'PX', tonumber(ARGV[1]) * 10)
redis.call('DEL', KEYS[3])
return 1`;

/** KEYS: failing hosts (zset host -> time), last response time, down flag. ARGV: host, minHosts, windowMs, holdMs. */
const RECORD_FAILURE = `${NOW}
local window = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('PEXPIRE', KEYS[1], window)
local lastOk = tonumber(redis.call('GET', KEYS[2]) or '0')
local failing = redis.call('ZCOUNT', KEYS[1], '(' .. lastOk, '+inf')
if failing >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[3], now, 'PX', tonumber(ARGV[4]))
  return 1
end
return 0`;

export class NetworkHealth {
  /** Touched together by one script: they share the `{net}` hash tag, so a Redis Cluster keeps them in one slot. */
  private readonly keys: { failing: string; lastOk: string; down: string };

  constructor(
    private readonly redis: Redis | Cluster,
    prefix: string,
    private readonly options: NetworkHealthOptions = DEFAULT_NETWORK_HEALTH,
  ) {
    this.keys = redisKeys(prefix).network;
  }

  /** Records that some host answered (any HTTP status): the network works. */
  async recordResponse(): Promise<void> {
    await this.redis.eval(RECORD_RESPONSE, 3, this.keys.failing, this.keys.lastOk, this.keys.down, this.options.windowMs);
  }

  /**
   * Records a network-level failure reaching `host`; true when, with it, the
   * network looks down (so the failure should not be charged to the feed).
   */
  async recordFailure(host: string): Promise<boolean> {
    const { minHosts, windowMs, holdMs } = this.options;
    const down = await this.redis.eval(RECORD_FAILURE, 3, this.keys.failing, this.keys.lastOk, this.keys.down, host, minHosts, windowMs, holdMs);
    return Number(down) === 1;
  }

  /** True while a recent failure found the network down and no response has come since. */
  async isDown(): Promise<boolean> {
    return (await this.redis.exists(this.keys.down)) === 1;
  }
}
