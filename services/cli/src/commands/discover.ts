import type { Config } from '@tidings/config';
import { describeError } from '@tidings/contracts';
import { parseFeed } from '@tidings/feed';
import { COMMON_FEED_PATHS, fetchUrl, findFeedLinks, looksLikeHtml } from '@tidings/http';

/** A feed found for a URL given to `subscribe`. */
export interface FoundFeed {
  url: string;
  title: string | null;
}

/** What a URL given to `subscribe` turned out to be. */
export type Discovery =
  /** A feed itself (or at least not a web page): subscribe to it as given. */
  | { kind: 'feed' }
  /** A web page: the feeds it links to, else the first common feed path that serves a feed. */
  | { kind: 'page'; feeds: FoundFeed[] }
  /** Could not be fetched now; subscribing as given is still possible. */
  | { kind: 'unreachable'; reason: string };

/**
 * Looks at `url` the way a feed reader's "add subscription" does: a feed is
 * taken as is; a web page is searched for `<link rel="alternate">` feeds;
 * a page announcing none has the common feed paths (/feed, /rss.xml,
 * /atom.xml...) of its site tried, in order, the first real feed winning.
 * Uses the pipeline's own HTTP client (same SSRF guard and limits).
 */
export async function discoverFeeds(url: string, fetchOptions: Config['fetch']): Promise<Discovery> {
  let page;
  try {
    page = await fetchUrl(url, { ...fetchOptions });
  } catch (error) {
    return { kind: 'unreachable', reason: describeError(error).message };
  }
  if (!looksLikeHtml(page.contentType, page.text)) return { kind: 'feed' };
  const linked = findFeedLinks(page.text, page.finalUrl);
  if (linked.length > 0) return { kind: 'page', feeds: linked.map((link) => ({ url: link.url, title: link.title })) };
  for (const path of COMMON_FEED_PATHS) {
    const candidate = new URL(path, page.finalUrl).href;
    const title = await feedTitleAt(candidate, fetchOptions);
    if (title !== undefined) return { kind: 'page', feeds: [{ url: candidate, title }] };
  }
  return { kind: 'page', feeds: [] };
}

/** The title of the feed served at `url` (null when untitled), or undefined when no feed is there. */
async function feedTitleAt(url: string, fetchOptions: Config['fetch']): Promise<string | null | undefined> {
  try {
    const result = await fetchUrl(url, { ...fetchOptions, kind: 'feed' });
    if (looksLikeHtml(result.contentType, result.text)) return undefined;
    const parsed = await parseFeed(result.text, { feedUrl: result.finalUrl });
    return parsed.feed.title;
  } catch {
    return undefined;
  }
}

/**
 * Reads a choice among `count` numbered feeds: "2", "1,3", "1 3", "all"/"a".
 * Returns the chosen indexes (0-based, in order, without duplicates), or
 * null when the answer is not a valid choice.
 */
export function parseChoice(answer: string, count: number): number[] | null {
  const text = answer.trim().toLowerCase();
  if (text === 'a' || text === 'all') return Array.from({ length: count }, (_, index) => index);
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const chosen: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    const number = Number(part);
    if (number < 1 || number > count) return null;
    if (!chosen.includes(number - 1)) chosen.push(number - 1);
  }
  return chosen;
}
