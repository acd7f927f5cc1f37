import { TidingsError, type ParsedFeed } from '@tidings/contracts';
import { decodeBody, type DecodedBody } from '@tidings/text';
import { malformedFeed } from './errors.js';
import { parseFeed, type ParseFeedOptions } from './parse-feed.js';

/** Options for {@link parseFeedBytes}. */
export interface ParseFeedBytesOptions extends ParseFeedOptions {
  /** The HTTP Content-Type the bytes came with (its charset counts first after a BOM); null for a file. */
  contentType?: string | null;
}

/**
 * Decodes a feed's raw bytes and parses it: the charset comes from the BOM,
 * the Content-Type, the XML declaration or the UTF-16 byte pattern, and is
 * checked against the bytes (`decodeBody(bytes, contentType, 'feed')`).
 * A declared charset that did not fit is reported first in `warnings`.
 *
 * @throws TidingsError `malformed-feed` as {@link parseFeed} does. Never anything else.
 */
export async function parseFeedBytes(bytes: Uint8Array, options: ParseFeedBytesOptions = {}): Promise<ParsedFeed> {
  let decoded: DecodedBody;
  try {
    decoded = decodeBody(bytes, options.contentType ?? null, 'feed');
  } catch (error) {
    if (error instanceof TidingsError) throw error;
    throw malformedFeed(`the feed's bytes could not be decoded: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return parseFeed(decoded.text, { ...options, warnings: [...(options.warnings ?? []), ...decoded.warnings] });
}
