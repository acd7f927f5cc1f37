/**
 * Normalisation of short strings taken from metadata (titles, names, dates,
 * keywords) before any decision is made on them.
 */

import { collapsesToNothing, collapseWhitespace, hasDroppedCharacters } from '@tidings/text';

/**
 * @tidings/text's one line of text (controls and invisible characters dropped,
 * whitespace runs one space, trimmed), and its test for text that collapses to
 * nothing, which the body cleaning asks of boxes holding a picture.
 */
export { collapsesToNothing, collapseWhitespace };

/**
 * Whether `cleanText` may change `text` beyond its whitespace: it holds a
 * character reference to decode or a character to drop. When not, a word
 * test on `text` answers as on the cleaned text (whitespace is never part of
 * a word, so no word boundary moves).
 */
export function cleansBeyondWhitespace(text: string): boolean {
  return text.includes('&') || hasDroppedCharacters(text);
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
