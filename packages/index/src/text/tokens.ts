import { FOLDS, SEPARATOR_RANGES } from './fts5-table.js';
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
 * Khmer and Burmese are split into words; Arabic and Hebrew points and the
 * tatweel are folded away; a zero-width joiner or non-joiner after a
 * letter, mark or digit of an Indic script is part of that word, folded
 * away (`दर्‍या` is `दर्या`), where elsewhere (Persian `می‌خواهم`) it
 * separates words; and Greek letters lose their accents and breathings
 * (`λόγος` is `λογοσ`), `ß` is `ss` and Russian `ё` is `е` (LETTER_FOLDS).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scan(searchForm(text), (token) => tokens.push(token));
  return tokens;
}

/**
 * The text as search reads it, indexed or queried, on both backends: in
 * Unicode's compatibility form (NFKC), so that a character written in one
 * of its variant forms is the character: full-width Latin letters and
 * digits (`ＪＲ２０２４`, common in Japanese) are `JR2024`, half-width
 * katakana full-width (`ｶﾞ` is `ガ`), ligatures their letters (`ﬁ`),
 * Arabic presentation forms their letters, a decomposed Hangul syllable
 * the syllable. Offsets of {@link tokenSpans} are in this form.
 */
export function searchForm(text: string): string {
  return text.normalize('NFKC');
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
 * A zero-width joiner or non-joiner inside a word of an Indic script only
 * changes how the word is drawn (a half form, `क्‍ष`; a Malayalam chillu,
 * `അവന്‍റെ`), but FTS5 reads it as a separator (a format character), so a
 * word written with one was cut in pieces that the word typed without it
 * never finds. A run of them right after a letter, mark or digit of
 * U+0900-U+0DFF (Devanagari to Sinhala) is taken out of the text, whatever
 * follows it: the word goes on through it, and a chillu at the word's end
 * keeps it in the word's span, so a snippet marks the word whole.
 * (Unicode's word boundaries, UAX #29 WB4, attach a format character to
 * the character before it likewise; Lucene's Indic normalisation removes
 * them.) Anywhere else a joiner still separates: in Persian a non-joiner
 * parts the pieces of a compound that people also type with a space
 * (`می‌خواهم` is `می خواهم`).
 *
 * And a Greek letter with accents or breathings, `ß` or `ё`, which FTS5
 * keeps as they are, is given to it folded (LETTER_FOLDS: `λόγος` is
 * `λογος`, `Straße` is `Strasse`), as the tokenizer folds it.
 */
export function fts5Text(given: string): string {
  const read = searchForm(given);
  // FTS5 is given each such letter folded already, as the tokenizer folds it (a fold FTS5 has no setting for).
  const form = LETTER_FOLD_CHARACTER.test(read) ? read.replace(LETTER_FOLD_CHARACTERS, (letter) => LETTER_FOLDS.get(letter.codePointAt(0) ?? 0) ?? letter) : read;
  // Decided by the character before each joiner as written: before the points are taken out or the stretches spaced.
  const text = JOINER_CHARACTER.test(form) ? form.replace(INDIC_JOINERS, '') : form;
  // One scan, as before this function cut words, for the text that holds neither (most).
  const spaced = SET_APART_CHARACTER.test(text) ? text.replace(CJK_CHARACTERS, ' $& ').replace(SEGMENTED_STRETCHES, spaceWords) : text;
  // Taken out once the stretches are spaced: a point between two of them ends the first, as it does in the tokenizer.
  const unpointed = POINT_CHARACTER.test(spaced) ? spaced.replace(POINTS, '') : spaced;
  // FTS5 makes an empty token of a run of accents alone (a position, no word): the tokenizer makes none (PostgreSQL's lexemes can't be empty), so neither does FTS5.
  return ACCENT_CHARACTER.test(unpointed) ? unpointed.replace(ACCENTS_ALONE, ' ') : unpointed;
}

/** Whether `text` holds a character {@link fts5Text} sets apart: text indexed before it did is indexed again (the migrations). */
export function hasCjk(text: string): boolean {
  return CJK_CHARACTER.test(text);
}

/** Whether `text` holds a character of the scripts {@link fts5Text} cuts into words: text indexed before it did is indexed again (the migrations). */
export function hasSegmentedScript(text: string): boolean {
  return SEGMENTED_CHARACTER.test(text);
}

/** Whether `text` holds a joiner {@link fts5Text} takes out of an Indic word: text indexed before it did is indexed again (the migrations). */
export function hasIndicJoiner(text: string): boolean {
  return INDIC_JOINER.test(text);
}

/**
 * Whether `text` holds a letter of LETTER_FOLDS, written in one character or
 * as a letter and its accents (which {@link searchForm} makes one): text
 * indexed before they were folded is indexed again (the migrations).
 */
export function hasLetterFold(text: string): boolean {
  return LETTER_FOLD_CHARACTER.test(text) || (COMBINING_ACCENT.test(text) && LETTER_FOLD_CHARACTER.test(searchForm(text)));
}

/** What {@link hasLetterFold} picks text by, as a character class, each end written by `escape`: a letter of LETTER_FOLDS or an accent it may be written with. */
export function letterFoldClass(escape: (code: number) => string): string {
  return characterClass([...LETTER_FOLD_RANGES, 0x0300, 0x036f], escape);
}

/**
 * A character the tokenizer reads differently since combining marks became
 * token characters (fts5-table.ts) and points were folded away: a combining
 * mark, a New Tai Lue vowel sign (a mark in the Unicode tables SQLite's are
 * made from) or the Arabic tatweel.
 */
const RETOKENIZED = /[\p{M}\u{19b0}-\u{19c9}\u{640}]/u;

/**
 * Whether the tokenizer reads `text` differently since combining marks
 * became token characters, points were folded away and text is read in its
 * {@link searchForm}: text indexed before is indexed again (the migrations).
 */
export function isRetokenized(text: string): boolean {
  return RETOKENIZED.test(text) || text !== searchForm(text);
}

/**
 * The characters of {@link isRetokenized}'s first test as a character class, each end written by `escape`; built by
 * testing every code point (for a migration, not per text). Text not in its search form is the second test's.
 */
export function retokenizedClass(escape: (code: number) => string): string {
  const codes: number[] = [];
  for (let code = 0; code < 0x110000; code += 1) {
    if ((code < 0xd800 || code >= 0xe000) && RETOKENIZED.test(String.fromCodePoint(code))) codes.push(code);
  }
  return characterClass(rangesOf(codes), escape);
}

/** Ascending code points as inclusive [start, end] pairs, neighbours joined. */
function rangesOf(codes: readonly number[]): number[] {
  const ranges: number[] = [];
  for (const code of codes) {
    if (ranges.length > 0 && ranges[ranges.length - 1] === code - 1) ranges[ranges.length - 1] = code;
    else ranges.push(code, code);
  }
  return ranges;
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

/** What {@link hasIndicJoiner} looks for as a pattern, each end written by `escape`: a letter, mark or digit of an Indic script, then a joiner. */
export function indicJoinerPattern(escape: (code: number) => string): string {
  return `${characterClass(INDIC_RANGES, escape)}${characterClass(JOINER_RANGES, escape)}`;
}

const JS_ESCAPE = (code: number) => `\\u{${code.toString(16)}}`;
const CJK_CLASS = cjkClass(JS_ESCAPE);
const CJK_CHARACTERS = new RegExp(CJK_CLASS, 'gu');
const CJK_CHARACTER = new RegExp(CJK_CLASS, 'u');
const SEGMENTED_CLASS = segmentedClass(JS_ESCAPE);
const SEGMENTED_STRETCHES = new RegExp(`${SEGMENTED_CLASS}+`, 'gu');
const SEGMENTED_CHARACTER = new RegExp(SEGMENTED_CLASS, 'u');
/**
 * Marks a word may be written with or without, folded away as accents are:
 * Hebrew points and cantillation, Arabic vowel marks (harakat, Quranic
 * annotation) and the tatweel that stretches a word (`كَتَبَ` and `كـتـب`
 * are `كتب`). FTS5 has no setting for them: {@link fts5Text} takes them
 * out of the text FTS5 reads, and the tokenizer folds them to nothing.
 */
const POINT_RANGES: readonly number[] = [
  0x0591, 0x05bd, 0x05bf, 0x05bf, 0x05c1, 0x05c2, 0x05c4, 0x05c5, 0x05c7, 0x05c7, 0x0610, 0x061a, 0x0640, 0x0640, 0x064b, 0x065f, 0x0670, 0x0670,
  0x06d6, 0x06dc, 0x06df, 0x06e4, 0x06e7, 0x06e8, 0x06ea, 0x06ed,
];
const POINT_CLASS = characterClass(POINT_RANGES, JS_ESCAPE);
const POINT_CHARACTER = new RegExp(POINT_CLASS, 'u');
const POINTS = new RegExp(POINT_CLASS, 'gu');

function isPoint(code: number): boolean {
  if (code < 0x0591 || code > 0x06ed) return false;
  for (let i = 0; i < POINT_RANGES.length; i += 2) if (code >= (POINT_RANGES[i] ?? 0) && code <= (POINT_RANGES[i + 1] ?? 0)) return true;
  return false;
}

/** The combining marks a letter's decomposition may hold (Combining Diacritical Marks). */
const COMBINING_ACCENT = /[\u0300-\u036f]/u;
const COMBINING_ACCENTS = /[\u0300-\u036f]/gu;
/**
 * Letters folded to others, folds of our own that FTS5 has no setting for
 * (`remove_diacritics` takes accents off Latin letters only): {@link fts5Text}
 * gives FTS5 each one folded, and the tokenizer folds it the same way.
 * - Greek (U+0370-U+03FF) and polytonic Greek (U+1F00-U+1FFF): a letter
 *   loses its tonos, dialytika, breathings, perispomeni, iota subscript...
 *   (its decomposition's combining marks, U+0300-U+036F), so `λογος` and
 *   `ΛΟΓΟΣ` (Greek capitals are written without accents) find `λόγος`:
 *   `ό ϊ ΐ ὧ ᾳ` are `ο ι ι ω α`, capitals lower-cased as FTS5 does. (`ϓ ϔ`
 *   are `ϒ`; search reads them as `Ύ Ϋ` anyway, NFKC.)
 * - German `ß` and `ẞ` are `ss`, as Unicode's full case folding has them:
 *   `strassenbahn`, the Swiss spelling and how it is typed without the key,
 *   finds `Straßenbahn`. The token is longer than the text it stands for;
 *   its span is the text's (tokenSpans).
 * - Russian `ё` and `Ё` are `е`, which Russian writes for it almost
 *   everywhere (`елка` finds `ёлка`). Belarusian, where `ё` is a letter of
 *   its own, loses the difference.
 */
const LETTER_FOLDS: ReadonlyMap<number, string> = letterFolds();

function letterFolds(): Map<number, string> {
  const folds = new Map<number, string>([
    [0x00df, 'ss'],
    [0x1e9e, 'ss'],
    [0x0401, '\u0435'],
    [0x0451, '\u0435'],
  ]);
  for (const [first, last] of [
    [0x0370, 0x03ff],
    [0x1f00, 0x1fff],
  ] as const) {
    for (let code = first; code <= last; code += 1) {
      const letter = String.fromCodePoint(code);
      const decomposed = letter.normalize('NFD');
      const base = decomposed.replace(COMBINING_ACCENTS, '');
      // A letter only: the spacing accents (U+0385, U+1FC1...) separate words.
      if (base !== decomposed && /\p{L}/u.test(letter)) folds.set(code, [...base].map((char) => FOLDS.get(char.codePointAt(0) ?? 0) ?? char).join(''));
    }
  }
  return folds;
}
const LETTER_FOLD_RANGES = rangesOf([...LETTER_FOLDS.keys()].sort((a, b) => a - b));
const LETTER_FOLD_CLASS = characterClass(LETTER_FOLD_RANGES, JS_ESCAPE);
const LETTER_FOLD_CHARACTER = new RegExp(LETTER_FOLD_CLASS, 'u');
const LETTER_FOLD_CHARACTERS = new RegExp(LETTER_FOLD_CLASS, 'gu');
/** The tokenizer's folds: FTS5's, and LETTER_FOLDS. */
const TOKEN_FOLDS: ReadonlyMap<number, string> = new Map([...FOLDS, ...LETTER_FOLDS]);

/** ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER (see fts5Text). */
const JOINER_RANGES: readonly number[] = [0x200c, 0x200d];
function isJoiner(code: number): boolean {
  return code === 0x200c || code === 0x200d;
}
/** A letter, mark or digit of Devanagari to Sinhala (U+0900-U+0DFF): a joiner after one does not cut its word. */
function isIndicWordCharacter(code: number): boolean {
  return code >= 0x0900 && code <= 0x0dff && !isSeparator(code);
}
/** The token characters of Devanagari to Sinhala: letters, marks and digits (their dandas and signs separate). */
const INDIC_RANGES = rangesOf(Array.from({ length: 0x0e00 - 0x0900 }, (_, i) => 0x0900 + i).filter(isIndicWordCharacter));
const JOINER_CLASS = characterClass(JOINER_RANGES, JS_ESCAPE);
const JOINER_CHARACTER = new RegExp(JOINER_CLASS, 'u');
const INDIC_JOINER = new RegExp(indicJoinerPattern(JS_ESCAPE), 'u');
const INDIC_JOINERS = new RegExp(`(?<=${characterClass(INDIC_RANGES, JS_ESCAPE)})${JOINER_CLASS}+`, 'gu');

/** Characters the tokenizer folds away (combining accents), and a run of them with no other token character beside it. */
const ACCENT_CLASS = characterClass(
  rangesOf([...FOLDS].filter(([, folded]) => folded === '').map(([code]) => code)),
  JS_ESCAPE,
);
const ACCENT_CHARACTER = new RegExp(ACCENT_CLASS, 'u');
const TOKEN_CHARACTER = `[^${characterClass(SEPARATOR_RANGES, JS_ESCAPE).slice(1, -1)}]`;
const ACCENTS_ALONE = new RegExp(`(?<!${TOKEN_CHARACTER})${ACCENT_CLASS}+(?!${TOKEN_CHARACTER})`, 'gu');
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
