import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.queuePrefix).toBe('tidings');
    expect(config.fetch.allowPrivate).toEqual([]);
  });

  it('reads the private-address allow-list as its entries', () => {
    expect(loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: ' 127.0.0.1/32, localhost:8931 ,' }).fetch.allowPrivate).toEqual(['127.0.0.1/32', 'localhost:8931']);
  });

  it('refuses a malformed allow-list at start, like every other setting, naming the variable and the entry', () => {
    expect(() => loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32,not a cidr' })).toThrow(/TIDINGS_FETCH_ALLOW_PRIVATE: .*"not a cidr"/);
    expect(() => loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: 'localhost' })).toThrow(/TIDINGS_FETCH_ALLOW_PRIVATE: .*needs a port/);
  });

  it('reads TIDINGS_RETENTION as milliseconds, unset or 0 keeping articles forever', () => {
    expect(loadConfig({}).retentionMs).toBeNull();
    expect(loadConfig({ TIDINGS_RETENTION: '0' }).retentionMs).toBeNull();
    expect(loadConfig({ TIDINGS_RETENTION: '180d' }).retentionMs).toBe(180 * 86_400_000);
    expect(loadConfig({ TIDINGS_RETENTION: '12h' }).retentionMs).toBe(12 * 3_600_000);
  });

  it('refuses a retention without a unit, shorter than an hour or not a duration, at start', () => {
    expect(() => loadConfig({ TIDINGS_RETENTION: '180' })).toThrow(/TIDINGS_RETENTION: .*needs a unit/);
    expect(() => loadConfig({ TIDINGS_RETENTION: '30m' })).toThrow(/TIDINGS_RETENTION: .*shorter than an hour/);
    expect(() => loadConfig({ TIDINGS_RETENTION: 'half a year' })).toThrow(/TIDINGS_RETENTION: .*not a duration/);
  });

  it('refuses a duration of 0 where it would break what it times, and a timer longer than Node.js keeps, at start', () => {
    expect(() => loadConfig({ TIDINGS_BODY_TTL: '0' })).toThrow(/TIDINGS_BODY_TTL: "0" must be longer than 0/);
    expect(() => loadConfig({ TIDINGS_JOB_LOCK: '0s' })).toThrow(/TIDINGS_JOB_LOCK: "0s" must be longer than 0/);
    expect(() => loadConfig({ TIDINGS_JOB_LOCK: '30d' })).toThrow(/TIDINGS_JOB_LOCK: "30d" is longer than the longest timer/);
    expect(() => loadConfig({ TIDINGS_EXTRACT_TIMEOUT_MS: '2147483648' })).toThrow(/TIDINGS_EXTRACT_TIMEOUT_MS: .*longest timer/);
    expect(loadConfig({ TIDINGS_RETRY_DELAY: '0', TIDINGS_SHUTDOWN_TIMEOUT: '0', TIDINGS_FETCH_TIMEOUT_MS: '2147483647' }).jobs).toMatchObject({ shutdownTimeoutMs: 0 });
  });

  it('turns WebSub on with TIDINGS_API_PUBLIC_URL only, with its lease and safety-net poll', () => {
    expect(loadConfig({}).websub).toEqual({ publicUrl: null, leaseMs: 7 * 86_400_000, safetyPollMs: 6 * 3_600_000 });
    expect(loadConfig({ TIDINGS_API_PUBLIC_URL: 'https://tidings.example', TIDINGS_WEBSUB_LEASE: '2d', TIDINGS_WEBSUB_SAFETY_POLL: '12h' }).websub).toEqual({
      publicUrl: 'https://tidings.example',
      leaseMs: 2 * 86_400_000,
      safetyPollMs: 12 * 3_600_000,
    });
    expect(() => loadConfig({ TIDINGS_WEBSUB_LEASE: 'a week' })).toThrow(/TIDINGS_WEBSUB_LEASE: .*not a duration/);
  });
});
