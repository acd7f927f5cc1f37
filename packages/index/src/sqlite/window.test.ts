import { describe, expect, it } from 'vitest';
import { EXACT_COUNT_LIMIT, RANK_WINDOW, SAMPLE_DOCS } from '../search/window.js';
import { WINDOW_CANDIDATES, countsAll, filterTerms, sqliteWindowCut, windowEstimate } from './window.js';

describe('SQLite ranking window', () => {
  it('holds about RANK_WINDOW matches, everything when the sample had none or the index is small', () => {
    expect(sqliteWindowCut(100_000, 100, 100)).toBe(100_000 - (RANK_WINDOW * SAMPLE_DOCS) / 100);
    expect(sqliteWindowCut(100_000, 0, 0)).toBe(0);
    expect(sqliteWindowCut(500, 100, 100)).toBe(0);
    expect(sqliteWindowCut(500, 400, 400)).toBe(250);
  });

  it('never holds more than WINDOW_CANDIDATES candidates of the relaxed query', () => {
    // A rare phrase of common words: 2 matches but 900 candidates among the newest 1,000.
    const cut = sqliteWindowCut(100_000, 2, 900);
    expect(cut).toBe(100_000 - Math.ceil((WINDOW_CANDIDATES * SAMPLE_DOCS) / 900));
    expect(cut).toBeGreaterThan(sqliteWindowCut(100_000, 2, 2));
  });

  it('counts every match only when the index alone decides and the candidates are few', () => {
    // Sampled among the newest 1,000 of 100,000 articles: each stands for 100.
    const few = Math.floor((EXACT_COUNT_LIMIT * SAMPLE_DOCS) / 100_000);
    expect(countsAll(100_000, 50_000, few, false)).toBe(true);
    expect(countsAll(100_000, 50_000, few, true)).toBe(false);
    expect(countsAll(100_000, 50_000, few + 1, false)).toBe(false);
    expect(countsAll(100_000, 0, few, false)).toBe(false);
  });

  it('estimates the total from the window, never below what the window holds', () => {
    expect(windowEstimate(100_000, 98_000, 200)).toBe(10_000);
    expect(windowEstimate(100_000, 0, 37)).toBe(37);
  });
});

describe('filterTerms', () => {
  it('makes site and lang filters FTS5 phrases of their tokens', () => {
    expect(filterTerms({ site: 'bbc.co.uk', lang: 'en-gb', since: '2025-01-01T00:00:00.000Z' })).toEqual(['site : "bbc co uk"', 'lang : "en gb"']);
    expect(filterTerms({ site: 'site 3 news' })).toEqual(['site : "site 3 news"']);
  });

  it('leaves out values whose case JavaScript and FTS5 may fold differently, or with nothing to search', () => {
    expect(filterTerms({ site: 'café révolution' })).toEqual([]);
    expect(filterTerms({ site: '—' })).toEqual([]);
    expect(filterTerms({ author: 'jane doe' })).toEqual([]);
  });
});
