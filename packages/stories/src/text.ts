/**
 * Words and names out of article text, for grouping. Language-general: a
 * word is a run of Unicode letters and numbers, compared without case or
 * Latin diacritics; nothing here knows any language's vocabulary. Pure.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** A word as compared: lower case, diacritics removed (`Café` -> `cafe`). */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  // Only decompose when there is something to remove: most words are ASCII.
  return isAscii(lower) ? lower : lower.normalize('NFKD').replace(MARKS, '');
}

/** The words of `text`, folded (see {@link foldWord}), in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) out.push(foldWord(match[0]));
  return out;
}

const UPPER_START = /^[\p{Lu}\p{Lt}]/u;
const DIGIT = /\p{N}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Punctuation after which the next word opens a sentence (and may be capitalised only for that). */
const SENTENCE_END = new Set(['.', '!', '?', '…', ':', ';', '"', '“', '”', '«', '»']);

/** A whitespace-separated piece without the punctuation around it ("(Reuters)," -> "Reuters"), and the characters after it. */
function trimPiece(piece: string): { word: string; after: string } {
  let start = 0;
  let end = piece.length;
  while (start < end && !WORD_CHAR.test(piece[start] ?? '')) start += 1;
  while (end > start && !WORD_CHAR.test(piece[end - 1] ?? '')) end -= 1;
  return { word: piece.slice(start, end), after: piece.slice(end) };
}

/**
 * The words of `text` that name something: capitalised words that do not
 * open a sentence ("Lagarde", "Łódź", both halves of "Central Bank") and
 * numbers of two digits or more ("1,200" as "1200"), folded. In most
 * languages a capital mid-sentence marks a name; a sentence's first word is
 * capitalised whatever it is, so it is left out, and so is a line in title
 * case (most of its words capitalised: a heading, where capitals mark
 * nothing). Single words rather than whole names, so "Christine Lagarde"
 * and "Lagarde" still share one. Returns each with how often it occurs,
 * most frequent first.
 */
export function nameWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const pieces = line.split(' ').map(trimPiece).filter((piece) => piece.word !== '');
    const letters = pieces.filter((piece) => !DIGIT.test(piece.word));
    const capitalised = letters.filter((piece) => UPPER_START.test(piece.word)).length;
    const heading = letters.length >= 3 && capitalised / letters.length > 0.6;
    let sentenceStart = true;
    for (const { word, after } of pieces) {
      let name: string | null = null;
      if (DIGIT.test(word)) {
        const digits = [...word].filter((char) => DIGIT.test(char)).join('');
        if (digits.length >= 2) name = digits;
      } else if (!sentenceStart && !heading && UPPER_START.test(word)) {
        name = foldWord(word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word);
      }
      if (name !== null) counts.set(name, (counts.get(name) ?? 0) + 1);
      sentenceStart = [...after].some((char) => SENTENCE_END.has(char));
    }
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}
