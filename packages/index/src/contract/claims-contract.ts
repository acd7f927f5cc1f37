import { describe, expect, it } from 'vitest';
import { makeArticle } from '../test-fixtures.js';
import type { ContractContext } from './harness.js';

const story = (n: number): string => `https://news.example.org/story/${n}`;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** claimNewItems: each URL handed out once, across feeds and instances. */
export function claimContract(ctx: ContractContext): void {
  describe('claimNewItems', () => {
    it('returns only never-seen URLs, in input order, without duplicates', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      expect(await ctx.index.claimNewItems(feed.id, [story(3), story(1), story(3), story(2), story(1)])).toEqual([story(3), story(1), story(2)]);
      expect(await ctx.index.claimNewItems(feed.id, [story(4), story(2), story(5)])).toEqual([story(4), story(5)]);
      expect(await ctx.index.claimNewItems(feed.id, [story(5), story(4)])).toEqual([]);
      expect(await ctx.index.claimNewItems(feed.id, [])).toEqual([]);
      expect((await ctx.index.getFeed(feed.id))?.itemsSeen).toBe(5);
    });

    it('records the guid of each item it claims, and claimedItemsByGuid finds the latest URL a guid was claimed under by that feed', async () => {
      const a = (await ctx.index.addFeed('https://a.example/feed')).feed;
      const b = (await ctx.index.addFeed('https://b.example/feed')).feed;
      await ctx.index.claimNewItems(a.id, [story(1), story(2), story(3)], new Map([[story(1), 'guid-1'], [story(2), 'guid-2']]));
      expect(await ctx.index.claimedItemsByGuid(a.id, ['guid-1', 'guid-2', 'guid-3', 'guid-1'])).toEqual(new Map([['guid-1', story(1)], ['guid-2', story(2)]]));
      // Another feed's guids are its own.
      expect(await ctx.index.claimedItemsByGuid(b.id, ['guid-1'])).toEqual(new Map());
      // The item moved to a new URL: the guid now finds that one. A claim made before keeps its guid.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await ctx.index.claimNewItems(a.id, [story(4), story(2)], new Map([[story(4), 'guid-1'], [story(2), 'guid-9']]));
      expect(await ctx.index.claimedItemsByGuid(a.id, ['guid-1', 'guid-9'])).toEqual(new Map([['guid-1', story(4)]]));
      expect(await ctx.index.claimedItemsByGuid(a.id, [])).toEqual(new Map());
    });

    it('records when the feed last listed a new item', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const before = Date.now();
      await ctx.index.claimNewItems(feed.id, [story(1)]);
      const first = (await ctx.index.getFeed(feed.id))?.lastNewItemAt ?? '';
      expect(Date.parse(first)).toBeGreaterThanOrEqual(before - 1);
      await ctx.index.claimNewItems(feed.id, [story(1)]);
      expect((await ctx.index.getFeed(feed.id))?.lastNewItemAt).toBe(first);
    });

    it('treats a URL seen through one feed as seen for every feed', async () => {
      const a = (await ctx.index.addFeed('https://a.example/feed')).feed;
      const b = (await ctx.index.addFeed('https://b.example/feed')).feed;
      expect(await ctx.index.claimNewItems(a.id, [story(1), story(2)])).toEqual([story(1), story(2)]);
      expect(await ctx.index.claimNewItems(b.id, [story(2), story(3), story(1)])).toEqual([story(3)]);
      expect((await ctx.index.getFeed(a.id))?.itemsSeen).toBe(2);
      expect((await ctx.index.getFeed(b.id))?.itemsSeen).toBe(1);
    });

    it('unclaimedItems tells which URLs are not claimed yet, and claims nothing', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      await ctx.index.claimNewItems(feed.id, [story(1)]);
      expect(await ctx.index.unclaimedItems([story(2), story(1), story(3), story(2)])).toEqual([story(2), story(3)]);
      expect(await ctx.index.unclaimedItems([story(2), story(3)])).toEqual([story(2), story(3)]);
      expect(await ctx.index.unclaimedItems([])).toEqual([]);
      expect(await ctx.index.claimNewItems(feed.id, [story(2), story(3)])).toEqual([story(2), story(3)]);
      expect(await ctx.index.unclaimedItems([story(1), story(2), story(3)])).toEqual([]);
      expect((await ctx.index.getFeed(feed.id))?.itemsSeen).toBe(3);
    });

    it('compares URLs exactly as given', async () => {
      expect(await ctx.index.claimNewItems('f', [story(1), `${story(1)}?page=2`])).toEqual([story(1), `${story(1)}?page=2`]);
    });

    it('still claims for a feed that no longer exists', async () => {
      const { feed } = await ctx.index.addFeed('https://a.example/feed');
      await ctx.index.removeFeed(feed.id);
      expect(await ctx.index.claimNewItems(feed.id, [story(1)])).toEqual([story(1)]);
      expect(await ctx.index.claimNewItems('another', [story(1)])).toEqual([]);
    });

    it('remembers seen URLs after being closed and opened again', async () => {
      await ctx.index.claimNewItems('f', [story(1), story(2)]);
      const reopened = await ctx.reopen();
      expect(await reopened.claimNewItems('f', [story(2), story(3)])).toEqual([story(3)]);
    });

    it('gives each URL to exactly one of two instances on the same store claiming at once', async () => {
      const other = await ctx.openAnother();
      const results = await Promise.all(
        range(0, 20).map((batch) => (batch % 2 === 0 ? ctx.index : other).claimNewItems('f', range(batch * 5, batch * 5 + 15).map(story))),
      );
      const mine = results.filter((_, i) => i % 2 === 0).flat();
      const theirs = results.filter((_, i) => i % 2 === 1).flat();
      expect(new Set([...mine, ...theirs])).toEqual(new Set(range(0, 110).map(story)));
      expect(mine.filter((url) => theirs.includes(url))).toEqual([]);
      expect(mine.length + theirs.length).toBe(110);
    });

    it('leaves out an item URL with a NUL character alike, claiming the others; refuses a feed id with one', async () => {
      // PostgreSQL text cannot hold a NUL: an item's URL names it, as an article's does (stored-text-contract.ts).
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const nul = `${story(1)}\u0000x`;
      expect(await ctx.index.unclaimedItems([story(1), nul, story(2)])).toEqual([story(1), story(2)]);
      expect(await ctx.index.claimNewItems(feed.id, [story(1), nul, story(2)])).toEqual([story(1), story(2)]);
      expect(await ctx.index.claimNewItems(feed.id, [nul, story(3)])).toEqual([story(3)]);
      expect(await ctx.index.unclaimedItems([nul])).toEqual([]);
      expect((await ctx.index.getFeed(feed.id))?.itemsSeen).toBe(3);
      // The feed id names the feed (no feed has one with a NUL): the claim is refused whole, as getFeed refuses it.
      await expect(ctx.index.claimNewItems('a\u0000', [story(4)])).rejects.toMatchObject({ name: 'TidingsError', code: 'invalid-payload', permanent: true, message: expect.stringMatching(/NUL character \(U\+0000\)/u) });
      expect(await ctx.index.unclaimedItems([story(4)])).toEqual([story(4)]);
    });

    it('compares a URL with a lone surrogate as the stores hold it (U+FFFD), and returns it as given', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const broken = `${story(1)}\ud800`;
      expect(await ctx.index.claimNewItems(feed.id, [broken, story(2)])).toEqual([broken, story(2)]);
      expect(await ctx.index.unclaimedItems([broken, `${story(1)}\ufffd`, story(3)])).toEqual([story(3)]);
      expect(await ctx.index.claimNewItems(feed.id, [`${story(1)}\ufffd`, broken])).toEqual([]);
      expect((await ctx.index.getFeed(feed.id))?.itemsSeen).toBe(2);
    });

    it('releaseUnindexedClaims forgets the claims of items not stored as articles, so they are claimed again', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      await ctx.index.claimNewItems(feed.id, [story(1), story(2), story(3)]);
      await ctx.index.upsertArticle(makeArticle(story(2)));
      expect(await ctx.index.releaseUnindexedClaims()).toBe(2);
      expect(await ctx.index.unclaimedItems([story(1), story(2), story(3)])).toEqual([story(1), story(3)]);
      expect(await ctx.index.claimNewItems(feed.id, [story(1), story(2), story(3)])).toEqual([story(1), story(3)]);
      expect(await ctx.index.releaseUnindexedClaims()).toBe(2);
      expect(await ctx.index.releaseUnindexedClaims()).toBe(0);
    });
  });

  describe('item revisions', () => {
    const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;

    it('tells which claimed items a later revision was given for, once recorded, and which have none recorded yet (a baseline)', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      await ctx.index.claimNewItems(feed.id, [story(1), story(2)]);
      // Never recorded: nothing to compare with, so not revised; an unclaimed URL is neither.
      const first = [{ url: story(2), revision: at(2) }, { url: story(9), revision: at(2) }, { url: story(1), revision: at(2) }, { url: story(2), revision: at(3) }];
      expect(await ctx.index.checkItemRevisions(first)).toEqual({ revised: [], unrecorded: [story(2), story(1)] });
      await ctx.index.recordItemRevisions([{ url: story(1), revision: at(2) }, { url: story(2), revision: at(2) }, { url: story(9), revision: at(2) }]);
      expect(await ctx.index.checkItemRevisions([{ url: story(1), revision: at(2) }, { url: story(2), revision: at(1) }])).toEqual({ revised: [], unrecorded: [] });
      // Later: revised (in input order, once each); an unclaimed URL never is.
      const later = [{ url: story(2), revision: at(3) }, { url: story(9), revision: at(5) }, { url: story(1), revision: at(4) }, { url: story(2), revision: at(3) }];
      expect(await ctx.index.checkItemRevisions(later)).toEqual({ revised: [story(2), story(1)], unrecorded: [] });
      // Recording keeps the latest: an earlier revision given later changes nothing.
      await ctx.index.recordItemRevisions([{ url: story(1), revision: at(4) }, { url: story(1), revision: at(3) }, { url: story(2), revision: at(1) }]);
      expect(await ctx.index.checkItemRevisions([{ url: story(1), revision: at(4) }, { url: story(2), revision: at(3) }])).toEqual({ revised: [story(2)], unrecorded: [] });
      const reopened = await ctx.reopen();
      expect(await reopened.checkItemRevisions([{ url: story(1), revision: at(5) }])).toEqual({ revised: [story(1)], unrecorded: [] });
      expect(await reopened.checkItemRevisions([])).toEqual({ revised: [], unrecorded: [] });
      await reopened.recordItemRevisions([]);
    });

    it('leaves out an item whose URL holds a NUL character alike, the others go on; a NUL in a revision is kept as U+FFFD', async () => {
      const { feed } = await ctx.index.addFeed('https://news.example.org/feed.xml');
      const nul = `${story(1)}\u0000x`;
      await ctx.index.claimNewItems(feed.id, [story(1), nul, story(2), story(3)]);
      const first = [{ url: nul, revision: at(2) }, { url: story(3), revision: at(2) }];
      expect(await ctx.index.checkItemRevisions(first)).toEqual({ revised: [], unrecorded: [story(3)] });
      await ctx.index.recordItemRevisions([{ url: story(1), revision: at(2) }, { url: nul, revision: at(2) }, { url: story(2), revision: `${at(2)}\u0000` }]);
      const later = [{ url: nul, revision: at(3) }, { url: story(1), revision: at(3) }, { url: story(2), revision: `${at(2)}\u0000` }];
      expect(await ctx.index.checkItemRevisions(later)).toEqual({ revised: [story(1)], unrecorded: [] });
      // Recorded as U+FFFD: a revision after that is later.
      expect(await ctx.index.checkItemRevisions([{ url: story(2), revision: `${at(2)}\ufffd` }, { url: story(2), revision: `${at(2)}\ufffe` }])).toEqual({ revised: [story(2)], unrecorded: [] });
    });
  });

  describe('readMeta and writeMeta', () => {
    it('keep a fact about the installation, replaced by the next write, across reopening', async () => {
      expect(await ctx.index.readMeta('redis-lineage:t')).toBeNull();
      await ctx.index.writeMeta('redis-lineage:t', 'one');
      await ctx.index.writeMeta('other', 'x');
      await ctx.index.writeMeta('redis-lineage:t', 'two');
      expect(await ctx.index.readMeta('redis-lineage:t')).toBe('two');
      const reopened = await ctx.reopen();
      expect(await reopened.readMeta('redis-lineage:t')).toBe('two');
      expect(await reopened.readMeta('other')).toBe('x');
    });
  });
}
