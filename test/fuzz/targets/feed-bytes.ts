/**
 * parseFeedBytes on any bytes (a feed file, no Content-Type): charset
 * sniffing and decoding, then parsing. It returns a well-formed ParsedFeed
 * or throws a `malformed-feed` TidingsError, never anything else.
 */
import { parseFeedBytes } from '@tidings/feed';
import { expectTidingsError } from '../contract.js';
import { checkParsedFeed } from '../feed-contract.js';

const FEED_URL = 'https://feeds.example/news/atom.xml';

export async function fuzz(data: Buffer): Promise<void> {
  let parsed;
  try {
    parsed = await parseFeedBytes(new Uint8Array(data), { feedUrl: FEED_URL, contentType: null });
  } catch (error) {
    expectTidingsError(error, ['malformed-feed']);
    return;
  }
  checkParsedFeed(parsed);
}
