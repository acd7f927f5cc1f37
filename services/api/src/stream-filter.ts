import type { SearchHit } from '@tidings/contracts';
import { filingTime, type SearchFilters, type TidingsIndex } from '@tidings/index';
import type { IndexedEvent } from '@tidings/queue';

/** What a live stream was asked to follow: a query and filters, both optional. */
export interface StreamFilter {
  q: string;
  filters: SearchFilters;
}

/** Hits per search page while matching (the index's largest page). */
const PAGE_SIZE = 100;
/** Pages read for articles that share one instant before giving up on the rest. */
const MAX_PAGES = 10;

/** True when the stream follows every new article. */
export function followsEverything(filter: StreamFilter): boolean {
  return filter.q.trim() === '' && Object.keys(filter.filters).length === 0;
}

/** The same string for two filters that select the same articles the same way: streams with it share their matching. */
export function filterKey(filter: StreamFilter): string {
  const filters = Object.entries(filter.filters).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([filter.q, filters]);
}

/** The date the index files an article under (filingTime): its publication, else when it was fetched, each within the years 1-9999. */
function articleDate(event: IndexedEvent): number {
  return Date.parse(filingTime(event));
}

/** Start of a bare date (UTC), or the instant of a date-time. */
function instant(value: string, endOfDay: boolean): number {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return Date.parse(bare ? `${value}T00:00:00Z` : value) + (bare && endOfDay ? 86_400_000 : 0);
}

interface Wanted {
  id: string;
  date: number;
}

/**
 * Which of a batch of newly indexed articles match a stream's query and
 * filters, decided by the index itself (the same query language, tokeniser
 * and filters as a search).
 *
 * One search covers the whole batch: the stream's query and filters, pinned
 * to the span of the batch's dates (since = the earliest, until = just after
 * the latest), newest first; the batch's articles are picked out of its
 * hits. However many readers follow this filter, and however many articles
 * the batch holds, that is usually the only query. When more than a page of
 * other matching articles shares the span, the articles not found yet are
 * split at their widest gap in time and each part is searched over its own,
 * narrower span; articles sharing a single instant are paged through.
 *
 * @returns the hit (with its snippet) of each matching article, by id.
 */
export async function matchBatch(index: TidingsIndex, filter: StreamFilter, events: readonly IndexedEvent[]): Promise<Map<string, SearchHit>> {
  const { since, until, ...rest } = filter.filters;
  const lower = since === undefined ? Number.NEGATIVE_INFINITY : instant(since, false);
  const upper = until === undefined ? Number.POSITIVE_INFINITY : instant(until, true);
  const wanted = new Map<string, Wanted>();
  for (const event of events) {
    const date = articleDate(event);
    // Outside the stream's own dates, or undated: cannot match, no need to ask.
    if (Number.isFinite(date) && date >= lower && date < upper) wanted.set(event.id, { id: event.id, date });
  }
  const found = new Map<string, SearchHit>();
  await searchSpan(index, filter.q, rest, [...wanted.values()], found);
  return found;
}

/** Searches the span of `wanted`'s dates and records the hits that are wanted; narrows down as described above. */
async function searchSpan(index: TidingsIndex, q: string, filters: SearchFilters, wanted: Wanted[], found: Map<string, SearchHit>): Promise<void> {
  if (wanted.length === 0) return;
  const earliest = Math.min(...wanted.map((item) => item.date));
  const latest = Math.max(...wanted.map((item) => item.date));
  const pinned: SearchFilters = { ...filters, since: new Date(earliest).toISOString(), until: new Date(latest + 1).toISOString() };
  const missing = new Set(wanted.map((item) => item.id));
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await index.search(q, { filters: pinned, limit: PAGE_SIZE, sort: 'date', cursor });
    for (const hit of result.hits) if (missing.delete(hit.id)) found.set(hit.id, hit);
    if (missing.size === 0 || !result.nextCursor) return;
    if (earliest !== latest) {
      // Many other matches in this span: search the rest in narrower spans instead of paging through them all.
      const rest = wanted.filter((item) => missing.has(item.id)).sort((a, b) => a.date - b.date);
      for (const part of splitAtWidestGap(rest)) await searchSpan(index, q, filters, part, found);
      return;
    }
    cursor = result.nextCursor;
  }
}

/** `items` (sorted by date) in two parts at the widest gap between neighbours; as one part when they share one instant. */
function splitAtWidestGap(items: Wanted[]): Wanted[][] {
  let cut = 0;
  let widest = 0;
  for (let i = 1; i < items.length; i++) {
    const gap = items[i]!.date - items[i - 1]!.date;
    if (gap > widest) {
      widest = gap;
      cut = i;
    }
  }
  return cut === 0 ? [items] : [items.slice(0, cut), items.slice(cut)];
}
