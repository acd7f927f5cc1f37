import { ArticleRecordSchema, TidingsError, type ArticleRecord } from '@tidings/contracts';
import type { ParsedQuery } from '../query.js';
import { storableText } from '../text/encoding.js';
import type { ArticleUpsert, SearchFilters } from '../types.js';
import { DEFAULT_LIMIT, MAX_LIMIT, type SearchPlan } from './plan.js';

/**
 * Input checks both backends share, so they accept and refuse the same
 * things with the same messages. Pure.
 */

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/** The error for input text the index cannot hold (a NUL character), the same whatever the operation and backend. */
export function unstorableText(action: string, cause?: unknown): TidingsError {
  return new TidingsError('invalid-payload', `index ${action} refused the input: it contains a NUL character (U+0000) or other text the index cannot hold`, {
    permanent: true,
    cause,
  });
}

/** True when `value` is a string holding a NUL character, which PostgreSQL text cannot hold. */
export function hasNul(value: unknown): boolean {
  return typeof value === 'string' && value.includes('\u0000');
}

/**
 * Refuses search filters with a NUL character: PostgreSQL cannot take one
 * as text, and SQLite refuses it alike. (In the query a NUL separates words,
 * as any other non-word character does, on both.)
 *
 * @throws TidingsError `invalid-payload`.
 */
export function checkFilterText(filters: SearchFilters | undefined): void {
  if (Object.values(filters ?? {}).some(hasNul)) throw unstorableText('search');
}

/**
 * The fields that name an article, its feeds and its story: looked up as
 * they are, so one holding a NUL character is refused rather than changed
 * (checkArticle).
 */
const IDENTITY_FIELDS = ['id', 'url', 'feedUrls', 'storyId'] as const;

/** The refusal of a record (`record`: what it is) whose identity field at `path` holds a NUL character, the same on both backends. */
export function nulIn(path: string, record = 'article record'): TidingsError {
  return invalid(`invalid ${record}: ${path} contains a NUL character (U+0000), which the index cannot hold`);
}

/**
 * `value` (a record's field at `path`) as both stores keep it: each lone
 * surrogate and NUL character of every string and key written as U+FFFD
 * (text/encoding.ts storableText), the same object when there was none.
 */
function storable(value: unknown, path: string): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const clean = (item: unknown, at: string): unknown => {
    const cleaned = storable(item, at);
    changed ||= cleaned !== item;
    return cleaned;
  };
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, i) => clean(item, `${path}.${i}`));
    return changed ? items : value;
  }
  const entries = Object.entries(value).map(([key, item]) => [clean(key, `${path} key`), clean(item, `${path}.${key}`)] as const);
  return changed ? Object.fromEntries(entries) : value;
}

/**
 * An article record validated against the contract, with its text as both
 * stores keep it (see {@link storable}).
 *
 * @throws TidingsError `invalid-payload` naming every bad field, or the
 *   identity field (IDENTITY_FIELDS) holding a NUL character.
 */
export function checkArticle(input: ArticleRecord): ArticleRecord {
  const parsed = ArticleRecordSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw invalid(`invalid article record: ${detail}`);
  }
  if (parsed.data.id === '' || parsed.data.url === '') throw invalid('invalid article record: id and url must not be empty');
  for (const field of IDENTITY_FIELDS) {
    const value: unknown = parsed.data[field as keyof ArticleRecord];
    if (hasNul(value) || (Array.isArray(value) && value.some(hasNul))) throw nulIn(field);
  }
  return storable(parsed.data, 'record') as ArticleRecord;
}

/**
 * One article of a batch checked: the record (see {@link checkArticle}) and
 * the item URL, which the stores look up as text too.
 *
 * @throws TidingsError `invalid-payload` as checkArticle, or for an item URL with a NUL character.
 */
export function checkUpsert(item: ArticleUpsert): { record: ArticleRecord; itemUrl: string | undefined } {
  const record = checkArticle(item.record);
  if (hasNul(item.itemUrl)) throw nulIn('itemUrl');
  return { record, itemUrl: item.itemUrl === undefined ? undefined : (storable(item.itemUrl, 'itemUrl') as string) };
}

/**
 * The articles of a batch checked one by one: each a checked record, or the
 * error refusing it (the others go on).
 */
export function checkUpserts(items: readonly ArticleUpsert[]): Array<{ record: ArticleRecord; itemUrl: string | undefined } | TidingsError> {
  return items.map((item) => {
    try {
      return checkUpsert(item);
    } catch (error) {
      if (error instanceof TidingsError) return error;
      throw error;
    }
  });
}

/** similar()'s limit: 10 when omitted, 1-100. */
export function similarLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid(`similar limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(limit)}`);
  return limit;
}

/** The plan similar() runs: its OR query by relevance, one page. */
export function similarPlan(parsed: ParsedQuery, limit: number): SearchPlan {
  return { parsed, sort: 'relevance', limit, offset: 0, after: null, horizon: null, filters: {}, facets: false, collapse: null, fingerprint: '' };
}

/** The error for similar() of an article that is not stored. */
export function unknownArticle(idOrUrl: string): TidingsError {
  return new TidingsError('not-found', `no article ${idOrUrl}`, { permanent: true });
}
