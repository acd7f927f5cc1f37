import { TidingsError } from '@tidings/contracts';
import type { FetchResult } from './types.js';

/** Content types an article page may come as; anything else is not a page to extract. */
const PAGE_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)$/;

/**
 * Refuses a fetched page that is not one (a PDF, an image, a feed): the
 * pipeline's article fetch and `tidings extract <url>` alike. A response
 * without a content type is let through: the extractor judges it.
 *
 * @throws TidingsError('unsupported-content', permanent) for another type.
 */
export function requirePageContent(url: string, result: Pick<FetchResult, 'contentType'>): void {
  if (result.contentType && !PAGE_TYPES.test(result.contentType)) {
    throw new TidingsError('unsupported-content', `${url} is ${result.contentType}, not an HTML page`, { permanent: true });
  }
}
