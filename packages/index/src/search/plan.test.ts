import { describe, expect, it } from 'vitest';
import { nextCursor, planFilters, planSearch } from './plan.js';

describe('planSearch', () => {
  it('plans a word search by relevance, first page, default limit', () => {
    const plan = planSearch('lachin corridor');
    expect(plan).toMatchObject({ sort: 'relevance', limit: 10, offset: 0, after: null, horizon: null, filters: {}, facets: false });
    expect(plan.parsed?.all).toHaveLength(2);
  });

  it('browses by date when there are only filters, even when relevance was asked for', () => {
    expect(planSearch('', { filters: { site: 'x' }, sort: 'relevance' })).toMatchObject({ parsed: null, sort: 'date' });
  });

  it('round-trips a relevance cursor as the next offset, and a date cursor as a keyset', () => {
    const relevance = planSearch('widget', { limit: 5, offset: 5 });
    const cursor = nextCursor(relevance, 42, true, { date: '2025-01-01T00:00:00.000Z', doc: 7 });
    expect(planSearch('widget', { limit: 5, cursor })).toMatchObject({ offset: 10, horizon: 42, after: null });

    const date = planSearch('widget', { sort: 'date' });
    const dateCursor = nextCursor(date, 42, true, { date: '2025-01-01T00:00:00.000Z', doc: 7 });
    expect(planSearch('widget', { sort: 'date', cursor: dateCursor })).toMatchObject({ horizon: 42, after: { date: '2025-01-01T00:00:00.000Z', doc: 7 } });
  });

  it('gives no cursor after the last page', () => {
    expect(nextCursor(planSearch('widget'), 42, false, { date: '2025-01-01T00:00:00.000Z', doc: 7 })).toBeNull();
    expect(nextCursor(planSearch('widget'), 42, true, undefined)).toBeNull();
  });

  it('ties a cursor to its query, filters and sort, but not to surrounding spaces or the page size', () => {
    const cursor = nextCursor(planSearch('widget', { filters: { lang: 'en' } }), 1, true, { date: 'x', doc: 1 });
    expect(() => planSearch(' widget ', { filters: { lang: 'EN' }, limit: 50, cursor })).not.toThrow();
    expect(() => planSearch('widget', { filters: { lang: 'fr' }, cursor })).toThrow(/another search/u);
    expect(() => planSearch('gadget', { filters: { lang: 'en' }, cursor })).toThrow(/another search/u);
  });

  it.each(['', 'not base64 !', Buffer.from('{"v":2}').toString('base64url'), Buffer.from('[1]').toString('base64url')])('rejects the forged cursor %j', (cursor) => {
    expect(() => planSearch('widget', { cursor: cursor === '' ? 'x' : cursor })).toThrow(/cursor is not valid/u);
  });

  it('accepts limit 0 to 100 only', () => {
    expect(planSearch('a', { limit: 100 }).limit).toBe(100);
    expect(planSearch('a', { limit: 0 }).limit).toBe(0);
    expect(() => planSearch('a', { limit: 101 })).toThrow(/limit must be an integer from 0 to 100/u);
  });
});

describe('planFilters', () => {
  it('normalises text filters and turns dates into ISO bounds (a bare until date includes its day)', () => {
    expect(
      planFilters({ site: ' WWW.Example.org ', author: 'Jane DOE', lang: 'pt_BR', tag: 'Tech', feed: 'abc', since: '2025-03-01', until: '2025-03-02' }),
    ).toEqual({
      site: 'example.org',
      author: 'jane doe',
      lang: 'pt-br',
      tag: 'tech',
      feed: 'abc',
      since: '2025-03-01T00:00:00.000Z',
      until: '2025-03-03T00:00:00.000Z',
    });
    expect(planFilters({ since: '2025-03-01T12:30:00+02:00' }).since).toBe('2025-03-01T10:30:00.000Z');
  });

  it.each([{ since: 'yesterday' }, { until: '2025-13-45' }, { site: '' }, { author: 42 as unknown as string }])('rejects %j', (filters) => {
    expect(() => planFilters(filters)).toThrow(/search filter/u);
  });
});
