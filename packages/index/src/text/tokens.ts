import { characterClass, holdsCodePointOf, isSeparator, JS_ESCAPE } from './code-ranges.js';
import {
  ACCENT_RANGES,
  CJK_RANGES,
  cjkClass,
  isIndicWordCharacter,
  isJoiner,
  isPoint,
  JOINER_RANGES,
  LETTER_FOLD_RANGES,
  POINT_RANGES,
  searchForm,
  segmentedClass,
  TOKEN_FOLDS,
  withLettersFolded,
  withoutIndicJoiners,
  withoutLoneAccents,
  withoutPoints,
} from './folds.js';
import { SEGMENTED_RANGES, forEachSegment, isSegmented } from './word-segments.js';

/**
 * Splits text into search tokens exactly as SQLite FTS5's unicode61
 * tokenizer, set up as FTS5_TOKENIZE says, does (same separators, same case
 * and diacritic folding, from a table generated from SQLite itself), so the
 * PostgreSQL backend, which indexes these tokens as ready-made lexemes,
 * matches what the SQLite backend matches. Pure.
 *
 * Roughly: a token is a run of letters, numbers and combining marks (the
 * vowel signs of Devanagari, Thai...); case is folded;
 * accents are removed from Latin letters that decompose (`Café` -> `cafe`,
 * `Łódź` -> `łodz`). Differences, made on both backends (see
 * {@link fts5Text}): the text is read in its {@link searchForm}; each
 * Chinese, Japanese or Korean character is a token of its own; Thai, Lao,
 * Khmer and Burmese are split into words; and the folds of our own
 * (folds.ts): Arabic and Hebrew points and the tatweel are folded away; a
 * zero-width joiner or non-joiner after a letter, mark or digit of an Indic
 * script is part of that word, folded away (`दर्‍या` is `दर्या`), where
 * elsewhere (Persian `می‌خواهم`) it separates words; and Greek letters lose
 * their accents and breathings (`λόγος` is `λογοσ`), `ß` is `ss` and
 * Russian `ё` is `е` (LETTER_FOLDS).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scan(searchForm(text), (token) => tokens.push(token));
  return tokens;
}

/** A token and where it stands in the text (UTF-16 offsets, end exclusive). */
export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

/** {@link tokenize}, with each token's place in the text, which must be in its {@link searchForm} already (for marking matches in snippets). */
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
  scan(searchForm(text), emit);
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
 * dictionaries) instead, and this function spaces the words apart; their
 * combining vowel and tone marks are part of the words (fts5-table.ts), so a
 * word is one token (`ครับ`). A query's word is cut the same way, which
 * finds it inside any stretch that holds it as a word.
 *
 * And FTS5 is given the text folded as the tokenizer folds it where FTS5
 * has no setting for the fold (folds.ts): a Greek letter with accents or
 * breathings, `ß` or `ё` folded (LETTER_FOLDS: `λόγος` is `λογος`,
 * `Straße` is `Strasse`); a zero-width joiner or non-joiner after an Indic
 * letter, mark or digit taken out, so that the word goes on through it;
 * Arabic and Hebrew points and the tatweel taken out; a run of accents
 * alone a space.
 *
 * Most text holds none of the characters these steps look for: one scan
 * for all of them passes it on as it is ({@link fts5TextSteps}).
 */
export function fts5Text(given: string): string {
  const read = searchForm(given);
  return holdsStepCharacter(read) ? fts5TextSteps(read) : read;
}

/**
 * The steps of {@link fts5Text}, for text in its {@link searchForm}, each
 * taken if the text holds a character it looks for (exported for the test
 * that fts5Text's one scan passes over no text a step changes).
 */
export function fts5TextSteps(read: string): string {
  const form = withLettersFolded(read);
  // Decided by the character before each joiner as written: before the points are taken out or the stretches spaced.
  const text = withoutIndicJoiners(form);
  // One scan, as before this function cut words, for the text that holds neither (most).
  const spaced = SET_APART_CHARACTER.test(text) ? text.replace(CJK_CHARACTERS, ' $& ').replace(SEGMENTED_STRETCHES, spaceWords) : text;
  // Taken out once the stretches are spaced: a point between two of them ends the first, as it does in the tokenizer.
  const unpointed = withoutPoints(spaced);
  return withoutLoneAccents(unpointed);
}

const CJK_CHARACTERS = new RegExp(cjkClass(JS_ESCAPE), 'gu');
const SEGMENTED_STRETCHES = new RegExp(`${segmentedClass(JS_ESCAPE)}+`, 'gu');
const SET_APART_CHARACTER = new RegExp(characterClass([...CJK_RANGES, ...SEGMENTED_RANGES], JS_ESCAPE), 'u');
/**
 * What fts5Text scans for once: a character one of {@link fts5TextSteps}
 * looks for, the steps' in their order. A text without one is the same
 * after every step, each of which looks for its characters first. (A
 * regular expression of them all saved nothing: V8 tests it against each
 * character of most text as slowly as it tests the five.)
 */
const holdsStepCharacter = holdsCodePointOf([...LETTER_FOLD_RANGES, ...JOINER_RANGES, ...CJK_RANGES, ...SEGMENTED_RANGES, ...POINT_RANGES, ...ACCENT_RANGES]);

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
      // A point is taken out of FTS5's text (fts5Text): it joins what stands on either side of it, as a token character does.
      separator = !isPoint(code) && isSeparator(code);
      if (separator && isJoiner(code) && isIndicWordCharacter(text.charCodeAt(i - 1))) {
        // After an Indic letter, mark or digit, joiners are taken out of FTS5's text too (fts5Text): the word goes on through them.
        separator = false;
        while (isJoiner(text.charCodeAt(i + width))) width += 1;
      }
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

/** A run of token characters folded code point by code point (ASCII letters lower-cased, points and joiners dropped, the rest by the tables). */
function fold(run: string): string {
  let out = '';
  for (const char of run) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x80 ? char.toLowerCase() : isPoint(code) || isJoiner(code) ? '' : (TOKEN_FOLDS.get(code) ?? char);
  }
  return out;
}
