import { FEED_STATES, TidingsError, type FeedHints, type FeedState } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { cleanList, isoTime } from '../search/article-facts.js';
import { hasNul, nulIn } from '../search/checks.js';
import { storableText } from '../text/encoding.js';
import type { AddFeedOptions, FeedPatch } from '../types.js';

/**
 * Validation of feed writes, shared by both backends so they accept and
 * refuse exactly the same input, and store the same text. Pure.
 *
 * As for articles (search/checks.ts): a NUL character (which PostgreSQL
 * text cannot hold) or a lone surrogate in a text field is stored as
 * U+FFFD (text/encoding.ts storableText); a NUL in the URL, which names the
 * feed, is refused.
 */

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/**
 * A feed URL normalised.
 *
 * @throws TidingsError `invalid-url` for what is not an absolute http(s) URL, `invalid-payload` for one with a NUL
 *   character (which the URL parser would drop or encode: the feed would be stored under another URL than given).
 */
export function feedUrl(url: unknown): string {
  if (hasNul(url)) throw nulIn('url', 'feed');
  const normalised = typeof url === 'string' ? normaliseUrl(url) : null;
  if (normalised === null) throw new TidingsError('invalid-url', `feed URL "${String(url)}" is not an absolute http(s) URL`, { permanent: true });
  return normalised;
}

function tags(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) throw invalid('feed tags must be an array of strings');
  return cleanList((value as string[]).map(storableText));
}

function nullableString(value: unknown, name: string): string | null {
  if (value !== null && typeof value !== 'string') throw invalid(`feed ${name} must be a string or null`);
  return value === null ? null : storableText(value);
}

function nullableTime(value: unknown, name: string): string | null {
  if (value === null) return null;
  const time = typeof value === 'string' ? isoTime(value) : null;
  if (time === null) throw invalid(`feed ${name} must be an ISO time or null, got ${JSON.stringify(value)}`);
  return time;
}

/** An HTTP status (100-599) or null. */
function httpStatus(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599) throw invalid(`feed lastHttpStatus must be an HTTP status (100-599) or null, got ${String(value)}`);
  return value;
}

/** addFeed's options, cleaned. */
export function newFeedFields(options: AddFeedOptions = {}): { title: string | null; tags: string[] } {
  return {
    title: options.title === undefined ? null : nullableString(options.title, 'title'),
    tags: options.tags === undefined ? [] : tags(options.tags),
  };
}

/** A FeedPatch with every value checked and normalised; keys absent stay absent. */
export type CheckedFeedPatch = FeedPatch;

const STATUSES: ReadonlyArray<FeedPatch['lastStatus']> = ['ok', 'not-modified', 'error'];

/** One checker per FeedPatch field: it returns the value checked and normalised, or throws. */
const PATCH_CHECKS: { [K in keyof FeedPatch]-?: (value: unknown) => Exclude<FeedPatch[K], undefined> } = {
  url: feedUrl,
  title: (value) => nullableString(value, 'title'),
  tags,
  state: (value) => {
    if (!(FEED_STATES as readonly unknown[]).includes(value)) throw invalid(`feed state must be one of ${FEED_STATES.join(', ')}, got ${String(value)}`);
    return value as FeedState;
  },
  stateReason: (value) => nullableString(value, 'stateReason'),
  intervalMs: (value) => {
    if (value !== null && (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)) {
      throw invalid(`feed intervalMs must be a positive integer or null, got ${String(value)}`);
    }
    return value;
  },
  nextPollAt: (value) => nullableTime(value, 'nextPollAt'),
  lastNewItemAt: (value) => nullableTime(value, 'lastNewItemAt'),
  lastHttpStatus: httpStatus,
  lastFetchAt: (value) => nullableTime(value, 'lastFetchAt'),
  lastStatus: (value) => {
    if (value !== null && !STATUSES.includes(value as FeedPatch['lastStatus'])) throw invalid(`feed lastStatus must be ok, not-modified, error or null, got ${String(value)}`);
    return value as Exclude<FeedPatch['lastStatus'], undefined>;
  },
  lastError: (value) => nullableString(value, 'lastError'),
  lastErrorCode: (value) => nullableString(value, 'lastErrorCode'),
  consecutiveFailures: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(`feed consecutiveFailures must be a non-negative integer, got ${String(value)}`);
    return value;
  },
  etag: (value) => nullableString(value, 'etag'),
  lastModified: (value) => nullableString(value, 'lastModified'),
  pollHints: (value) => (value === null ? null : pollHints(value)),
  lastWarnings: (value) => {
    if (!Array.isArray(value) || value.some((warning) => typeof warning !== 'string')) throw invalid('feed lastWarnings must be an array of strings');
    return (value as string[]).map(storableText);
  },
};

/**
 * Checks a FeedPatch. Unknown keys are refused (a misspelt key would
 * otherwise be silently ignored); `undefined` values are skipped.
 *
 * @throws TidingsError `invalid-url` for a bad URL, `invalid-payload` for anything else.
 */
export function checkFeedPatch(patch: FeedPatch): CheckedFeedPatch {
  if (typeof patch !== 'object' || patch === null) throw invalid('feed patch must be an object');
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(PATCH_CHECKS, key)) throw invalid(`feed patch has an unknown field "${key}"`);
    if (value !== undefined) checked[key] = PATCH_CHECKS[key as keyof FeedPatch](value);
  }
  return checked as CheckedFeedPatch;
}

/** Polling hints as the feed parser reports them: numbers of ms or null, UTC hours 0-23, days 0-6. */
function pollHints(value: unknown): FeedHints {
  const hints = value as Partial<FeedHints> | null;
  const ms = (field: unknown) => field === null || (typeof field === 'number' && Number.isFinite(field) && field >= 0);
  const within = (list: unknown, max: number) => Array.isArray(list) && list.every((n) => Number.isInteger(n) && n >= 0 && n <= max);
  if (typeof hints !== 'object' || hints === null || !ms(hints.ttlMs) || !ms(hints.updatePeriodMs) || !within(hints.skipHours, 23) || !within(hints.skipDays, 6)) {
    throw invalid(`feed pollHints must be {ttlMs, updatePeriodMs, skipHours, skipDays} or null, got ${JSON.stringify(value)}`);
  }
  return { ttlMs: hints.ttlMs!, updatePeriodMs: hints.updatePeriodMs!, skipHours: [...hints.skipHours!], skipDays: [...hints.skipDays!] };
}
