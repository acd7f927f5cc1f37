import { describe, expect, it } from 'vitest';
import type { SearchResult } from '@tidings/contracts';
import type { TidingsIndex } from '../types.js';
import { useBothBackends } from './both-backends.js';
import { AGREEMENT_QUERIES, loadFixtureCorpus } from './fixture-corpus.js';

const backends = useBothBackends('tidings_agree', loadFixtureCorpus);

/** What must agree: total, facets, and the hits (as a set: scores differ by design; in order where there are none). */
function comparable(result: SearchResult) {
  const ids = result.hits.map((hit) => hit.id);
  return { total: result.total, facets: result.facets, ids, set: [...ids].sort() };
}

describe('SQLite and PostgreSQL agree on the fixture corpus', () => {
  it.each(AGREEMENT_QUERIES)('%j %j', async (query, options = {}) => {
    const asked = { ...options, limit: 100 };
    const [fromSqlite, fromPostgres] = await Promise.all([backends.sqlite.search(query, asked), backends.postgres.search(query, asked)]);
    const a = comparable(fromSqlite);
    const b = comparable(fromPostgres);
    expect(b.total).toBe(a.total);
    expect(b.set).toEqual(a.set);
    expect(b.facets).toEqual(a.facets);
    // Browsing and date order have no scores to differ by: the order must match too.
    if (query === '' || asked.sort === 'date') expect(b.ids).toEqual(a.ids);
  });

  it('finds something for most of the queries (the corpus exercises them)', async () => {
    let nonEmpty = 0;
    for (const [query, options] of AGREEMENT_QUERIES) if ((await backends.sqlite.search(query, { ...options, limit: 1 })).total > 0) nonEmpty += 1;
    expect(nonEmpty).toBeGreaterThanOrEqual(AGREEMENT_QUERIES.length - 3);
  });

  it('ranks the same article first for clear-cut queries', async () => {
    for (const query of ['title:"lachin corridor"', '"lachin corridor" brexit']) {
      const [a, b] = await Promise.all([backends.sqlite.search(query, { limit: 1 }), backends.postgres.search(query, { limit: 1 })]);
      expect(b.hits[0]?.title.toLowerCase()).toContain('lachin corridor');
      expect(a.hits[0]?.title.toLowerCase()).toContain('lachin corridor');
    }
  });

  it('pages through the same articles with cursors on both backends', async () => {
    const collect = async (index: TidingsIndex) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: SearchResult = await index.search('talks', { limit: 7, sort: 'date', cursor });
        ids.push(...page.hits.map((hit) => hit.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const [a, b] = await Promise.all([collect(backends.sqlite), collect(backends.postgres)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(7);
  });
});
