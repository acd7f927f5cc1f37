import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { SqliteIndex, type FeedPatch } from '@tidings/index';
import { NO_HINTS } from './feed-hints.js';
import { applyPollOutcome, feedPatchAfterPoll, feedPatchAfterPush, feedPatchForPush, retrySlotPatch, type FailedPoll, type NotModifiedPoll, type ParsedPoll } from './poll-outcome.js';
import type { PollingPolicy } from './policy.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const policy: PollingPolicy = { minMs: 5 * MIN, maxMs: 24 * HOUR, defaultMs: 15 * MIN, maxFailures: 3 };
const NOW = Date.parse('2025-03-03T10:30:00Z'); // a Monday
const AT = '2025-03-03T10:29:00.000Z';
const clock = { now: NOW, random: () => 0.5 };

// A feed as the index returns it for a new subscription (see beforeAll).
let fresh: FeedRecord;
const feed = (fields: Partial<FeedRecord> = {}): FeedRecord => ({ ...fresh, ...fields });

const parsed = (fields: Partial<ParsedPoll> = {}): ParsedPoll => ({
  kind: 'parsed',
  at: AT,
  httpStatus: 200,
  etag: '"v2"',
  lastModified: null,
  freshForMs: null,
  title: 'News',
  hints: NO_HINTS,
  itemTimes: [],
  newItems: 0,
  warnings: [],
  ...fields,
});
const notModified = (fields: Partial<NotModifiedPoll> = {}): NotModifiedPoll => ({ kind: 'not-modified', at: AT, httpStatus: 304, etag: '"v1"', lastModified: null, freshForMs: null, ...fields });
const failed = (fields: Partial<FailedPoll> = {}): FailedPoll => ({ kind: 'failed', at: AT, httpStatus: 500, code: 'http-status', message: 'HTTP 500', ...fields });
const delay = (patch: FeedPatch) => Date.parse(patch.nextPollAt!) - NOW;

// A real index: the feeds these tests start from are what it returns, and applyPollOutcome writes to it.
const dir = mkdtempSync(join(tmpdir(), 'tidings-polling-'));
let index: SqliteIndex;
beforeAll(async () => {
  index = SqliteIndex.open(join(dir, 'index.db'));
  fresh = (await index.addFeed('https://news.example.org/feed.xml')).feed;
});
afterAll(async () => {
  await index.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feedPatchAfterPoll', () => {
  it('records a parsed poll: status, validators, title, hints, warnings, failures reset, interval from the items', () => {
    const hints = { ttlMs: null, updatePeriodMs: null, skipHours: [3], skipDays: [] };
    const itemTimes = [0, 1, 2, 3, 4].map((i) => NOW - i * 2 * HOUR);
    const patch = feedPatchAfterPoll(feed({ consecutiveFailures: 2, lastError: 'HTTP 500', lastErrorCode: 'http-status' }), parsed({ hints, itemTimes, newItems: 2, warnings: ['charset guessed'] }), policy, clock);
    expect(patch).toEqual({
      lastFetchAt: AT,
      lastHttpStatus: 200,
      lastStatus: 'ok',
      lastError: null,
      lastErrorCode: null,
      consecutiveFailures: 0,
      etag: '"v2"',
      lastModified: null,
      title: 'News',
      pollHints: hints,
      lastWarnings: ['charset guessed'],
      lastNewItemAt: AT,
      intervalMs: HOUR,
      nextPollAt: new Date(NOW + HOUR).toISOString(),
    });
  });

  it('after a 304 schedules from the hints the feed record keeps, and leaves hints, title and warnings alone', () => {
    const stored = feed({ intervalMs: 20 * MIN, lastNewItemAt: AT, pollHints: { ttlMs: 2 * HOUR, updatePeriodMs: null, skipHours: [], skipDays: [] }, lastWarnings: ['kept'] });
    const patch = feedPatchAfterPoll(stored, notModified(), policy, clock);
    expect(patch).toMatchObject({ lastStatus: 'not-modified', lastHttpStatus: 304, consecutiveFailures: 0, etag: '"v1"', intervalMs: 2 * HOUR });
    expect(delay(patch)).toBe(2 * HOUR);
    expect(patch).not.toHaveProperty('pollHints');
    expect(patch).not.toHaveProperty('lastWarnings');
    expect(patch).not.toHaveProperty('title');
    // Without stored hints, the previous interval stands.
    expect(feedPatchAfterPoll(feed({ intervalMs: 20 * MIN, lastNewItemAt: AT }), notModified(), policy, clock).intervalMs).toBe(20 * MIN);
  });

  it('honours Cache-Control freshness as a lower bound', () => {
    const patch = feedPatchAfterPoll(feed(), parsed({ itemTimes: [NOW, NOW - 10 * MIN, NOW - 20 * MIN], newItems: 1, freshForMs: 90 * MIN }), policy, clock);
    expect(patch.intervalMs).toBe(90 * MIN);
  });

  it('keeps the next poll within [minimum, maximum] whatever the publisher claims', () => {
    const YEAR = 365 * 24 * HOUR;
    const claims: Array<Partial<ParsedPoll>> = [
      { freshForMs: 0 },
      { freshForMs: 10 * YEAR },
      { freshForMs: Number.MAX_SAFE_INTEGER },
      { hints: { ttlMs: Number.POSITIVE_INFINITY, updatePeriodMs: 10 * YEAR, skipHours: [], skipDays: [] } },
      // Item dates from the far future and from 1970 say nothing about the feed's rhythm.
      { itemTimes: [NOW + 10 * YEAR, NOW + 5 * YEAR, 0, 1], newItems: 3 },
    ];
    for (const claim of claims) {
      for (const random of [0, 0.5, 0.999999]) {
        const patch = feedPatchAfterPoll(feed(), parsed(claim), policy, { now: NOW, random: () => random });
        expect(delay(patch), JSON.stringify(claim)).toBeGreaterThanOrEqual(policy.minMs);
        expect(delay(patch), JSON.stringify(claim)).toBeLessThanOrEqual(policy.maxMs);
        expect(patch.intervalMs).toBeLessThanOrEqual(policy.maxMs);
      }
    }
  });

  it('counts a failure and backs off exponentially', () => {
    const once = feedPatchAfterPoll(feed(), failed(), policy, clock);
    expect(once).toEqual({ lastFetchAt: AT, lastHttpStatus: 500, lastStatus: 'error', lastError: 'HTTP 500', lastErrorCode: 'http-status', consecutiveFailures: 1, nextPollAt: new Date(NOW + 5 * MIN).toISOString() });
    expect(delay(feedPatchAfterPoll(feed({ consecutiveFailures: 1 }), failed(), policy, clock))).toBe(10 * MIN);
  });

  it('polls a feed whose failed answer asked for a pause (Retry-After) no sooner than that, up to maxMs', () => {
    const asked = (retryAfterMs: number) => delay(feedPatchAfterPoll(feed(), failed({ httpStatus: 503, retryAfterMs }), policy, clock));
    expect(asked(2 * HOUR)).toBe(2 * HOUR);
    expect(asked(MIN)).toBe(5 * MIN);
    expect(asked(10 * 24 * HOUR)).toBe(24 * HOUR);
  });

  it('pauses at maxFailures, with the reason and how to resume', () => {
    const patch = feedPatchAfterPoll(feed({ consecutiveFailures: 2 }), failed({ httpStatus: null, code: 'dns-failed', message: 'no such host' }), policy, clock);
    expect(patch).toMatchObject({ state: 'paused', nextPollAt: null, consecutiveFailures: 3, lastHttpStatus: null });
    expect(patch.stateReason).toBe(`paused after 3 failed polls in a row (last at ${AT}: no such host); "tidings resume ${fresh.id}" polls it again`);
  });

  it('stops a feed that answered 410 Gone', () => {
    const patch = feedPatchAfterPoll(feed(), failed({ httpStatus: 410, message: 'HTTP 410' }), policy, clock);
    expect(patch).toMatchObject({ state: 'stopped', nextPollAt: null, lastHttpStatus: 410, lastStatus: 'error' });
    expect(patch.stateReason).toMatch(/410 Gone/);
  });

  it('records the status of a feed paused meanwhile but neither schedules nor re-pauses it', () => {
    const paused = feed({ state: 'paused', stateReason: 'by hand', consecutiveFailures: 5 });
    const ok = feedPatchAfterPoll(paused, parsed(), policy, clock);
    expect(ok).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(ok).not.toHaveProperty('nextPollAt');
    expect(ok).not.toHaveProperty('state');
    const error = feedPatchAfterPoll(paused, failed(), policy, clock);
    expect(error).toEqual({ lastFetchAt: AT, lastHttpStatus: 500, lastStatus: 'error', lastError: 'HTTP 500', lastErrorCode: 'http-status', consecutiveFailures: 6 });
  });
});

describe('applyPollOutcome', () => {
  it('records the outcome on the index in one write, and reports a feed removed meanwhile as null', async () => {
    const recorder = { index, policy, now: () => NOW, random: () => 0.5 };
    const { feed: added } = await index.addFeed('https://news.example.org/applied.xml');
    const after = await applyPollOutcome(recorder, added, failed());
    expect(after).toEqual({ ...added, ...feedPatchAfterPoll(added, failed(), policy, clock) });
    expect(await index.getFeed(added.id)).toEqual(after);
    await index.removeFeed(added.id);
    expect(await applyPollOutcome(recorder, added, failed())).toBeNull();
  });
});

describe('retrySlotPatch', () => {
  it('gives a lost poll a new slot TIDINGS_POLL_MIN from now', () => {
    expect(retrySlotPatch(policy, NOW)).toEqual({ nextPollAt: new Date(NOW + 5 * MIN).toISOString() });
  });
});

describe('polling a feed whose content a WebSub hub pushes', () => {
  const SAFETY = 6 * HOUR;

  it('keeps the adaptive interval but polls only at the safety net', () => {
    const withItems = parsed({ itemTimes: [NOW - HOUR, NOW - 2 * HOUR, NOW - 3 * HOUR], newItems: 1 });
    const polled = feedPatchAfterPoll(feed(), withItems, policy, clock);
    const pushed = feedPatchAfterPoll(feed(), withItems, policy, clock, SAFETY);
    expect(pushed.intervalMs).toBe(polled.intervalMs);
    expect(delay(polled)).toBeLessThan(HOUR);
    expect(delay(pushed)).toBe(SAFETY);
  });

  it('asks the push status through the recorder', async () => {
    const asked: string[] = [];
    const push = { safetyPollMs: SAFETY, pushing: async (id: string) => (asked.push(id), true) };
    const after = await applyPollOutcome({ index, policy, push, now: () => NOW, random: () => 0.5 }, feed(), parsed());
    expect(asked).toEqual([fresh.id]);
    expect(Date.parse(after!.nextPollAt!) - NOW).toBe(SAFETY);
  });

  it('records pushed content without touching the poll status or validators, and moves the safety net out', () => {
    const patch = feedPatchAfterPush(feed({ etag: '"v1"', intervalMs: 30 * MIN }), { at: '2025-03-03T10:30:00.000Z', title: 'News', newItems: 2 }, policy, clock, SAFETY);
    expect(patch).toEqual({ title: 'News', lastNewItemAt: '2025-03-03T10:30:00.000Z', nextPollAt: new Date(NOW + SAFETY).toISOString() });
    expect(feedPatchAfterPush(feed({ state: 'paused' }), { at: 'x', title: null, newItems: 0 }, policy, clock, SAFETY)).toEqual({});
  });

  it('moves the next poll to the safety net when pushing starts, and back within the interval when it ends', () => {
    const soon = new Date(NOW + 10 * MIN).toISOString();
    expect(delay(feedPatchForPush(feed({ intervalMs: 20 * MIN, nextPollAt: soon }), 'started', policy, clock, SAFETY))).toBe(SAFETY);
    // Never earlier than it was.
    expect(feedPatchForPush(feed({ intervalMs: 20 * MIN, nextPollAt: new Date(NOW + 20 * HOUR).toISOString() }), 'started', policy, clock, SAFETY)).toEqual({});
    const late = new Date(NOW + SAFETY).toISOString();
    expect(delay(feedPatchForPush(feed({ intervalMs: 20 * MIN, nextPollAt: late }), 'ended', policy, clock, SAFETY))).toBe(20 * MIN);
    expect(feedPatchForPush(feed({ intervalMs: 20 * MIN, nextPollAt: soon }), 'ended', policy, clock, SAFETY)).toEqual({});
    expect(feedPatchForPush(feed({ state: 'stopped' }), 'started', policy, clock, SAFETY)).toEqual({});
  });
});
