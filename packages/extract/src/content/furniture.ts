import { proseLength } from '../prose-length.js';
import { collapseWhitespace } from '../strings.js';
import { hasMedia, linkDensity, SECTION_HEADINGS, shortTextOf, tagOf, textOf } from './dom-measure.js';
import { removeNamedFurniture } from './class-names.js';
import { trimEdge } from './edges.js';
import { removeAuthorBox, removeTailSection } from './tail.js';
import { AD_LABEL, BOX_HEADING, CONTENTS_HEADING, CONTROL_LABEL, PROMPT_LEAD } from './phrases.js';

/**
 * Page furniture that Readability sometimes keeps: advert labels, the
 * labels of controls ("Read more", "Show caption"), "Related news" boxes,
 * "READ MORE: ..." links between paragraphs, forms, and the header and
 * footer leftovers at the edges (see edges.ts). The rules look at
 * structure, link density and phrases that mean the same thing on every
 * site; none is keyed to a particular site.
 */

/** The edges may not take more than this share of the article's text: past it, the rules are wrong. */
const MAX_EDGE_SHARE = 0.5;
/** A prompt between paragraphs is one short line. */
const MAX_PROMPT_LENGTH = 250;
/** An advert's or a control's label is one short line. */
const MAX_LABEL = 60;

/** What the page says about its article that helps recognise its furniture. */
export interface ArticleHints {
  /** The headline's known spellings: a repeat of it at the top of the body goes. */
  titles?: readonly (string | null | undefined)[];
  /** The authors' names: their bio ("Jane Doe is a reporter...") at the end goes. */
  authors?: readonly string[];
  /** The body is a discussion thread (a forum page): its posts and replies are the content, not comments to drop. */
  thread?: boolean;
}

/** Removes furniture from an article body in place. */
export function removeFurniture(root: Element, hints: ArticleHints = {}): void {
  // The whole text's length, measured once: the size rules below only compare shares of it.
  const total = textOf(root).length;
  removeRepeatedBoxes(root);
  removePageChrome(root, total, hints.thread === true);
  removeNamedFurniture(root, total, { thread: hints.thread === true });
  removeLabels(root);
  removeRelatedBoxes(root);
  removeTablesOfContents(root);
  removeInlinePrompts(root);
  removeForms(root, total, hints.thread === true);
  const keys = (values: readonly (string | null | undefined)[] = []): Set<string> =>
    new Set(values.flatMap((value) => (value ? [collapseWhitespace(value).toLowerCase()] : [])).filter(Boolean));
  const edgeHints = { titleKeys: keys(hints.titles), authorKeys: keys(hints.authors) };
  let remaining = textOf(root).length;
  remaining -= removeTailSection(root, remaining);
  // A thread's last post may well open with its poster's name.
  if (hints.thread !== true) remaining -= removeAuthorBox(root, edgeHints.authorKeys, remaining);
  const budget = remaining * MAX_EDGE_SHARE;
  const removedAtStart = trimEdge(root, 'start', budget, edgeHints);
  trimEdge(root, 'end', budget - removedAtStart, edgeHints);
}

/**
 * A box this long that repeats an earlier one word for word is a copy of it:
 * a card's heading and blurb laid out twice is about this long (500 kept
 * such copies: WCXB-dev articles 0.963 -> 0.964, all pages 0.861 -> 0.862,
 * every page type but documentation gaining; the 181 pages unchanged).
 */
const MIN_REPEATED_CHARS = 150;
const REPEATABLE_BOXES = 'div, section, article, ul, ol, dl, table';

/**
 * Pages that lay out the same content twice (one copy for small screens,
 * one for large; a tab panel and its accordion twin) would give it twice: a
 * box whose text repeats an earlier box goes. Whole boxes only: an article
 * may well repeat a line or a paragraph (an interview's question, a recipe's
 * step, a quoted post).
 */
function removeRepeatedBoxes(root: Element): void {
  const seen = new Map<string, Element>();
  for (const box of [...root.querySelectorAll(REPEATABLE_BOXES)]) {
    if (!root.contains(box)) continue;
    const raw = box.textContent ?? '';
    if (raw.length < MIN_REPEATED_CHARS && proseLength(raw) < MIN_REPEATED_CHARS) continue;
    const text = collapseWhitespace(raw);
    const earlier = seen.get(text);
    if (!earlier) seen.set(text, box);
    // A wrapper and the one box inside it have the same text: that is nesting, not a copy.
    else if (root.contains(earlier) && !earlier.contains(box) && !box.contains(earlier)) box.remove();
  }
}

/** Sections' headings in a <header> each: a page heads this many of its story's parts so, never its masthead. */
const MIN_SECTION_HEADERS = 3;

/**
 * <nav> is navigation by definition; a <header> holds the page's or the
 * article's masthead (logo, menu, headline, byline, standfirst), never the
 * story itself, unless a page wraps its whole text in one, or heads each
 * part of the story with one: several <header>s each holding a section's
 * heading (a listicle's items, a guide's steps) are the story's own. In a
 * thread they are the posts' template (the poster's name and the date),
 * and go.
 */
function removePageChrome(root: Element, total: number, thread: boolean): void {
  const chrome = [...root.querySelectorAll('nav, header')];
  const sectionHeaders = thread ? [] : chrome.filter((element) => tagOf(element) === 'header' && element.querySelector(SECTION_HEADINGS) !== null);
  const kept = new Set(sectionHeaders.length >= MIN_SECTION_HEADERS ? sectionHeaders : []);
  for (const element of chrome) {
    if (!root.contains(element) || kept.has(element)) continue;
    if (textOf(element).length < total / 2) element.remove();
  }
}

/** Elements a control's label stands alone in: a line, never a word inside one. */
const LINE_TAGS = new Set(['p', 'div']);

/**
 * Advert labels ("Advertisement"), and the labels of the page's controls
 * standing as a line of their own ("Read more", "Show caption"): words
 * about the page, not the article's.
 */
function removeLabels(root: Element): void {
  for (const element of [...root.querySelectorAll('p, div, span, aside, figure, h2, h3, h4, h5, h6, strong, b')]) {
    // A label is a few words in an element or two: skip anything bigger before measuring its text.
    if (element.children.length > 2) continue;
    const text = shortTextOf(element, MAX_LABEL * 2);
    if (text === null || text.length > MAX_LABEL || !root.contains(element) || hasMedia(element)) continue;
    if (AD_LABEL.test(text) || (LINE_TAGS.has(tagOf(element)) && CONTROL_LABEL.test(text))) element.remove();
  }
}

/**
 * A heading such as "Related news" followed by a list of links is a box
 * about other pages, wherever it is. A table of contents' heading goes
 * even without such a list after it: Readability may have dropped the list
 * already, or the list is one of in-page anchors (removeTablesOfContents).
 */
function removeRelatedBoxes(root: Element): void {
  for (const heading of [...root.querySelectorAll('h1, h2, h3, h4, h5, h6, p')]) {
    if (!root.contains(heading)) continue;
    const text = textOf(heading);
    const contents = CONTENTS_HEADING.test(text);
    if (!contents && !BOX_HEADING.test(text)) continue;
    const next = heading.nextElementSibling;
    if (next && ['ul', 'ol', 'div', 'section', 'aside', 'nav'].includes(tagOf(next)) && linkDensity(next) >= 0.5) next.remove();
    else if (!contents) continue;
    heading.remove();
  }
}

/** A table of contents lists at least this many of the page's sections. */
const MIN_CONTENTS_LINKS = 3;

/**
 * A list of the page's own sections is a table of contents: navigation,
 * whatever heading it has or lacks. Either every link in it is an in-page
 * anchor ("#how-it-works"), or, links or not (scripts may do the jumping),
 * every item says word for word a heading that comes after it. Lists with
 * any other link, or with text beside the links, stay.
 */
function removeTablesOfContents(root: Element): void {
  const page = withoutFragment(root.ownerDocument?.baseURI ?? '');
  // "#how-it-works", or that resolved against the page (Readability resolves every link when the document has no URL of its own, as with linkedom).
  const inPage = (href: string) => href.startsWith('#') || (page !== '' && href.length > page.length + 1 && href.startsWith(page) && href[page.length] === '#');
  // Walked back from the end, gathering the texts of the headings after each list: document order without asking the
  // DOM which of two nodes comes first (linkedom answers compareDocumentPosition the wrong way round).
  const following = new Set<string>();
  const elements = [...root.querySelectorAll(`ul, ol, ${SECTION_HEADINGS}`)];
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i] as Element;
    const tag = tagOf(element);
    if (tag !== 'ul' && tag !== 'ol') {
      following.add(textOf(element).toLowerCase());
      continue;
    }
    if (element.parentElement?.closest('ul, ol')) continue;
    const links = [...element.querySelectorAll('a')];
    if (links.length >= MIN_CONTENTS_LINKS && links.every((link) => inPage(link.getAttribute('href') ?? ''))) {
      if (linkDensity(element) >= 0.8) element.remove();
    } else if (itemsAreAmong(element, following)) element.remove();
  }
}

/** Whether a list has at least MIN_CONTENTS_LINKS items and each of them is one of `headings` (lower case). */
function itemsAreAmong(list: Element, headings: ReadonlySet<string>): boolean {
  if (headings.size < MIN_CONTENTS_LINKS) return false;
  const items = [...list.children].filter((child) => tagOf(child) === 'li');
  return items.length >= MIN_CONTENTS_LINKS && items.every((item) => headings.has(textOf(item).toLowerCase()));
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/**
 * "READ MORE: <link to another story>" and "Related: ..." lines between
 * paragraphs: short, opening with a prompt, and largely a link.
 */
function removeInlinePrompts(root: Element): void {
  for (const block of [...root.querySelectorAll('p, h2, h3, h4, h5, h6')]) {
    if (!root.contains(block)) continue;
    const text = textOf(block);
    if (text.length <= MAX_PROMPT_LENGTH && PROMPT_LEAD.test(text) && linkDensity(block) >= 0.3) block.remove();
  }
}

/** Fields a reader fills in: a form without one (hidden inputs and buttons only) is a wrapper, not a form to fill. */
const FILLABLE_FIELDS = 'textarea, select, input:not([type]), input[type="text" i], input[type="email" i], input[type="search" i], input[type="password" i], input[type="tel" i], input[type="number" i], input[type="radio" i], input[type="checkbox" i]';

/**
 * Forms in an article are search boxes, sign-ups and polls, unless the
 * whole page is one form (ASP.NET). In a thread, a form with nothing to
 * fill in stays: some forum software wraps each post in one (for its edit
 * and vote buttons). Only a thread's box is read with its fields in place:
 * Readability drops every field from its pick, so there the test means nothing.
 */
function removeForms(root: Element, total: number, thread: boolean): void {
  for (const form of [...root.querySelectorAll('form')]) {
    if (!root.contains(form) || textOf(form).length >= total / 2) continue;
    if (!thread || form.querySelector(FILLABLE_FIELDS) !== null) form.remove();
  }
}
