/**
 * Thai, Lao, Khmer and Burmese write no spaces between words: the search
 * tokenizer (tokens.ts) cuts each stretch of them into words with
 * `Intl.Segmenter`, ICU's dictionaries. Pure.
 */

/**
 * The scripts cut into words, as inclusive [start, end] code point pairs:
 * Thai and Lao, Myanmar, Khmer, Khmer symbols, Myanmar extended B and A.
 * All in the Basic Multilingual Plane, none a surrogate: a UTF-16 code unit
 * is tested (isSegmented).
 */
export const SEGMENTED_RANGES: readonly number[] = [0x0e00, 0x0eff, 0x1000, 0x109f, 0x1780, 0x17ff, 0x19e0, 0x19ff, 0xa9e0, 0xa9ff, 0xaa60, 0xaa7f];

/** Whether a code unit is of SEGMENTED_RANGES (one comparison for most text). */
export function isSegmented(code: number): boolean {
  if (code < 0x0e00 || code > 0xaa7f) return false;
  for (let i = 0; i < SEGMENTED_RANGES.length; i += 2) if (code >= (SEGMENTED_RANGES[i] ?? 0) && code <= (SEGMENTED_RANGES[i + 1] ?? 0)) return true;
  return false;
}

/**
 * Finds the words of a stretch. The locale is fixed, not the process's:
 * ICU picks the dictionary by script, but the index must cut a text the same
 * way whatever the environment of the process that writes or queries it.
 */
const WORDS = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * The longest piece of a stretch segmented at once. ICU's time per
 * character grows with the length of the text past a few thousand
 * characters (64,000 Thai letters without a space took up to 0.8 s, a
 * million two minutes): a longer stretch is segmented piece by piece.
 */
const PIECE = 1024;
/** Words ending this close to a piece's end are segmented again with the next piece: ICU's dictionaries look a few words ahead. */
const OVERLAP = 64;

/**
 * Visits the segments of a stretch of SEGMENTED_RANGES characters, in
 * order, every character in one: words, and what lies between them (UTF-16
 * offsets in the stretch, end exclusive). What FTS5 is given (fts5Text) and
 * the tokenizer both cut a stretch here, so they cut it alike.
 */
export function forEachSegment(stretch: string, visit: (start: number, end: number) => void): void {
  for (let from = 0; from < stretch.length; ) {
    const to = Math.min(from + PIECE, stretch.length);
    let next = to;
    for (const { segment, index } of WORDS.segment(stretch.slice(from, to))) {
      const start = from + index;
      const end = start + segment.length;
      if (to < stretch.length && start > from && end > to - OVERLAP) {
        next = start;
        break;
      }
      visit(start, end);
    }
    from = next;
  }
}
