import type { FeedHints } from '@tidings/contracts';

/**
 * What a feed document itself says about polling: RSS 2.0 `<ttl>`, the
 * Syndication module's `sy:updatePeriod` / `sy:updateFrequency`, and
 * `<skipHours>` / `<skipDays>`. The feed parser reads them from the
 * channel of the tree it builds anyway (`ParsedFeed.hints` from
 * @tidings/feed), so they cost no second pass over the body; the type lives
 * in @tidings/contracts with the rest of the parse result.
 */
export type { FeedHints };

/** No hints: a JSON Feed, or a 304 before any parse. */
export const NO_HINTS: FeedHints = { ttlMs: null, updatePeriodMs: null, skipHours: [], skipDays: [] };
