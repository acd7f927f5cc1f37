import { BLOCK_SELECTOR, BLOCK_TAGS, HEADING_TAGS, tagOf, textOf } from './dom-measure.js';
import { isPersonName, startsWithAuthor } from './edges.js';
import { collapseWhitespace } from '../strings.js';
import { BOX_HEADING, TAIL_HEADING } from './phrases.js';

/**
 * The closing section of a page that follows the story: "About the
 * author" and a bio, "Sources" and a list of references, "Recent posts",
 * "Up next". Such a section is often written as plain sibling paragraphs
 * under a heading, not as a box, so the edge walk (edges.ts), which stops at
 * the first paragraph that reads as prose (a bio does), cannot reach its
 * heading. Here the heading is found first: from it to the end goes, when
 * what follows it is a small part of the text.
 */

/** A tail heading is a label: a few words. */
const MAX_HEADING_CHARS = 80;
/** What follows the heading may be at most this share of the article's text... */
const MAX_TAIL_SHARE = 0.25;
/** ...and at most this many characters: a bio, a source list, a few teasers; never a chapter. */
const MAX_TAIL_CHARS = 2_000;

/**
 * Removes the closing section of `root`: a heading and every line after it
 * in document order, when no heading of its rank or higher follows it (the
 * section runs to the end), those lines hold at most a quarter of `total`
 * characters (the whole text's length) and 2,000 characters, and the heading
 * names such a section: a bio, sources, other posts (TAIL_HEADING), or a box
 * about other pages ("Related", "More on ...": BOX_HEADING) whose lines are
 * mostly links. Containers left empty are dropped later with every other
 * emptied block (text.ts). Returns the characters removed.
 */
export function removeTailSection(root: Element, total: number = textOf(root).length): number {
  const limit = Math.min(total * MAX_TAIL_SHARE, MAX_TAIL_CHARS);
  const after: Element[] = [];
  let afterChars = 0;
  let linkedAfter = 0;
  // The highest rank (smallest number) of the headings after the line looked at; LINE_RANK when none.
  let topRankAfter = LINE_RANK;
  // From the end backwards, so that only the tail is ever measured.
  for (const line of linesFromEnd(root)) {
    if (afterChars > limit) break;
    const rank = headingRank(line.element);
    if (line.text.length <= MAX_HEADING_CHARS && rank <= topRankAfter && !ENTRIES.has(tagOf(line.element)) && opensTail(line.text, afterChars, linkedAfter)) {
      for (const element of [line.element, ...after]) element.remove();
      return afterChars + line.text.length;
    }
    after.push(line.element);
    afterChars += line.text.length;
    linkedAfter += line.linked;
    topRankAfter = Math.min(topRankAfter, rank);
  }
  return 0;
}

/** An author's box at the end is a few lines: the name, a bio of a paragraph or three. */
const MAX_BIO_LINES = 4;
/** ...of at most this many characters (two of the short bios the edge walk takes one at a time, edges.ts). */
const MAX_BIO_RUN_CHARS = 1_600;

/**
 * Removes the author's box at the end of `root` written as plain lines:
 * from a line that opens with an author's name (the name alone, "Jane Doe
 * is a reporter...", "Jane holds an MBA...": edges.ts startsWithAuthor) to
 * the end, when that run is at most four lines, 1,600 characters and a
 * quarter of `total`. The edge walk (edges.ts) takes such lines one at a
 * time from the end and stops at the first that does not open with the
 * name ("When she's not writing, Jane..."), leaving the whole bio; here the
 * run is measured from its opening line. `authorKeys` are the authors'
 * names, lower-cased; only a person's (edges.ts isPersonName) opens a box.
 * Returns the characters removed.
 */
export function removeAuthorBox(root: Element, authorKeys: ReadonlySet<string>, total: number = textOf(root).length): number {
  // A company's name opens its closing call to action as well ("Acme makes..."): only a person's opens a bio.
  const people = new Set([...authorKeys].filter(isPersonName));
  if (people.size === 0) return 0;
  const limit = Math.min(total * MAX_TAIL_SHARE, MAX_BIO_RUN_CHARS);
  const run: Line[] = [];
  let runChars = 0;
  let opening = -1;
  for (const line of linesFromEnd(root)) {
    runChars += line.text.length;
    if (run.length >= MAX_BIO_LINES || runChars > limit) break;
    run.push(line);
    if (opensAuthorBox(line.text, people)) opening = run.length - 1;
  }
  // A single line is the edge walk's to judge; a run needs its opening line and what follows it.
  if (opening < 1) return 0;
  let removed = 0;
  for (const line of run.slice(0, opening + 1)) {
    line.element.remove();
    removed += line.text.length;
  }
  return removed;
}

/**
 * A line opening an author's box: the name alone, or a sentence opening
 * with it ("Jane Doe is...", "Jane holds..."), the name capitalised as
 * printed; not a heading in title case that begins with a company's name
 * ("Doe & Partners Can Help").
 */
function opensAuthorBox(text: string, authorKeys: ReadonlySet<string>): boolean {
  if (!startsWithAuthor(text, authorKeys)) return false;
  const lower = collapseWhitespace(text).toLowerCase();
  // The name as printed is capitalised at both ends ("Nick van Mead"): a byline misread as a name ("This review is") is not.
  const name = [...authorKeys].find((key) => lower.startsWith(key));
  if (name) {
    const words = collapseWhitespace(text).split(' ').slice(0, name.split(' ').length);
    if (!/^\p{Lu}/u.test(words[0] ?? '') || !/^\p{Lu}/u.test(words.at(-1) ?? '')) return false;
  }
  return authorKeys.has(lower) || /\s\p{Ll}/u.test(text);
}

/** Lines that are one entry of a list or a table, never a section's heading ("Sources" in a menu). */
const ENTRIES = new Set(['li', 'dd', 'td', 'th']);
/** A section's lines that are at least this share links are a list of other pages. */
const MIN_BOX_LINK_SHARE = 0.5;
/** The rank given to a line that is not an <h1>-<h6>: below every heading, so any heading after it ends its section. */
const LINE_RANK = 7;

function opensTail(text: string, after: number, linkedAfter: number): boolean {
  if (TAIL_HEADING.test(text)) return true;
  return BOX_HEADING.test(text) && linkedAfter >= after * MIN_BOX_LINK_SHARE;
}

/** 1-6 for <h1>-<h6>, LINE_RANK for any other line. */
function headingRank(element: Element): number {
  const tag = tagOf(element);
  return HEADING_TAGS.has(tag) ? Number(tag.slice(1)) : LINE_RANK;
}

interface Line {
  element: Element;
  text: string;
  /** Characters of its text inside links. */
  linked: number;
}

/**
 * The lines of `root` from the last to the first: blocks holding no other
 * block (a paragraph, a heading, a list item, a <div> holding a bold
 * label), with their text and the part of it in links. `root` itself is
 * never one: a body that is one paragraph has no section to close.
 */
function* linesFromEnd(root: Element): Generator<Line> {
  for (let child = root.lastElementChild; child; child = child.previousElementSibling) {
    // Children first: in reverse document order a box's lines come before the box itself.
    yield* linesFromEnd(child);
    if (!BLOCK_TAGS.has(tagOf(child)) || child.querySelector(BLOCK_SELECTOR) !== null) continue;
    const text = textOf(child);
    if (text === '') continue;
    let linked = 0;
    for (const link of child.querySelectorAll('a')) linked += textOf(link).length;
    yield { element: child, text, linked: Math.min(linked, text.length) };
  }
}

