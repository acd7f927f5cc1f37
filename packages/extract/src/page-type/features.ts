/**
 * The page features the page-type classifier reads (classify.ts), gathered
 * in one walk over the parsed page before Readability rewrites it. Every
 * feature is general: declared types, the URL's path words, and counts of
 * structures (prose paragraphs, code blocks, prices, repeated cards, posts).
 */
import { nameWords, namesDisclosureWidget, REPLY_BOX_WORDS } from '../content/class-names.js';
import { proseBlock } from '../content/prose-block.js';
import { hasDenseScript, proseLength } from '../prose-length.js';
import { countWordsByScan } from '../text.js';
import { collapseWhitespace } from '../strings.js';
import type { PageMetadata } from '../metadata/index.js';
import { countWordRuns } from './word-runs.js';

export interface PageFeatures {
  /** schema.org types from JSON-LD and microdata, lower-cased ("newsarticle", "product"). */
  schemaTypes: string[];
  /** og:type, lower-cased, or null. */
  ogType: string | null;
  /** The URL path's words, lower-cased ("/docs/api/v2" -> docs, api, v2). */
  pathWords: string[];
  /** The page's metadata names an author / a publication date (JSON-LD, OpenGraph or classic meta). */
  declaredAuthor: boolean;
  declaredDate: boolean;
  /** A date / a byline is printed around the headline (metadata/headline-area.ts). */
  printedDate: boolean;
  printedByline: boolean;
  /** Path segments (0 for the home page). */
  pathDepth: number;
  /** The path holds a date (/2024/05/ or 2024-05-17). */
  datedPath: boolean;
  /** Words of the path's last segment ("/blog/how-to-rent-a-car" -> 5): an article's slug is its headline. */
  slugWords: number;
  /** The path ends in a word that names a list of pages ("/news", "/blog/", "/category/tips"' last word). */
  pathEndsInListWord: boolean;
  /** Links to pages whose path looks like an article's (a slug of four words or more, or a date): a listing links many. */
  articleLinks: number;
  /** Form fields a reader fills in (text, number, select, textarea; not hidden fields, buttons or a search box): tools, quotes, sign-ups. */
  formFields: number;
  /** <code> runs outside <pre> of any length: documentation names identifiers in its prose. */
  inlineCode: number;
  /** Links to people's profile pages (/user/..., /u/..., /members/...): a thread's posters. */
  userLinks: number;
  /** Words of the page's headline (its <h1>): a story's headline is a sentence, a service page's a name. */
  headlineWords: number;
  /** Text characters inside list items (<li>; a nested item counts again): menus, feature lists and link lists rather than prose. */
  listItemChars: number;
  /** "we", "our", "us" in the text: a business speaking of itself (service and landing pages). */
  firstPersonPlural: number;
  /** Words in the text. */
  words: number;
  /** Phone numbers printed ("(555) 123-4567", "+44 20 7946 0958"): a business asking to be called. */
  phoneNumbers: number;
  /** Links that share the page (Facebook's sharer, a tweet intent, LinkedIn's shareArticle, a mail with a subject). */
  shareLinks: number;
  /** Visible text characters (scripts, styles and templates left out), as they would run in a Latin script (prose-length.ts). */
  textChars: number;
  /** Of which inside links. */
  linkChars: number;
  /** <p> elements holding 120 characters or more, and their characters. */
  longParagraphs: number;
  proseChars: number;
  /** <pre> blocks, plus <code> runs of 40+ characters outside them. */
  codeBlocks: number;
  /** Price-like strings in the text ("$12.99", "12,99 €"). */
  prices: number;
  /** Controls that buy (cart, basket, checkout, quantity). */
  cartControls: number;
  /** Boxes named as posts (post, message, reply, comment, answer) with 100+ characters, not nested in one another. */
  postBlocks: number;
  articleElements: number;
  /** <section> elements (page builders stack a landing page out of them). */
  sections: number;
  /** Calls to action: buttons, and links styled as buttons (class words btn, button, cta). */
  buttons: number;
  /** Share of the long paragraphs' characters that sit under one parent: an article's prose runs in one column. */
  proseConcentration: number;
  timeElements: number;
  /** h2/h3 headings. */
  headings: number;
  /** The largest run of same-shaped siblings that each hold a link (cards of a grid or list). */
  repeatedItems: number;
  /** Of the first of those, how many show a price, an image, a date. */
  repeatedWithPrice: number;
  repeatedWithImage: number;
  repeatedWithDate: number;
  /** The words that say what the page is for, read by the text score (text-score.ts). */
  lead: PageLead;
}

/** The page's own words, as few as tell what it is for: cheap to read, and they rarely depend on the site's markup. */
export interface PageLead {
  /** The <title>. */
  title: string;
  /** The headline (its <h1>), or the <title> when it has none. */
  headline: string;
  /** The meta description. */
  description: string;
  /** The first LEAD_PARAGRAPHS prose paragraphs (PROSE_PARAGRAPH_CHARS or more), whitespace collapsed. */
  paragraphs: string[];
  /** The first LEAD_HEADINGS non-empty h2/h3 headings. */
  headings: string[];
  /**
   * The text of the page's prose block (content/prose-block.ts: the smallest element holding 80% of its long
   * paragraphs outside comment boxes), its first BLOCK_CHARS characters; empty when it has none. What the page's
   * main text talks about, not its menus and footers: a whole page's words were tried and cost article recall.
   */
  block: string;
}

/** A post box with less text than this is an empty template or a button. */
const MIN_POST_CHARS = 20;
/** A <p> of at least this many characters is prose (a long paragraph), not a label or a teaser line. */
export const PROSE_PARAGRAPH_CHARS = 120;
/** How many prose paragraphs and h2/h3 headings the lead keeps. */
const LEAD_PARAGRAPHS = 2;
const LEAD_HEADINGS = 10;
/**
 * Characters of the prose block read: a long article's words at a bounded cost. 20,000 did about as well in
 * cross-validation (article vs not 94.6%, 94.7%, 94.4% against 94.4%, 94.8%, 94.3%) at 0.2 ms a page more, 40,000
 * no better.
 */
const BLOCK_CHARS = 10_000;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe']);
const POST_WORDS = new Set(['post', 'posts', 'message', 'reply', 'replies', 'comment', 'answer', 'postbody', 'messagecontent']);
const BUTTON_WORDS = new Set(['btn', 'button', 'cta']);
const CART_WORDS = /\b(?:add[\s_-]?to[\s_-]?(?:cart|bag|basket)|checkout|buy[\s_-]?now|quantity|qty)\b/i;
const PRICE = /(?:[$€£¥₹]\s?\d{1,6}(?:[.,]\d{2})?(?!\d)|\b\d{1,6}(?:[.,]\d{2})?\s?(?:€|£|\$|USD|EUR|GBP|CHF|zł|kr|Kč)(?![\p{L}\d]))/gu;
/**
 * PRICE without the global flag, for `test` (which then keeps no position), made once: an
 * expression made per test is compiled again whenever a garbage collection has emptied V8's
 * cache of compiled expressions, and the letter class makes that costly.
 */
const ONE_PRICE = new RegExp(PRICE.source, 'u');
const DATED_PATH = /(?:^|\/)(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)/;
/** Words that name a list of pages when a path ends in them. */
const LIST_WORDS = new Set(['news', 'blog', 'blogs', 'articles', 'posts', 'stories', 'category', 'categories', 'tag', 'tags', 'archive', 'archives', 'latest', 'insights', 'resources', 'press', 'events', 'updates', 'magazine', 'topics', 'library']);
const USER_PAGE = /\/(?:u|user|users|member|members|profile|profiles)\/[^/?#]+/i;
const FIRST_PERSON_PLURAL = /\b(?:we|our|us|we're|we've|ours)\b/gi;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g;
const SHARE_HREF = /facebook\.com\/sharer|twitter\.com\/(?:intent\/tweet|share)|x\.com\/intent|linkedin\.com\/share|pinterest\.[a-z]+(?:\.[a-z]+)?\/pin\/create|reddit\.com\/submit|^mailto:\?/i;
const FIELD_TYPES_SKIPPED = new Set(['hidden', 'submit', 'button', 'search', 'image', 'reset']);
const DATE_TEXT = /\b(?:\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})\b/i;

interface WalkState {
  features: PageFeatures;
  text: string[];
  inLink: boolean;
  inPre: boolean;
  inPost: boolean;
  /** Inside a box named as comments or replies. */
  inComments: boolean;
  /** The element whose children made the largest repeated group so far. */
  bestGroup: Element[];
  /** Characters of long paragraphs by parent element. */
  proseByParent: Map<Element, number>;
  /** The same, leaving out paragraphs inside boxes named as comments or replies (an article's comments are not its text). */
  storyProseByParent: Map<Element, number>;
  /** Boxes named as posts with their characters (a thread's posts; a first post may be one line). */
  posts: Map<Element, number>;
  /** Elements with an itemtype attribute below the body, in document order (as `body.querySelectorAll('[itemtype]')`). */
  itemTyped: Element[];
  /** Elements named as parts of disclosure widgets (namesDisclosureWidget), for readability.ts. */
  disclosures: Element[];
}

/** Reads the features of a parsed page; run it before anything removes parts of the page. */
export function readPageFeatures(document: Document, url: string, metadata: PageMetadata): PageFeatures {
  return readPageStructure(document, url, metadata).features;
}

/**
 * The features plus where the page's prose sits (characters of long paragraphs by their parent element), its
 * posts, and the parts of its disclosure widgets (readability.ts shows their collapsed panels to Readability).
 */
export function readPageStructure(
  document: Document,
  url: string,
  metadata: PageMetadata,
): { features: PageFeatures; storyProseByParent: Map<Element, number>; posts: Map<Element, number>; disclosures: Element[] } {
  const path = pathOf(url);
  const features: PageFeatures = {
    schemaTypes: [...metadata.jsonLd.types],
    ogType: metadata.openGraph.type?.toLowerCase() ?? null,
    pathWords: path.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean),
    declaredAuthor: (metadata.jsonLd.article?.authors.length ?? 0) > 0 || metadata.openGraph.authors.length > 0 || metadata.meta.authors.length > 0,
    declaredDate: Boolean(metadata.jsonLd.article?.datePublished ?? metadata.openGraph.publishedTime),
    printedDate: metadata.document.datelines.length > 0,
    printedByline: metadata.document.bylines.length > 0,
    pathDepth: path.split('/').filter(Boolean).length,
    datedPath: DATED_PATH.test(path),
    slugWords: slugWordsOf(path),
    pathEndsInListWord: LIST_WORDS.has(lastSegment(path).toLowerCase()),
    articleLinks: 0,
    formFields: 0,
    shareLinks: 0,
    inlineCode: 0,
    userLinks: 0,
    headlineWords: headlineWordsOf(metadata.document.h1),
    listItemChars: 0,
    firstPersonPlural: 0,
    words: 0,
    phoneNumbers: 0,
    textChars: 0,
    linkChars: 0,
    longParagraphs: 0,
    proseChars: 0,
    codeBlocks: 0,
    prices: 0,
    cartControls: 0,
    postBlocks: 0,
    articleElements: 0,
    sections: 0,
    buttons: 0,
    proseConcentration: 0,
    timeElements: 0,
    headings: 0,
    repeatedItems: 0,
    repeatedWithPrice: 0,
    repeatedWithImage: 0,
    repeatedWithDate: 0,
    lead: {
      title: document.title ?? '',
      headline: metadata.document.h1 ?? document.title ?? '',
      description: metadata.meta.description ?? '',
      paragraphs: [],
      headings: [],
      block: '',
    },
  };
  const body = document.body;
  if (!body) return { features, storyProseByParent: new Map(), posts: new Map(), disclosures: [] };
  const state: WalkState = { features, text: [], inLink: false, inPre: false, inPost: false, inComments: false, bestGroup: [], proseByParent: new Map(), storyProseByParent: new Map(), posts: new Map(), itemTyped: [], disclosures: [] };
  walk(body, state);
  const mostProse = Math.max(0, ...state.proseByParent.values());
  features.proseConcentration = features.proseChars > 0 ? mostProse / features.proseChars : 0;
  const allText = state.text.join(' ');
  features.prices = allText.match(PRICE)?.length ?? 0;
  // Chinese and Japanese leave no space between words: there the record's count, a word per character, says how much was
  // written (without the dictionary the record uses for Thai, too slow for a whole page).
  features.words = hasDenseScript(allText) ? countWordsByScan(allText) : countWordRuns(allText);
  features.firstPersonPlural = allText.match(FIRST_PERSON_PLURAL)?.length ?? 0;
  features.phoneNumbers = allText.match(PHONE)?.length ?? 0;
  const group = state.bestGroup.slice(0, 24);
  features.repeatedWithPrice = group.filter((item) => ONE_PRICE.test(item.textContent ?? '')).length;
  features.repeatedWithImage = group.filter((item) => item.querySelector('img, picture')).length;
  features.repeatedWithDate = group.filter((item) => item.querySelector('time') || DATE_TEXT.test(item.textContent ?? '')).length;
  const types = new Set(features.schemaTypes);
  for (const element of state.itemTyped) {
    for (const type of (element.getAttribute('itemtype') ?? '').split(/\s+/)) {
      const short = type.split(/[/:#]/).pop()?.toLowerCase();
      if (short) types.add(short);
    }
  }
  features.schemaTypes = [...types];
  const block = proseBlock(state.storyProseByParent, body);
  features.lead.block = block ? visibleText(block, BLOCK_CHARS) : '';
  return { features, storyProseByParent: state.storyProseByParent, posts: state.posts, disclosures: state.disclosures };
}

/** The headline's words: its space-separated parts, or for Chinese and Japanese, which leave no spaces, the record's word count. */
function headlineWordsOf(headline: string | null | undefined): number {
  if (headline == null) return 0;
  return hasDenseScript(headline) ? countWordsByScan(headline) : headline.split(/\s+/).length;
}

/**
 * The first `limit` characters of the text under `element`, its text nodes joined by spaces (a heading and the
 * paragraph after it are two words even when no space separates their tags), scripts and styles left out.
 */
function visibleText(element: Element, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (parent: Element): void => {
    for (let node = parent.firstChild; node && length < limit; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const value = node.nodeValue ?? '';
        parts.push(value);
        length += value.length + 1;
      } else if (node.nodeType === 1 && !SKIPPED.has((node as Element).localName.toLowerCase())) visit(node as Element);
    }
  };
  visit(element);
  return parts.join(' ').slice(0, limit);
}

/** Returns the text characters under `element`, counting features on the way. */
function walk(element: Element, state: WalkState): number {
  const { features } = state;
  const tag = element.localName.toLowerCase();
  if (SKIPPED.has(tag)) {
    // The walk skips these, a selector does not (except inside a <template>): their typed items are still the page's.
    if (tag !== 'template') for (const typed of element.querySelectorAll('[itemtype]')) state.itemTyped.push(typed);
    return 0;
  }
  // Restored on the way out; locals rather than an object allocated for every element of the page.
  const { inLink, inPre, inPost, inComments } = state;
  if (tag === 'a') {
    state.inLink = true;
    noteLink(element.getAttribute('href'), features);
  }
  if ((tag === 'input' && !FIELD_TYPES_SKIPPED.has((element.getAttribute('type') ?? 'text').toLowerCase())) || tag === 'select' || tag === 'textarea') features.formFields += 1;
  if (tag === 'pre') {
    features.codeBlocks += 1;
    state.inPre = true;
  }
  if (tag === 'article') features.articleElements += 1;
  if (tag === 'section') features.sections += 1;
  const words = nameWords(element);
  if (words.length > 0 && namesDisclosureWidget(words)) state.disclosures.push(element);
  if (tag === 'button' || (tag === 'a' && words.some((word) => BUTTON_WORDS.has(word)))) features.buttons += 1;
  if (tag === 'time') features.timeElements += 1;
  if (tag === 'h2' || tag === 'h3') features.headings += 1;
  if (isCartControl(element, tag)) features.cartControls += 1;
  const postNamed = !state.inPost && words.some((word) => POST_WORDS.has(word));
  if (!state.inComments && words.some((word) => REPLY_BOX_WORDS.has(word))) state.inComments = true;
  if (postNamed) state.inPost = true;

  let chars = 0;
  let elementChildren = 0;
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      const trimmed = proseLength(value.trim());
      if (trimmed === 0) continue;
      chars += trimmed;
      features.textChars += trimmed;
      if (state.inLink) features.linkChars += trimmed;
      state.text.push(value);
    } else if (node.nodeType === 1) {
      elementChildren += 1;
      // Noted here rather than in walk(): the body's own itemtype is not below it.
      if ((node as Element).hasAttribute('itemtype')) state.itemTyped.push(node as Element);
      chars += walk(node as Element, state);
    }
  }

  if (tag === 'li') features.listItemChars += chars;
  if (tag === 'p' && chars >= PROSE_PARAGRAPH_CHARS) {
    features.longParagraphs += 1;
    features.proseChars += chars;
    const parent = element.parentElement;
    if (parent) state.proseByParent.set(parent, (state.proseByParent.get(parent) ?? 0) + chars);
    if (parent && !state.inComments) state.storyProseByParent.set(parent, (state.storyProseByParent.get(parent) ?? 0) + chars);
    if (features.lead.paragraphs.length < LEAD_PARAGRAPHS) features.lead.paragraphs.push(collapseWhitespace(element.textContent ?? ''));
  }
  if ((tag === 'h2' || tag === 'h3') && chars > 0 && features.lead.headings.length < LEAD_HEADINGS) features.lead.headings.push(collapseWhitespace(element.textContent ?? ''));
  if (tag === 'code' && !state.inPre) {
    features.inlineCode += 1;
    if (chars >= 40) features.codeBlocks += 1;
  }
  if (postNamed && chars >= MIN_POST_CHARS) state.posts.set(element, chars);
  if (postNamed && chars >= 100) features.postBlocks += 1;
  if (elementChildren >= 4) noteRepeatedChildren(element, state);
  state.inLink = inLink;
  state.inPre = inPre;
  state.inPost = inPost;
  state.inComments = inComments;
  return chars;
}

/** Notes the largest group of `element`'s children (repeatedGroup) if it is larger than the page's largest so far. */
function noteRepeatedChildren(element: Element, state: WalkState): void {
  const group = repeatedGroup(element, state.features.repeatedItems);
  if (group === null) return;
  state.features.repeatedItems = group.length;
  state.bestGroup = group;
}

/** The page's largest group of items (repeatedGroup) under `root`, as the features' walk finds it; null when it has none. */
export function largestRepeatedGroup(root: Element): Element[] | null {
  let best: Element[] | null = null;
  const visit = (element: Element): void => {
    if (SKIPPED.has(element.localName.toLowerCase())) return;
    // Children first, as the walk notes them: of two groups as large, the same one wins.
    for (const child of element.children) visit(child);
    if (element.children.length >= MIN_GROUP_ITEMS) best = repeatedGroup(element, best?.length ?? 0) ?? best;
  };
  visit(root);
  return best;
}

/** A group of cards has at least this many members. */
const MIN_GROUP_ITEMS = 4;

/**
 * The largest group of `element`'s children that reads as a list of items
 * (cards of a grid, rows of a listing) and has more than `moreThan`
 * members, else null: children grouped by tag and first class, at least
 * four, nearly all holding a link, and most carrying more than their link
 * (40 characters or an image; a menu of bare links is navigation).
 */
export function repeatedGroup(element: Element, moreThan: number): Element[] | null {
  const groups = new Map<string, Element[]>();
  for (const child of element.children) {
    const tag = child.localName.toLowerCase();
    if (SKIPPED.has(tag) || tag === 'br' || tag === 'option') continue;
    const key = `${tag}.${firstWord(child.getAttribute('class') ?? '')}`;
    const group = groups.get(key);
    if (group) group.push(child);
    else groups.set(key, [child]);
  }
  let best: Element[] | null = null;
  for (const group of groups.values()) {
    if (group.length <= Math.max(moreThan, best?.length ?? 0) || group.length < MIN_GROUP_ITEMS) continue;
    const linked = group.filter((child) => child.localName.toLowerCase() === 'a' || child.querySelector('a')).length;
    if (linked < group.length * 0.8) continue;
    // A menu of bare links is navigation, not a list of items: an item carries more than its link.
    const withMore = group.slice(0, 12).filter((child) => (child.textContent ?? '').trim().length >= 40 || child.querySelector('img, picture')).length;
    if (withMore < Math.min(group.length, 12) * 0.5) continue;
    best = group;
  }
  return best;
}

/** `value.trim().split(/\s+/)[0]` without the array: the text up to the first whitespace once trimmed. */
function firstWord(value: string): string {
  const trimmed = value.trim();
  const end = trimmed.search(/\s/);
  return end < 0 ? trimmed : trimmed.slice(0, end);
}

function isCartControl(element: Element, tag: string): boolean {
  if (tag !== 'button' && tag !== 'input' && tag !== 'form' && tag !== 'select') return false;
  const described = `${element.getAttribute('name') ?? ''} ${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''} ${element.getAttribute('action') ?? ''} ${element.getAttribute('value') ?? ''} ${tag === 'button' ? (element.textContent ?? '').slice(0, 60) : ''}`;
  return CART_WORDS.test(described.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/** Counts a link to a person's page, to an article-like page, or one that shares the page. */
function noteLink(href: string | null, features: PageFeatures): void {
  if (!href) return;
  if (USER_PAGE.test(href)) features.userLinks += 1;
  if (SHARE_HREF.test(href)) {
    features.shareLinks += 1;
    return;
  }
  const withoutHost = href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const end = withoutHost.search(/[?#]/);
  const path = end >= 0 ? withoutHost.slice(0, end) : withoutHost;
  if (slugWordsOf(path) >= 4 || DATED_PATH.test(path)) features.articleLinks += 1;
}

const SLASH = 0x2f;

/**
 * The path's last non-empty segment less a file extension ("/blog/post.html/" -> "post"). Read by
 * position rather than by splitting: the walk asks it of every link's path.
 */
export function lastSegment(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end -= 1;
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end).replace(/\.[a-z0-9]{2,5}$/i, '');
}

/** Hyphen, underscore, dot and plus: what separates a slug's words. */
const SLUG_SEPARATORS = new Set([0x2d, 0x5f, 0x2e, 0x2b]);
const LETTER = /\p{L}/u;

/**
 * Words in a path's last segment, separated by hyphens, underscores, dots or plus signs (those
 * with a letter count). One scan of the segment rather than an array of its words.
 */
export function slugWordsOf(path: string): number {
  const segment = lastSegment(path);
  let count = 0;
  let start = 0;
  for (let i = 0; i <= segment.length; i += 1) {
    if (i < segment.length && !SLUG_SEPARATORS.has(segment.charCodeAt(i))) continue;
    if (i > start && LETTER.test(segment.slice(start, i))) count += 1;
    start = i + 1;
  }
  return count;
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return '';
  }
}
