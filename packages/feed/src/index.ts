/**
 * @tidings/feed: RSS, Atom and JSON Feed documents parsed into the
 * `ParsedFeed` contract, from text or from raw bytes, and the HTML
 * sanitiser used for their summaries and content.
 */
export { parseFeed, type ParseFeedOptions } from './parse-feed.js';
export { parseFeedBytes, type ParseFeedBytesOptions } from './parse-feed-bytes.js';
export { sanitiseFeedHtml } from './sanitise.js';
export { decodeXmlText, readXmlTokens, type XmlTokenHandler } from './xml-tokens.js';
