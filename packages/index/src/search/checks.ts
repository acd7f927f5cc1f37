import { ArticleRecordSchema, TidingsError, type ArticleRecord } from '@tidings/contracts';
import type { ParsedQuery } from '../query.js';
import type { ArticleUpsert } from '../types.js';
import { DEFAULT_LIMIT, MAX_LIMIT, type SearchPlan } from './plan.js';

/**
 * Input checks both backends share, so they accept and refuse the same
 * things with the same messages. Pure.
 */

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/**
 * An article record validated against the contract.
 *
 * @throws TidingsError `invalid-payload` naming every bad field.
 */
export function checkArticle(input: ArticleRecord): ArticleRecord {
  const parsed = ArticleRecordSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw invalid(`invalid article record: ${detail}`);
  }
  if (parsed.data.id === '' || parsed.data.url === '') throw invalid('invalid article record: id and url must not be empty');
  return parsed.data;
}

/**
 * The articles of a batch checked one by one: each a checked record, or the
 * error refusing it (the others go on).
 */
export function checkUpserts(items: readonly ArticleUpsert[]): Array<{ record: ArticleRecord; itemUrl: string | undefined } | TidingsError> {
  return items.map((item) => {
    try {
      return { record: checkArticle(item.record), itemUrl: item.itemUrl };
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
