import type { SearchHit } from '@tidings/contracts';
import type { SearchFilters, TidingsIndex } from '@tidings/index';
import type { IndexedEvent } from '@tidings/queue';

/** What a live stream was asked to follow: a query and filters, both optional. */
export interface StreamFilter {
  q: string;
  filters: SearchFilters;
}

/** True when the stream follows every new article. */
export function followsEverything(filter: StreamFilter): boolean {
  return filter.q.trim() === '' && Object.keys(filter.filters).length === 0;
}

/** The date the index files an article under: its publication, else when it was fetched. */
function articleDate(event: IndexedEvent): number {
  return Date.parse(event.publishedAt ?? event.fetchedAt);
}

/** Start of a bare date (UTC), or the instant of a date-time. */
function instant(value: string, endOfDay: boolean): number {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return Date.parse(bare ? `${value}T00:00:00Z` : value) + (bare && endOfDay ? 86_400_000 : 0);
}

/**
 * Whether a newly indexed article matches a stream's query and filters,
 * decided by the index itself (the same query language, tokeniser and
 * filters as a search): the search is pinned to the article's own date
 * (since = date, until = date + 1 ms), so it considers only the few
 * articles filed at that instant. Returns the hit (with its snippet), or
 * null when the article does not match.
 */
export async function matchStream(index: TidingsIndex, filter: StreamFilter, event: IndexedEvent): Promise<SearchHit | null> {
  const date = articleDate(event);
  if (!Number.isFinite(date)) return null;
  const { since, until, ...rest } = filter.filters;
  if (since !== undefined && date < instant(since, false)) return null;
  if (until !== undefined && date >= instant(until, true)) return null;
  const pinned: SearchFilters = { ...rest, since: new Date(date).toISOString(), until: new Date(date + 1).toISOString() };
  let cursor: string | null = null;
  // Several articles can share one instant (a feed stamping every item alike): page until found.
  for (let page = 0; page < 10; page++) {
    const result = await index.search(filter.q, { filters: pinned, limit: 100, sort: 'date', cursor });
    const hit = result.hits.find((candidate) => candidate.id === event.id);
    if (hit) return hit;
    if (!result.nextCursor) return null;
    cursor = result.nextCursor;
  }
  return null;
}
