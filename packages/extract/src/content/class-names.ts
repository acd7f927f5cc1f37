import { proseLength } from '../prose-length.js';
import { HEADING_TAGS, linkDensity, SECTION_HEADING_TAGS, tagOf, textOf } from './dom-measure.js';

/**
 * Boxes whose class or id says what they are: a byline, a share bar, a
 * newsletter sign-up, a "related" list, a photo gallery. Readability uses
 * such names only to weigh candidates, so a box inside the winning container
 * survives it. Class names are written by developers and are English words
 * on sites in every language, so the rule is language-neutral; it looks at
 * whole words of the name ("share-bar", "shareBar", "social_share"), never
 * at substrings ("shareholders").
 */

/** Words that name page furniture wherever they appear in a class or id. */
export const FURNITURE_WORDS = new Set([
  // The article's own header: headline, byline, dateline, standfirst.
  'header',
  'headline',
  'byline',
  'dateline',
  'timestamp',
  'dek',
  'standfirst',
  'kicker',
  'eyebrow',
  // Navigation and page chrome.
  'nav',
  'navbar',
  'subnav',
  'menu',
  'breadcrumb',
  'breadcrumbs',
  'sidebar',
  'toolbar',
  'print',
  'pagination',
  // Calls to action and boxes about other pages.
  'share',
  'sharing',
  'social',
  'newsletter',
  'newsletters',
  'signup',
  'subscribe',
  'subscription',
  'promo',
  'cta',
  'related',
  'recommended',
  'recirculation',
  'outbrain',
  'taboola',
  'comments',
  'disqus',
  'tags',
  'bio',
  // A forum post's signature: the poster's standing footer, repeated under every post.
  'signature',
  'copyright',
  'disclaimer',
  // Picture galleries and slideshows: captions and counters, not prose.
  'gallery',
  'slideshow',
  'carousel',
]);

/**
 * Words that name a link drawn as a button: a call to action ("Get a quote",
 * "Buy now at ...", "Create free profile", "Read more"), never a line of the
 * story. Only links are judged by them: a box named "buttons" may hold more.
 */
const BUTTON_WORDS = new Set(['button', 'btn', 'cta']);
/** A button's label is a few words. */
const MAX_BUTTON_CHARS = 60;

/** Phrasing elements a button may sit in; the block around them is its line. */
const INLINE_WRAPPERS = new Set(['span', 'strong', 'b', 'em', 'i', 'small', 'font']);
/** Text beside a line's links that still leaves it a line of buttons (a separator, a bullet). */
const MAX_TEXT_BESIDE_BUTTONS = 3;

/**
 * A short link named as a button standing on a line of its own, or among
 * other links only ("Shop men's | Shop women's"): a button inside a sentence
 * is part of what the sentence says.
 */
function isButtonLine(link: Element): boolean {
  const text = textOf(link);
  if (text.length > MAX_BUTTON_CHARS) return false;
  let line = link.parentElement;
  while (line && INLINE_WRAPPERS.has(tagOf(line))) line = line.parentElement;
  if (!line) return true;
  const lineText = textOf(line).length;
  if (lineText > MAX_BUTTON_CHARS * 4) return false;
  let linked = 0;
  for (const other of line.querySelectorAll('a')) linked += textOf(other).length;
  return lineText - linked <= MAX_TEXT_BESIDE_BUTTONS;
}

/** A box this large is a layout wrapper that happens to carry such a name, not furniture. */
const MAX_SHARE_OF_TEXT = 0.3;
/** Prose paragraphs a furniture box may hold: a teaser or two, never a run of the story. */
const MAX_PROSE_PARAGRAPHS = 2;
const PROSE_PARAGRAPH_CHARS = 150;

/**
 * Words by raw class-and-id string: a page repeats the same few names on
 * hundreds of elements, and the page-type walk asks for every element's.
 * Emptied when full, so that it stays small over a long run.
 */
const wordsByName = new Map<string, readonly string[]>();
const MAX_REMEMBERED_NAMES = 10_000;
const NO_WORDS: readonly string[] = [];

/** Words that name a disclosure widget (its panel shows on a click): accordions, collapsibles, tabs, FAQs. */
const DISCLOSURE_WORDS = new Set(['accordion', 'accordions', 'collapse', 'collapsible', 'collapsed', 'faq', 'faqs', 'tabpanel', 'tabcontent', 'tabpane', 'disclosure', 'expandable']);
const TAB_PART_WORDS = new Set(['content', 'pane', 'panel']);

/** Whether class-and-id words (nameWords) name a part of a disclosure widget: "kt-accordion-panel", "fx-tab-content". */
export function namesDisclosureWidget(words: readonly string[]): boolean {
  return words.some((word) => DISCLOSURE_WORDS.has(word)) || (words.includes('tab') && words.some((word) => TAB_PART_WORDS.has(word)));
}

/** The words of an element's class and id: "ArticleHeader share_bar-top" -> article, header, share, bar, top. */
export function nameWords(element: Element): readonly string[] {
  return wordsOfNames(element.getAttribute('class'), element.getAttribute('id'));
}

/**
 * The words that name what `element` is, for the furniture rules: a
 * heading's id is left out. A heading's id is its anchor, written from its
 * own text ("#why-use-social-sharing") by the page's editor or CMS, not a
 * name a developer gave the box: a section about sharing is the story's.
 */
function furnitureNameWords(element: Element): readonly string[] {
  return wordsOfNames(element.getAttribute('class'), HEADING_TAGS.has(tagOf(element)) ? null : element.getAttribute('id'));
}

/** The words of a class attribute alone (nameWords without the id). */
export function classWords(className: string | null): readonly string[] {
  return wordsOfNames(className, null);
}

function wordsOfNames(className: string | null, id: string | null): readonly string[] {
  // Most named elements have a class and no id: the attribute's own string is the key then, its hash
  // already known, rather than a new string joined for every element. "a b " has the words of "a b".
  if (id === null) return className === null ? NO_WORDS : wordsOf(className);
  return wordsOf(`${className ?? ''} ${id}`);
}

function wordsOf(raw: string): readonly string[] {
  let words = wordsByName.get(raw);
  if (!words) {
    const named = withoutUtilityClasses(raw);
    words = asciiWords(named) ?? unicodeWords(named);
    if (wordsByName.size >= MAX_REMEMBERED_NAMES) wordsByName.clear();
    wordsByName.set(raw, words);
  }
  return words;
}

/**
 * A class name with a colon or a bracket is a utility framework's (Tailwind's
 * `print:break-inside-avoid`, `md:hidden`, `[&>*+*]:mt-5`): a style for a
 * medium, a screen size or a state, not a name for what the box is. A
 * developer's own names never hold one (a selector must escape it), so such
 * names are left out: "print" in `print:break-inside-avoid` is no print button.
 */
function withoutUtilityClasses(raw: string): string {
  if (!raw.includes(':') && !raw.includes('[')) return raw;
  return raw
    .split(/\s+/)
    .filter((name) => !name.includes(':') && !name.includes('['))
    .join(' ');
}

/** The words of any name: camelCase split where a lower-case letter meets an upper-case one, runs of a-z and 0-9 kept. */
function unicodeWords(raw: string): string[] {
  return raw
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1);
}

/**
 * unicodeWords of an ASCII name in one scan, about twice as fast (a page
 * brings a few hundred new names); null for a name with any other character,
 * whose lower case may turn out ASCII (the Kelvin sign becomes "k").
 */
function asciiWords(raw: string): string[] | null {
  const words: string[] = [];
  let start = -1;
  let afterLowerCase = false;
  for (let at = 0; at <= raw.length; at += 1) {
    const code = at < raw.length ? raw.charCodeAt(at) : 0x20;
    if (code > 0x7f) return null;
    const lowerCase = code >= 0x61 && code <= 0x7a;
    const upperCase = code >= 0x41 && code <= 0x5a;
    const inWord = lowerCase || upperCase || (code >= 0x30 && code <= 0x39);
    if (start >= 0 && (!inWord || (upperCase && afterLowerCase))) {
      if (at - start > 1) words.push(raw.slice(start, at).toLowerCase());
      start = -1;
    }
    if (inWord && start < 0) start = at;
    afterLowerCase = lowerCase;
  }
  return words;
}

/**
 * Removes the boxes of `root` whose class or id names them furniture (see
 * FURNITURE_WORDS), and the links named as buttons on a line of their own
 * (BUTTON_WORDS). In a discussion thread (`thread`) the comments are the
 * content: boxes named as comments stay, unless they hang under one of
 * several posts (isNoteOnPost).
 */
export function removeNamedFurniture(root: Element, total: number = textOf(root).length, { thread = false } = {}): void {
  for (const element of [...root.querySelectorAll('[class], [id]')]) {
    if (!root.contains(element)) continue;
    const words = furnitureNameWords(element);
    if (tagOf(element) === 'a' && words.some((word) => BUTTON_WORDS.has(word))) {
      if (isButtonLine(element)) element.remove();
      continue;
    }
    if (!words.some((word) => FURNITURE_WORDS.has(word) && !(HEADING_NAME_WORDS.has(word) && isSectionHeading(element)))) continue;
    const comments = words.some((word) => COMMENT_SECTION_WORDS.has(word));
    if (thread && comments && !isNoteOnPost(element, root)) continue;
    const length = textOf(element).length;
    if ((length > total * MAX_SHARE_OF_TEXT || holdsProse(element)) && !isCommentThread(element)) continue;
    element.remove();
  }
}

/** A heading with half its text or more in links is a teaser's title, not a section's. */
const MAX_HEADING_LINK_SHARE = 0.5;
/** Furniture words that, on a section heading, only say that it is one: "module_header", "card-headline". */
const HEADING_NAME_WORDS = new Set(['header', 'headline']);

/**
 * A section heading named as a heading ("et_pb_module_header") is the
 * story's, not the article's header; one that is mostly a link is a
 * teaser's title, and its box is judged as before.
 */
function isSectionHeading(element: Element): boolean {
  return SECTION_HEADING_TAGS.has(tagOf(element)) && linkDensity(element) < MAX_HEADING_LINK_SHARE;
}

/**
 * Whether a heading's class names it furniture by a whole word other than
 * "header" and "headline" ("related-posts-title"), as removeNamedFurniture
 * reads it. A heading's id is its anchor, written from its text: only the
 * class can name it.
 */
export function namesHeadingFurniture(className: string | null): boolean {
  return wordsOfNames(className, null).some((word) => FURNITURE_WORDS.has(word) && !HEADING_NAME_WORDS.has(word));
}

/** Class and id words of a box of readers' replies (its "Posted by" lines credit commenters, its text is theirs). */
export const REPLY_BOX_WORDS: ReadonlySet<string> = new Set(['comment', 'comments', 'reply', 'replies', 'respond', 'discussion', 'disqus']);

/** Words naming one post of a thread (a question, an answer, a message). */
const POST_WORDS = new Set(['post', 'question', 'answer', 'message']);

/**
 * Comments hung under one post of a thread (a Q&A site's remarks under a
 * question and under each answer) rather than the thread's replies: the box
 * sits in a box named as a post, and that post has peers (other boxes named
 * as posts, neither inside it nor around it). Comments under the one post of
 * a page (a link shared with its discussion) are the discussion itself.
 */
function isNoteOnPost(element: Element, root: Element): boolean {
  const isPost = (node: Element): boolean => {
    const words = nameWords(node);
    // "post-comments" names the comments' box, not a post.
    return words.some((word) => POST_WORDS.has(word)) && !words.some((word) => COMMENT_SECTION_WORDS.has(word));
  };
  let post: Element | null = null;
  for (let node = element.parentElement; node && node !== root && !post; node = node.parentElement) if (isPost(node)) post = node;
  if (!post) return false;
  const host = post;
  return [...root.querySelectorAll('[class], [id]')].some((other) => !other.contains(host) && !host.contains(other) && isPost(other) && !element.contains(other));
}

/** Names of a box that holds a page's comments. */
const COMMENT_SECTION_WORDS = new Set(['comments', 'commentlist', 'disqus']);

/** Share of a comment section's text that may sit outside its comments (a heading, a reply form). */
const MAX_TEXT_OUTSIDE_COMMENTS = 0.2;

/**
 * A comment section: named as one, holding several boxes named comment, and
 * nearly all its text inside them. Readers' comments are prose too, so the
 * size and prose guards above would keep it; an article wrapper that merely
 * carries a "has-comments" class has text of its own outside any comment.
 */
function isCommentThread(element: Element): boolean {
  if (!nameWords(element).some((word) => COMMENT_SECTION_WORDS.has(word))) return false;
  const named = [...element.querySelectorAll('[class], [id]')].filter((child) => nameWords(child).includes('comment'));
  const outermost = named.filter((comment) => !named.some((other) => other !== comment && other.contains(comment)));
  if (outermost.length < 2) return false;
  const inside = outermost.reduce((sum, comment) => sum + textOf(comment).length, 0);
  return textOf(element).length - inside <= textOf(element).length * MAX_TEXT_OUTSIDE_COMMENTS;
}

function holdsProse(element: Element): boolean {
  let prose = 0;
  for (const paragraph of element.querySelectorAll('p')) {
    if (proseLength(textOf(paragraph)) >= PROSE_PARAGRAPH_CHARS && ++prose > MAX_PROSE_PARAGRAPHS) return true;
  }
  return false;
}
