import type { ArticleRecord } from '@tidings/contracts';
import { isOverlongWord, type ParsedQuery } from '../query.js';
import { tokenize } from '../text/tokens.js';

/** Terms of an article considered (its most frequent), and how many make the query. */
const CANDIDATES = 60;
const QUERY_TERMS = 12;
/** A title word counts as this many body words. */
const TITLE_WEIGHT = 3;
/**
 * Terms in more than this share of articles ("the", "und") are left out, a
 * stopword list that needs no language; only from this many articles on,
 * since in fewer the shares say little.
 */
const MAX_SHARE = 0.5;
const MIN_ARTICLES_FOR_SHARE = 10;

/**
 * The article's candidate terms with their (title-weighted) frequency: its
 * most frequent tokens, leaving out one-letter tokens, numbers and words
 * too long for a query (MAX_WORD_BYTES). Pure.
 */
export function candidateTerms(record: ArticleRecord): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (token: string, weight: number) => {
    // A word too long for a query (PostgreSQL refuses it in a tsquery) cannot be searched for either.
    if (token.length < 2 || /^\d+$/u.test(token) || isOverlongWord(token)) return;
    counts.set(token, (counts.get(token) ?? 0) + weight);
  };
  for (const token of tokenize(record.title)) add(token, TITLE_WEIGHT);
  for (const token of tokenize(record.text)) add(token, 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CANDIDATES));
}

/**
 * The query for "more like this": the candidates with the highest tf-idf
 * (frequency in the article x log(1 + articles / articles having the term)),
 * any of which may match, so articles sharing more and rarer terms rank first.
 * Terms no other article has cannot find anything and are left out, and so
 * are terms most articles have. Null when nothing is left. Pure.
 */
export function similarQuery(terms: Map<string, number>, documentFrequency: Map<string, number>, articles: number): ParsedQuery | null {
  const scored = [...terms]
    .map(([term, tf]) => ({ term, df: documentFrequency.get(term) ?? 1, tf }))
    .filter(({ df }) => df > 1 && (articles < MIN_ARTICLES_FOR_SHARE || df <= articles * MAX_SHARE))
    .map(({ term, df, tf }) => ({ term, score: tf * Math.log(1 + articles / df) }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
    .slice(0, QUERY_TERMS);
  if (scored.length === 0) return null;
  return { all: [scored.map(({ term }) => ({ field: null, text: term, prefix: false }))], none: [] };
}
