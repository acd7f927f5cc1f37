import type { ArticleDocument } from './document.js';
import type { Column, CompiledSearch, CompiledTerm, SavedSearchFilters, TermScope } from './saved-search.js';

/**
 * Whether an article matches a compiled saved search, with FTS5's meaning:
 * a term is a phrase (its tokens next to each other, in one column), the
 * last token a prefix when the term is; an unfielded term looks in title,
 * authors and text. Pure.
 */

/** The columns each scope looks in. */
export const SCOPE_COLUMNS: Record<TermScope, readonly Column[]> = {
  any: ['title', 'authors', 'text'],
  title: ['title'],
  author: ['authors'],
  site: ['site'],
  lang: ['lang'],
};

function phraseAt(tokens: readonly string[], start: number, term: CompiledTerm): boolean {
  const last = term.tokens.length - 1;
  for (let i = 0; i <= last; i += 1) {
    const token = tokens[start + i];
    if (token === undefined) return false;
    const wanted = term.tokens[i] as string;
    if (i === last && term.prefix ? !token.startsWith(wanted) : token !== wanted) return false;
  }
  return true;
}

/** The prefix table of Knuth-Morris-Pratt: for each length matched, the longest proper prefix of the phrase that is also a suffix of it. */
function prefixTable(phrase: readonly string[]): number[] {
  const table = new Array<number>(phrase.length).fill(0);
  for (let i = 1, k = 0; i < phrase.length; i += 1) {
    while (k > 0 && phrase[i] !== phrase[k]) k = table[k - 1]!;
    if (phrase[i] === phrase[k]) k += 1;
    table[i] = k;
  }
  return table;
}

/**
 * Whether the phrase stands anywhere in `tokens`, in one pass (Knuth-Morris-Pratt
 * over tokens): the whole tokens compared, then a prefix term's last token
 * checked after each place they stand.
 */
function phraseIn(tokens: readonly string[], term: CompiledTerm): boolean {
  const whole = term.prefix ? term.tokens.slice(0, -1) : term.tokens;
  const last = term.prefix ? term.tokens.at(-1) : undefined;
  const table = prefixTable(whole);
  let matched = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    while (matched > 0 && tokens[i] !== whole[matched]) matched = table[matched - 1]!;
    if (tokens[i] === whole[matched]) matched += 1;
    if (matched === whole.length) {
      if (last === undefined || tokens[i + 1]?.startsWith(last)) return true;
      matched = table[matched - 1]!;
    }
  }
  return false;
}

function termInColumn(document: ArticleDocument, column: Column, term: CompiledTerm): boolean {
  const first = term.tokens[0];
  if (first === undefined) return false;
  const tokens = document.columns[column];
  if (term.tokens.length === 1 && term.prefix) return tokens.some((token) => token.startsWith(first));
  const starts = document.positions[column].get(first);
  if (!starts) return false;
  if (term.tokens.length === 1) return true;
  // Checking the phrase at each place its first word stands is quickest for real text, but costs the
  // places times the phrase's length: a phrase of one word repeated, against a text of that word
  // repeated, made that a billion comparisons. Where it could cost more than two passes, one pass.
  if (starts.length * term.tokens.length > 2 * tokens.length) return phraseIn(tokens, term);
  return starts.some((start) => phraseAt(tokens, start, term));
}

export function termMatches(document: ArticleDocument, term: CompiledTerm): boolean {
  return SCOPE_COLUMNS[term.scope].some((column) => termInColumn(document, column, term));
}

/** The index's filters, on the values it compares (see the index's search compile step). */
export function filtersMatch(document: ArticleDocument, filters: SavedSearchFilters): boolean {
  const { site, lang, author, tag, feed } = filters;
  if (site !== undefined && !(document.siteKey === site || document.host === site || document.host.endsWith(`.${site}`))) return false;
  if (lang !== undefined && !(document.lang !== null && (document.lang === lang || document.lang.startsWith(`${lang}-`)))) return false;
  if (author !== undefined && !document.authorKeys.includes(author)) return false;
  if (tag !== undefined && !document.tagKeys.includes(tag)) return false;
  if (feed !== undefined && !document.feedKeys.includes(feed)) return false;
  return true;
}

export function searchMatches(document: ArticleDocument, search: CompiledSearch): boolean {
  if (!filtersMatch(document, search.filters)) return false;
  if (!search.all.every((group) => group.some((term) => termMatches(document, term)))) return false;
  return !search.none.some((term) => termMatches(document, term));
}
