import { SEPARATOR_RANGES } from './fts5-table.js';

/**
 * Sets of code points as the text modules keep them, inclusive [start, end]
 * pairs: made from a list of code points, written as a character class (a
 * JavaScript regular expression's, or PostgreSQL's for the migrations),
 * looked for in a text; and FTS5's separators looked up. Pure.
 */

/** Ascending code points as inclusive [start, end] pairs, neighbours joined. */
export function rangesOf(codes: readonly number[]): number[] {
  const ranges: number[] = [];
  for (const code of codes) {
    if (ranges.length > 0 && ranges[ranges.length - 1] === code - 1) ranges[ranges.length - 1] = code;
    else ranges.push(code, code);
  }
  return ranges;
}

/** `ranges` (inclusive pairs) as a character class, each end written by `escape`. */
export function characterClass(ranges: readonly number[], escape: (code: number) => string): string {
  let out = '';
  for (let i = 0; i < ranges.length; i += 2) out += `${escape(ranges[i] ?? 0)}-${escape(ranges[i + 1] ?? 0)}`;
  return `[${out}]`;
}

/** A code point as a JavaScript regular expression (with the `u` flag) writes it: for {@link characterClass}. */
export const JS_ESCAPE = (code: number): string => `\\u{${code.toString(16)}}`;

/**
 * A test of whether a text holds a code point of `ranges` (inclusive pairs),
 * in one pass over it. Not a regular expression of the ranges: V8 tests a
 * class of many ranges against each character of a text stored two bytes a
 * character (any text with a character past U+00FF, a curly quote, a
 * Cyrillic letter) several times slower than this looks each UTF-16 code
 * unit up in a table. A code point past U+FFFF is looked up by its high
 * surrogate, so a few code points beside such a range pass too: the test
 * may say yes of a text that holds none, never no of one that holds one.
 * The characters below the least of the ranges (ASCII, mostly) are passed
 * over by a regular expression without the `u` flag, which V8 runs faster
 * than a loop.
 */
export function holdsCodePointOf(ranges: readonly number[]): (text: string) => boolean {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < ranges.length; i += 2) {
    const start = ranges[i] ?? 0;
    const end = ranges[i + 1] ?? 0;
    if (start <= 0xffff) table.fill(1, start, Math.min(end, 0xffff) + 1);
    if (end > 0xffff) table.fill(1, highSurrogate(Math.max(start, 0x10000)), highSurrogate(end) + 1);
  }
  const least = table.indexOf(1);
  const candidate = new RegExp(least <= 0 ? '[^]' : `[^\\0-\\u${(least - 1).toString(16).padStart(4, '0')}]`);
  return (text) => {
    const from = text.search(candidate);
    if (from === -1) return false;
    for (let i = from; i < text.length; i += 1) if (table[text.charCodeAt(i)] === 1) return true;
    return false;
  };
}

function highSurrogate(code: number): number {
  return 0xd800 + ((code - 0x10000) >> 10);
}

/** True for a code point that separates tokens: binary search in the inclusive ranges. */
export function isSeparator(code: number): boolean {
  if (code < 0x80) return !((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a));
  let low = 0;
  let high = SEPARATOR_RANGES.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = SEPARATOR_RANGES[middle * 2] ?? 0;
    const end = SEPARATOR_RANGES[middle * 2 + 1] ?? 0;
    if (code < start) high = middle - 1;
    else if (code > end) low = middle + 1;
    else return true;
  }
  return false;
}
