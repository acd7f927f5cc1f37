import { describe, expect, it } from 'vitest';
import { freshnessLifetimeMs, parseCacheControl, retryAfterMs } from './freshness.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('freshnessLifetimeMs', () => {
  it('reads max-age in seconds', () => {
    expect(freshnessLifetimeMs({ 'cache-control': 'public, max-age=600' }, NOW)).toBe(600_000);
  });

  it('prefers max-age over Expires, and ignores s-maxage (shared caches only)', () => {
    const headers = { 'cache-control': 's-maxage=9999, max-age=60', expires: 'Sat, 01 Mar 2025 14:00:00 GMT' };
    expect(freshnessLifetimeMs(headers, NOW)).toBe(60_000);
  });

  it('takes Expires relative to the Date header, not our clock', () => {
    const headers = { expires: 'Sat, 01 Mar 2025 13:00:00 GMT', date: 'Sat, 01 Mar 2025 12:30:00 GMT' };
    expect(freshnessLifetimeMs(headers, NOW)).toBe(30 * 60_000);
  });

  it('treats no-cache, an Expires in the past or an unparseable Expires as stale (0)', () => {
    expect(freshnessLifetimeMs({ 'cache-control': 'no-cache, max-age=600' }, NOW)).toBe(0);
    expect(freshnessLifetimeMs({ expires: 'Sat, 01 Mar 2025 11:00:00 GMT' }, NOW)).toBe(0);
    expect(freshnessLifetimeMs({ expires: '0' }, NOW)).toBe(0);
    expect(freshnessLifetimeMs({ 'cache-control': 'max-age=soon' }, NOW)).toBe(0);
  });

  it('is null when the server says nothing about freshness', () => {
    expect(freshnessLifetimeMs({ 'cache-control': 'public' }, NOW)).toBeNull();
    expect(freshnessLifetimeMs({}, NOW)).toBeNull();
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, NOW)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': ' 0 ' }, NOW)).toBe(0);
  });

  it('reads an HTTP-date relative to the Date header', () => {
    const headers = { 'retry-after': 'Sat, 01 Mar 2025 12:10:00 GMT', date: 'Sat, 01 Mar 2025 12:05:00 GMT' };
    expect(retryAfterMs(headers, NOW)).toBe(5 * 60_000);
    expect(retryAfterMs({ 'retry-after': 'Sat, 01 Mar 2025 12:01:00 GMT' }, NOW)).toBe(60_000);
  });

  it('is null when absent or unparseable, and never negative', () => {
    expect(retryAfterMs({}, NOW)).toBeNull();
    expect(retryAfterMs({ 'retry-after': 'later' }, NOW)).toBeNull();
    expect(retryAfterMs({ 'retry-after': '-5' }, NOW)).toBeNull();
    expect(retryAfterMs({ 'retry-after': 'Sat, 01 Mar 2025 11:00:00 GMT' }, NOW)).toBe(0);
  });
});

describe('parseCacheControl', () => {
  it('parses bare and valued directives, quoted values, case-insensitively; first occurrence wins', () => {
    const directives = parseCacheControl('Public, MAX-AGE="300", max-age=5, no-transform');
    expect(directives.get('public')).toBeNull();
    expect(directives.get('max-age')).toBe('300');
    expect(directives.has('no-transform')).toBe(true);
  });
});
