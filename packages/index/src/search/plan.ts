import { createHash } from 'node:crypto';
import { SEARCH_FILTER_NAMES, SearchCollapseSchema, TidingsError, type SearchCollapse, type SearchFacets, type SearchFilterName } from '@tidings/contracts';
import { parseQuery, requireWords, type ParsedQuery } from '../query.js';
import type { SearchFilters, SearchOptions } from '../types.js';
import { tagKey } from '../feeds/feed-tags.js';
import { langKey } from './article-facts.js';
import { wellFormed } from '../text/encoding.js';
import { filterTime, isCursorDate, isStorableTime } from './dates.js';
import { siteFilterKey } from './site-filter.js';

/** Page size when none is given, and the largest allowed. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
/** Values listed per facet: the most frequent first, ties by value. */
export const FACET_SIZE = 20;
/** Days listed in the day facet: the most recent, newest first. */
export const DAY_FACET_SIZE = 31;
/**
 * The largest article number (doc) either store gives (PostgreSQL's is an
 * integer column), and the largest offset: a cursor or offset past them
 * failed on PostgreSQL alone (its parameters are integers) where SQLite
 * answered an empty page.
 */
export const MAX_DOC = 2_147_483_647;
export const MAX_OFFSET = 1_000_000_000;

/**
 * Filters as the backends apply them: trimmed; site lower case without
 * `www.`; author and tag lower case; lang as its language key; feed as given
 * (a feed id or URL, the backend resolves it); since an inclusive and until
 * an exclusive ISO bound.
 */
export type PlannedFilters = { [Name in SearchFilterName]?: string };

/**
 * A validated search, ready for a backend: what to match, how to order and
 * where the page starts. Built by {@link planSearch}, pure.
 */
export interface SearchPlan {
  /** Null: no words, browse by the filters alone. */
  parsed: ParsedQuery | null;
  /** Browsing is always by date. */
  sort: 'relevance' | 'date';
  limit: number;
  /** Hits to skip (relevance order, or the first date page when `offset` was given). */
  offset: number;
  /** Date order only: the page starts after this (date, doc) of the previous page's last hit. */
  after: { date: string; doc: number } | null;
  /** Only articles with doc <= horizon (those stored when the first page was served); null on a first page. */
  horizon: number | null;
  filters: PlannedFilters;
  facets: boolean;
  /** `story`: one hit per story (the best, or newest, of its matches); the total counts stories. */
  collapse: SearchCollapse | null;
  /** Identifies query + filters + sort + collapse, so a cursor is not used with another search. */
  fingerprint: string;
}

interface CursorData {
  v: 1;
  f: string;
  h: number;
  o?: number;
  d?: string;
  n?: number;
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

export function nonNegativeInteger(value: number | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw invalid(`search ${name} must be an integer from 0 to ${max === Number.MAX_SAFE_INTEGER ? 'any' : max}, got ${String(value)}`);
  }
  return value;
}

/**
 * `since`/`until` as an ISO bound: a bare date is the start of that day
 * (since) or of the next (until), UTC. An until past every date an article
 * can have (the end of 9999-12-31, search/dates.ts) is no bound at all.
 */
function dateBound(value: string, name: 'since' | 'until'): string | undefined {
  const parsed = filterTime(value);
  if (parsed === null) throw invalid(`search filter ${name} must be an ISO date or time (e.g. 2025-03-01 or 2025-03-01T12:00:00Z), got "${value}"`);
  if (!isStorableTime(parsed.time)) throw invalid(`search filter ${name} must be a date from 0001-01-01 to 9999-12-31, got "${value}"`);
  const end = parsed.bare && name === 'until' ? parsed.time + 86_400_000 : parsed.time;
  return isStorableTime(end) ? new Date(end).toISOString() : undefined;
}

function textFilter(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`search filter ${name} must be a string`);
  // Lone surrogates as the U+FFFD the stores see (text/encoding.ts), also where a filter is compared in JavaScript.
  const trimmed = wellFormed(value.trim());
  if (trimmed === '') throw invalid(`search filter ${name} must not be empty`);
  if (trimmed.length > 500) throw invalid(`search filter ${name} is too long`);
  return trimmed;
}

/** How each filter's trimmed value becomes what the backends compare; one entry per filter of SearchFiltersSchema. */
const NORMALISE_FILTER: { readonly [Name in SearchFilterName]: (value: string) => string | undefined } = {
  site: (value) => siteFilterKey(value),
  feed: (value) => value,
  author: (value) => value.toLowerCase(),
  lang: (value) => langKey(value) ?? undefined,
  // Folded as a feed's tags are for feed_tags (feeds/feed-tags.ts); an article's are folded alike (article-facts.ts).
  tag: (value) => tagKey(value),
  since: (value) => dateBound(value, 'since'),
  until: (value) => dateBound(value, 'until'),
  story: (value) => value,
};

/** Validates and normalises the filters. */
export function planFilters(filters: SearchFilters = {}): PlannedFilters {
  const planned: PlannedFilters = {};
  for (const name of SEARCH_FILTER_NAMES) {
    const value = textFilter(filters[name], name);
    // (A lang without a language key stays, undefined: it still makes the search a browse, as before.)
    if (value !== undefined) planned[name] = NORMALISE_FILTER[name](value);
  }
  return planned;
}

const INVALID_CURSOR = 'search cursor is not valid: pass the nextCursor of the previous page unchanged';

function decodeCursor(cursor: string): CursorData {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    data = null;
  }
  const c = data as Partial<CursorData> | null;
  const within = (value: unknown, max: number) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max;
  // Every field as this code writes it: a cursor taken apart and put together otherwise is refused on both backends alike.
  const valid =
    c !== null &&
    typeof c === 'object' &&
    c.v === 1 &&
    typeof c.f === 'string' &&
    within(c.h, MAX_DOC) &&
    (c.o === undefined || within(c.o, MAX_OFFSET)) &&
    (c.d === undefined || (isCursorDate(c.d) && within(c.n, MAX_DOC)));
  if (!valid) throw invalid(INVALID_CURSOR);
  return c as CursorData;
}

/**
 * Validates a search and decides how to run it. Pure.
 *
 * An empty query is allowed when a filter is given: it browses the filtered
 * articles newest first. A query with only excluded words is refused.
 *
 * @throws TidingsError `invalid-payload` for a malformed query, bad options or
 *   a cursor from another search.
 */
export function planSearch(query: string, options: SearchOptions = {}): SearchPlan {
  const parsedQuery = parseQuery(query);
  const filters = planFilters(options.filters);
  const browsing = parsedQuery.all.length === 0 && parsedQuery.none.length === 0 && Object.keys(filters).length > 0;
  if (!browsing) requireWords(query, parsedQuery);
  if (options.sort !== undefined && options.sort !== 'relevance' && options.sort !== 'date') {
    throw invalid(`search sort must be relevance or date, got ${String(options.sort)}`);
  }
  const sort = browsing ? 'date' : (options.sort ?? 'relevance');
  const limit = nonNegativeInteger(options.limit, DEFAULT_LIMIT, 'limit', MAX_LIMIT);
  let offset = nonNegativeInteger(options.offset, 0, 'offset', MAX_OFFSET);
  const collapse = planCollapse(options.collapse);
  const fingerprint = createHash('sha256')
    // (A search that does not collapse hashes as it did before collapsing existed: its cursors stay valid.)
    .update(JSON.stringify(collapse === null ? [query.trim(), filters, sort] : [query.trim(), filters, sort, collapse]))
    .digest('base64url')
    .slice(0, 16);

  let after: SearchPlan['after'] = null;
  let horizon: number | null = null;
  if (options.cursor !== undefined && options.cursor !== null) {
    if (typeof options.cursor !== 'string') throw invalid('search cursor must be a string');
    if (options.offset !== undefined && options.offset !== 0) throw invalid('search takes either an offset or a cursor, not both');
    const cursor = decodeCursor(options.cursor);
    if (cursor.f !== fingerprint) throw invalid('search cursor belongs to another search (query, filters and sort must stay the same while paging)');
    // A date order's cursor names where the page starts, a relevance order's how many hits went before.
    if ((cursor.d !== undefined) !== (sort === 'date')) throw invalid(INVALID_CURSOR);
    horizon = cursor.h;
    if (cursor.d !== undefined && cursor.n !== undefined) after = { date: cursor.d, doc: cursor.n };
    offset = cursor.o ?? 0;
  }
  return { parsed: browsing ? null : parsedQuery, sort, limit, offset, after, horizon, filters, facets: options.facets === true, collapse, fingerprint };
}

function planCollapse(collapse: unknown): SearchCollapse | null {
  if (collapse === undefined || collapse === null) return null;
  const parsed = SearchCollapseSchema.safeParse(collapse);
  if (!parsed.success) throw invalid(`search collapse must be ${SearchCollapseSchema.options.join(' or ')}, got ${String(collapse)}`);
  return parsed.data;
}

/**
 * The cursor for the page after this one, or null when this one is the last.
 * `more`: whether a hit beyond the page exists; `last`: the page's last hit.
 */
export function nextCursor(plan: SearchPlan, horizon: number, more: boolean, last: { date: string; doc: number } | undefined): string | null {
  if (!more || last === undefined) return null;
  const data: CursorData =
    plan.sort === 'date'
      ? { v: 1, f: plan.fingerprint, h: horizon, d: last.date, n: last.doc }
      : { v: 1, f: plan.fingerprint, h: horizon, o: plan.offset + plan.limit };
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

/** Facets with no values, for an index with nothing matching. */
export function emptyFacets(): SearchFacets {
  return { site: [], lang: [], author: [], day: [] };
}
