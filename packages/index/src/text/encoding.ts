/**
 * What text becomes once a store has it in UTF-8, made the same for both
 * backends before either sees it. Pure.
 */

/**
 * `String.prototype.isWellFormed` (ES2024, in Node from 20; the project's
 * lib is ES2023): true when the string has no lone surrogate. A native scan,
 * a third of the time the regular expression it replaces took on an
 * article's text (about 5 against 14 µs).
 */
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean }).isWellFormed;

/**
 * `text` with each lone surrogate replaced by U+FFFD, as any UTF-8 encoder
 * (pg's, better-sqlite3's) writes it. Left as they are, they made the
 * backends differ: SQLite's FTS5 read U+FFFD (a separator: `brexit\uD800`
 * was the word `brexit`) where a PostgreSQL lexeme kept it (`brexit\uFFFD`,
 * no match), and JSON.stringify writes one as the escape `\ud800`, which
 * PostgreSQL's jsonb refuses (SQLite stored it).
 */
export function wellFormed(text: string): string {
  return isWellFormed.call(text) ? text : text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

/**
 * A text field as both stores keep it: each lone surrogate (see
 * {@link wellFormed}) and each NUL character as U+FFFD. PostgreSQL text
 * cannot hold a NUL where SQLite stored it, and a stray one in a page's text
 * or a feed's title should not cost the record. A field that names a record
 * (an id, a URL) is refused instead, never changed (search/checks.ts).
 */
export function storableText(text: string): string {
  return wellFormed(text.includes('\u0000') ? text.replaceAll('\u0000', '\ufffd') : text);
}

/** Bytes of `text` in UTF-8: 3 for a lone surrogate, as {@link wellFormed} has it. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest start of `text` that is at most `bytes` long in UTF-8, never cutting a character (a code point) in two. */
export function truncateUtf8(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (used + size > bytes) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}
