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

function termInColumn(document: ArticleDocument, column: Column, term: CompiledTerm): boolean {
  const first = term.tokens[0];
  if (first === undefined) return false;
  const tokens = document.columns[column];
  if (term.tokens.length === 1 && term.prefix) return tokens.some((token) => token.startsWith(first));
  const starts = document.positions[column].get(first);
  if (!starts) return false;
  return term.tokens.length === 1 || starts.some((start) => phraseAt(tokens, start, term));
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
