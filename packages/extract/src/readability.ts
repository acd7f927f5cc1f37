import { Readability } from '@mozilla/readability';
import { classWords, namesDisclosureWidget, namesHeadingFurniture } from './content/class-names.js';
import { nextElementInOrder, roleOf, SECTION_HEADINGS, tagOf, textOf } from './content/dom-measure.js';
import { isQuestion } from './content/questions.js';
import { proseLength } from './prose-length.js';
import { isHiddenByStyle, NOTHING_HIDDEN, type StyleHidden } from './style-hidden.js';

/** What this package takes from Readability. */
export interface ReadabilityOutcome {
  /** The article body element, still attached to the parsed document; null when nothing was found. */
  content: Element | null;
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
}

/**
 * Runs Readability on a parsed page. It rewrites the document, so read the
 * metadata first. The body comes back as an element (not a string) so the
 * furniture cleaner can work on the tree before anything is serialised.
 * `disclosures`: the parts of disclosure widgets, when a walk of the page
 * has found them (page-type/features.ts); else every element with a class
 * is looked at.
 */
export function runReadability(document: Document, disclosures?: Iterable<Element>): ReadabilityOutcome {
  const restoreHeadingNames = document.body ? hideSectionHeadingNames(document.body) : null;
  const restorePanelStates = hideCollapsedPanelStates(disclosures ?? document.body?.querySelectorAll('[class]') ?? []);
  const reader = new Readability<Element>(document, {
    // The element itself: serialising and re-parsing would double the cost.
    serializer: (node) => node as Element,
    // Class names tell captions and furniture apart (content/*); the sanitiser drops them afterwards.
    keepClasses: true,
    // Its lengths as a Latin script would run (patched in): a paragraph under 25 is not scored, and under 500 in all it tries
    // again with less cleaning, parsing the page anew, and keeps the longest try. By characters, the one-sentence paragraphs
    // of a Chinese story counted for nothing (its sidebar won), and a short one paid four passes to come back uncleaned.
    textLength: proseLength,
  });
  const article = reader.parse();
  restorePanelStates();
  restoreHeadingNames?.();
  return {
    content: article?.content ?? null,
    title: article?.title ?? null,
    byline: article?.byline ?? null,
    publishedTime: article?.publishedTime ?? null,
  };
}

/** The expressions Readability judges class and id strings by (its own, not copies). */
const {
  unlikelyCandidates: UNLIKELY,
  okMaybeItsACandidate: OK_MAYBE,
  negative: NEGATIVE,
  positive: POSITIVE,
} = (Readability.prototype as unknown as { REGEXPS: Record<'unlikelyCandidates' | 'okMaybeItsACandidate' | 'negative' | 'positive', RegExp> }).REGEXPS;

/**
 * Whether Readability drops a section heading for its class or id, as it
 * judges them: an "unlikely" part in them without an "ok maybe" one
 * (`_grabArticle`), or, for an <h2>, a negative class weight (`_cleanHeaders`).
 */
function readabilityMayDrop(tag: string, className: string | null, id: string | null): boolean {
  const names = `${className ?? ''} ${id ?? ''}`;
  if (UNLIKELY.test(names) && !OK_MAYBE.test(names)) return true;
  return tag === 'h2' && classWeight(className) + classWeight(id) < 0;
}

/** Readability's weight of a class or id string (`_getClassWeight`, one half): -25 negative, +25 positive, both 0. */
function classWeight(name: string | null): number {
  if (!name) return 0;
  return (NEGATIVE.test(name) ? -25 : 0) + (POSITIVE.test(name) ? 25 : 0);
}

/** A paragraph this long after a heading's wrapper makes it a section's heading. */
const MIN_SECTION_PARAGRAPH_CHARS = 80;

/** Whether the element after `box` is, or opens with, a paragraph of prose. */
function introducesProse(box: Element): boolean {
  const next = box.nextElementSibling;
  const paragraph = next && (tagOf(next) === 'p' ? next : next.querySelector('p'));
  return (paragraph?.textContent ?? '').trim().length >= MIN_SECTION_PARAGRAPH_CHARS;
}

/** Wrappers of a section heading looked at, from its parent up. */
const MAX_HEADING_WRAPPERS = 2;
/** Text a heading's wrapper may hold besides the heading (a time, a short label) and still be only its wrapper. */
const MAX_WRAPPER_EXTRA_CHARS = 40;
/** Elements a heading's wrapper may hold (the heading, a time, a label). */
const MAX_WRAPPER_CHILDREN = 3;

/**
 * Readability removes, before it scores anything, every element whose
 * class or id contains one of its "unlikely" parts anywhere and no "ok
 * maybe" one, section headings too: `<h2 class="header-anchor-post">`
 * (every Substack heading), `<h3 class="section-header">`,
 * `<h2 class="has-extra-large-font-size">`; and, once it has picked, an
 * <h2> whose class and id weigh negative (`id="what-share-of-adolescents"`,
 * `class="... metadata"`).
 * Hides such a section heading's class and id from it, and its wrapper's
 * when the wrapper holds little else (`<div class="section-header"><h2>`),
 * unless the class names the heading furniture by a whole word
 * ("related-posts-title" still goes); the returned function puts them back for the furniture rules
 * (content/class-names.ts) to read. A retry re-parses the page, so headings
 * it keeps then come without their names.
 */
export function hideSectionHeadingNames(root: Element): () => void {
  const hidden: { element: Element; className: string | null; id: string | null }[] = [];
  const hide = (element: Element, tag: string): void => {
    const className = element.getAttribute('class');
    const id = element.getAttribute('id');
    if (!readabilityMayDrop(tag, className, id) || namesHeadingFurniture(className)) return;
    hidden.push({ element, className, id });
    element.removeAttribute('class');
    element.removeAttribute('id');
  };
  for (const heading of root.querySelectorAll(SECTION_HEADINGS)) {
    hide(heading, tagOf(heading));
    // Its wrapper too, when the wrapper holds little but the heading (a time, a label): `<div class="section-header"><h2>`,
    // a live blog's `<header class="post__header"><time>...<h3>`. Judged as a box is, not as an <h2>.
    const headingChars = (heading.textContent ?? '').trim().length;
    for (let box = heading.parentElement, level = 0; box && box !== root && level < MAX_HEADING_WRAPPERS; box = box.parentElement, level += 1) {
      // Few children first: measuring the text of a container that holds the whole story, once per heading, would cost.
      if (box.children.length > MAX_WRAPPER_CHILDREN || (box.textContent ?? '').trim().length > headingChars + MAX_WRAPPER_EXTRA_CHARS) break;
      if (box.querySelectorAll(SECTION_HEADINGS).length > 1) break;
      // A section's heading: prose follows it. A rail's or a box's ("Most read in world news") has links under it.
      if (!introducesProse(box)) break;
      hide(box, 'div');
    }
  }
  return () => {
    for (const { element, className, id } of hidden) {
      if (className !== null) element.setAttribute('class', className);
      if (id !== null) element.setAttribute('id', id);
    }
  };
}

/** Class words of navigation, whose collapsed panels are menus, not part of the page's text. */
const MENU_WORD = /nav|menu|dropdown|drawer|offcanvas|modal|popup|popover|tooltip|cookie|consent/i;
/**
 * A class token that says an element is collapsed for now ("hidden", "kt-accordion-panel-hidden",
 * "is-collapsed"): a state a click changes. The token must end in the state word, so one scoped to a
 * breakpoint or a variant ("md:hidden", "hidden-mobile"), where the element is hidden on some screens
 * only, is not one; nor is a screen-reader-only name ("visually-hidden") or an overflow rule (NOT_A_STATE).
 */
const COLLAPSED_STATE = /^(?:[a-z0-9]+(?:[-_]+[a-z0-9]+)*[-_]+)?(?:hidden|collapsed|closed)$/i;
/** A class token naming the widget's header part or its layout ("kt-pane-header-alignment-left"), which Readability takes for a page header. */
const WIDGET_HEADER = /(?:^|[-_])header(?:$|[-_])/i;
const NOT_A_STATE = /visually|screen-?reader|overflow/i;

/**
 * Readability weighs a class or id with "hidden" in it as negative, and so
 * drops the collapsed panels of accordions, FAQs and tabs
 * (`kt-accordion-panel kt-accordion-panel-hidden`, `cmp-accordion__panel
 * cmp-accordion__panel--hidden`, `fx-tab-content fx-tab-content--hidden`),
 * whose text is the page's, one click away, and takes a widget's header part
 * (`kt-pane-header-alignment-left`) for a page header, an unlikely
 * candidate. Hides those words of the `candidates`' classes from it (the
 * rest stays); the returned function puts them back. Menus and overlays
 * (`in-collapsed-nav hidden`) keep theirs. A retry re-parses the page, so
 * what a retry keeps comes without those words (as hideSectionHeadingNames).
 */
export function hideCollapsedPanelStates(candidates: Iterable<Element>): () => void {
  const changed: { element: Element; className: string }[] = [];
  for (const element of candidates) {
    const className = element.getAttribute('class') ?? '';
    // The class's own words: an id naming the widget (`id="accordion-heading-1" class="card-header"`) does not make its class a part's.
    if (!namesDisclosureWidget(classWords(className)) || MENU_WORD.test(className)) continue;
    const tokens = className.split(/\s+/).filter(Boolean);
    const kept = tokens.filter((token) => !(COLLAPSED_STATE.test(token) && !NOT_A_STATE.test(token)) && !WIDGET_HEADER.test(token));
    if (kept.length === tokens.length) continue;
    changed.push({ element, className });
    element.setAttribute('class', kept.join(' '));
  }
  return () => {
    for (const { element, className } of changed) element.setAttribute('class', className);
  };
}

/**
 * Elements that never hold the article, removed before Readability walks the
 * page: hidden ones (Readability drops them too, one style lookup per node
 * later), <nav>, <aside> and <footer>, which it removes from its pick anyway
 * (content/furniture.ts removes <nav>), and the page's <header> (not an
 * article's, which holds the byline). Fewer nodes make every
 * one of its passes cheaper; the choice of the article is unchanged or better,
 * as navigation links no longer dilute a container's score.
 * `showCollapsedPanels`: disclosure panels hidden by attribute are shown
 * instead (isCollapsedPanel), for page types whose text they hold.
 * `controls`: the page's elements carrying aria-controls, when the caller
 * has them already (metadata/index.ts queryPageElements).
 */
export function pruneForReadability(
  document: Document,
  {
    showCollapsedPanels = false,
    styleHidden = NOTHING_HIDDEN,
    controls,
  }: { showCollapsedPanels?: boolean; styleHidden?: StyleHidden; controls?: Iterable<Element> } = {},
): void {
  const body = document.body;
  if (!body) return;
  // One walk in document order that steps over what it removes: the elements the selector
  // 'nav, aside, footer, header, [hidden], [aria-hidden="true"]' lists, each judged on the page as
  // the earlier removals left it, without a second check that it is still in the page.
  const answers = showCollapsedPanels ? answerPanelIds(controls ?? body.querySelectorAll('[aria-controls]')) : NO_IDS;
  let element = body.firstElementChild;
  while (element) {
    // A panel hidden by the page's stylesheet is shown as one hidden by attribute is.
    const shownPanel = showCollapsedPanels && isCollapsedPanel(element, styleHidden, answers);
    if (shownPanel) {
      element.removeAttribute('hidden');
      element.removeAttribute('aria-hidden');
    }
    const remove = (isPrunable(element) || (!shownPanel && isHiddenByStyle(element, styleHidden))) && !keepsArticle(element);
    // Template content is not part of the page (selectors do not look inside it either).
    const next = nextElementInOrder(element, body, remove || tagOf(element) === 'template');
    if (remove) element.remove();
    element = next;
  }
}

const PRUNED_TAGS = new Set(['nav', 'aside', 'footer', 'header']);

function isPrunable(element: Element): boolean {
  return PRUNED_TAGS.has(tagOf(element)) || element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true';
}

/** Phrasing elements: a hidden one is an icon or a second wording of a line, not a panel. */
const INLINE_TAGS = new Set(['span', 'a', 'svg', 'i', 'b', 'em', 'strong', 'img', 'button', 'label', 'small']);

/**
 * A disclosure widget's panel hidden by attribute until a click (`<div
 * class="faq-answer" hidden>`, `<div role="tabpanel" aria-hidden="true">`):
 * named as a widget's part or a tab panel, a block, not a menu or an
 * overlay, and no filter (a panel of form fields is a shop's facet list);
 * or, whatever its names, the answer a question's control points to
 * (`answers`, answerPanelIds).
 */
function isCollapsedPanel(element: Element, styleHidden: StyleHidden, answers: ReadonlySet<string>): boolean {
  if (!element.hasAttribute('hidden') && element.getAttribute('aria-hidden') !== 'true' && !isHiddenByStyle(element, styleHidden)) return false;
  if (INLINE_TAGS.has(tagOf(element))) return false;
  if (answers.size > 0 && answers.has(element.getAttribute('id') ?? '')) return true;
  const className = element.getAttribute('class') ?? '';
  if (!namesDisclosureWidget(classWords(className)) && roleOf(element) !== 'tabpanel' && !followsCollapsedControl(element)) return false;
  return !MENU_WORD.test(className) && element.querySelector('input, select') === null;
}

/**
 * The panel of prose a collapsed control just before it opens, by WAI-ARIA's
 * disclosure pattern whatever the classes say: `<button aria-expanded="false">
 * Continue reading</button><div hidden><p>...` (the control's aria-controls,
 * when it has one, naming the panel).
 */
function followsCollapsedControl(element: Element): boolean {
  const control = element.previousElementSibling;
  if (control?.getAttribute('aria-expanded') !== 'false') return false;
  const named = control.getAttribute('aria-controls');
  if (named && !named.split(/\s+/).includes(element.getAttribute('id') ?? '')) return false;
  return element.querySelector('p') !== null;
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The ids of the panels that a question opens: an FAQ's accordion marks
 * each question's control with `aria-controls` naming its answer (WAI-ARIA's
 * disclosure pattern), whatever the classes say (`rah-static
 * rah-static--height-zero`). A control whose whole text is a question opens
 * an answer, not a menu.
 */
function answerPanelIds(controls: Iterable<Element>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const control of controls) {
    const named = control.getAttribute('aria-controls');
    if (!named || !isQuestion(textOf(control))) continue;
    for (const id of named.split(/\s+/)) if (id) ids.add(id);
  }
  return ids;
}

/** A box that holds the article, or the article's own header (which holds its byline, which Readability reads). */
function keepsArticle(element: Element): boolean {
  if (element.querySelector('article, main')) return true;
  return tagOf(element) === 'header' && (element.closest('article, main') !== null || element.querySelector('h1') !== null);
}
