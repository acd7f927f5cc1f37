import { TidingsError, type SearchHit, type StoryPage, type StorySummary } from '@tidings/contracts';
import type { StoryListOptions } from '../types.js';
import { hasNul } from './checks.js';
import { isCursorDate } from './dates.js';
import { DEFAULT_LIMIT, MAX_DOC, MAX_LIMIT, nonNegativeInteger } from './plan.js';

/**
 * What both backends share about stories (articles sharing a storyId,
 * assigned by the indexer): paging the story list, and the story facts a
 * collapsed search hit carries. Pure.
 *
 * A story's figures are summed over its articles at the list's horizon (the
 * articles stored when its first page was served), so the pages of one
 * listing agree with each other while articles keep arriving.
 */

/** A validated listStories call. */
export interface StoryListPlan {
  limit: number;
  /** Only articles with doc <= horizon count; null on a first page (the backend takes its newest doc). */
  horizon: number | null;
  /** The page starts after this story: (lastSeen, id) below it, in the list's order (lastSeen desc, id desc). */
  after: { lastSeen: string; id: string } | null;
}

interface StoryCursor {
  v: 1;
  k: 'stories';
  h: number;
  l: string;
  i: string;
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

export function planStoryList(options: StoryListOptions = {}): StoryListPlan {
  const limit = nonNegativeInteger(options.limit, DEFAULT_LIMIT, 'limit', MAX_LIMIT);
  if (options.cursor === undefined || options.cursor === null) return { limit, horizon: null, after: null };
  let data: Partial<StoryCursor> | null = null;
  try {
    data = JSON.parse(Buffer.from(String(options.cursor), 'base64url').toString('utf8')) as Partial<StoryCursor> | null;
  } catch {
    data = null;
  }
  // Every field as nextStoryCursor writes it: PostgreSQL failed on a horizon past its integers, a date not as
  // toISOString writes it or an id with a NUL, with a retryable io error, where SQLite answered.
  const valid =
    data !== null &&
    typeof data === 'object' &&
    data.v === 1 &&
    data.k === 'stories' &&
    Number.isSafeInteger(data.h) &&
    (data.h as number) >= 0 &&
    (data.h as number) <= MAX_DOC &&
    isCursorDate(data.l) &&
    typeof data.i === 'string' &&
    !hasNul(data.i);
  if (!valid) throw invalid('story list cursor is not valid: pass the nextCursor of the previous page unchanged');
  const cursor = data as StoryCursor;
  return { limit, horizon: cursor.h, after: { lastSeen: cursor.l, id: cursor.i } };
}

/** The cursor for the page after this one, or null when this one is the last. */
function nextStoryCursor(horizon: number, more: boolean, last: StorySummary | undefined): string | null {
  if (!more || last === undefined) return null;
  const data: StoryCursor = { v: 1, k: 'stories', h: horizon, l: last.lastSeen, i: last.id };
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

/** One story as a backend aggregates it: sites possibly repeated and unordered, times as ISO text. */
export interface StoryRow {
  id: string;
  title: string;
  size: number;
  sites: readonly string[];
  firstSeen: string;
  lastSeen: string;
}

/** The summary of an aggregated story, its sites distinct and sorted, so both backends answer alike. */
export function storySummary(row: StoryRow): StorySummary {
  return { id: row.id, title: row.title, size: row.size, sites: [...new Set(row.sites)].sort(), firstSeen: row.firstSeen, lastSeen: row.lastSeen };
}

/** The stories of the hits of a page (those that have one). */
export function hitStoryIds(hits: readonly SearchHit[]): string[] {
  return [...new Set(hits.flatMap((hit) => (hit.storyId === undefined ? [] : [hit.storyId])))];
}

/**
 * A collapsed hit: its story's size and sites. An article without a story
 * (indexed before stories) is a story of one, on its own site.
 */
export function collapsedHit(hit: SearchHit, site: string, story: StorySummary | undefined): SearchHit {
  return story ? { ...hit, storySize: story.size, storySites: story.sites } : { ...hit, storySize: 1, storySites: [site] };
}

/**
 * A page of the story list from what a backend read: the ids of up to
 * `limit + 1` stories in list order (one more than the page says whether
 * another follows) and the summaries of the page's ones.
 */
export function storyPageOf(plan: StoryListPlan, horizon: number, ids: readonly string[], summaries: ReadonlyMap<string, StorySummary>): StoryPage {
  const stories = ids.slice(0, plan.limit).flatMap((id) => {
    const summary = summaries.get(id);
    return summary ? [summary] : [];
  });
  return { stories, nextCursor: nextStoryCursor(horizon, ids.length > plan.limit, stories.at(-1)) };
}
