import { collapsesToNothing, collapseWhitespace } from '../strings.js';

/** Elements that start a new block when rendered; everything else is phrasing content. */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Headings of a story's sections: every heading but the headline's <h1>. */
export const SECTION_HEADING_TAGS: ReadonlySet<string> = new Set([...HEADING_TAGS].filter((tag) => tag !== 'h1'));
/** SECTION_HEADING_TAGS as a selector. */
export const SECTION_HEADINGS = [...SECTION_HEADING_TAGS].join(', ');

/**
 * The element's tag in lower case. linkedom keeps the case an element was
 * created with, and Readability creates its wrappers as "DIV" and "P".
 */
export function tagOf(element: Element): string {
  return element.localName.toLowerCase();
}

/**
 * The element's role attribute in lower case, '' when it has none: roles
 * are matched without regard to case, as the selectors here write them
 * (`[role="main" i]`).
 */
export function roleOf(element: Element): string {
  return (element.getAttribute('role') ?? '').toLowerCase();
}

/** The element's visible-ish text, whitespace collapsed. */
export function textOf(node: Node): string {
  return collapseWhitespace(node.textContent ?? '');
}

/**
 * `textOf(node)` when the node's raw text is at most `maxRaw` characters, else
 * null: a rule about short lines skips a long box before it collapses the
 * box's whitespace (on every element of a walk, that would cost more than the rule).
 */
export function shortTextOf(node: Node, maxRaw: number): string | null {
  const raw = node.textContent ?? '';
  return raw.length > maxRaw ? null : collapseWhitespace(raw);
}

/** Whether `textOf(node)` is empty, without collapsing the whole text. */
export function hasNoText(node: Node): boolean {
  return collapsesToNothing(node.textContent ?? '');
}

/**
 * Share of the element's text that sits inside links. Navigation, "related"
 * lists and share bars are mostly links; prose is mostly not. Pass the
 * element's text length when it is already known: measuring text is the
 * costly part.
 */
export function linkDensity(element: Element, textLength: number = textOf(element).length): number {
  const total = textLength;
  if (total === 0) return 0;
  const links = tagOf(element) === 'a' ? [element] : [...element.querySelectorAll('a')];
  const linked = links.reduce((sum, link) => sum + textOf(link).length, 0);
  return Math.min(1, linked / total);
}

const MEDIA_TAGS = new Set(['img', 'picture', 'video', 'table', 'figure']);

/** True when the element holds a picture, a table or other content that has no text. */
export function hasMedia(element: Element): boolean {
  if (MEDIA_TAGS.has(tagOf(element))) return true;
  return element.querySelector('img, picture, video, table') !== null;
}

export function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === 1;
}

/** Whitespace-only text and comments do not count as content. */
export function isBlankNode(node: Node): boolean {
  if (node.nodeType === 8) return true;
  return node.nodeType === 3 && (node.textContent ?? '').trim() === '';
}

/** True for an element that is or contains a block element: it cannot sit inside a <p>. */
export function isBlockish(node: Node): boolean {
  if (!isElement(node)) return false;
  return BLOCK_TAGS.has(tagOf(node)) || node.querySelector(BLOCK_SELECTOR) !== null;
}

/** BLOCK_TAGS as a selector. */
export const BLOCK_SELECTOR = [...BLOCK_TAGS].join(', ');

/** The element after `element` in document order inside `root`, its descendants skipped when asked. */
export function nextElementInOrder(element: Element, root: Element, skipDescendants: boolean): Element | null {
  if (!skipDescendants && element.firstElementChild) return element.firstElementChild;
  for (let at: Element | null = element; at && at !== root; at = at.parentElement) {
    if (at.nextElementSibling) return at.nextElementSibling;
  }
  return null;
}
