import { CONTROL_CHARACTERS } from './control-characters.js';

/**
 * Invisible characters that only get in the way of comparisons and display:
 * the soft hyphen, the zero-width space, the word joiner and a stray byte
 * order mark. The zero-width joiner and non-joiner stay: emoji sequences and
 * Persian or Indic spelling need them.
 */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

/**
 * One line of plain text: control and invisible characters dropped, every
 * run of whitespace (no-break spaces included) one space, trimmed. The one
 * normalisation of titles, names and paragraphs, for feeds and pages alike.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
