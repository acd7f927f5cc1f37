import type { SearchFacets } from '@tidings/contracts';
import type { ParsedQuery, QueryTerm } from '../query.js';
import type { SearchPlan } from '../search/plan.js';
import { tokenize } from '../text/tokens.js';

/**
 * The ranking window of PostgreSQL's searches by relevance. Pure.
 *
 * Ranking costs a read of every match's whole tsvector (stored out of line:
 * 40-60 µs a row on the 2-core machine), and so do a phrase's re-check, the
 * filters and the facets: a word in most of 100,000 articles cost 450 ms. So
 * a ranked search works on a window of the newest articles sized to hold
 * about RANK_WINDOW matches: those are ranked, best first, and older matches
 * follow, newest first, for whoever pages that far. The window is sized
 * from how many of the newest SAMPLE_DOCS articles the relaxed query (see
 * isIndexExact) and the filters match, at the search's horizon, so every
 * page of a search sees the same window. A search with fewer matches than
 * that in all has a window of everything: nothing changes.
 *
 * Totals: exact when the window is everything, or when the index alone
 * decides the matches (plain words, prefixes, OR, site: and lang:; no
 * filters) and the sample says there are at most EXACT_COUNT_LIMIT
 * candidates. Otherwise
 * estimated: the sampled density of candidates times the articles, times
 * the share of the window's candidates that match; the result then says
 * `totalIsEstimate`, and facets counted over the window are scaled up.
 *
 * (SQLite does not need it: FTS5 ranks and counts a word's 64,000 matches
 * in a few milliseconds, and a rowid range does not make it read less.)
 */
export const RANK_WINDOW = 200;
/** Newest articles in which the density of candidates is measured. */
export const SAMPLE_DOCS = 1_000;
/** Most candidates (by the sample) counted one by one for an exact total; counting costs about a microsecond each. */
export const EXACT_COUNT_LIMIT = 5_000;

/** Field words that only some positions of a word satisfy (title, authors): the index cannot tell, the row must. */
const WEIGHTED_FIELDS = new Set<QueryTerm['field']>(['title', 'author']);

/**
 * True when the full-text index alone decides the matches of `parsed`
 * without reading rows: no phrase, no title:/author: word, no exclusion.
 * The relaxed query (a phrase as its words ANDed, a field word in any
 * field, exclusions dropped) is then the query itself.
 */
export function isIndexExact(parsed: ParsedQuery): boolean {
  const exact = (term: QueryTerm) => !WEIGHTED_FIELDS.has(term.field) && tokenize(term.text).length <= 1;
  return parsed.none.length === 0 && parsed.all.every((group) => group.every(exact));
}

/**
 * The window's lower bound: ranked matches have doc > cut. 0 when the
 * window is every article (no sampled candidate: rare words, or old ones).
 */
export function windowCut(horizon: number, sampled: number): number {
  const span = Math.min(SAMPLE_DOCS, horizon);
  const docs = sampled === 0 ? horizon : Math.ceil((RANK_WINDOW * span) / sampled);
  return docs >= horizon ? 0 : horizon - docs;
}

/** Candidates expected among `horizon` articles from the sample. */
export function expectedCandidates(horizon: number, sampled: number): number {
  const span = Math.min(SAMPLE_DOCS, horizon);
  return span === 0 ? 0 : (sampled * horizon) / span;
}

/** The estimated total: the expected candidates, times the share of the window's candidates that match. */
export function estimateTotal(expected: number, windowCandidates: number, windowMatches: number): number {
  return windowCandidates === 0 ? windowMatches : Math.max(windowMatches, Math.round((expected * windowMatches) / windowCandidates));
}

/** Facet counts over the window, scaled to the total; returns whether they were. */
export function scaleFacets(facets: SearchFacets, windowMatches: number, total: number): boolean {
  if (windowMatches === 0 || total <= windowMatches) return false;
  const scale = total / windowMatches;
  for (const list of [facets.site, facets.lang, facets.author, facets.day]) for (const facet of list) facet.count = Math.max(1, Math.round(facet.count * scale));
  return true;
}

/** How many rows of the page the window cannot give: those come from older matches, newest first. */
export function olderRows(plan: Pick<SearchPlan, 'limit' | 'offset'>, windowMatches: number): { limit: number; offset: number } | null {
  const wanted = plan.limit === 0 ? 0 : plan.offset + plan.limit + 1;
  if (wanted <= windowMatches) return null;
  return { limit: wanted - Math.max(windowMatches, plan.offset), offset: Math.max(0, plan.offset - windowMatches) };
}
