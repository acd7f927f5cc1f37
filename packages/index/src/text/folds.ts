import { characterClass, isSeparator, JS_ESCAPE, rangesOf } from './code-ranges.js';
import { FOLDS, SEPARATOR_RANGES } from './fts5-table.js';
import { SEGMENTED_RANGES } from './word-segments.js';

/**
 * What search reads in text beyond what FTS5's unicode61 tokenizer does
 * (fts5-table.ts), on both backends: the text's compatibility form
 * ({@link searchForm}); Arabic and Hebrew points and the tatweel, folded
 * away; a zero-width joiner or non-joiner after an Indic letter, folded
 * away; Greek letters without their accents and breathings, `ß` as `ss`,
 * `ё` as `е` (LETTER_FOLDS); no token of a run of accents alone. The
 * tokenizer (tokens.ts) folds them as it reads; fts5Text (tokens.ts) gives
 * FTS5 the text folded already, with these functions. And which texts hold
 * a character search reads differently than it once did, by the tests here
 * (`has...`) or as a character class (`...Class`): the migrations index
 * them again. Pure.
 */

/**
 * The text as search reads it, indexed or queried, on both backends: in
 * Unicode's compatibility form (NFKC), so that a character written in one
 * of its variant forms is the character: full-width Latin letters and
 * digits (`ＪＲ２０２４`, common in Japanese) are `JR2024`, half-width
 * katakana full-width (`ｶﾞ` is `ガ`), ligatures their letters (`ﬁ`),
 * Arabic presentation forms their letters, a decomposed Hangul syllable
 * the syllable. Offsets of tokenSpans are in this form.
 */
export function searchForm(text: string): string {
  return text.normalize('NFKC');
}

/**
 * The characters set apart (fts5Text, the tokenizer), as inclusive
 * [start, end] code point pairs: Hangul Jamo, kana, Hangul compatibility
 * Jamo, katakana extensions, Han (extension A, unified, Hangul Jamo
 * extended, syllables, compatibility ideographs), half-width katakana, Han
 * in the supplementary planes.
 */
export const CJK_RANGES: readonly number[] = [
  0x1100, 0x11ff, 0x3040, 0x30ff, 0x3130, 0x318f, 0x31f0, 0x31ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa960, 0xa97f, 0xac00, 0xd7ff, 0xf900, 0xfaff,
  0xff66, 0xff9f, 0x20000, 0x3134f,
];
const CJK_CHARACTER = new RegExp(cjkClass(JS_ESCAPE), 'u');
const SEGMENTED_CHARACTER = new RegExp(segmentedClass(JS_ESCAPE), 'u');

/** Whether `text` holds a character fts5Text sets apart: text indexed before it did is indexed again (the migrations). */
export function hasCjk(text: string): boolean {
  return CJK_CHARACTER.test(text);
}

/** Whether `text` holds a character of the scripts fts5Text cuts into words: text indexed before it did is indexed again (the migrations). */
export function hasSegmentedScript(text: string): boolean {
  return SEGMENTED_CHARACTER.test(text);
}

/** CJK_RANGES as a character class, each end written by `escape`. */
export function cjkClass(escape: (code: number) => string): string {
  return characterClass(CJK_RANGES, escape);
}

/** SEGMENTED_RANGES (word-segments.ts) as a character class, each end written by `escape`. */
export function segmentedClass(escape: (code: number) => string): string {
  return characterClass(SEGMENTED_RANGES, escape);
}

/**
 * Marks a word may be written with or without, folded away as accents are:
 * Hebrew points and cantillation, Arabic vowel marks (harakat, Quranic
 * annotation) and the tatweel that stretches a word (`كَتَبَ` and `كـتـب`
 * are `كتب`). FTS5 has no setting for them: fts5Text takes them out of
 * the text FTS5 reads ({@link withoutPoints}), and the tokenizer folds
 * them to nothing.
 */
export const POINT_RANGES: readonly number[] = [
  0x0591, 0x05bd, 0x05bf, 0x05bf, 0x05c1, 0x05c2, 0x05c4, 0x05c5, 0x05c7, 0x05c7, 0x0610, 0x061a, 0x0640, 0x0640, 0x064b, 0x065f, 0x0670, 0x0670,
  0x06d6, 0x06dc, 0x06df, 0x06e4, 0x06e7, 0x06e8, 0x06ea, 0x06ed,
];
const POINT_CLASS = characterClass(POINT_RANGES, JS_ESCAPE);
const POINT_CHARACTER = new RegExp(POINT_CLASS, 'u');
const POINTS = new RegExp(POINT_CLASS, 'gu');

/** Whether a code point is of POINT_RANGES (one comparison for most text). */
export function isPoint(code: number): boolean {
  if (code < 0x0591 || code > 0x06ed) return false;
  for (let i = 0; i < POINT_RANGES.length; i += 2) if (code >= (POINT_RANGES[i] ?? 0) && code <= (POINT_RANGES[i + 1] ?? 0)) return true;
  return false;
}

/** `text` without its points (POINT_RANGES), as FTS5 is given it. */
export function withoutPoints(text: string): string {
  return POINT_CHARACTER.test(text) ? text.replace(POINTS, '') : text;
}

/** The combining marks a letter's decomposition may hold (Combining Diacritical Marks). */
const COMBINING_ACCENT = /[\u0300-\u036f]/u;
const COMBINING_ACCENTS = /[\u0300-\u036f]/gu;
/**
 * Letters folded to others, folds of our own that FTS5 has no setting for
 * (`remove_diacritics` takes accents off Latin letters only): fts5Text
 * gives FTS5 each one folded ({@link withLettersFolded}), and the tokenizer
 * folds it the same way.
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
/** The letters of LETTER_FOLDS, as inclusive [start, end] code point pairs. */
export const LETTER_FOLD_RANGES: readonly number[] = rangesOf([...LETTER_FOLDS.keys()].sort((a, b) => a - b));
const LETTER_FOLD_CLASS = characterClass(LETTER_FOLD_RANGES, JS_ESCAPE);
const LETTER_FOLD_CHARACTER = new RegExp(LETTER_FOLD_CLASS, 'u');
const LETTER_FOLD_CHARACTERS = new RegExp(LETTER_FOLD_CLASS, 'gu');
/** The tokenizer's folds: FTS5's, and LETTER_FOLDS. */
export const TOKEN_FOLDS: ReadonlyMap<number, string> = new Map([...FOLDS, ...LETTER_FOLDS]);

/** `text` with each letter of LETTER_FOLDS folded, as FTS5 is given it (a fold FTS5 has no setting for). */
export function withLettersFolded(text: string): string {
  return LETTER_FOLD_CHARACTER.test(text) ? text.replace(LETTER_FOLD_CHARACTERS, (letter) => LETTER_FOLDS.get(letter.codePointAt(0) ?? 0) ?? letter) : text;
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
 * A zero-width joiner or non-joiner inside a word of an Indic script only
 * changes how the word is drawn (a half form, `क्‍ष`; a Malayalam chillu,
 * `അവന്‍റെ`), but FTS5 reads it as a separator (a format character), so a
 * word written with one was cut in pieces that the word typed without it
 * never finds. A run of them right after a letter, mark or digit of
 * U+0900-U+0DFF (Devanagari to Sinhala) is taken out of the text FTS5 reads
 * ({@link withoutIndicJoiners}), whatever follows it: the word goes on
 * through it, and a chillu at the word's end keeps it in the word's span
 * (the tokenizer reads it as part of the word and folds it away), so a
 * snippet marks the word whole. (Unicode's word boundaries, UAX #29 WB4,
 * attach a format character to the character before it likewise; Lucene's
 * Indic normalisation removes them.) Anywhere else a joiner still
 * separates: in Persian a non-joiner parts the pieces of a compound that
 * people also type with a space (`می‌خواهم` is `می خواهم`).
 *
 * ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER, as inclusive [start, end] code point pairs.
 */
export const JOINER_RANGES: readonly number[] = [0x200c, 0x200d];

/** Whether a code point is ZERO WIDTH NON-JOINER or ZERO WIDTH JOINER (JOINER_RANGES). */
export function isJoiner(code: number): boolean {
  return code === 0x200c || code === 0x200d;
}

/** A letter, mark or digit of Devanagari to Sinhala (U+0900-U+0DFF): a joiner after one does not cut its word. */
export function isIndicWordCharacter(code: number): boolean {
  return code >= 0x0900 && code <= 0x0dff && !isSeparator(code);
}
/** The token characters of Devanagari to Sinhala: letters, marks and digits (their dandas and signs separate). */
const INDIC_RANGES = rangesOf(Array.from({ length: 0x0e00 - 0x0900 }, (_, i) => 0x0900 + i).filter(isIndicWordCharacter));
const JOINER_CLASS = characterClass(JOINER_RANGES, JS_ESCAPE);
const JOINER_CHARACTER = new RegExp(JOINER_CLASS, 'u');
const INDIC_JOINER = new RegExp(indicJoinerPattern(JS_ESCAPE), 'u');
const INDIC_JOINERS = new RegExp(`(?<=${characterClass(INDIC_RANGES, JS_ESCAPE)})${JOINER_CLASS}+`, 'gu');

/** `text` without the runs of joiners that follow an Indic letter, mark or digit, as FTS5 is given it. Decided by the character before each joiner as written. */
export function withoutIndicJoiners(text: string): string {
  return JOINER_CHARACTER.test(text) ? text.replace(INDIC_JOINERS, '') : text;
}

/** Whether `text` holds a joiner fts5Text takes out of an Indic word: text indexed before it did is indexed again (the migrations). */
export function hasIndicJoiner(text: string): boolean {
  return INDIC_JOINER.test(text);
}

/** What {@link hasIndicJoiner} looks for as a pattern, each end written by `escape`: a letter, mark or digit of an Indic script, then a joiner. */
export function indicJoinerPattern(escape: (code: number) => string): string {
  return `${characterClass(INDIC_RANGES, escape)}${characterClass(JOINER_RANGES, escape)}`;
}

/** Characters the tokenizer folds away (combining accents), as inclusive [start, end] code point pairs. */
export const ACCENT_RANGES: readonly number[] = rangesOf([...FOLDS].filter(([, folded]) => folded === '').map(([code]) => code));
const ACCENT_CLASS = characterClass(ACCENT_RANGES, JS_ESCAPE);
const ACCENT_CHARACTER = new RegExp(ACCENT_CLASS, 'u');
const TOKEN_CHARACTER = `[^${characterClass(SEPARATOR_RANGES, JS_ESCAPE).slice(1, -1)}]`;
/** A run of ACCENT_RANGES characters with no other token character beside it. */
const ACCENTS_ALONE = new RegExp(`(?<!${TOKEN_CHARACTER})${ACCENT_CLASS}+(?!${TOKEN_CHARACTER})`, 'gu');

/**
 * `text` with each run of accents alone (no letter to sit on) a space, as
 * FTS5 is given it: FTS5 makes an empty token of one (a position, no word),
 * the tokenizer makes none (PostgreSQL's lexemes can't be empty), so
 * neither does FTS5.
 */
export function withoutLoneAccents(text: string): string {
  return ACCENT_CHARACTER.test(text) ? text.replace(ACCENTS_ALONE, ' ') : text;
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
