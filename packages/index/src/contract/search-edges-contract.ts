import { beforeEach, describe, expect, it } from 'vitest';
import { makeArticle } from '../test-fixtures.js';
import type { SearchOptions } from '../types.js';
import type { ContractContext } from './harness.js';

const story = (n: number): string => `https://edge.example.org/story/${n}`;

/** Six "lantern" articles, a day apart from 2025-03-01. */
const LANTERNS = Array.from({ length: 6 }, (_, n) =>
  makeArticle(story(n), { title: `Lantern festival ${n}`, text: `lantern parade number ${n}`, publishedAt: `2025-03-0${n + 1}T12:00:00.000Z` }),
);

/** A cursor taken apart (its format is the index's own: base64url JSON) and put together with `change` made. */
function forged(cursor: string | null, change: Record<string, unknown>): string {
  if (cursor === null) throw new Error('expected a cursor');
  const data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...data, ...change })).toString('base64url');
}

/** Queries, filters, cursors and offsets at the edges: both backends answer alike or refuse alike (invalid-payload). */
export function searchEdgesContract(ctx: ContractContext): void {
  describe('search input at the edges', () => {
    beforeEach(async () => {
      await ctx.index.upsertArticles(LANTERNS.map((record) => ({ record })));
    });

    const ids = async (query: string, options: SearchOptions = {}): Promise<string[]> =>
      (await ctx.index.search(query, { limit: 100, ...options })).hits.map((hit) => hit.id).sort();
    const refused = async (query: string, options: SearchOptions, message: RegExp) => {
      const error = await ctx.index.search(query, options).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error, `${query} ${JSON.stringify(options)}`).toMatchObject({ name: 'TidingsError', code: 'invalid-payload', permanent: true });
      expect((error as Error).message).toMatch(message);
    };
    const all = LANTERNS.map((record) => record.id).sort();

    it('reads a lone surrogate in a query as the U+FFFD the stores see: a separator between words', async () => {
      expect(await ids('lantern\ud800')).toEqual(all);
      expect(await ids('\udc00parade number\ud83d')).toEqual(all);
      expect(await ids('"parade\udbff number 3"')).toEqual([LANTERNS[3]!.id]);
      expect(await ids('lantern', { filters: { site: 'edge.example.org\ud800' } })).toEqual([]);
    });

    it('reads a site filter written as an address or with a port as its host', async () => {
      for (const site of ['https://edge.example.org/story/1', 'HTTP://www.Edge.example.org', 'edge.example.org:443', 'example.org']) {
        expect(await ids('lantern', { filters: { site } }), site).toEqual(all);
      }
      expect(await ids('lantern', { filters: { site: 'https://other.example.org/' } })).toEqual([]);
    });

    it('reads a host written in Unicode, or with a trailing dot, as its articles store it, in a site filter and in site:', async () => {
      // The host is stored as the address holds it: xn--bcher-kva.example.
      const books = makeArticle('https://bücher.example/neu/1', { title: 'Lantern books', siteName: 'Bücherei Nord' });
      await ctx.index.upsertArticle(books);
      for (const site of ['bücher.example', 'BÜCHER.Example.', 'www.bücher.example', 'https://bücher.example/', 'bücher.example:8080', 'xn--bcher-kva.example']) {
        expect(await ids('lantern', { filters: { site } }), site).toEqual([books.id]);
        expect(await ids(`lantern site:${site}`), site).toEqual([books.id]);
      }
      expect(await ids('lantern -site:bücher.example')).toEqual(all);
      // A site name is still read as written.
      expect(await ids('site:bücherei')).toEqual([books.id]);
      expect(await ids('lantern', { filters: { site: 'Edge.Example.org.' } })).toEqual(all);
    });

    it('refuses a query word too long for either store to search for, whatever its script', async () => {
      // 700 Ethiopic letters (2,100 bytes) are one word: PostgreSQL refuses a lexeme that long in a query. (Thai, which
      // first showed it, is cut into words now: text/tokens.ts.)
      for (const query of ['ሀ'.repeat(700), `lantern ${'ሀ'.repeat(400)}*`, `title:"${'д'.repeat(600)}"`]) await refused(query, {}, /word too long/u);
      expect(await ids(`lantern ${'д'.repeat(500)}`)).toEqual([]);
    });

    it('takes since and until as ISO dates or times only, a time without a zone as UTC', async () => {
      expect(await ids('lantern', { filters: { since: '2025-03-05T00:00' } })).toEqual([LANTERNS[4]!.id, LANTERNS[5]!.id].sort());
      expect(await ids('lantern', { filters: { since: '2025-03-05 13:00+02:00' } })).toEqual([LANTERNS[4]!.id, LANTERNS[5]!.id].sort());
      expect(await ids('lantern', { filters: { until: '2025-03-02T12:00:00.001Z' } })).toEqual([LANTERNS[0]!.id, LANTERNS[1]!.id].sort());
      // What JavaScript's Date.parse would have read as something else: the year 2001, 2 March, local time.
      for (const since of ['1', '2025-02-30', '2025-3-5', 'March 5 2025', '2025-03-05T24:00', '2025-03-05T10:00+25:00']) {
        await refused('lantern', { filters: { since } }, /since must be an ISO date/u);
      }
    });

    it('refuses dates outside the years 1-9999, and takes until 9999-12-31 as no bound at all', async () => {
      for (const filters of [{ since: '+275760-09-13' }, { since: '0000-01-01' }, { until: '-000001-01-01' }, { since: '+010000-01-01T00:00:00.000Z' }]) {
        await refused('lantern', { filters }, /since|until/u);
        await refused('', { filters }, /since|until/u);
      }
      expect(await ids('lantern', { filters: { until: '9999-12-31' } })).toEqual(all);
      expect(await ids('', { filters: { since: '0001-01-01', until: '9999-12-31' } })).toEqual(all);
      expect(await ids('lantern', { filters: { since: '9999-12-31T23:59:59.999Z' } })).toEqual([]);
    });

    it('refuses an offset past its largest, and a cursor put together by hand, alike', async () => {
      await refused('lantern', { offset: 1_000_000_001 }, /offset/u);
      await refused('lantern', { offset: Number.MAX_SAFE_INTEGER, sort: 'date' }, /offset/u);
      expect((await ctx.index.search('lantern', { offset: 1_000_000_000 })).hits).toEqual([]);
      const relevance = (await ctx.index.search('lantern', { limit: 2 })).nextCursor;
      const dated = (await ctx.index.search('lantern', { limit: 2, sort: 'date' })).nextCursor;
      const browsed = (await ctx.index.search('', { limit: 2, filters: { site: 'edge.example.org' } })).nextCursor;
      const cases: Array<[SearchOptions, string]> = [
        [{}, forged(relevance, { h: 2 ** 31 })],
        [{}, forged(relevance, { h: -1 })],
        [{}, forged(relevance, { o: 2 ** 40 })],
        [{}, forged(relevance, { d: '2025-03-01T00:00:00.000Z', n: 3 })],
        [{ sort: 'date' }, forged(dated, { n: 2 ** 31 })],
        [{ sort: 'date' }, forged(dated, { d: 'garbage' })],
        [{ sort: 'date' }, forged(dated, { d: '2025-03-05' })],
        [{ sort: 'date' }, forged(dated, { d: '+010000-01-01T00:00:00.000Z' })],
        [{ sort: 'date' }, forged(dated, { d: undefined, o: 2 })],
      ];
      for (const [options, cursor] of cases) await refused('lantern', { ...options, cursor }, /cursor/u);
      await refused('', { filters: { site: 'edge.example.org' }, cursor: forged(browsed, { d: '2025\u0000' }) }, /cursor/u);
      // Untouched, each still works.
      for (const [query, options, cursor] of [
        ['lantern', {}, relevance],
        ['lantern', { sort: 'date' }, dated],
        ['', { filters: { site: 'edge.example.org' } }, browsed],
      ] as const) {
        expect((await ctx.index.search(query, { ...options, limit: 2, cursor })).hits).toHaveLength(2);
      }
    });

    it('filters by a feed tag folded to lower case as JavaScript folds it, whatever the database locale, a lone surrogate as U+FFFD', async () => {
      // PostgreSQL's lower() writes ΟΔΟΣ as οδοσ (JavaScript: οδος) and İ as i (JavaScript: i\u0307); under LC_CTYPE C it folds no non-ASCII letter.
      const { feed } = await ctx.index.addFeed('https://edge.example.org/feed.xml', { tags: ['ΟΔΟΣ', 'İstanbul', 'ÉCONOMIE', 'Lamp\ud800'] });
      await ctx.index.claimNewItems(feed.id, [story(1), story(2)]);
      for (const tag of ['ΟΔΟΣ', 'οδος', 'İstanbul', 'i\u0307stanbul', 'économie', 'ÉCONOMIE', 'lamp\udfff', 'LAMP\ufffd']) {
        expect(await ids('lantern', { filters: { tag } }), tag).toEqual([LANTERNS[1]!.id, LANTERNS[2]!.id].sort());
        expect(await ids('', { filters: { tag }, facets: true }), tag).toEqual([LANTERNS[1]!.id, LANTERNS[2]!.id].sort());
      }
      expect(await ids('lantern', { filters: { tag: 'istanbul' } })).toEqual([]);
    });
  });
}
