/**
 * @tidings/subscriptions: how feeds get subscribed, one way for the CLI and
 * the API alike. A URL is checked as the fetcher would check it, fetched,
 * and a web page has its feeds discovered; a subscription list (OPML) is
 * imported with one report.
 */
export { subscribe, SubscribeError, type FeedStore, type FoundHow, type SubscribeErrorCode, type SubscribeOptions, type Subscription } from './subscribe.js';
export { discoverFeeds, type Discovery, type DiscoveryFetchOptions, type FoundFeed } from './discover.js';
export { COMMON_FEED_PATHS, findFeedLinks, looksLikeHtml, type FeedLink } from './feed-links.js';
export {
  DEFAULT_IMPORT_BUDGET_MS,
  importSubscriptions,
  importSummary,
  type ImportOptions,
  type ImportReport,
  type ImportSummary,
  type ListedFeed,
  type SubscriptionList,
  type UnprocessedCode,
} from './import-opml.js';
