/**
 * How many words a page's text holds, as the page-type features count
 * them: runs of letters and digits. Not text.ts's `countWords` (the
 * record's word count: a Chinese or Japanese character is a word there, a
 * combining mark stays inside one): the page-type model was fitted on this
 * count. A text holding Chinese or Japanese is counted by `countWordsByScan`
 * instead (features.ts), since a run there is a whole unspaced sentence.
 */

/** What a word is: a run of letters and digits (a combining mark ends one). */
export const WORD_RUN = /[\p{L}\p{N}]+/gu;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Whether each code point above ASCII met so far is a letter or digit (a page uses a few hundred at most). */
const letterOrDigit = new Map<number, boolean>();
const MAX_REMEMBERED = 10_000;

function isLetterOrDigit(codePoint: number): boolean {
  let known = letterOrDigit.get(codePoint);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
    if (letterOrDigit.size >= MAX_REMEMBERED) letterOrDigit.clear();
    letterOrDigit.set(codePoint, known);
  }
  return known;
}

/**
 * The number of WORD_RUN's matches in `text`, counted in one scan by code
 * point (an ASCII one tested inline, any other classified once) instead of
 * an array of every word: the whole text of a page holds thousands. A lone
 * surrogate is no letter, as for the expression.
 */
export function countWordRuns(text: string): number {
  let count = 0;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let member: boolean;
    if (unit < 0x80) {
      member = (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
    } else {
      const codePoint = text.codePointAt(i) as number;
      if (codePoint > 0xffff) i += 1;
      member = isLetterOrDigit(codePoint);
    }
    if (member && !inRun) count += 1;
    inRun = member;
  }
  return count;
}
