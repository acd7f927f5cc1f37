import { parseByline } from './authors.js';
import { buildArticleBody, type ArticleHints } from './content/index.js';
import { parsePage, type DomEngine } from './dom.js';
import { queryPageElements, readPageMetadata, type PageMetadata } from './metadata/index.js';
import { roleOf } from './content/dom-measure.js';
import { proseBlock } from './content/prose-block.js';
import { keepQuestionButtons } from './content/questions.js';
import { faqSectionAfter, withFaqSection } from './content/faq.js';
import { leadInBefore, withLeadIn } from './content/lead-in.js';
import { DATE_ONLY, SENTENCE_END, SENTENCE_OR_LEAD_IN_END } from './content/phrases.js';
import { threadBox } from './content/thread.js';
import { classifyPage, type ClassifyContext, type PageTypeGuess } from './page-type/classify.js';
import { PROSE_PARAGRAPH_CHARS, readPageStructure, type PageFeatures } from './page-type/features.js';
import { proseLength } from './prose-length.js';
import { pruneForReadability, runReadability, type ReadabilityOutcome } from './readability.js';
import { isHiddenByOwnStyle } from './style-hidden.js';
import { joinParagraphs, type ArticleBody } from './text.js';

/** Everything read from the page itself. */
export interface PageAnalysis {
  engine: DomEngine;
  /** The page was too large and was read only in part (dom.ts MAX_HTML_CHARS). */
  truncated: boolean;
  /** Absolute base for the page's relative links. */
  baseUrl: string;
  metadata: PageMetadata;
  /** What the page-type classifier reads, taken before Readability rewrote the page. */
  features: PageFeatures;
  /** What kind of page it is (page-type/classify.ts). */
  pageType: PageTypeGuess;
  readability: Omit<ReadabilityOutcome, 'content'>;
  /** datetime values of <time> elements inside Readability's pick. */
  contentTimes: string[];
  /** The cleaned article body, or null when Readability found none. */
  body: ArticleBody | null;
}

/**
 * The headline and author spellings the page declares, for recognising its
 * furniture (see content/furniture.ts). `extra` adds the feed item's values.
 */
export function articleHints(metadata: PageMetadata, byline: string | null, extra: ArticleHints = {}): ArticleHints {
  const { jsonLd, openGraph, meta, document } = metadata;
  const rawAuthors = [...(jsonLd.article?.authors.map((author) => author.name) ?? []), ...openGraph.authors, ...meta.authors];
  if (byline) rawAuthors.push(byline);
  return {
    titles: [jsonLd.article?.headline, openGraph.title, document.h1, ...(extra.titles ?? [])],
    authors: [...rawAuthors.flatMap(parseByline), ...(extra.authors ?? []).flatMap(parseByline)],
  };
}

/**
 * Parses the page and extracts its metadata and article body, with linkedom
 * and, should anything throw there, once more with jsdom. Returns the error
 * instead when both fail: the caller decides whether a feed fallback exists.
 */
export function analysePage(html: string, url: string, context: ClassifyContext = {}): PageAnalysis | { error: unknown } {
  try {
    return analyseWith(html, url, 'linkedom', context);
  } catch {
    try {
      return analyseWith(html, url, 'jsdom', context);
    } catch (error) {
      return { error };
    }
  }
}

function analyseWith(html: string, url: string, engine: DomEngine, context: ClassifyContext): PageAnalysis {
  const page = parsePage(html, url, engine);
  // Readability rewrites the document: metadata first.
  const elements = queryPageElements(page.document);
  const metadata = readPageMetadata(page.document, elements);
  const { features, storyProseByParent, posts, disclosures } = readPageStructure(page.document, url, metadata);
  const pageType = classifyPage(features, context);
  removeModalDialogs(page.document, elements.byAttribute, page.mayHoldDialogs);
  pruneForReadability(page.document, {
    showCollapsedPanels: SHOWS_COLLAPSED_PANELS.has(pageType.pageType),
    styleHidden: page.styleHidden,
    controls: elements.byAttribute,
  });
  if (page.document.body) keepQuestionButtons(page.document.body);
  // Readability moves what it keeps out of the page: the prose block is copied first. A thread, a
  // documentation page or a listing is read whole: its main element, when it declares one.
  const wholePage = WHOLE_PAGE_TYPES.has(pageType.pageType);
  // A forum's posts may also be found by their shape; a documentation page's or a listing's repeated boxes are its sections or items, not posts.
  const thread = wholePage && page.document.body ? threadBox(page.document.body, posts, pageType.pageType === 'forum') : null;
  const main = wholePage ? page.document.querySelector('main, [role="main" i]') : null;
  const block = thread ?? main ?? (page.document.body ? proseBlock(storyProseByParent, page.document.body) : null);
  const blockCopy = block && linkShare(block) < MAX_BLOCK_LINK_SHARE ? (block.cloneNode(true) as Element) : null;
  // An introduction before the article's block and an FAQ after it, each in a box of its own: Readability takes one
  // container and leaves them.
  const leadIn = block && page.document.body ? leadInBefore(page.document.body, block) : null;
  const faq = block && page.document.body ? faqSectionAfter(page.document.body, block) : null;
  const faqCopy = faq ? (faq.cloneNode(true) as Element) : null;
  const { content, ...readability } = runReadability(page.document, disclosures);
  const contentTimes = content
    ? [...content.querySelectorAll('time[datetime]')].flatMap((time) => time.getAttribute('datetime') ?? [])
    : [];
  const hints = { ...articleHints(metadata, readability.byline), thread: pageType.pageType === 'forum' };
  const picked = content ? buildArticleBody(content, page.baseUrl, hints) : null;
  // Cleaning only shrinks a body: a block whose raw text is not clearly longer than the pick's cannot win, and is not cleaned.
  const rawRatio = thread ? 1 : MIN_RAW_RATIO;
  const blockRaw = blockCopy ? (blockCopy.textContent ?? '').length : 0;
  const pickRaw = content ? (content.textContent ?? '').length : 0;
  const blockCanWiden = blockCopy && (!content || blockRaw >= pickRaw * rawRatio);
  // A prose block inside a longer pick may show where the article ends (below); a thread's or a doc's box is read whole.
  const blockCanNarrow = blockCopy && picked && !wholePage && blockRaw < pickRaw && blockRaw >= pickRaw * MIN_NARROW_SHARE;
  const blockBody = blockCanWiden || blockCanNarrow ? buildArticleBody(blockCopy, page.baseUrl, hints) : null;
  // A thread's box holds every post: it wins over a pick of some posts, or of something else, unless it is clearly
  // smaller once cleaned (its raw text is no smaller, above; cleaning takes more template lines from its posts than
  // from Readability's rewritten pick).
  const options = thread ? { mustHoldPick: false, ratio: THREAD_RATIO } : {};
  const chosen = blockCanWiden ? widerBody(picked, blockBody, options) : narrowerBody(picked, blockBody);
  const withFaq = chosen && faqCopy ? withFaqSection(chosen, buildArticleBody(faqCopy, page.baseUrl, hints)) : chosen;
  const body = withFaq && leadIn ? withLeadIn(withFaq, buildArticleBody(leadIn, page.baseUrl, hints)) : withFaq;
  return { engine, truncated: page.truncated, baseUrl: page.baseUrl, metadata, features, pageType, readability, contentTimes, body };
}

/**
 * Modal dialogs (cookie consent, sign-up and privacy boxes) sit above the
 * page, not in it, yet can hold more prose than a short article: they go
 * before the article is looked for, unless one holds the page's headline or
 * its article element (an article opened in an overlay) and is shown: a
 * dialog its own style hides until a click (a "Republish this story" box
 * holding a copy of the story, headline and all) is not the page's view.
 */
function removeModalDialogs(document: Document, marked: readonly Element[], mayHoldDialogElements: boolean): void {
  const body = document.body;
  if (!body) return;
  // No walk of the page here: the <dialog>s by tag name only when the parser opened one (dom.ts), the ones
  // marked modal or alertdialog from the page's elements with attributes (queryPageElements, the page unchanged
  // since), as `body.querySelectorAll('[aria-modal="true" i], [role="alertdialog" i]')` finds them.
  const dialogElements = mayHoldDialogElements ? [...body.getElementsByTagName('dialog')] : [];
  const markedModal = marked.filter((element) => isMarkedModal(element) && element !== body && body.contains(element));
  const dialogs = [...dialogElements, ...markedModal];
  for (const dialog of dialogs) {
    if (body.contains(dialog) && (isHiddenByOwnStyle(dialog) || !dialog.querySelector('h1, article, main'))) dialog.remove();
  }
}

/** `[aria-modal="true" i], [role="alertdialog" i]`: the value compared lower-cased, as css-select does for the `i` flag. */
function isMarkedModal(element: Element): boolean {
  return element.getAttribute('aria-modal')?.toLowerCase() === 'true' || roleOf(element) === 'alertdialog';
}

/**
 * Page types whose collapsed disclosure panels (hidden by attribute) are part of their text: an article's or a
 * doc's FAQ answers and tabbed code samples, a thread's folded replies, a service page's FAQ and feature details.
 * WCXB-dev: documentation +0.46 summed, service +1.47 (7 sites gain, 1 loses), articles +0.01, forum -0.01.
 * Not products (cart extras, a second wording of a line: -0.65) nor collections (+1.5, but nearly all from one
 * shop's category pages, and its filter accordions cost one page 0.57).
 */
const SHOWS_COLLAPSED_PANELS = new Set(['article', 'forum', 'documentation', 'service']);

/**
 * Page types whose text is the whole of their main element, not one block of it: every post of a thread, every
 * section of a doc, every item of a listing. Listings, 7 December: WCXB-dev listings 0.699 -> 0.705 (+0.55 summed, 8
 * pages up and 2 down, both halves of the ids gaining). Products gained only on the odd ids (+2.88, even -0.04),
 * collections and services split (17 of 28 and 10 of 21 pages down): not kept.
 */
const WHOLE_PAGE_TYPES = new Set(['forum', 'documentation', 'listing']);

/** A prose block with more of its text in links than this is a list of links, not an article (a guide citing its sources links a third). */
const MAX_BLOCK_LINK_SHARE = 0.4;
/** The block replaces Readability's pick only when it holds this much more text... */
const WIDER_RATIO = 1.5;
/** A block's raw text under this multiple of the pick's is not worth cleaning to compare. */
const MIN_RAW_RATIO = 1.2;
/** A thread's cleaned box wins unless its text is under this share of the pick's. */
const THREAD_RATIO = 0.8;
/** A block this many times the pick's text replaces it even when it does not hold it. */
const MOVE_RATIO = 3;
/** ...and this share of the pick's paragraphs: it widens the pick, it does not move elsewhere. */
const KEPT_SHARE = 0.8;

/**
 * Readability's pick, or the page's prose block (content/prose-block.ts)
 * when that holds the pick and clearly more: the other sections of a
 * listicle or of an article split over sibling containers; a block that
 * only runs on past the pick's end must add prose (addsArticleText). A block three
 * times the pick's size wins even when it does not hold it: Readability took
 * a small box elsewhere (a disclosure, a standfirst). A block with only 1.2x
 * the pick's text wins when it holds (95% of) the pick and puts back
 * sections among or before the pick's own (80% of what it adds, half of it
 * in sentences, no line of it a date alone as in a list of other posts):
 * the items of a listicle that Readability left out of its container. A thread's box
 * (`mustHoldPick: false`, `ratio: 1`) needs only to be no smaller.
 */
export function widerBody(picked: ArticleBody | null, block: ArticleBody | null, { mustHoldPick = true, ratio = WIDER_RATIO } = {}): ArticleBody | null {
  if (!block) return picked;
  if (!picked) return block;
  const blockChars = joinParagraphs(block.paragraphs).length;
  const pickedChars = joinParagraphs(picked.paragraphs).length;
  if (blockChars < pickedChars * Math.min(ratio, INNER_WIDER_RATIO)) return picked;
  // A pick with a small fraction of the block's text is a box Readability mistook for the article (a disclosure, a lead).
  if (!mustHoldPick) return blockChars >= pickedChars * ratio ? block : picked;
  if (blockChars >= pickedChars * MOVE_RATIO) return block;
  const inBlock = new Set(block.paragraphs);
  const substantial = picked.paragraphs.filter((paragraph) => paragraph.length >= 40);
  const kept = substantial.filter((paragraph) => inBlock.has(paragraph)).length;
  if (substantial.length === 0 || kept < substantial.length * KEPT_SHARE) return picked;
  if (blockChars >= pickedChars * ratio) return addsArticleText(picked, block) ? block : picked;
  // With less extra text, only sections put back among or before the pick's own (Readability left some out of its container).
  return kept >= substantial.length * INNER_KEPT_SHARE && addedWithin(picked, block) >= INNER_ADDED_SHARE ? block : picked;
}

/** A block with this much more text than the pick widens it when it adds sections among or before the pick's own... */
const INNER_WIDER_RATIO = 1.2;
/** ...holding this share of the pick's paragraphs... */
const INNER_KEPT_SHARE = 0.95;
/** ...and adding at least this share of its extra text before the pick's last paragraph... */
const INNER_ADDED_SHARE = 0.8;
/** ...at least this share of it in lines ending as sentences do (an item's description; not prices, labels and shop links). */
const MIN_ADDED_SENTENCE_SHARE = 0.5;

/**
 * The share of what the block adds to the pick that comes before the pick's
 * last paragraph of 40 characters or more (a short line, "Daily" or a date,
 * may come back in a list of other posts after the article); 0 when the
 * additions are not half sentences (product boxes: names, prices, "Available
 * from ...") or print a date alone on a line (a list of other posts).
 */
function addedWithin(picked: ArticleBody, block: ArticleBody): number {
  const { within, after, sentences, dated } = additionsTo(picked, block, 40);
  const added = within + after;
  return added === 0 || dated || sentences < added * MIN_ADDED_SENTENCE_SHARE ? 0 : within / added;
}

/** A block that adds at least this share of its extra text after the pick's last paragraph only runs on past it... */
const AFTER_PICK_SHARE = 0.8;
/** ...and must then add prose: this share of that text at least in paragraphs of prose. */
const MIN_ADDED_PROSE_SHARE = 0.6;

/**
 * Whether what the block adds to the pick reads as more of the article. A
 * block that adds sections before or among the pick's paragraphs does (a
 * listicle whose longest section Readability took); one that only runs on
 * after the pick's last paragraph must add mostly prose: the later sections
 * of a listicle are paragraphs, while a sidebar column, a newsletter box,
 * a grid of service cards or a list of other posts that the block's wider
 * element also holds are short lines and links.
 */
function addsArticleText(picked: ArticleBody, block: ArticleBody): boolean {
  const { within, after, proseAfter } = additionsTo(picked, block, 0);
  return after < (within + after) * AFTER_PICK_SHARE || proseAfter >= after * MIN_ADDED_PROSE_SHARE;
}

/** What a block adds to the pick, in characters: before the pick's last paragraph (of `lastMinChars` or more) and after it. */
interface Additions {
  within: number;
  after: number;
  /** Of `after`, in paragraphs of prose. */
  proseAfter: number;
  /** Of all, in lines ending as sentences do. */
  sentences: number;
  /** A line of it is a date alone: a list of other posts prints each one's date so; the article's own sections do not. */
  dated: boolean;
}

function additionsTo(picked: ArticleBody, block: ArticleBody, lastMinChars: number): Additions {
  const inPick = new Set(picked.paragraphs);
  let last = -1;
  block.paragraphs.forEach((paragraph, index) => {
    if (paragraph.length >= lastMinChars && inPick.has(paragraph)) last = index;
  });
  const additions: Additions = { within: 0, after: 0, proseAfter: 0, sentences: 0, dated: false };
  block.paragraphs.forEach((paragraph, index) => {
    if (inPick.has(paragraph)) return;
    if (index < last) additions.within += paragraph.length;
    else {
      additions.after += paragraph.length;
      if (isProseParagraph(paragraph)) additions.proseAfter += paragraph.length;
    }
    if (SENTENCE_END.test(paragraph)) additions.sentences += paragraph.length;
    if (DATE_ONLY.test(paragraph)) additions.dated = true;
  });
  return additions;
}

/** A paragraph of prose: as long as the page-type walk counts one (page-type/features.ts), ending as a sentence does. */
function isProseParagraph(paragraph: string): boolean {
  return proseLength(paragraph) >= PROSE_PARAGRAPH_CHARS && SENTENCE_OR_LEAD_IN_END.test(paragraph);
}

/** A prose block under this share of the pick's text is one part of it, not the article it runs past. */
const MIN_NARROW_SHARE = 0.3;
/** Share of the block's text the pick must hold for the block to be the pick's own beginning. */
const NARROW_HELD_SHARE = 0.9;

/**
 * Readability's pick, or the page's prose block when the pick starts where
 * the block starts (nothing that reads as prose before it: a label, a
 * caption, a dateline), holds (90% of) it and runs on past its end: what Readability
 * took in after the article's last run of prose (a box of other posts, a
 * promotion, the company's blurb) is left out. A pick that starts with prose
 * before the block keeps its start (a standfirst, an introduction written
 * apart) and stays whole.
 */
export function narrowerBody(picked: ArticleBody | null, block: ArticleBody | null): ArticleBody | null {
  if (!picked || !block) return picked;
  const blockChars = joinParagraphs(block.paragraphs).length;
  const pickedChars = joinParagraphs(picked.paragraphs).length;
  if (blockChars >= pickedChars || blockChars < pickedChars * MIN_NARROW_SHARE) return picked;
  const inPick = new Set(picked.paragraphs);
  const held = block.paragraphs.reduce((sum, paragraph) => sum + (inPick.has(paragraph) ? paragraph.length : 0), 0);
  const blockTextChars = block.paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
  if (held < blockTextChars * NARROW_HELD_SHARE) return picked;
  const inBlock = new Set(block.paragraphs);
  // What the pick holds before the block's first paragraph: labels, a caption, a dateline do not start the article
  // elsewhere; a standfirst, written as prose, does.
  const start = picked.paragraphs.findIndex((paragraph) => inBlock.has(paragraph));
  return start >= 0 && !picked.paragraphs.slice(0, start).some(isProseParagraph) ? block : picked;
}

/** Share of an element's text inside links. */
function linkShare(element: Element): number {
  const total = (element.textContent ?? '').length;
  if (total === 0) return 1;
  let links = 0;
  for (const link of element.querySelectorAll('a')) links += (link.textContent ?? '').length;
  return links / total;
}
