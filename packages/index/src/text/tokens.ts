import { FOLDS, SEPARATOR_RANGES } from './fts5-table.js';

/**
 * Splits text into search tokens exactly as SQLite FTS5's
 * `unicode61 remove_diacritics 2` tokenizer does (same separators, same case
 * and diacritic folding, from a table generated from SQLite itself), so the
 * PostgreSQL backend, which indexes these tokens as ready-made lexemes,
 * matches what the SQLite backend matches. Pure.
 *
 * Roughly: a token is a run of letters and numbers; case is folded;
 * accents are removed from Latin letters that decompose (`Café` -> `cafe`,
 * `Łódź` -> `łodz`), not from Greek or Cyrillic ones.
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

/** ASCII code units that are part of tokens: letters and digits (the rest of ASCII separates). */
const ASCII_TOKEN = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) ASCII_TOKEN[code] = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) ? 1 : 0;

function scan(text: string, emit: (token: string, start: number, end: number) => void): void {
  const push = (start: number, end: number, ascii: boolean) => {
    const token = ascii ? text.slice(start, end).toLowerCase() : fold(text.slice(start, end));
    // Folding empties a run of accents alone.
    if (token !== '') emit(token, start, end);
  };
  let start = -1;
  let ascii = true;
  let i = 0;
  const length = text.length;
  while (i < length) {
    let code = text.charCodeAt(i);
    let width = 1;
    let separator: boolean;
    if (code < 0x80) separator = ASCII_TOKEN[code] === 0;
    else {
      // A surrogate pair is one code point; only then is codePointAt needed.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        code = text.codePointAt(i) ?? code;
        width = code > 0xffff ? 2 : 1;
      }
      separator = isSeparator(code);
    }
    if (separator) {
      if (start !== -1) push(start, i, ascii);
      start = -1;
    } else {
      if (start === -1) {
        start = i;
        ascii = true;
      }
      if (code >= 0x80) ascii = false;
    }
    i += width;
  }
  if (start !== -1) push(start, length, ascii);
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
