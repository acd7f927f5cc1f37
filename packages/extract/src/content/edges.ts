import { BOX_HEADING, COPYRIGHT, CREDIT_LABEL, DATE_ONLY, DATELINE, foreignBylineNames, PROMPT_LEAD, READING_TIME, SENTENCE_END, SUBSCRIBE_CALL } from './phrases.js';
import { CJK } from '../text.js';
import { collapseWhitespace } from '../strings.js';
import { HEADING_TAGS, hasMedia, hasNoText, isBlankNode, isElement, linkDensity, shortTextOf, tagOf, textOf } from './dom-measure.js';

/**
 * Trimming the two edges of an article body. Readability's pick often starts
 * with the header leftovers (byline, dateline, breadcrumbs, share bar) and
 * ends with what follows the story (related links, share and subscribe
 * prompts, tags, copyright). Both edges are walked inward until content.
 */

/** A short block is a prompt or a label; longer ones are prose even when they start like one. */
const SHORT_BLOCK = 160;

type Edge = 'start' | 'end';

/** Lower-cased, whitespace-collapsed spellings of the headline and of the authors' names. */
export interface EdgeHints {
  titleKeys: ReadonlySet<string>;
  authorKeys: ReadonlySet<string>;
}

type Verdict = 'furniture' | 'content' | 'look-inside';

const LISTS = new Set(['ul', 'ol', 'dl']);
const BOXES = new Set(['ul', 'ol', 'dl', 'div', 'section', 'aside', 'nav', 'footer', 'header', 'table', 'form', 'figure']);
/** Elements that can title a box. A list item cannot: "Sign up for a Hulu account" in a list is an instruction. */
const BOX_TITLES = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'strong', 'b', 'header', 'dt']);
const MAX_BOX_TITLE = 80;

const LEAF_BLOCKS = new Set(['p', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'table', 'ul', 'ol', 'dl']);
const INLINE = new Set([
  ...['a', 'b', 'i', 'em', 'strong', 'span', 'time', 'br', 'img', 'small'],
  ...['sup', 'sub', 'code', 'mark', 'abbr', 'cite', 'q', 'u', 's', 'font'],
]);

/**
 * Removes furniture at one edge of `root`, looking at the outermost element
 * there first (a whole box may be furniture) and otherwise descending into
 * it. Pictures without text are stepped over, not removed. Everything is put
 * back if the removals would exceed `budget` characters: then the rules have
 * misjudged the page. Returns the number of characters removed.
 */
export function trimEdge(root: Element, edge: Edge, budget: number, hints: EdgeHints): number {
  const removed: { node: Element; parent: Node; next: Node | null }[] = [];
  let removedChars = 0;
  for (let guard = 0; guard < 200; guard += 1) {
    const unit = edgeUnit(root, edge, hints);
    if (!unit?.parentNode) break;
    removedChars += textOf(unit).length;
    removed.push({ node: unit, parent: unit.parentNode, next: unit.nextSibling });
    unit.remove();
  }
  if (removedChars <= budget) return removedChars;
  for (const { node, parent, next } of removed.reverse()) parent.insertBefore(node, next);
  return 0;
}

/** The furniture element at the edge, or null when the edge is content. */
function edgeUnit(root: Element, edge: Edge, hints: EdgeHints): Element | null {
  let container: Element = root;
  for (;;) {
    const child = edgeChild(container, edge);
    if (child === undefined) return null; // loose text at the edge: content
    if (child === null) return container === root ? null : container; // nothing but pictures or nothing at all
    const verdict = edge === 'end' ? judgeTrailing(child, hints.authorKeys) : judgeLeading(child, hints.titleKeys);
    if (verdict === 'furniture') return child;
    if (verdict === 'content') return null;
    container = child;
  }
}

/**
 * The first or last child element that has text, skipping blank text,
 * comments and text-less pictures. Null when there is none; undefined when
 * non-blank text sits at the edge.
 */
function edgeChild(container: Element, edge: Edge): Element | null | undefined {
  let sawMedia = false;
  // By sibling links: linkedom builds a new list on every childNodes read.
  const fromEnd = edge === 'end';
  for (let node = fromEnd ? container.lastChild : container.firstChild; node; node = fromEnd ? node.previousSibling : node.nextSibling) {
    if (isBlankNode(node)) continue;
    if (!isElement(node)) return undefined;
    // hasMedia first: it is the cheaper test and usually false.
    // A figure's caption is not article text, so a figure at the edge is stepped over like a bare picture.
    if (tagOf(node) === 'figure' || (hasMedia(node) && hasNoText(node))) {
      sawMedia = true;
      continue;
    }
    return node;
  }
  // A container holding only pictures is content; an empty one is not.
  return sawMedia ? undefined : null;
}

/**
 * Past this many raw characters an element is a container of the story, not
 * a line of furniture: only the box rules (a "Related" heading, link density)
 * can apply, and measuring its whitespace-collapsed text again on every step
 * of the walk would cost more than all the rest.
 */
const LARGE_RAW_TEXT = 3000;

function judgeTrailing(element: Element, authorKeys: ReadonlySet<string>): Verdict {
  const raw = element.textContent ?? '';
  if (raw.length > LARGE_RAW_TEXT) return judgeLarge(element, raw.length);
  const text = collapseWhitespace(raw);
  if (text === '' || tagOf(element) === 'hr') return 'furniture';
  // The author's name alone, or their bio: "Jane Doe is a reporter for Example News.", "Jane holds an MBA from ..."
  if (text.length <= MAX_BIO_CHARS && isLeafBlock(element) && startsWithAuthor(text, authorKeys)) return 'furniture';
  // Nothing follows a heading at the very end: it introduced something that is gone.
  if (HEADING_TAGS.has(tagOf(element))) return 'furniture';
  // Phrases describe one block; a list's items are read one by one (below: link density).
  const list = LISTS.has(tagOf(element));
  if (!list && text.length <= SHORT_BLOCK && (PROMPT_LEAD.test(text) || BOX_HEADING.test(text) || DATE_ONLY.test(text))) {
    return 'furniture';
  }
  if (text.length <= 300 && COPYRIGHT.test(text)) return 'furniture';
  if (text.length <= 300 && tagOf(element) === 'p' && SUBSCRIBE_CALL.test(text)) return 'furniture';
  if (startsWithBoxHeading(element)) return 'furniture';
  const boxOrBlurb = BOXES.has(tagOf(element)) || (text.length <= 300 && !isSentence(text));
  if (boxOrBlurb && linkDensity(element, text.length) >= 0.5) return 'furniture';
  return isLeafBlock(element) ? 'content' : 'look-inside';
}

function judgeLeading(element: Element, titleKeys: ReadonlySet<string>): Verdict {
  const raw = element.textContent ?? '';
  if (raw.length > LARGE_RAW_TEXT) return isLeafBlock(element) ? 'content' : 'look-inside';
  const text = collapseWhitespace(raw);
  if (text === '' || tagOf(element) === 'hr') return 'furniture';
  const lower = text.toLowerCase();
  // The headline again, alone or at the end of a breadcrumb trail ("Home > News > Headline").
  for (const title of titleKeys) {
    if (lower === title || (lower.endsWith(title) && lower.length <= title.length + 60)) return 'furniture';
  }
  if (text.length <= 100 && (/^by\s+\p{L}/iu.test(text) || foreignBylineNames(text) !== null || CREDIT_LABEL.test(text))) return 'furniture';
  // The header's small print: how long the article takes to read, a bullet or a bar between two credits.
  if (text.length <= 60 && (READING_TIME.test(text) || !/[\p{L}\p{N}]/u.test(text))) return 'furniture';
  if (text.length <= 120 && (DATELINE.test(text) || DATE_ONLY.test(text))) return 'furniture';
  if (text.length <= 80 && element.querySelector('time') !== null && isLeafBlock(element)) return 'furniture';
  if (!LISTS.has(tagOf(element)) && text.length <= SHORT_BLOCK && PROMPT_LEAD.test(text)) return 'furniture';
  // A breadcrumb trail: "Home › News › Transport", its last crumb often unlinked.
  if (text.length <= 120 && (text.match(/\s[›»>|/]\s/g) ?? []).length >= 2 && linkDensity(element, text.length) >= 0.3) {
    return 'furniture';
  }
  // Breadcrumbs, share bars and tag strips are short, nearly all links, and not sentences.
  const plainBlock = !HEADING_TAGS.has(tagOf(element)) && !hasMedia(element);
  if (text.length <= 200 && plainBlock && !isSentence(text) && linkDensity(element, text.length) >= 0.5) return 'furniture';
  return isLeafBlock(element) ? 'content' : 'look-inside';
}

/** A large trailing element: a "Related" box or a mostly-links box goes whole, anything else is looked into. */
function judgeLarge(element: Element, rawLength: number): Verdict {
  if (startsWithBoxHeading(element)) return 'furniture';
  if (BOXES.has(tagOf(element)) && linkDensity(element, rawLength) >= 0.5) return 'furniture';
  return isLeafBlock(element) ? 'content' : 'look-inside';
}

/** The author's name alone, or a short bio: any name (a person's, a company's) may open it. */
const MAX_NAMED_LINE_CHARS = 300;
/** A bio at the end of an article is a paragraph or two: a few sentences about a person. */
const MAX_BIO_CHARS = 800;

/**
 * A line about the author at the end: "Jane Doe is a reporter for Example
 * News." Any author's name may open a short one; a longer one, or one that
 * names the writer by first name only ("Jane holds an MBA from ..."), only
 * a person's name: two to four words, not "The Example Team" (a company's
 * closing "About us" paragraph is often the article's own last word).
 */
export function startsWithAuthor(text: string, authorKeys: ReadonlySet<string>): boolean {
  const lower = text.toLowerCase();
  if (text.length <= MAX_NAMED_LINE_CHARS && startsWithAny(lower, authorKeys)) return true;
  const people = [...authorKeys].filter(isPersonName);
  if (startsWithAny(lower, new Set(people))) return true;
  // The first name, capitalised as names are, then a lower-case word (a verb: "Jane Austen's" is someone else).
  const first = /^(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?) \p{Ll}/u.exec(text)?.[1]?.toLowerCase();
  return first !== undefined && people.some((name) => name.startsWith(`${first} `));
}

/** Two to four words, not opening with an article: "jane doe", "jean-luc van damme", not "the investopedia team". */
export function isPersonName(key: string): boolean {
  const words = key.split(' ');
  return words.length >= 2 && words.length <= 4 && !/^(?:the|a|an)$/.test(words[0] ?? '');
}

function startsWithAny(text: string, prefixes: ReadonlySet<string>): boolean {
  for (const prefix of prefixes) {
    if (text === prefix || (text.startsWith(prefix) && /^[\s,.]/.test(text.slice(prefix.length)))) return true;
  }
  return false;
}

/** Six characters of a script written without spaces between words (text.ts CJK): as many words as a short sentence. */
const UNSPACED_WORDS = new RegExp(`[${CJK}]{6}`, 'u');

/**
 * A sentence (SENTENCE_END) of more than two words, or of a run of Chinese
 * or Japanese, which spaces no words. A lead paragraph made mostly of links
 * is still a paragraph.
 */
function isSentence(text: string): boolean {
  return (/\s\S+\s/.test(text) || UNSPACED_WORDS.test(text)) && SENTENCE_END.test(text);
}

/** A box whose first element is a heading like "Related news". */
function startsWithBoxHeading(element: Element): boolean {
  if (!BOXES.has(tagOf(element))) return false;
  const first = edgeChild(element, 'start');
  if (!isElement(first) || !BOX_TITLES.has(tagOf(first))) return false;
  // A title is short: skip measuring the text of a long first child.
  const title = shortTextOf(first, MAX_BOX_TITLE * 3);
  return title !== null && title.length <= MAX_BOX_TITLE && BOX_HEADING.test(title);
}

/** A paragraph, heading, list or other block holding no further blocks. */
function isLeafBlock(element: Element): boolean {
  if (LEAF_BLOCKS.has(tagOf(element))) return true;
  return [...element.children].every((child) => INLINE.has(tagOf(child)));
}
