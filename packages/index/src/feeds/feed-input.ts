import { FEED_STATES, TidingsError, type FeedState } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { cleanList, isoTime } from '../search/article-facts.js';
import type { AddFeedOptions, FeedPatch, FeedStatusUpdate } from '../types.js';

/**
 * Validation of feed writes, shared by both backends so they accept and
 * refuse exactly the same input. Pure.
 */

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/** A feed URL normalised, or an `invalid-url` error. */
export function feedUrl(url: unknown): string {
  const normalised = typeof url === 'string' ? normaliseUrl(url) : null;
  if (normalised === null) throw new TidingsError('invalid-url', `feed URL "${String(url)}" is not an absolute http(s) URL`, { permanent: true });
  return normalised;
}

function tags(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) throw invalid('feed tags must be an array of strings');
  return cleanList(value as string[]);
}

function nullableString(value: unknown, name: string): string | null {
  if (value !== null && typeof value !== 'string') throw invalid(`feed ${name} must be a string or null`);
  return value;
}

function nullableTime(value: unknown, name: string): string | null {
  if (value === null) return null;
  const time = typeof value === 'string' ? isoTime(value) : null;
  if (time === null) throw invalid(`feed ${name} must be an ISO time or null, got ${JSON.stringify(value)}`);
  return time;
}

/** An HTTP status (100-599) or null. */
export function httpStatus(value: unknown, name = 'lastHttpStatus'): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599) throw invalid(`feed ${name} must be an HTTP status (100-599) or null, got ${String(value)}`);
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
export interface CheckedFeedPatch {
  url?: string;
  title?: string | null;
  tags?: string[];
  state?: FeedState;
  stateReason?: string | null;
  intervalMs?: number | null;
  nextPollAt?: string | null;
  lastNewItemAt?: string | null;
  lastHttpStatus?: number | null;
}

const PATCH_KEYS = new Set(['url', 'title', 'tags', 'state', 'stateReason', 'intervalMs', 'nextPollAt', 'lastNewItemAt', 'lastHttpStatus']);

/**
 * Checks a FeedPatch. Unknown keys are refused (a misspelt key would
 * otherwise be silently ignored); `undefined` values are skipped.
 *
 * @throws TidingsError `invalid-url` for a bad URL, `invalid-payload` for anything else.
 */
export function checkFeedPatch(patch: FeedPatch): CheckedFeedPatch {
  if (typeof patch !== 'object' || patch === null) throw invalid('feed patch must be an object');
  const checked: CheckedFeedPatch = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!PATCH_KEYS.has(key)) throw invalid(`feed patch has an unknown field "${key}"`);
    if (value === undefined) continue;
    switch (key) {
      case 'url':
        checked.url = feedUrl(value);
        break;
      case 'title':
        checked.title = nullableString(value, 'title');
        break;
      case 'tags':
        checked.tags = tags(value);
        break;
      case 'state':
        if (!(FEED_STATES as readonly unknown[]).includes(value)) throw invalid(`feed state must be one of ${FEED_STATES.join(', ')}, got ${String(value)}`);
        checked.state = value as FeedState;
        break;
      case 'stateReason':
        checked.stateReason = nullableString(value, 'stateReason');
        break;
      case 'intervalMs':
        if (value !== null && (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)) {
          throw invalid(`feed intervalMs must be a positive integer or null, got ${String(value)}`);
        }
        checked.intervalMs = value as number | null;
        break;
      case 'nextPollAt':
        checked.nextPollAt = nullableTime(value, 'nextPollAt');
        break;
      case 'lastNewItemAt':
        checked.lastNewItemAt = nullableTime(value, 'lastNewItemAt');
        break;
      case 'lastHttpStatus':
        checked.lastHttpStatus = httpStatus(value);
        break;
    }
  }
  return checked;
}

const STATUSES = new Set(['ok', 'not-modified', 'error']);

/** Checks a fetch outcome for recordFeedStatus. */
export function checkFeedStatus(update: FeedStatusUpdate): void {
  if (!STATUSES.has(update.status)) throw invalid(`feed status must be ok, not-modified or error, got ${String(update.status)}`);
  if (typeof update.at !== 'string' || Number.isNaN(Date.parse(update.at))) throw invalid(`feed status time must be an ISO date, got ${String(update.at)}`);
  if (update.httpStatus !== undefined) httpStatus(update.httpStatus, 'httpStatus');
}
