import { describe, expect, it } from 'vitest';
import type { SearchResult } from '@tidings/contracts';
import { RANK_WINDOW } from '../search/window.js';
import { makeArticle } from '../test-fixtures.js';
import type { SearchOptions, TidingsIndex } from '../types.js';
import { useBothBackends } from './both-backends.js';

// Result sets larger than the ranking window (search/window.ts): it ranks the newest matches only and
// estimates some totals, and must still return exactly the articles SQLite returns, page after page.
const ARTICLES = RANK_WINDOW * 6;
const SITES = ['Alpha Daily', 'Beta Times', 'Gamma Post'];

function article(n: number) {
  const words = ['common word here'];
  if (n % 2 === 0) words.push('the red fox ran');
  if (n % 3 === 0) words.push('red paint, and a fox');
  if (n % 5 === 0) words.push('rare');
  return makeArticle(`https://news${n % 3}.example.com/story-${n}`, {
    title: `Story ${n}`,
    text: words.join('. '),
    siteName: SITES[n % 3] ?? null,
    publishedAt: new Date(Date.UTC(2025, 0, 1 + (n % 60))).toISOString(),
  });
}

const backends = useBothBackends('tidings_large', async (index) => {
  await index.upsertArticles(Array.from({ length: ARTICLES }, (_, n) => ({ record: article(n) })));
});

/** Every hit of a search, page by page with cursors. */
async function everyHit(index: TidingsIndex, query: string, options: SearchOptions = {}): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: SearchResult = await index.search(query, { ...options, limit: 100, cursor });
    ids.push(...page.hits.map((hit) => hit.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('searches with more matches than the ranking window', () => {
  it.each([
    ['common', {}],
    ['"red fox"', {}],
    ['red fox', {}],
    ['common', { filters: { site: 'Beta Times' } }],
    ['title:story', {}],
  ] as const)('%s %j: both backends page through exactly the same articles', async (query, options) => {
    const [a, b] = await Promise.all([everyHit(backends.sqlite, query, options), everyHit(backends.postgres, query, options)]);
    expect(new Set(b).size).toBe(b.length);
    expect([...b].sort()).toEqual([...a].sort());
    expect(a.length).toBeGreaterThan(RANK_WINDOW);
  });

  it('fills small pages from older matches when the window holds few, as SQLite pages', async () => {
    // Both words in every fifth article, side by side in a third of those (80): most of each page comes from older matches.
    const pages = async (index: TidingsIndex) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: SearchResult = await index.search('"here rare"', { limit: 7, cursor });
        ids.push(...page.hits.map((hit) => hit.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const [a, b] = await Promise.all([pages(backends.sqlite), pages(backends.postgres)]);
    expect(new Set(b).size).toBe(b.length);
    expect([...b].sort()).toEqual([...a].sort());
    expect(a).toHaveLength(80);
  });

  it('counts a plain word exactly, and flags a total it estimated', async () => {
    // `red`: more matches than the window, fewer candidates than PostgreSQL counts one by one (PG_EXACT_COUNT_LIMIT).
    const plain = await backends.postgres.search('red', { limit: 5 });
    expect(plain.total).toBe(Array.from({ length: ARTICLES }, (_, n) => n).filter((n) => n % 2 === 0 || n % 3 === 0).length);
    expect(plain.total).toBeGreaterThan(RANK_WINDOW);
    expect(plain.totalIsEstimate).toBeUndefined();
    const exact = await backends.sqlite.search('"red fox"', { limit: 0 });
    expect(exact.totalIsEstimate).toBeUndefined();
    const phrase = await backends.postgres.search('"red fox"', { limit: 5 });
    expect(phrase.totalIsEstimate).toBe(true);
    expect(Math.abs(phrase.total - exact.total)).toBeLessThan(exact.total * 0.25);
    expect(phrase.hits).toHaveLength(5);
  });

  it('ranks the window best first and estimates facets over every match', async () => {
    const result = await backends.postgres.search('fox', { limit: 10, facets: true });
    const scores = result.hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const sites = result.facets?.site ?? [];
    expect(sites.map((facet) => facet.value).sort()).toEqual([...SITES].sort());
    const counted = sites.reduce((sum, facet) => sum + facet.count, 0);
    expect(Math.abs(counted - result.total)).toBeLessThanOrEqual(SITES.length);
  });
});
