import { describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { feedId } from '@tidings/url';
import { makeArticle } from '../test-fixtures.js';
import type { FeedPatch } from '../types.js';
import type { ContractContext } from './harness.js';

/** Feeds: subscribing, health, OPML tags, moves. */
export function feedContract(ctx: ContractContext): void {
  describe('feeds', () => {
    it('adds a feed under its normalised URL with a fresh status', async () => {
      const before = Date.now();
      const { feed, created } = await ctx.index.addFeed('HTTPS://News.Example.ORG/feed.xml?utm_source=newsletter#top');
      expect(created).toBe(true);
      expect(feed).toEqual({
        id: feedId('https://news.example.org/feed.xml'),
        url: 'https://news.example.org/feed.xml',
        title: null,
        addedAt: expect.any(String),
        lastFetchAt: null,
        lastStatus: null,
        lastError: null,
        lastErrorCode: null,
        consecutiveFailures: 0,
        itemsSeen: 0,
        etag: null,
        lastModified: null,
        tags: [],
        state: 'active',
        stateReason: null,
        intervalMs: null,
        nextPollAt: null,
        lastNewItemAt: null,
        lastHttpStatus: null,
        pollHints: null,
        lastWarnings: [],
      });
      expect(Date.parse(feed.addedAt)).toBeGreaterThanOrEqual(before - 1);
      expect(await ctx.index.getFeed(feed.id)).toEqual(feed);
    });

    it('adds a feed with a title and tags (trimmed, without duplicates)', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml', { title: 'Example', tags: [' Tech ', 'News', 'tech', ''] });
      expect(feed).toMatchObject({ title: 'Example', tags: ['Tech', 'News'] });
      await expect(ctx.index.addFeed('https://b.example/feed', { tags: 'Tech' as unknown as string[] })).rejects.toMatchObject({ code: 'invalid-payload' });
    });

    it('adding the same feed twice, however spelled, returns the existing one unchanged', async () => {
      const first = await ctx.index.addFeed('https://news.example.org/feed.xml', { tags: ['A'] });
      await ctx.index.updateFeed(first.feed.id, { lastFetchAt: '2025-01-01T00:00:00.000Z', lastStatus: 'ok', title: 'Example News' });
      const second = await ctx.index.addFeed('https://NEWS.example.org:443/feed.xml?utm_medium=x', { tags: ['B'] });
      expect(second.created).toBe(false);
      expect(second.feed).toMatchObject({ id: first.feed.id, title: 'Example News', tags: ['A'] });
      expect(await ctx.index.listFeeds()).toHaveLength(1);
    });

    it('rejects a feed URL that is not http(s)', async () => {
      const error = await ctx.index.addFeed('ftp://example.org/feed').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TidingsError);
      expect(error).toMatchObject({ code: 'invalid-url', permanent: true });
      await expect(ctx.index.addFeed('not a url')).rejects.toMatchObject({ code: 'invalid-url' });
      expect(await ctx.index.listFeeds()).toEqual([]);
    });

    it('lists feeds in the order they were added', async () => {
      // Neither URL nor id order matches the order added.
      const urls = ['https://zeta.example/feed', 'https://alpha.example/feed', 'https://mu.example/feed', 'https://beta.example/feed'];
      for (const url of urls) await ctx.index.addFeed(url);
      expect((await ctx.index.listFeeds()).map((feed) => feed.url)).toEqual(urls);
    });

    it('removes a feed once', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const other = await ctx.index.addFeed('https://other.example.org/feed.xml');
      expect(await ctx.index.removeFeed(feed.id)).toBe(true);
      expect(await ctx.index.removeFeed(feed.id)).toBe(false);
      expect(await ctx.index.getFeed(feed.id)).toBeNull();
      expect((await ctx.index.listFeeds()).map((f) => f.id)).toEqual([other.feed.id]);
    });

    it('records a poll: status, failures, validators, hints and warnings, keeping what the patch leaves out', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const hints = { ttlMs: 3_600_000, updatePeriodMs: null, skipHours: [0, 23], skipDays: [6] };
      const polled = await ctx.index.updateFeed(feed.id, {
        lastFetchAt: '2025-01-01T00:00:00Z',
        lastStatus: 'ok',
        lastError: null,
        consecutiveFailures: 0,
        etag: '"v1"',
        lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
        title: 'Example News',
        pollHints: hints,
        lastWarnings: ['the XML declaration says encoding="utf-8", but the bytes are not UTF-8'],
      });
      expect(polled).toMatchObject({
        lastFetchAt: '2025-01-01T00:00:00.000Z',
        lastStatus: 'ok',
        etag: '"v1"',
        lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
        pollHints: hints,
        lastWarnings: ['the XML declaration says encoding="utf-8", but the bytes are not UTF-8'],
      });
      const failed = await ctx.index.updateFeed(feed.id, { lastStatus: 'error', lastError: 'HTTP 503', lastErrorCode: 'http-status', consecutiveFailures: 3, lastHttpStatus: 503 });
      expect(failed).toMatchObject({ lastStatus: 'error', lastError: 'HTTP 503', lastErrorCode: 'http-status', consecutiveFailures: 3, etag: '"v1"', pollHints: hints, lastWarnings: polled!.lastWarnings });
      expect(await ctx.index.getFeed(feed.id)).toMatchObject({ lastErrorCode: 'http-status' });
      expect(await ctx.index.getFeed(feed.id)).toEqual(failed);
      const cleared = await ctx.index.updateFeed(feed.id, { etag: null, lastModified: null, title: null, pollHints: null, lastWarnings: [], consecutiveFailures: 0 });
      expect(cleared).toMatchObject({ etag: null, lastModified: null, title: null, pollHints: null, lastWarnings: [], consecutiveFailures: 0 });
    });

    it('updates state, polling fields and tags, keeping what the patch leaves out', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml', { tags: ['News'] });
      const paused = await ctx.index.updateFeed(feed.id, {
        state: 'paused',
        stateReason: '10 consecutive failures',
        intervalMs: 900_000,
        nextPollAt: '2025-01-01T01:00:00Z',
        lastNewItemAt: '2025-01-01T00:00:00.000Z',
        lastHttpStatus: 503,
      });
      expect(paused).toMatchObject({
        state: 'paused',
        stateReason: '10 consecutive failures',
        intervalMs: 900_000,
        nextPollAt: '2025-01-01T01:00:00.000Z',
        lastNewItemAt: '2025-01-01T00:00:00.000Z',
        lastHttpStatus: 503,
        tags: ['News'],
      });
      expect(await ctx.index.getFeed(feed.id)).toEqual(paused);
      const active = await ctx.index.updateFeed(feed.id, { state: 'active', stateReason: null, tags: ['Tech', 'World'], title: 'Renamed' });
      expect(active).toMatchObject({ state: 'active', stateReason: null, tags: ['Tech', 'World'], title: 'Renamed', intervalMs: 900_000 });
      expect(await ctx.index.updateFeed(feed.id, {})).toEqual(active);
      expect(await ctx.index.updateFeed('ffffffffffff', { state: 'stopped' })).toBeNull();
    });

    it('rejects bad patches, saying which field', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const bad: Array<[FeedPatch, RegExp]> = [
        [{ state: 'sleeping' as 'paused' }, /state/u],
        [{ intervalMs: 0 }, /intervalMs/u],
        [{ intervalMs: 1.5 }, /intervalMs/u],
        [{ nextPollAt: 'soon' }, /nextPollAt/u],
        [{ lastHttpStatus: 99 }, /lastHttpStatus/u],
        [{ tags: [1] as unknown as string[] }, /tags/u],
        [{ lastStatus: 'exploded' as 'ok' }, /lastStatus/u],
        [{ lastFetchAt: 'yesterday' }, /lastFetchAt/u],
        [{ consecutiveFailures: -1 }, /consecutiveFailures/u],
        [{ pollHints: { ttlMs: null, updatePeriodMs: null, skipHours: [24], skipDays: [] } }, /pollHints/u],
        [{ lastWarnings: 'one' as unknown as string[] }, /lastWarnings/u],
        [{ nextPoll: '2025-01-01T00:00:00Z' } as unknown as FeedPatch, /unknown field "nextPoll"/u],
      ];
      for (const [patch, message] of bad) {
        const error = await ctx.index.updateFeed(feed.id, patch).catch((e: unknown) => e);
        expect(error, JSON.stringify(patch)).toMatchObject({ name: 'TidingsError', code: 'invalid-payload' });
        expect((error as Error).message).toMatch(message);
      }
      await expect(ctx.index.updateFeed(feed.id, { url: 'ftp://x.example/feed' })).rejects.toMatchObject({ code: 'invalid-url' });
      expect(await ctx.index.getFeed(feed.id)).toEqual(feed);
    });

    it('stores a NUL character in a feed\'s text as U+FFFD, and refuses one in its URL or id', async () => {
      // PostgreSQL text cannot hold a NUL: the rule articles follow (stored-text-contract.ts), on both backends.
      const { feed } = await ctx.index.addFeed('https://nul.example.org/feed', { title: 'Nul\u0000 news', tags: ['a\u0000', 'b\ud800'] });
      expect(feed).toMatchObject({ title: 'Nul\ufffd news', tags: ['a\ufffd', 'b\ufffd'] });
      const patched = await ctx.index.updateFeed(feed.id, {
        title: 't\u0000',
        stateReason: 'r\u0000',
        lastError: 'e\u0000',
        lastErrorCode: 'c\u0000',
        etag: '"\u0000"',
        lastModified: 'm\u0000',
        lastWarnings: ['w\u0000'],
        tags: ['x\u0000'],
      });
      const stored = { title: 't\ufffd', stateReason: 'r\ufffd', lastError: 'e\ufffd', lastErrorCode: 'c\ufffd', etag: '"\ufffd"', lastModified: 'm\ufffd', lastWarnings: ['w\ufffd'], tags: ['x\ufffd'] };
      expect(patched).toMatchObject(stored);
      expect(await ctx.index.getFeed(feed.id)).toMatchObject(stored);
      // The URL names the feed: a NUL there is refused, not dropped or encoded into another URL.
      for (const refused of [
        () => ctx.index.addFeed('https://nul.example.org/other\u0000'),
        () => ctx.index.addFeed('\u0000https://nul.example.org/other'),
        () => ctx.index.updateFeed(feed.id, { url: 'https://nul.example.org/moved\u0000' }),
      ]) {
        await expect(refused()).rejects.toMatchObject({ name: 'TidingsError', code: 'invalid-payload', permanent: true, message: expect.stringMatching(/url contains a NUL character \(U\+0000\)/u) });
      }
      for (const call of [() => ctx.index.getFeed('a\u0000'), () => ctx.index.updateFeed('a\u0000', { title: 'x' }), () => ctx.index.removeFeed('a\u0000')]) {
        await expect(call()).rejects.toMatchObject({ name: 'TidingsError', code: 'invalid-payload', permanent: true, message: expect.stringMatching(/NUL character \(U\+0000\)/u) });
      }
      expect((await ctx.index.listFeeds()).map((listed) => listed.url)).toEqual(['https://nul.example.org/feed']);
    });

    it('moves a feed to a new URL (301) under the same id, with its articles and items', async () => {
      const { feed } = await ctx.index.addFeed('https://old.example/feed');
      const stored = 'https://news.example.org/stored';
      const pending = 'https://news.example.org/pending';
      await ctx.index.upsertArticle(makeArticle(stored, { feedUrls: ['https://other.example/feed'] }));
      await ctx.index.claimNewItems(feed.id, [stored, pending]);
      const moved = await ctx.index.updateFeed(feed.id, { url: 'HTTPS://New.Example/feed?utm_source=x' });
      expect(moved).toMatchObject({ id: feed.id, url: 'https://new.example/feed', itemsSeen: 2 });
      expect((await ctx.index.getArticle(stored))?.feedUrls).toEqual(['https://other.example/feed', 'https://new.example/feed']);
      // Items claimed before the move are credited to the feed's new URL when their article arrives.
      await ctx.index.upsertArticle(makeArticle(pending));
      expect((await ctx.index.getArticle(pending))?.feedUrls).toEqual(['https://new.example/feed']);
      expect((await ctx.index.search('', { filters: { feed: feed.id } })).total).toBe(2);
      // Adding the new URL, or the old one, finds the moved feed.
      expect(await ctx.index.addFeed('https://new.example/feed')).toMatchObject({ created: false, feed: { id: feed.id } });
      expect(await ctx.index.addFeed('https://old.example/feed')).toMatchObject({ created: false, feed: { id: feed.id } });
      expect(await ctx.index.listFeeds()).toHaveLength(1);
    });

    it('refuses to move a feed to a URL another feed has', async () => {
      const { feed: a } = await ctx.index.addFeed('https://a.example/feed');
      const { feed: b } = await ctx.index.addFeed('https://b.example/feed');
      const error = await ctx.index.updateFeed(a.id, { url: 'https://b.example/feed', state: 'paused' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TidingsError', code: 'invalid-payload' });
      expect((error as Error).message).toContain(`already used by feed ${b.id}`);
      expect(await ctx.index.getFeed(a.id)).toEqual(a);
      expect(await ctx.index.updateFeed(a.id, { url: 'https://a.example/feed' })).toEqual(a);
    });

    it('keeps feeds and their status when closed and opened again', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml', { tags: ['T'] });
      await ctx.index.updateFeed(feed.id, { lastFetchAt: '2025-01-01T00:00:00.000Z', lastStatus: 'error', lastError: 'HTTP 503', consecutiveFailures: 1, lastWarnings: ['w'] });
      const reopened = await ctx.reopen();
      expect(await reopened.getFeed(feed.id)).toMatchObject({ url: 'https://news.example.org/feed.xml', consecutiveFailures: 1, lastError: 'HTTP 503', tags: ['T'], lastWarnings: ['w'] });
    });
  });
}
