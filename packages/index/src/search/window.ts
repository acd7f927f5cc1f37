import type { SearchFacets } from '@tidings/contracts';
import type { ParsedQuery, QueryTerm } from '../query.js';
import type { SearchPlan } from '../search/plan.js';
import { tokenize } from '../text/tokens.js';

/**
 * The ranking window of searches by relevance, shared by both backends. Pure.
 *
 * Ranking costs a read of every match's whole tsvector (stored out of line:
 * 40-60 µs a row on the 2-core machine), and so do a phrase's re-check, the
 * filters and the facets: a word in most of 100,000 articles cost 450 ms. So
 * a ranked search works on a window of the newest articles sized to hold
 * about RANK_WINDOW matches: those are ranked, best first, and older matches
 * follow, newest first, for whoever pages that far. The window is sized
 * from how many of the newest SAMPLE_DOCS articles (more when that finds
 * too few: sampleSpan) the relaxed query (see
 * isIndexExact) and the filters match, at the search's horizon, so every
 * page of a search sees the same window. A search with fewer matches than
 * that in all has a window of everything: nothing changes.
 *
 * Totals: exact when the window is everything, or when the index alone
 * decides the matches (plain words, prefixes, OR, site: and lang:; no
 * filters) and the sample says there are at most PG_EXACT_COUNT_LIMIT
 * candidates. Otherwise
 * estimated: the sampled density of candidates times the articles, times
 * the share of the window's candidates that match; the result then says
 * `totalIsEstimate`, and facets counted over the window are scaled up.
 *
 * This file holds PostgreSQL's sizing and what both backends share (the
 * constants, older rows, estimated totals, scaled facets). SQLite sizes its
 * window from what FTS5 itself decides: sqlite/window.ts.
 */
export const RANK_WINDOW = 200;
/** Newest articles in which the density of candidates is measured. */
export const SAMPLE_DOCS = 1_000;
/**
 * Fewer sampled candidates than this say little (a selective filter: one
 * site since October finds 0-3 in 1,000 articles, and a window of
 * everything then ranked 400-1,000 matches), so the sample is taken again
 * over SAMPLE_GROWTH times as many articles.
 */
export const MIN_SAMPLED = 20;
export const SAMPLE_GROWTH = 10;

/** Articles the sample spans: SAMPLE_DOCS, or SAMPLE_GROWTH times more after too few candidates; never more than all. */
export function sampleSpan(horizon: number, firstSampled: number | null): number {
  return Math.min(horizon, firstSampled === null || firstSampled >= MIN_SAMPLED ? SAMPLE_DOCS : SAMPLE_DOCS * SAMPLE_GROWTH);
}
/** Most candidates (by the sample) counted one by one for an exact total on SQLite (sqlite/window.ts), where FTS5 counts a doclist cheaply. */
export const EXACT_COUNT_LIMIT = 5_000;
/**
 * The same on PostgreSQL, lower: counting visits each match's heap page
 * (GIN answers which rows, not how many), 10 µs a match, so 5,000 cost
 * 50 ms, more than the rest of a search.
 */
export const PG_EXACT_COUNT_LIMIT = 1_000;

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
export function windowCut(horizon: number, sampled: number, span = Math.min(SAMPLE_DOCS, horizon)): number {
  const docs = sampled === 0 ? horizon : Math.ceil((RANK_WINDOW * span) / sampled);
  return docs >= horizon ? 0 : horizon - docs;
}

/** Candidates expected among `horizon` articles from the sample. */
export function expectedCandidates(horizon: number, sampled: number, span = Math.min(SAMPLE_DOCS, horizon)): number {
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
