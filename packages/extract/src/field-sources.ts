/**
 * What every field chooser shares: where a value came from, a candidate
 * value with its source, and picking the first acceptable candidate.
 */

/**
 * Where a field's value came from: structured data (`json-ld`,
 * `opengraph`, `meta` for classic and Twitter tags, `microdata`), the page's
 * markup (`markup`: <title>, <h1>, <time>, <html lang>, <link rel>),
 * Readability's own guesses (`readability`), the page URL (`url`), the feed
 * item (`feed-item`), the article text itself (`body`), or detection from
 * that text (`detected`).
 */
export type FieldSource =
  | 'json-ld'
  | 'opengraph'
  | 'meta'
  | 'microdata'
  | 'markup'
  | 'readability'
  | 'url'
  | 'feed-item'
  | 'body'
  | 'detected';

/** A candidate value of a field and the source that offers it. */
export type Candidate<T> = readonly [FieldSource, T | null | undefined];

/** A field's chosen value and the source it came from (both null when no source had one). */
export interface Sourced<T> {
  value: T | null;
  source: FieldSource | null;
}

/** `value` from `source`, or nothing when there is no value. */
export function sourced<T>(source: FieldSource, value: T | null): Sourced<T> {
  return value === null ? { value: null, source: null } : { value, source };
}

/**
 * Runs `choose` over the candidates' values (in order of trust) and names
 * the source of the winner: the first candidate that `choose` accepts on
 * its own. Every chooser here takes the first acceptable candidate, so the
 * two agree.
 */
export function pick<T>(
  candidates: readonly Candidate<string>[],
  choose: (values: (string | null | undefined)[]) => T | null,
): Sourced<T> {
  const value = choose(candidates.map(([, candidate]) => candidate));
  if (value === null) return { value: null, source: null };
  const winner = candidates.find(([, candidate]) => candidate && choose([candidate]) !== null);
  return { value, source: winner?.[0] ?? null };
}
