import { z } from 'zod';

/**
 * The filters a search (and a live stream) takes, declared once: the
 * index's `SearchFilters` type, the fields its search plan validates and
 * the API's query parameters (with their OpenAPI descriptions) all derive
 * from this schema. Adding a filter here makes the type checker ask for it
 * in the search plan and puts it in the API.
 *
 * Values are strings; the index trims and checks them (a malformed date is
 * an `invalid-payload`), the API refuses control characters and bounds
 * their length first. Text comparisons ignore case.
 */
export const SearchFiltersSchema = z.object({
  /** Site name (as in the `site` facet) or host name (`example.org` also matches `www.example.org`, `news.example.org`). */
  site: z.string().optional().describe('site name or host (example.org also matches www.example.org)'),
  /** A feed's id or URL: articles that feed listed. */
  feed: z.string().optional().describe("a feed's id or URL"),
  /** One author's full name. */
  author: z.string().optional().describe("an author's full name"),
  /** Language code; `en` also matches `en-GB`. */
  lang: z.string().optional().describe('language code; en also matches en-GB'),
  /** A tag of the article itself or of a feed that listed it. */
  tag: z.string().optional().describe('a tag of the article or of a feed that listed it'),
  /** ISO date or time: the article's date (publishedAt, else fetchedAt) is at or after it. A bare date means its start (UTC). */
  since: z.string().optional().describe("the article's date is at or after this"),
  /** ISO date or time: the article's date is before it; a bare date includes that whole day (UTC). */
  until: z.string().optional().describe("the article's date is before this (a bare date includes that day)"),
  /** A story's id (ArticleRecord.storyId): the articles of that story. */
  story: z.string().optional().describe("a story's id: the articles of that story"),
});

/** Restricts a search to articles with these properties (all must hold). See {@link SearchFiltersSchema}. */
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

/** The name of one search filter. */
export type SearchFilterName = keyof SearchFilters;

/** Every filter name, in the schema's order (the order the API lists them in and the index fingerprints them in). */
export const SEARCH_FILTER_NAMES = Object.keys(SearchFiltersSchema.shape) as SearchFilterName[];

/** The filters whose value is an ISO date or time rather than text. */
export const DATE_FILTERS: ReadonlySet<SearchFilterName> = new Set<SearchFilterName>(['since', 'until']);

/** The description of one filter, as the API documents it. */
export function searchFilterDescription(name: SearchFilterName): string {
  return SearchFiltersSchema.shape[name].description ?? name;
}

/** Only the filters of `query` (a search's or stream's parameters) that are set, in schema order. */
export function pickSearchFilters(query: SearchFilters): SearchFilters {
  const filters: SearchFilters = {};
  for (const name of SEARCH_FILTER_NAMES) {
    const value = query[name];
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}

/**
 * How a search may fold its hits: `story` shows each story once (its best
 * hit, or newest by date), the hit saying how many articles and sites the
 * story has (SearchHit.storySize, storySites). Not a filter: it selects no
 * articles, it changes what a page lists.
 */
export const SearchCollapseSchema = z.enum(['story']).describe('story: one hit per story, saying how many articles and sites reported it');
export type SearchCollapse = z.infer<typeof SearchCollapseSchema>;
