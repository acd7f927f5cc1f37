import { roleOf, tagOf } from './dom-measure.js';

/**
 * The page's prose block: the smallest element that holds most of the
 * page's long paragraphs. Readability keeps one container and the siblings
 * it scores high enough; a listicle or a multi-section article spreads its
 * text over several sibling sections, of which it then keeps one. This
 * block is the alternative body extract-article weighs against it.
 */

/** Share of the page's prose the block must hold. */
const PROSE_SHARE = 0.8;
/** Below this much prose a page has no block worth the comparison. */
const MIN_PROSE_CHARS = 1_000;

/**
 * The deepest element holding at least `share` (PROSE_SHARE) of the characters in
 * `proseByParent` (long paragraphs by parent, see page-type/features.ts),
 * or null when there is too little prose, or only <body> holds that much.
 * Parents no longer in the document (pruned) are left out. A block that
 * would take in prose beyond the page's main element (`<main>`, role
 * "main") holding the longest run is that element's block instead: what
 * the page frames as its content ends there (a footer bar of testimonials
 * outside it holds as much prose), unless it holds too little prose to be
 * one, as a page misusing the element for a banner does. So is a story (an
 * `<article>` with its own headline) whose block would take in another story
 * with prose: a stream of articles, the next one loaded below the first.
 */
export function proseBlock(
  proseByParent: ReadonlyMap<Element, number>,
  body: Element,
  minChars: number = MIN_PROSE_CHARS,
  share: number = PROSE_SHARE,
): Element | null {
  const tally = new Map<Element, number>();
  let total = 0;
  let top: Element | null = null;
  let topChars = 0;
  for (const [parent, chars] of proseByParent) {
    if (!body.contains(parent)) continue;
    total += chars;
    if (chars > topChars) {
      top = parent;
      topChars = chars;
    }
    for (let node: Element | null = parent; node && node !== body; node = node.parentElement) tally.set(node, (tally.get(node) ?? 0) + chars);
  }
  if (!top || total < minChars) return null;
  const block = deepestHolding(top, body, tally, total * share);
  for (let node: Element | null = top; node && node !== block && node !== body; node = node.parentElement) {
    if (!isMainElement(node) && !(block !== null && isStory(node) && holdsAnotherStory(block, node, tally))) continue;
    const inFrame = tally.get(node) ?? 0;
    return inFrame >= minChars ? deepestHolding(top, body, tally, inFrame * share) : block;
  }
  return block;
}

/** An `<article>` with a headline of its own (an `<h1>` or `<h2>`): one story, as a stream of them lays each out. */
function isStory(element: Element): boolean {
  return tagOf(element) === 'article' && element.querySelector('h1, h2') !== null;
}

/**
 * Whether `block` holds, besides `story`, another story with prose of its
 * own: the next article of an infinitely scrolling page, or the one before.
 * The longest run's story is then the block: the stream is not one article.
 */
function holdsAnotherStory(block: Element, story: Element, tally: ReadonlyMap<Element, number>): boolean {
  for (const other of block.getElementsByTagName('article')) {
    if (other !== story && !other.contains(story) && !story.contains(other) && (tally.get(other) ?? 0) > 0 && isStory(other)) return true;
  }
  return false;
}

/** The first element from `start` up (below `body`) whose tally reaches `needed`. */
function deepestHolding(start: Element, body: Element, tally: ReadonlyMap<Element, number>, needed: number): Element | null {
  for (let node: Element | null = start; node && node !== body; node = node.parentElement) {
    if ((tally.get(node) ?? 0) >= needed) return node;
  }
  return null;
}

/** `<main>` or an element with the role "main": the page's own content, by its author's word. */
function isMainElement(element: Element): boolean {
  return tagOf(element) === 'main' || roleOf(element) === 'main';
}
