import { TidingsError } from '@tidings/contracts';
import { langKey, parseQuery, siteFilterKey, tokenize, type ParsedQuery, type QueryTerm } from '@tidings/index';
import { normaliseUrl } from '@tidings/url';

/**
 * A saved search: a query in the search language (see @tidings/index
 * query.ts) and filters, as `tidings search` takes them. An article matches
 * it exactly when searching the index for the same query and filters would
 * return that article.
 */

/** Filters of a saved search; the same meaning as the index's SearchFilters (dates aside: an alert is about new articles). */
export interface SavedSearchFilters {
  /** Site name or host name (`example.org` also matches `news.example.org`). */
  site?: string;
  /** Language code; `en` also matches `en-GB`. */
  lang?: string;
  /** One author's full name. */
  author?: string;
  /** A tag of the article or of a feed that listed it. */
  tag?: string;
  /** A feed's id or URL: articles that feed listed. */
  feed?: string;
}

export interface SavedSearch {
  id: string;
  query: string;
  filters: SavedSearchFilters;
}

/** Where a term looks: `any` is title, authors and text together (each a column of its own, as in FTS5). */
export type Column = 'title' | 'authors' | 'text' | 'site' | 'lang';
export type TermScope = 'any' | 'title' | 'author' | 'site' | 'lang';

/** A query term ready to match: its tokens as the index tokenises them. */
export interface CompiledTerm {
  scope: TermScope;
  tokens: string[];
  /** The last token is a prefix. */
  prefix: boolean;
}

/** A saved search ready to match (see {@link compileSavedSearch}). */
export interface CompiledSearch {
  id: string;
  /** Every group must match (a group when any of its terms does). */
  all: CompiledTerm[][];
  /** No term here may match. */
  none: CompiledTerm[];
  /** Normalised as the index normalises them. */
  filters: SavedSearchFilters;
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

function compileTerm(term: QueryTerm): CompiledTerm {
  return { scope: term.field ?? 'any', tokens: tokenize(term.text), prefix: term.prefix };
}

function normaliseFilters(filters: SavedSearchFilters): SavedSearchFilters {
  const out: SavedSearchFilters = {};
  for (const name of ['site', 'lang', 'author', 'tag', 'feed'] as const) {
    const value = filters[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') throw invalid(`saved search filter ${name} must be a non-empty string`);
    const trimmed = value.trim();
    if (name === 'site') out.site = siteFilterKey(trimmed);
    else if (name === 'lang') out.lang = langKey(trimmed) ?? trimmed;
    else if (name === 'author' || name === 'tag') out[name] = trimmed.toLowerCase();
    // A feed's id, or its URL (normalised, as the index stores it).
    else out.feed = normaliseUrl(trimmed) ?? trimmed;
  }
  return out;
}

/**
 * Parses and checks a saved search with the index's own query parser.
 *
 * @throws TidingsError `invalid-payload` (permanent) for a malformed query,
 *   one that only excludes words, or one with neither words nor filters.
 */
export function compileSavedSearch(search: SavedSearch): CompiledSearch {
  const parsed: ParsedQuery = parseQuery(search.query);
  const filters = normaliseFilters(search.filters);
  if (parsed.all.length === 0) {
    if (parsed.none.length > 0) throw invalid(`search query "${search.query}" only excludes words; add a word to search for`);
    if (Object.keys(filters).length === 0) throw invalid('a saved search needs words to search for or a filter');
  }
  return { id: search.id, all: parsed.all.map((group) => group.map(compileTerm)), none: parsed.none.map(compileTerm), filters };
}
