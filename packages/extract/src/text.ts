import { BLOCK_SELECTOR, BLOCK_TAGS, isElement, tagOf } from './content/dom-measure.js';
import { parseFragment } from './dom.js';
import { repairDoubleEncoding } from './mojibake.js';
import { ARTICLE_BLOCK_TAGS, ARTICLE_INLINE_TAGS } from './sanitise.js';
import { collapseWhitespace } from './strings.js';

/** The finished article body: sanitised HTML and its plain-text paragraphs. */
export interface ArticleBody {
  html: string;
  /** One entry per block (paragraph, heading, list item, table row...), whitespace collapsed, never empty. */
  paragraphs: string[];
}

/** Blocks that mean nothing without text or a picture inside. Table cells keep the grid and stay. */
const REMOVABLE_WHEN_EMPTY = new Set(ARTICLE_BLOCK_TAGS);
const INLINE_TAGS = new Set(ARTICLE_INLINE_TAGS);

/**
 * Turns sanitised HTML into the record's body: drops blocks left empty by
 * sanitising (a <p> that only held a button or an iframe), repairs text
 * encoded twice (mojibake.ts), then reads one plain-text paragraph
 * per block. Both come from the same tree, so `html` and `paragraphs` say
 * the same thing.
 */
export function finishArticleBody(sanitisedHtml: string): ArticleBody {
  const body = parseFragment(sanitisedHtml);
  removeEmptyElements(body);
  repairDoubleEncoding(body);
  return { html: body.innerHTML.trim(), paragraphs: paragraphsOf(body) };
}

/** The record's `text`: paragraphs separated by exactly one blank line. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}

function removeEmptyElements(root: Element): void {
  // Deepest first, so a list whose items were all empty goes too.
  for (const element of [...root.querySelectorAll('*')].reverse()) {
    if ((element.textContent ?? '').trim() !== '' || element.querySelector('img, hr, td, th') !== null) continue;
    if (REMOVABLE_WHEN_EMPTY.has(tagOf(element))) {
      element.remove();
    } else if (INLINE_TAGS.has(tagOf(element))) {
      // "country<strong> </strong>and": the space inside is the only thing between two words.
      element.replaceWith(...element.childNodes);
    }
  }
}

/** What in a table cell says the table lays out a page rather than holding data: blocks or line breaks. */
const LAYOUT_CELL_CONTENT = `${BLOCK_SELECTOR}, br`;

/** Whether a table row lays out a page (a cell holds paragraphs, lists, line breaks...) rather than a row of data. */
function isLayoutRow(row: Element): boolean {
  for (const cell of row.children) if (cell.querySelector(LAYOUT_CELL_CONTENT) !== null) return true;
  return false;
}

/** A line of this many words or more, ended by a <br>, is a paragraph of its own. */
const PARAGRAPH_LINE_WORDS = 12;

/**
 * One paragraph per block element. Inline text accumulates until a block
 * starts or ends; <br> becomes a space, or ends the paragraph after a line
 * of {@link PARAGRAPH_LINE_WORDS} words or more; a row of data becomes one paragraph
 * with its cells joined by " | ", while a row laying out a page has its
 * cells read as blocks (its paragraphs kept apart, not run together);
 * figure captions are left out.
 */
export function paragraphsOf(root: Element): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  // Where the line the next <br> ends starts in `buffer`.
  let lineStart = 0;
  const flush = (): void => {
    const paragraph = collapseWhitespace(buffer);
    if (paragraph) paragraphs.push(paragraph);
    buffer = '';
    lineStart = 0;
  };
  // An explicit stack instead of recursion: feed content can nest deeper than the call stack allows.
  // `null` marks the end of a block element.
  const pending: (Node | null)[] = [];
  pushChildrenReversed(root, pending);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null) {
      flush();
    } else if (node.nodeType === 3) {
      buffer += node.textContent ?? '';
    } else if (isElement(node)) {
      const tag = tagOf(node);
      if (tag === 'br') {
        // A <br> after a line of a sentence or more ends a paragraph (pages that set their text with <br> alone);
        // after a short one (an address, a verse, a dateline) it is a line break inside the paragraph.
        if (countWords(buffer.slice(lineStart)) >= PARAGRAPH_LINE_WORDS) flush();
        else buffer += ' ';
        lineStart = buffer.length;
      } else if (tag === 'figcaption' || (tag === 'figure' && node.querySelector('table, blockquote, pre, ul, ol, p') === null)) {
        // A caption describes a picture the text does not have; it stays in the HTML only.
        flush();
      } else if (tag === 'tr' && !isLayoutRow(node)) {
        flush();
        buffer = [...node.children].map((cell) => collapseWhitespace(cell.textContent ?? '')).filter(Boolean).join(' | ');
        flush();
      } else {
        if (BLOCK_TAGS.has(tag)) {
          flush();
          pending.push(null);
        }
        pushChildrenReversed(node, pending);
      }
    }
  }
  flush();
  return paragraphs;
}

/** Pushes `node`'s children last first, so that popping gives them in order (no `childNodes` list to build and reverse). */
function pushChildrenReversed(node: Node, pending: (Node | null)[]): void {
  for (let child = node.lastChild; child; child = child.previousSibling) pending.push(child);
}

/** CJK scripts are written without spaces: each character counts as a word. */
export const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}';
/** What a word is, as one regular expression: `countWords` counts its matches without building them. */
export const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])*`, 'gu');

/** What a character is to WORD: a CJK character (a word alone), a letter or digit, a combining mark, or none. */
const OTHER = 0;
const CJK_CHAR_CLASS = 1;
const LETTER_OR_DIGIT_CLASS = 2;
const MARK_CLASS = 3;
type CharClass = typeof OTHER | typeof CJK_CHAR_CLASS | typeof LETTER_OR_DIGIT_CLASS | typeof MARK_CLASS;
const CJK_CHAR = new RegExp(`^[${CJK}]$`, 'u');
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;
/** The class of each code point above ASCII met so far (a page uses a few hundred at most). */
const charClasses = new Map<number, CharClass>();

function charClassOf(codePoint: number): CharClass {
  let known = charClasses.get(codePoint);
  if (known === undefined) {
    const char = String.fromCodePoint(codePoint);
    known = CJK_CHAR.test(char) ? CJK_CHAR_CLASS : LETTER_OR_DIGIT.test(char) ? LETTER_OR_DIGIT_CLASS : MARK.test(char) ? MARK_CLASS : OTHER;
    if (charClasses.size >= MAX_CHAR_CLASSES) charClasses.clear();
    charClasses.set(codePoint, known);
  }
  return known;
}
const MAX_CHAR_CLASSES = 10_000;

/**
 * Number of words: runs of letters and digits (combining marks included, so
 * Devanagari and Thai vowel signs do not split words), except that Han,
 * Hiragana and Katakana characters count one each. Hangul is written with
 * spaces and counts by runs like Latin. The count of WORD's matches, in one
 * scan by code point (an ASCII one tested inline, any other classified once)
 * instead of an array of every word. Thai, Lao, Khmer and Burmese leave no
 * space between words either, and a word there is several characters: ICU's
 * word segmenter (Intl.Segmenter, a dictionary per language) finds them, in
 * text that holds those scripts (a run of them was one word).
 */
export function countWords(text: string): number {
  return UNSPACED_ALPHABETS.test(text) ? countSegmentedWords(text) : countWordsByScan(text);
}

/** Thai, Lao, Myanmar and Khmer. */
const UNSPACED_ALPHABETS = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/;
let wordSegmenter: Intl.Segmenter | undefined;

/** countWords by ICU's segments: each word-like one is a word, but a Chinese or Japanese one a word per character as elsewhere. */
function countSegmentedWords(text: string): number {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let count = 0;
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) {
    if (isWordLike) count += UNSPACED_ALPHABETS.test(segment) ? 1 : countWordsByScan(segment);
  }
  return count;
}

/**
 * countWords without the dictionary (a run of Thai letters one word): what the page-type walk counts over a page's
 * whole text, where ICU's segmenter, about a millisecond per thousand characters, would cost more than the walk.
 */
export function countWordsByScan(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if ((unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a)) {
        if (!inWord) count += 1;
        inWord = true;
      } else {
        inWord = false;
      }
      continue;
    }
    const codePoint = text.codePointAt(i) as number;
    if (codePoint > 0xffff) i += 1;
    const charClass = charClassOf(codePoint);
    if (charClass === CJK_CHAR_CLASS) {
      count += 1;
      inWord = false;
    } else if (charClass === LETTER_OR_DIGIT_CLASS) {
      if (!inWord) count += 1;
      inWord = true;
    } else if (charClass === OTHER) {
      inWord = false;
    }
    // A mark continues a word and starts none.
  }
  return count;
}
