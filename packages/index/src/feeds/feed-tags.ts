import { wellFormed } from '../text/encoding.js';

/**
 * A tag as the tag filter compares it: in lower case as JavaScript folds it,
 * a lone surrogate as U+FFFD. The filter's value (search/plan.ts) and a
 * feed's tags (`feed_tags`, {@link feedTagKeys}) are both folded here, in
 * JavaScript rather than with SQL's lower(): PostgreSQL's folds by the
 * database's locale (ΟΔΟΣ to οδοσ, not οδος; no non-ASCII letter at all
 * under LC_CTYPE C), SQLite's only ASCII. Pure.
 */
export function tagKey(tag: string): string {
  return wellFormed(tag).toLowerCase();
}

/**
 * The keys a feed is found by for the tag filter (`feed_tags` on both
 * backends, written with the feed's tags): {@link tagKey} of each of its
 * tags, without duplicates. A feed stored before tags were written as
 * storableText (feed-input.ts) may hold a lone surrogate in SQLite, which
 * gives it back out of its JSON (PostgreSQL holds U+FFFD): folded the same.
 */
export function feedTagKeys(tags: readonly string[]): string[] {
  return [...new Set(tags.map(tagKey))];
}
