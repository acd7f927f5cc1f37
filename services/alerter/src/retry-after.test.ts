import { describe, expect, it } from 'vitest';
import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { askedRetryDelayMs, RETRY_AFTER_MAX_MS } from './retry-after.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const URL = 'https://hooks.example/t';
const answered = (status: number, headers: Record<string, string> = {}) => new HttpStatusError(status, URL, headers);

describe('askedRetryDelayMs', () => {
  it('reads a 429 or 503 Retry-After in seconds', () => {
    expect(askedRetryDelayMs(answered(429, { 'retry-after': '2' }), NOW)).toBe(2_000);
    expect(askedRetryDelayMs(answered(503, { 'retry-after': '120' }), NOW)).toBe(120_000);
  });

  it('reads an HTTP date against the response own Date, so a receiver whose clock is off gets the wait it meant', () => {
    const headers = { 'retry-after': 'Tue, 01 Dec 2026 09:00:30 GMT', date: 'Tue, 01 Dec 2026 09:00:00 GMT' };
    expect(askedRetryDelayMs(answered(503, headers), NOW)).toBe(30_000);
    expect(askedRetryDelayMs(answered(429, { 'retry-after': 'Tue, 01 Dec 2026 12:00:45 GMT' }), NOW)).toBe(45_000);
  });

  it('caps an absurd wait at an hour', () => {
    expect(askedRetryDelayMs(answered(429, { 'retry-after': '31536000' }), NOW)).toBe(RETRY_AFTER_MAX_MS);
    expect(askedRetryDelayMs(answered(503, { 'retry-after': 'Fri, 01 Dec 2034 12:00:00 GMT' }), NOW)).toBe(RETRY_AFTER_MAX_MS);
    expect(RETRY_AFTER_MAX_MS).toBe(3_600_000);
  });

  it('ignores a malformed, negative or past Retry-After, and leaves the backoff to decide', () => {
    for (const value of ['soon', '-5', '1.5', 'Tue, 01 Dec 2026 11:00:00 GMT', '']) expect(askedRetryDelayMs(answered(429, { 'retry-after': value }), NOW), value).toBeNull();
    expect(askedRetryDelayMs(answered(429), NOW)).toBeNull();
  });

  it('honours Retry-After on 429 and 503 only, and never for a request that got no answer', () => {
    expect(askedRetryDelayMs(answered(500, { 'retry-after': '2' }), NOW)).toBeNull();
    expect(askedRetryDelayMs(answered(404, { 'retry-after': '2' }), NOW)).toBeNull();
    expect(askedRetryDelayMs(new TidingsError('timeout', 'no answer', { permanent: false }), NOW)).toBeNull();
    expect(askedRetryDelayMs(new Error('boom'), NOW)).toBeNull();
  });
});
