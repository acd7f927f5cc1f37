import { proseLength } from '../prose-length.js';
import type { ArticleBody } from '../text.js';
import { linkDensity, nextElementInOrder, tagOf, textOf } from './dom-measure.js';
import { SENTENCE_END } from './phrases.js';

/** A lead-in paragraph is at least this long (Latin-equivalent characters, prose-length.ts)... */
const MIN_LEAD_CHARS = 80;
/** ...with no more of its text in links than this... */
const MAX_LEAD_LINK_DENSITY = 0.3;
/** ...and one of at least this many such paragraphs in the same parent: an introduction, not a standfirst, a bio or a disclosure. */
const MIN_LEAD_PARAGRAPHS = 2;

/**
 * The article's introduction when it sits apart from the rest: paragraphs
 * of prose after the page's headline and before its prose block
 * (content/prose-block.ts), outside it, at least two of them in one parent.
 * Guides and reviews open with a few paragraphs in a box of their own,
 * then a table of picks, a contents box or a sign-up form, then the body:
 * the block, holding most of the prose, starts at the body, and so does
 * Readability's pick. A lone paragraph there is a standfirst (the page's
 * description, which WCXB's annotators leave out), an author's bio or a
 * disclosure, and stays out. Returns a new element holding copies of the
 * paragraphs in page order, or null.
 */
export function leadInBefore(body: Element, article: Element): Element | null {
  const headline = body.querySelector('h1');
  if (!headline || article.contains(headline)) return null;
  const leads: Element[] = [];
  const perParent = new Map<Element | null, number>();
  // From the headline to the block in document order: one step per element between them, whatever the page's size.
  // A walk that never meets the block started after it (the headline comes later): no introduction then.
  let element = nextElementInOrder(headline, body, true);
  for (; element && element !== article; element = nextElementInOrder(element, body, false)) {
    if (tagOf(element) !== 'p' || element.contains(article) || !isLeadParagraph(element)) continue;
    leads.push(element);
    perParent.set(element.parentElement, (perParent.get(element.parentElement) ?? 0) + 1);
  }
  if (element !== article) return null;
  const kept = leads.filter((paragraph) => (perParent.get(paragraph.parentElement) ?? 0) >= MIN_LEAD_PARAGRAPHS);
  if (kept.length === 0) return null;
  const box = body.ownerDocument.createElement('div');
  for (const paragraph of kept) box.append(paragraph.cloneNode(true));
  return box;
}

function isLeadParagraph(paragraph: Element): boolean {
  const text = textOf(paragraph);
  return proseLength(text) >= MIN_LEAD_CHARS && SENTENCE_END.test(text) && linkDensity(paragraph, text.length) <= MAX_LEAD_LINK_DENSITY;
}

/** The body with the introduction's cleaned paragraphs before it, unless the body already holds one of them. */
export function withLeadIn(body: ArticleBody, leadIn: ArticleBody): ArticleBody {
  if (leadIn.paragraphs.length === 0) return body;
  const held = new Set(body.paragraphs);
  if (leadIn.paragraphs.some((paragraph) => held.has(paragraph))) return body;
  return { html: `${leadIn.html}\n${body.html}`, paragraphs: [...leadIn.paragraphs, ...body.paragraphs] };
}
