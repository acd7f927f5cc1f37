import { EXACT_COUNT_LIMIT, RANK_WINDOW, SAMPLE_DOCS, expectedCandidates } from '../search/window.js';
import type { PlannedFilters } from '../search/plan.js';
import { tokenize } from '../text/tokens.js';

/**
 * SQLite's ranking window: the same idea as PostgreSQL's (search/window.ts,
 * whose constants and pure helpers it shares), sized from what FTS5 itself decides. Pure.
 *
 * FTS5 checks a phrase, a field word and an exclusion in the index, but
 * computing bm25 for each match (and checking a phrase's positions for each
 * candidate) still grows with the matches: ranking a word in 94,000 of
 * 100,000 articles took 43 ms, a phrase of two common words 40 ms. So a
 * search by relevance ranks the matches among the newest articles sized to
 * hold about RANK_WINDOW of them, measured on the newest SAMPLE_DOCS
 * articles (exact query and filters), and never more than WINDOW_CANDIDATES
 * candidates (the relaxed query: the rows FTS5 reads positions or rows for).
 * Older matches follow, newest first.
 */

/** Most candidates of the relaxed query a window may hold: bounds a rare phrase of common words (0.4 µs a candidate). */
export const WINDOW_CANDIDATES = 5_000;

/** The newest docs (the sample) at this horizon: those above the returned doc. */
export function sampleFloor(horizon: number): number {
  return Math.max(0, horizon - SAMPLE_DOCS);
}

/** The cut leaving about `wanted` of what was `sampled` among the newest SAMPLE_DOCS docs (0: everything). */
function cutFor(horizon: number, sampled: number, wanted: number): number {
  const span = Math.min(SAMPLE_DOCS, horizon);
  const docs = sampled === 0 ? horizon : Math.ceil((wanted * span) / sampled);
  return docs >= horizon ? 0 : horizon - docs;
}

/**
 * The window's lower bound (ranked matches have doc > cut) from the sampled
 * matches and candidates: about RANK_WINDOW matches, at most
 * WINDOW_CANDIDATES candidates.
 */
export function sqliteWindowCut(horizon: number, sampledMatches: number, sampledCandidates: number): number {
  return Math.max(cutFor(horizon, sampledMatches, RANK_WINDOW), cutFor(horizon, sampledCandidates, WINDOW_CANDIDATES));
}

/**
 * Whether to count every match for the total: when the window is not
 * everything, nothing but the index decides (no filters, which read a row
 * per candidate) and the sample expects at most EXACT_COUNT_LIMIT
 * candidates (counting reads each one's doclist entry, and a phrase's positions).
 */
export function countsAll(horizon: number, cut: number, sampledCandidates: number, rowChecks: boolean): boolean {
  return cut > 0 && !rowChecks && expectedCandidates(horizon, sampledCandidates) <= EXACT_COUNT_LIMIT;
}

/** The total estimated from the window: its matches, at the window's density over every doc up to the horizon. */
export function windowEstimate(horizon: number, cut: number, windowMatches: number): number {
  const docs = horizon - cut;
  return docs <= 0 ? windowMatches : Math.max(windowMatches, Math.round((windowMatches * horizon) / docs));
}

/** Printable ASCII: its case folds the same in JavaScript (the filters' lower case) as in FTS5. */
const ASCII = /^[ -~]*$/u;

/**
 * FTS5 terms that every article passing the site and lang filters matches,
 * so that FTS5 narrows the candidates before any row is read (the rows then
 * decide exactly): the FTS `site` column holds the site name and host, in
 * which a site filter's value is a phrase (a site name, a host, or a host's
 * last labels), and `lang` the language, of which a lang filter's value is
 * the first tokens.
 */
export function filterTerms(filters: PlannedFilters): string[] {
  const terms: string[] = [];
  for (const [column, value] of [['site', filters.site], ['lang', filters.lang]] as const) {
    if (value === undefined || !ASCII.test(value)) continue;
    const tokens = tokenize(value);
    if (tokens.length > 0) terms.push(`${column} : "${tokens.join(' ')}"`);
  }
  return terms;
}
