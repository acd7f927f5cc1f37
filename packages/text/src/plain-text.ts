import { CONTROL_CHARACTERS } from './control-characters.js';

/**
 * Invisible characters that only get in the way of comparisons and display:
 * the soft hyphen, the zero-width space, the word joiner and a stray byte
 * order mark. The zero-width joiner and non-joiner stay: emoji sequences and
 * Persian or Indic spelling need them.
 */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

/** Every character `collapseWhitespace` drops outright: a control character (CONTROL_CHARACTERS) or an invisible one. */
const DROPPED_CHARACTER = new RegExp(`[${CONTROL_CHARACTERS.source.slice(1, -1)}${INVISIBLE.source.slice(1, -1)}]`);

/**
 * The whitespace `/\s+/g` would turn into one space, less the single spaces
 * it would put back as they were. Most whitespace is one space between two
 * words: leaving those alone makes the pass about 1.6x faster on page text,
 * and a long text of ordinary prose (a 10 MB OPML title, say) is not cut into
 * millions of pieces only to be glued back as it was. A run of two or more is
 * matched whole (greedy, from its first character), so every run ends up one
 * space, as with `/\s+/g`.
 */
const SPACE_TO_REWRITE = /\s{2,}|[^\S ]/g;

/**
 * One line of plain text: control and invisible characters dropped, every
 * run of whitespace (no-break spaces included) one space, trimmed. The one
 * normalisation of titles, names and paragraphs, for feeds and pages alike.
 * Text rarely holds a character to drop: one scan for them spares the two
 * passes that would remove them.
 */
export function collapseWhitespace(text: string): string {
  const kept = DROPPED_CHARACTER.test(text) ? text.replace(CONTROL_CHARACTERS, '').replace(INVISIBLE, '') : text;
  return kept.replace(SPACE_TO_REWRITE, ' ').trim();
}

/** A character `collapseWhitespace` keeps: neither whitespace nor one it drops. */
const KEPT_CHARACTER = new RegExp(`[^\\s${DROPPED_CHARACTER.source.slice(1, -1)}]`);

/**
 * Whether `collapseWhitespace(text)` is empty, without building it: the test
 * stops at the first character kept.
 */
export function collapsesToNothing(text: string): boolean {
  return !KEPT_CHARACTER.test(text);
}

/**
 * Whether `collapseWhitespace` would drop a character of `text` (a control
 * or invisible one), beyond changing its whitespace.
 */
export function hasDroppedCharacters(text: string): boolean {
  return DROPPED_CHARACTER.test(text);
}
