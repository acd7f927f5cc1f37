import { FOLDS, SEPARATOR_RANGES } from './fts5-table.js';
import { SEGMENTED_RANGES, forEachSegment, isSegmented } from './word-segments.js';

/**
 * Splits text into search tokens exactly as SQLite FTS5's
 * `unicode61 remove_diacritics 2` tokenizer does (same separators, same case
 * and diacritic folding, from a table generated from SQLite itself), so the
 * PostgreSQL backend, which indexes these tokens as ready-made lexemes,
 * matches what the SQLite backend matches. Pure.
 *
 * Roughly: a token is a run of letters and numbers; case is folded;
 * accents are removed from Latin letters that decompose (`Café` -> `cafe`,
 * `Łódź` -> `łodz`), not from Greek or Cyrillic ones. Two differences, made
 * on both backends: each Chinese, Japanese or Korean character is a token of
 * its own, and Thai, Lao, Khmer and Burmese are split into words (see
 * {@link fts5Text}).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scan(text, (token) => tokens.push(token));
  return tokens;
}

/** A token and where it stands in the text (UTF-16 offsets, end exclusive). */
export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

/** {@link tokenize}, with each token's place in the text (for marking matches in snippets). */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  scan(text, (token, start, end) => spans.push({ token, start, end }));
  return spans;
}

/**
 * {@link tokenize}, each token handed to `emit` as it is found rather than
 * collected (the PostgreSQL lexemes of an article: no array of a thousand tokens).
 */
export function forEachToken(text: string, emit: (token: string) => void): void {
  scan(text, emit);
}

/**
 * Chinese and Japanese write no spaces between words, and Korean attaches
 * particles to them: a run of such characters would be one token, found
 * only whole ("東京都立図書館", not "図書館"). Each Han, kana or Hangul
 * character is a token of its own instead, and a word of several is
 * searched as a phrase of them (the query's term splits the same way: see
 * query.ts), which finds it inside any run. FTS5's unicode61 tokenizer
 * takes a run whole, so the SQLite backend gives it every text, indexed or
 * queried, with spaces around those characters: this function.
 *
 * Thai, Lao, Khmer and Burmese write no spaces between words either, and a
 * character each would make a common letter of every word a token: each
 * stretch of them is cut into words by `Intl.Segmenter` (ICU's
 * dictionaries) instead, and this function spaces the words apart. FTS5
 * (and so the tokenizer) also splits at these scripts' combining vowel and
 * tone marks, as it always did, so a word can be a phrase of a few tokens
 * (`ครับ` is `คร บ`); a query's word is cut the same way, which finds it
 * inside any stretch that holds it as a word.
 */
export function fts5Text(text: string): string {
  // One scan, as before this function cut words, for the text that holds neither (most).
  if (!SET_APART_CHARACTER.test(text)) return text;
  return text.replace(CJK_CHARACTERS, ' $& ').replace(SEGMENTED_STRETCHES, spaceWords);
}

/** Whether `text` holds a character {@link fts5Text} sets apart: text indexed before it did is indexed again (the migrations). */
export function hasCjk(text: string): boolean {
  return CJK_CHARACTER.test(text);
}

/** Whether `text` holds a character of the scripts {@link fts5Text} cuts into words: text indexed before it did is indexed again (the migrations). */
export function hasSegmentedScript(text: string): boolean {
  return SEGMENTED_CHARACTER.test(text);
}

/**
 * The characters set apart, as inclusive [start, end] code point pairs:
 * Hangul Jamo, kana, Hangul compatibility Jamo, katakana extensions, Han
 * (extension A, unified, Hangul Jamo extended, syllables, compatibility
 * ideographs), half-width katakana, Han in the supplementary planes.
 */
const CJK_RANGES: readonly number[] = [
  0x1100, 0x11ff, 0x3040, 0x30ff, 0x3130, 0x318f, 0x31f0, 0x31ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa960, 0xa97f, 0xac00, 0xd7ff, 0xf900, 0xfaff,
  0xff66, 0xff9f, 0x20000, 0x3134f,
];

/** `ranges` (inclusive pairs) as a character class, each end written by `escape`. */
function characterClass(ranges: readonly number[], escape: (code: number) => string): string {
  let out = '';
  for (let i = 0; i < ranges.length; i += 2) out += `${escape(ranges[i] ?? 0)}-${escape(ranges[i + 1] ?? 0)}`;
  return `[${out}]`;
}

/** CJK_RANGES as a character class, each end written by `escape`. */
export function cjkClass(escape: (code: number) => string): string {
  return characterClass(CJK_RANGES, escape);
}

/** SEGMENTED_RANGES (word-segments.ts) as a character class, each end written by `escape`. */
export function segmentedClass(escape: (code: number) => string): string {
  return characterClass(SEGMENTED_RANGES, escape);
}

const JS_ESCAPE = (code: number) => `\\u{${code.toString(16)}}`;
const CJK_CLASS = cjkClass(JS_ESCAPE);
const CJK_CHARACTERS = new RegExp(CJK_CLASS, 'gu');
const CJK_CHARACTER = new RegExp(CJK_CLASS, 'u');
const SEGMENTED_CLASS = segmentedClass(JS_ESCAPE);
const SEGMENTED_STRETCHES = new RegExp(`${SEGMENTED_CLASS}+`, 'gu');
const SEGMENTED_CHARACTER = new RegExp(SEGMENTED_CLASS, 'u');
const SET_APART_CHARACTER = new RegExp(characterClass([...CJK_RANGES, ...SEGMENTED_RANGES], JS_ESCAPE), 'u');

/** A stretch of SEGMENTED_RANGES characters as fts5Text gives it to FTS5: its segments spaced apart. */
function spaceWords(stretch: string): string {
  let out = ' ';
  forEachSegment(stretch, (start, end) => {
    out += `${stretch.slice(start, end)} `;
  });
  return out;
}

function isCjk(code: number): boolean {
  if (code < 0x1100) return false;
  for (let i = 0; i < CJK_RANGES.length; i += 2) if (code >= (CJK_RANGES[i] ?? 0) && code <= (CJK_RANGES[i + 1] ?? 0)) return true;
  return false;
}

/** What a run of token characters holds, as bits: only lower-case ASCII letters and digits (none), upper-case ASCII letters, anything else. */
const LOWER = 0;
const UPPER = 2;
const OTHER = 4;
/** ASCII code units: SEPARATOR, else the bit they add to their run's kind (LOWER or UPPER). */
const SEPARATOR = 1;
const ASCII_CLASS = new Uint8Array(128).fill(SEPARATOR);
for (let code = 0; code < 128; code += 1) {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) ASCII_CLASS[code] = LOWER;
  else if (code >= 0x41 && code <= 0x5a) ASCII_CLASS[code] = UPPER;
}

/**
 * The tokenizer's loop. Most tokens are ASCII without an upper-case letter:
 * those are sliced from the text as they are, without the toLowerCase call
 * (tokenising is about half the CPU an article costs the PostgreSQL writer).
 */
function scan(text: string, emit: (token: string, start: number, end: number) => void): void {
  let start = -1;
  let kind = LOWER;
  let i = 0;
  const length = text.length;
  while (i < length) {
    let code = text.charCodeAt(i);
    let width = 1;
    let separator: boolean;
    let codeKind: number;
    if (code < 0x80) {
      const cls = ASCII_CLASS[code] ?? SEPARATOR;
      separator = cls === SEPARATOR;
      codeKind = cls;
    } else {
      if (isSegmented(code)) {
        // A stretch of Thai, Lao, Khmer or Burmese: its words, ending the run before it.
        if (start !== -1) emitRun(text, start, i, kind, emit);
        start = -1;
        i = scanSegmented(text, i, emit);
        continue;
      }
      // A surrogate pair is one code point; only then is codePointAt needed.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        code = text.codePointAt(i) ?? code;
        width = code > 0xffff ? 2 : 1;
      }
      separator = isSeparator(code);
      codeKind = OTHER;
      if (!separator && isCjk(code)) {
        // A token of its own, ending the run before it.
        if (start !== -1) emitRun(text, start, i, kind, emit);
        start = -1;
        emitRun(text, i, i + width, OTHER, emit);
        i += width;
        continue;
      }
    }
    if (separator) {
      if (start !== -1) emitRun(text, start, i, kind, emit);
      start = -1;
    } else {
      if (start === -1) {
        start = i;
        kind = LOWER;
      }
      kind |= codeKind;
    }
    i += width;
  }
  if (start !== -1) emitRun(text, start, length, kind, emit);
}

/**
 * Tokenises the stretch of SEGMENTED_RANGES characters starting at `from`
 * word by word (as FTS5 reads it spaced by fts5Text): in each word, a run
 * of token characters is a token. Returns where the stretch ends.
 */
function scanSegmented(text: string, from: number, emit: (token: string, start: number, end: number) => void): number {
  let end = from + 1;
  while (end < text.length && isSegmented(text.charCodeAt(end))) end += 1;
  forEachSegment(text.slice(from, end), (segmentStart, segmentEnd) => {
    let start = -1;
    for (let i = from + segmentStart; i < from + segmentEnd; i += 1) {
      if (!isSeparator(text.charCodeAt(i))) {
        if (start === -1) start = i;
      } else if (start !== -1) {
        emitRun(text, start, i, OTHER, emit);
        start = -1;
      }
    }
    if (start !== -1) emitRun(text, start, from + segmentEnd, OTHER, emit);
  });
  return end;
}

/** Emits the run text[start, end) as a token: as it is, lower-cased (ASCII), or folded by the table (anything else). */
function emitRun(text: string, start: number, end: number, kind: number, emit: (token: string, start: number, end: number) => void): void {
  const run = text.slice(start, end);
  const token = kind === LOWER ? run : kind === UPPER ? run.toLowerCase() : fold(run);
  // Folding empties a run of accents alone.
  if (token !== '') emit(token, start, end);
}

/** A run of token characters folded code point by code point (ASCII letters lower-cased, the rest by the table). */
function fold(run: string): string {
  let out = '';
  for (const char of run) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x80 ? char.toLowerCase() : (FOLDS.get(code) ?? char);
  }
  return out;
}

/** True for a code point that separates tokens: binary search in the inclusive ranges. */
function isSeparator(code: number): boolean {
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
