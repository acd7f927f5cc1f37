/**
 * parseFeed on any text: it returns a well-formed ParsedFeed or throws a
 * `malformed-feed` TidingsError, never anything else, and never hangs.
 */
import { parseFeed } from '@tidings/feed';
import { expectTidingsError } from '../contract.js';
import { checkParsedFeed } from '../feed-contract.js';

/** The URL the fuzzed documents are "fetched from": the base for relative links. */
const FEED_URL = 'https://feeds.example/news/rss.xml';

export async function fuzz(data: Buffer): Promise<void> {
  let parsed;
  try {
    parsed = await parseFeed(data.toString('utf8'), { feedUrl: FEED_URL });
  } catch (error) {
    expectTidingsError(error, ['malformed-feed']);
    return;
  }
  checkParsedFeed(parsed);
}
