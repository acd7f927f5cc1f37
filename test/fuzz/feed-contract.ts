import { isDeepStrictEqual } from 'node:util';
import { FEED_FORMATS, type ParsedFeed } from '@tidings/contracts';
import { check, checkNullable, checkSanitised, isHttpUrl, isIsoUtc } from './contract.js';

/**
 * What parseFeed promises about a result (see its TSDoc): a known format,
 * links absolute and http(s), dates ISO 8601 UTC, summary and content
 * sanitised (no script, handler or javascript: URL), and the whole thing JSON (it is what `tidings parse-feed --json` prints).
 */
export function checkParsedFeed(parsed: ParsedFeed): void {
  check(FEED_FORMATS.includes(parsed.format), `format is ${JSON.stringify(parsed.format)}`);
  const { feed } = parsed;
  checkNullable(feed.siteUrl, isHttpUrl, 'feed.siteUrl', 'an http(s) URL');
  checkNullable(feed.feedUrl, isHttpUrl, 'feed.feedUrl', 'an http(s) URL');
  checkNullable(feed.updatedAt, isIsoUtc, 'feed.updatedAt', 'an ISO 8601 UTC date');
  for (const field of ['title', 'description', 'language'] as const) {
    checkNullable(feed[field], (value) => typeof value === 'string', `feed.${field}`, 'a string');
  }
  check(Array.isArray(parsed.items), 'items is not an array');
  parsed.items.forEach((item, index) => {
    const at = `items[${index}]`;
    check(typeof item.id === 'string' && item.id !== '', `${at}.id is ${JSON.stringify(item.id)}, not a non-empty string`);
    checkNullable(item.url, isHttpUrl, `${at}.url`, 'an http(s) URL');
    checkNullable(item.publishedAt, isIsoUtc, `${at}.publishedAt`, 'an ISO 8601 UTC date');
    checkNullable(item.updatedAt, isIsoUtc, `${at}.updatedAt`, 'an ISO 8601 UTC date');
    for (const field of ['title', 'summary', 'contentHtml'] as const) {
      checkNullable(item[field], (value) => typeof value === 'string', `${at}.${field}`, 'a string');
    }
    checkSanitised(item.summary, `${at}.summary`);
    checkSanitised(item.contentHtml, `${at}.contentHtml`);
    check(item.authors.every((author) => typeof author === 'string'), `${at}.authors holds a non-string`);
    check(item.categories.every((category) => typeof category === 'string'), `${at}.categories holds a non-string`);
    item.enclosures.forEach((enclosure, position) => {
      check(isHttpUrl(enclosure.url), `${at}.enclosures[${position}].url is ${JSON.stringify(enclosure.url)}, not an http(s) URL`);
      checkNullable(enclosure.length, (length) => Number.isSafeInteger(length) && length >= 0, `${at}.enclosures[${position}].length`, 'a count of bytes');
    });
  });
  check(parsed.warnings.every((warning) => typeof warning === 'string'), 'warnings holds a non-string');
  // No undefined, NaN or other value that JSON would drop or change. Items are
  // instances of a class with lazy HTML accessors: compared by their own
  // fields (as JSON, structuredClone and a spread see them), not their prototype.
  const plain = { ...parsed, items: parsed.items.map((item) => ({ ...item })) };
  check(isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), plain), 'the result does not survive a JSON round trip');
}
