import { z } from 'zod';
import {
  ArticleRecordSchema,
  DATE_FILTERS,
  SearchCollapseSchema,
  pickSearchFilters,
  SEARCH_FILTER_NAMES,
  searchFilterDescription,
  type FacetCount,
  type SearchFacets,
  type SearchFilterName,
  type SearchFilters,
  type SearchHit,
  type SearchResult,
} from '@tidings/contracts';
import { REPLAY_CAPACITY } from '../live-streams.js';
import { isMatchEventId, isStreamEventId } from '../event-ids.js';
import { countParameter, IsoDateOrTime, plainText, type SameType } from './common.js';

/** A search hit; `snippet` is an HTML fragment (`&<>` escaped, matches in `<mark>`). */
export const SearchHitSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    title: z.string(),
    siteName: z.string().nullable(),
    authors: z.array(z.string()),
    publishedAt: z.string().nullable(),
    snippet: z.string().describe('HTML fragment: text around the matches, &<> escaped, matched terms in <mark>'),
    score: z.number().describe('higher is better; comparable only within one result set'),
    storyId: z.string().optional().describe("the article's story, when it has one (see /api/stories)"),
    storySize: z.number().int().optional().describe('collapse=story: how many articles its story has (1 for an article without a story)'),
    storySites: z.array(z.string()).optional().describe("collapse=story: the distinct sites of its story's articles, its own included, sorted"),
  })
  .meta({ id: 'SearchHit' });

const FacetCountSchema = z.object({ value: z.string(), count: z.number().int() });
export const SearchFacetsSchema = z
  .object({ site: z.array(FacetCountSchema), lang: z.array(FacetCountSchema), author: z.array(FacetCountSchema), day: z.array(FacetCountSchema) })
  .meta({ id: 'SearchFacets' });

export const SearchResultSchema = z
  .object({
    total: z.number().int().describe('articles matched in all'),
    hits: z.array(SearchHitSchema),
    nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
    facets: SearchFacetsSchema.optional().describe('counted over the whole result set (absent with facets=false)'),
  })
  .meta({ id: 'SearchResult' });

// Compile-time guards: these schemas must describe exactly the contracts' types.
const hitMatches: SameType<z.infer<typeof SearchHitSchema>, SearchHit> = true;
const facetMatches: SameType<z.infer<typeof FacetCountSchema>, FacetCount> = true;
const facetsMatch: SameType<z.infer<typeof SearchFacetsSchema>, SearchFacets> = true;
const resultMatches: SameType<z.infer<typeof SearchResultSchema>, SearchResult> = true;
void [hitMatches, facetMatches, facetsMatch, resultMatches];

/** One filter as a query parameter: control characters refused and length bounded (dates checked as ISO), described as contracts describes it. */
function filterParameter(name: SearchFilterName) {
  const description = searchFilterDescription(name);
  return DATE_FILTERS.has(name) ? IsoDateOrTime.optional().describe(description) : plainText().trim().min(1).max(200).optional().describe(description);
}

/** The filters `/api/search` and `/api/stream` take: every filter of contracts' SearchFiltersSchema, in its order. */
export const SearchFiltersQuery = z.object(
  Object.fromEntries(SEARCH_FILTER_NAMES.map((name) => [name, filterParameter(name)])) as Record<SearchFilterName, ReturnType<typeof filterParameter>>,
);
const filtersMatch: SameType<z.infer<typeof SearchFiltersQuery>, SearchFilters> = true;
void filtersMatch;

export const SearchQuery = SearchFiltersQuery.extend({
  q: plainText().max(1000).default('').describe('the query: words, "phrase", -excluded, a OR b, prefix*, title: site: author: lang:'),
  sort: z.enum(['relevance', 'date']).optional().describe('relevance (default with words) or date (newest first)'),
  limit: countParameter(0, 100, 10),
  cursor: plainText().min(1).max(1000).optional().describe('nextCursor of the previous page'),
  facets: z.enum(['true', 'false']).default('true').describe('count site/lang/author/day facets over the whole result set'),
  collapse: SearchCollapseSchema.optional().describe('story: one hit per story (total counts stories), each with storySize and storySites'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const StreamQuery = SearchFiltersQuery.extend({
  q: plainText().max(1000).default('').describe('only articles this query (and the filters) match; empty: every new article'),
});
export type StreamQuery = z.infer<typeof StreamQuery>;

/**
 * The headers of a resumable live stream it reads: `Last-Event-ID`, which an
 * EventSource sends back when it reconnects (the id of the last event it
 * got). An id the stream could not have sent (`isEventId` says) is refused
 * (400, the message naming `format`); an empty one counts as absent. Other
 * headers pass through untouched.
 */
function lastEventIdHeaders(isEventId: (value: string) => boolean, format: string, description: string) {
  return z.looseObject({
    'last-event-id': z
      .string()
      .refine((value) => value === '' || isEventId(value), { message: `must be the id of an event of this stream (${format})` })
      .optional()
      .describe(description),
  });
}

/** The headers of `/api/stream` it reads (see lastEventIdHeaders). */
export const StreamHeaders = lastEventIdHeaders(
  isStreamEventId,
  '<article id>-<indexedAt in ms>, e.g. 3f2a9c0e1b7d4a55-1764700000000',
  `resume after this event: the matching articles announced since then come first, when it is among the installation's last ${REPLAY_CAPACITY} announcements`,
);

/** The headers of `/api/saved-searches/:id/stream` it reads (see lastEventIdHeaders). */
export const MatchStreamHeaders = lastEventIdHeaders(
  isMatchEventId,
  '<ms>-<seq>, the id of its announcement on the stream of matches, e.g. 1764700000000-0',
  `resume after this event: the saved search's matches announced since then come first, when it is among the installation's last ${REPLAY_CAPACITY} match announcements`,
);

export const SimilarQuery = z.object({ limit: countParameter(1, 100, 10) });

export const ArticleSchema = ArticleRecordSchema.meta({ id: 'ArticleRecord' });
export const SimilarResultSchema = z.object({ hits: z.array(SearchHitSchema) }).meta({ id: 'SimilarResult' });

/** The filters of a search or stream query, as the index takes them (unset ones left out). */
export function filtersOf(query: z.infer<typeof SearchFiltersQuery>): SearchFilters {
  return pickSearchFilters(query);
}
