import { z } from 'zod';
import { hasControlCharacters } from '@tidings/text';

/** The body of every error answer: a machine-readable code and a sentence for people. */
export const ErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string().describe('machine-readable code, e.g. bad-request, invalid-query, unauthorized, not-found'),
    message: z.string(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** Error answers a read route can give. */
export const READ_ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 503: ErrorSchema } as const;

/** True when A and B are the same type: keeps a zod schema in step with a contracts interface. */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** An ISO 8601 date (2024-05-01) or date-time (2024-05-01T10:00:00Z), as the search filters take. */
export const IsoDateOrTime = z
  .string()
  .max(40)
  .refine((value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO date (2024-05-01) or date-time (2024-05-01T10:00:00Z)',
  });

/**
 * A string without control characters (NUL and the other C0 controls but
 * tab, line feed and carriage return, and DEL: see @tidings/text), refused
 * where input enters so both index backends see the same clean text; chain
 * length limits on it.
 */
export function plainText() {
  return z.string().refine((value) => !hasControlCharacters(value), { message: 'must not contain NUL (%00) or other control characters' });
}

/** What a count in a query string may be written as: decimal digits, nothing else. */
const DECIMAL_DIGITS = /^[0-9]+$/;

/**
 * A count in a query string (`limit`): a whole number within bounds, `fallback`
 * when absent. An empty value (`limit=`, as a form with an empty field
 * sends) counts as absent: coerced as it is, it would read as 0. Only plain
 * decimal digits are a number: JavaScript's `Number()` would also take
 * `0x10`, `1e1`, ` 5`, `+5` and `5.0`, which no client means as a count (and
 * which would let two spellings of one request differ in every cache).
 */
export function countParameter(min: number, max: number, fallback: number) {
  return z.preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      if (value.trim() === '') return undefined;
      // Anything else stays a string, which the number schema refuses with the message below.
      return DECIMAL_DIGITS.test(value) ? Number(value) : value;
    },
    z
      .number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a whole number written in decimal digits (0-9) only' : undefined) })
      .int()
      .min(min)
      .max(max)
      .default(fallback),
  );
}

/** An article or feed id in a path: a hex id, or (articles) a URL-encoded article URL. */
export const IdParams = z.object({ id: plainText().min(1).max(2048) });
