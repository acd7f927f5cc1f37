import { describeError, HttpStatusError, TidingsError } from '@tidings/contracts';
import { parseFeed } from '@tidings/feed';
import { fetchUrl, type FetchOptions } from '@tidings/http';
import { COMMON_FEED_PATHS, findFeedLinks, looksLikeHtml } from './feed-links.js';

/** A feed found for a URL given to subscribe. */
export interface FoundFeed {
  url: string;
  /** The feed's title as the page's link (or the feed itself) gives it, or null. */
  title: string | null;
}

/** What a URL given to subscribe turned out to be. */
export type Discovery =
  /** A feed itself: subscribe to it as given. */
  | { kind: 'feed' }
  /** A web page: the feeds it links to, else the first common feed path that serves a feed; empty when neither. */
  | { kind: 'page'; feeds: FoundFeed[]; how: 'linked' | 'common-path' }
  /** Fetched, but neither a web page nor a feed (an image, an API's JSON, a feed too broken to read). */
  | { kind: 'not-a-feed'; reason: string }
  /** Could not be fetched now (network, DNS, an HTTP error): subscribing as given is still possible. */
  | { kind: 'unreachable'; reason: string }
  /** The server says for good that nothing is there: 404 Not Found, 410 Gone, a redirect loop. */
  | { kind: 'missing'; reason: string };

/** The fetch settings discovery uses: the pipeline's own (same SSRF guard and limits). */
export type DiscoveryFetchOptions = Pick<FetchOptions, 'allowPrivate' | 'allowPrivateLinks' | 'timeoutMs' | 'maxBytes'>;

/**
 * Looks at `url` the way a feed reader's "add subscription" does: a feed is
 * taken as is (once it parses as one); a web page is searched for
 * `<link rel="alternate">` feeds; a page announcing none has the common
 * feed paths (/feed, /rss.xml, /atom.xml...) of its site tried, in order,
 * the first real feed winning. Uses the pipeline's own HTTP client.
 */
export async function discoverFeeds(url: string, fetchOptions: DiscoveryFetchOptions): Promise<Discovery> {
  let page;
  try {
    page = await fetchUrl(url, { ...fetchOptions });
  } catch (error) {
    const reason = describeError(error).message;
    return isMissing(error) ? { kind: 'missing', reason } : { kind: 'unreachable', reason };
  }
  if (!looksLikeHtml(page.contentType, page.text)) {
    try {
      await parseFeed(page.text, { feedUrl: page.finalUrl });
      return { kind: 'feed' };
    } catch (error) {
      if (!(error instanceof TidingsError)) throw error;
      return { kind: 'not-a-feed', reason: error.message };
    }
  }
  const linked = findFeedLinks(page.text, page.finalUrl);
  if (linked.length > 0) return { kind: 'page', how: 'linked', feeds: linked.map((link) => ({ url: link.url, title: link.title })) };
  for (const path of COMMON_FEED_PATHS) {
    const candidate = new URL(path, page.finalUrl).href;
    const title = await feedTitleAt(candidate, fetchOptions);
    if (title !== undefined) return { kind: 'page', how: 'common-path', feeds: [{ url: candidate, title }] };
  }
  return { kind: 'page', how: 'common-path', feeds: [] };
}

/** An answer that nothing is at the URL, and will not be by trying again: 404, 410, redirects without end. */
function isMissing(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status === 404 || error.status === 410;
  return error instanceof TidingsError && error.code === 'too-many-redirects';
}

/** The title of the feed served at `url` (null when untitled), or undefined when no feed is there. */
async function feedTitleAt(url: string, fetchOptions: DiscoveryFetchOptions): Promise<string | null | undefined> {
  try {
    const result = await fetchUrl(url, { ...fetchOptions, kind: 'feed' });
    if (looksLikeHtml(result.contentType, result.text)) return undefined;
    const parsed = await parseFeed(result.text, { feedUrl: result.finalUrl });
    return parsed.feed.title;
  } catch {
    return undefined;
  }
}
