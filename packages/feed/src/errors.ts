import { TidingsError } from '@tidings/contracts';

/**
 * The error for a document that is not a feed we can read. Permanent:
 * fetching the same bytes again cannot make them parse.
 */
export function malformedFeed(reason: string, cause?: unknown): TidingsError {
  return new TidingsError('malformed-feed', reason, { permanent: true, cause });
}
