import type { FeedRecord } from '@tidings/contracts';
import { checkFetchable, checkFetchableAll } from '@tidings/http';
import { discoverFeeds, type DiscoveryFetchOptions, type FoundFeed } from './discover.js';

/** Where feeds are stored: the index's addFeed (TidingsIndex has it). */
export interface FeedStore {
  addFeed(url: string, options?: { title?: string | null; tags?: string[] }): Promise<{ feed: FeedRecord; created: boolean }>;
}

/** Why a URL cannot be subscribed to, as a stable code. */
export type SubscribeErrorCode =
  /** Fetched, and neither a feed nor a web page offering one. */
  | 'no-feed'
  /** A web page whose feeds are all ones the fetcher would refuse (another local port, a private address). */
  | 'no-fetchable-feed'
  /** A web page offering several feeds, and nobody chose among them. */
  | 'several-feeds';

/** Subscribing failed for a reason the person asking can act on (the URL, not the system). */
export class SubscribeError extends Error {
  readonly code: SubscribeErrorCode;
  /** The feeds on offer: for `several-feeds`, the ones to choose from; for `no-fetchable-feed`, the ones refused. */
  readonly feeds: FoundFeed[];

  constructor(code: SubscribeErrorCode, message: string, feeds: FoundFeed[] = []) {
    super(message);
    this.name = 'SubscribeError';
    this.code = code;
    this.feeds = feeds;
  }
}

/** How a subscribed feed was found. */
export type FoundHow =
  /** The URL given is a feed. */
  | 'given'
  /** The URL could not be fetched now: subscribed as given, to be polled (and reported on) like any feed. */
  | 'unreachable'
  /** Subscribed as given on request ({@link SubscribeOptions.asGiven}), without fetching it. */
  | 'as-given'
  /** A `<link rel="alternate">` of the page given. */
  | 'linked'
  /** A common feed path (/feed, /rss.xml...) of the page's site. */
  | 'common-path';

/** One feed subscribe added (or found already there). */
export interface Subscription {
  feed: FeedRecord;
  /** False when the feed was already subscribed (it is then left unchanged). */
  created: boolean;
  how: FoundHow;
}

export interface SubscribeOptions {
  /** The fetcher's settings (TIDINGS_FETCH_*): a URL it would refuse is refused here too. */
  fetch: DiscoveryFetchOptions;
  /** Title to store; default the one the page's link or the feed gives (null for a feed given directly). */
  title?: string | null;
  /** Tags to store (OPML folders and categories, or chosen by hand). */
  tags?: string[];
  /**
   * Picks among several feeds a page offers (all of them, say, or the ones
   * a person chose). Without it, several feeds are a `several-feeds` error
   * listing them.
   */
  choose?: (feeds: FoundFeed[]) => FoundFeed[] | Promise<FoundFeed[]>;
  /**
   * Subscribe to the URL exactly as given, without fetching it or looking
   * for feeds (still refused when the fetcher would refuse it): for a feed
   * that is down or broken right now, to be polled and reported on like any other.
   */
  asGiven?: boolean;
  /** Told what was done, for people: the feeds found, those left out, a URL subscribed as given. */
  note?: (message: string) => void;
}

/**
 * Subscribes to `url`, the one way the CLI and the API do it: the URL is
 * checked as the fetcher would check it (refused with the TidingsError of
 * {@link checkFetchable}: `invalid-url`, `blocked-address`), fetched, and
 * then
 * - a feed is subscribed to as given;
 * - a web page has its feeds discovered (its `<link rel="alternate">`
 *   feeds, else the first common feed path that serves one) and the one it
 *   offers, or those `choose` picks among several, are subscribed to; feeds
 *   the fetcher would refuse are left out;
 * - a URL that cannot be fetched now is subscribed to as given (the
 *   fetcher then reports on it like on any feed);
 * - anything else is a {@link SubscribeError}.
 *
 * @returns What was added, in order (several only when `choose` picked several).
 */
export async function subscribe(store: FeedStore, url: string, options: SubscribeOptions): Promise<Subscription[]> {
  const note = options.note ?? (() => undefined);
  await checkFetchable(url, { allowPrivate: options.fetch.allowPrivate, timeoutMs: options.fetch.timeoutMs });
  const targets = await feedsToSubscribe(url, options, note);
  const added: Subscription[] = [];
  for (const target of targets) {
    const title = options.title !== undefined ? options.title : target.title;
    const { feed, created } = await store.addFeed(target.url, { title, ...(options.tags !== undefined ? { tags: options.tags } : {}) });
    added.push({ feed, created, how: target.how });
  }
  return added;
}

async function feedsToSubscribe(url: string, options: SubscribeOptions, note: (message: string) => void): Promise<Array<FoundFeed & { how: FoundHow }>> {
  if (options.asGiven) return [{ url, title: null, how: 'as-given' }];
  const discovery = await discoverFeeds(url, options.fetch);
  if (discovery.kind === 'feed') return [{ url, title: null, how: 'given' }];
  if (discovery.kind === 'unreachable') {
    note(`could not fetch ${url} now (${discovery.reason}); subscribed as given`);
    return [{ url, title: null, how: 'unreachable' }];
  }
  if (discovery.kind === 'not-a-feed') throw new SubscribeError('no-feed', `${url} is neither a feed nor a web page (${discovery.reason})`);
  if (discovery.kind === 'missing') throw new SubscribeError('no-feed', `${url}: ${discovery.reason}, so there is no feed to subscribe to (--as-given subscribes to it anyway)`);
  if (discovery.feeds.length === 0) {
    throw new SubscribeError('no-feed', `${url} is a web page that offers no feed (no <link rel="alternate"> feed, nothing at /feed, /rss.xml, /atom.xml...)`);
  }
  // A page may link to feeds the fetcher would refuse (another local port, a private address): leave those out.
  const refusals = await checkFetchableAll(
    discovery.feeds.map((feed) => feed.url),
    { allowPrivate: options.fetch.allowPrivate, timeoutMs: options.fetch.timeoutMs },
  );
  const feeds = discovery.feeds.filter((feed, index) => {
    const refused = refusals[index];
    if (refused) note(`leaving out ${feed.url}: ${refused.message}`);
    return !refused;
  });
  if (feeds.length === 0) throw new SubscribeError('no-fetchable-feed', `${url} offers no feed Tidings may fetch`, discovery.feeds);
  const chosen = feeds.length === 1 ? feeds : options.choose ? await options.choose(feeds) : null;
  if (chosen === null) {
    throw new SubscribeError('several-feeds', `${url} offers ${feeds.length} feeds: subscribe to one of them`, feeds);
  }
  for (const feed of chosen) note(`found ${feed.url}${feed.title ? ` (${feed.title})` : ''}`);
  return chosen.map((feed) => ({ ...feed, how: discovery.how }));
}
