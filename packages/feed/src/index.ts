/**
 * @tidings/feed: RSS, Atom and JSON Feed documents parsed into the
 * `ParsedFeed` contract, and the HTML sanitiser used for their summaries and
 * content.
 */
export { parseFeed, type ParseFeedOptions } from './parse-feed.js';
export { sanitiseFeedHtml } from './sanitise.js';
