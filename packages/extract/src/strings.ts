/**
 * Normalisation of short strings taken from metadata (titles, names, dates,
 * keywords) before any decision is made on them.
 */

import { collapseWhitespace as collapseAnyWhitespace } from '@tidings/text';

/**
 * Every character `collapseWhitespace` of @tidings/text drops outright: the
 * control characters and the invisible ones (strings.test.ts checks this
 * against it, character by character).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DROPPED_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00ad\u200b\u2060\ufeff]/;

/**
 * The whitespace `/\s+/g` would turn into one space, less the single spaces it
 * would put back as they were: most of a text's whitespace is one space
 * between two words, and leaving those alone makes the replacing pass about
 * 1.6x faster on page text. A run of two or more is matched whole (greedy, from
 * its first character), so every run ends up one space, as with `/\s+/g`.
 */
const SPACE_TO_REWRITE = /\s{2,}|[^\S ]/g;

/**
 * `collapseWhitespace` of @tidings/text (one line: control and invisible
 * characters dropped, whitespace runs one space, trimmed), with the same
 * result. Page text rarely holds a character to drop, and one scan for them
 * spares the two passes that would remove them: the body cleaning measures
 * the text of the same large elements many times.
 */
export function collapseWhitespace(text: string): string {
  return DROPPED_CHARACTER.test(text) ? collapseAnyWhitespace(text) : text.replace(SPACE_TO_REWRITE, ' ').trim();
}

/** A character `collapseWhitespace` keeps: neither whitespace nor one of DROPPED_CHARACTER's. */
const KEPT_CHARACTER = new RegExp(`[^\\s${DROPPED_CHARACTER.source.slice(1, -1)}]`);

/**
 * Whether `collapseWhitespace(text)` is empty, without building it: the test
 * stops at the first character kept. The body cleaning asks it of boxes
 * holding a picture, whose whole text it would otherwise collapse only to
 * learn that there is some.
 */
export function collapsesToNothing(text: string): boolean {
  return !KEPT_CHARACTER.test(text);
}

/**
 * Whether `cleanText` may change `text` beyond its whitespace: it holds a
 * character reference to decode or a character to drop. When not, a word
 * test on `text` answers as on the cleaned text (whitespace is never part of
 * a word, so no word boundary moves).
 */
export function cleansBeyondWhitespace(text: string): boolean {
  return text.includes('&') || DROPPED_CHARACTER.test(text);
}

/** The named entities that show up double-encoded in real metadata. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  sbquo: '\u201a',
  bdquo: '\u201e',
  laquo: '\u00ab',
  raquo: '\u00bb',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  middot: '\u00b7',
  bull: '\u2022',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  eacute: '\u00e9',
  egrave: '\u00e8',
  aacute: '\u00e1',
  oacute: '\u00f3',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  szlig: '\u00df',
  ccedil: '\u00e7',
  ntilde: '\u00f1',
};

/**
 * Decodes character references left in a string that the HTML parser has
 * already decoded once. JSON-LD is never entity-decoded by the parser, and
 * CMSs often double-encode meta content ("Trump&#8217;s"), so metadata
 * strings go through this. Unknown names are left as they are.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * A metadata string made presentable: entities decoded, whitespace collapsed.
 * Null for anything that is not a non-empty string.
 */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = collapseWhitespace(decodeEntities(value));
  return cleaned === '' ? null : cleaned;
}

/**
 * A comparison key: lower case, letters and digits only. "Example News",
 * "example-news" and "ExampleNews" share one.
 */
export function comparisonKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A description-like metadata string as plain text: some CMSs put markup in
 * meta descriptions ("<p>Share this...").
 */
export function cleanPlainText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Tags first: what is left encoded ("&lt;night&gt;") is text that only looks like a tag.
  // Block tags separate words; inline ones ("<em>un</em>known") do not.
  const withoutTags = value.replace(/<\/?(?:p|br|div|li|h[1-6])\b[^<>]*>/gi, ' ').replace(/<\/?[a-zA-Z][^<>]*>/g, '');
  return cleanText(withoutTags);
}

/** `text` as a regular expression that matches it literally: every character with a meaning there escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
