import { HEADING_TAGS, hasNoText, tagOf, textOf } from './dom-measure.js';

/**
 * Captions and picture credits. They belong with their picture in the HTML
 * (a <figure> with a <figcaption>) but not in the article's prose: a
 * caption repeats what the text says, and a credit ("Photo: Jane Doe/AP")
 * is not part of the story. Sites mark them with class names rather than
 * <figcaption>, so those are read here; class names are written by
 * developers, in English, whatever language the page is in.
 */

/** Class or id words that name a caption or a picture credit ("wp-caption-text", "imageCredit", "photo_caption"). */
const CAPTION_NAME = /caption|credit|(?:photo|image|img|picture|media)[-_]?(?:source|copyright|byline|desc)/i;
/** A caption is a line or two; a long box with that class name is a gallery or a layout wrapper. */
const MAX_CAPTION_CHARS = 600;
/** A caption holds no headings and no run of paragraphs. */
const MAX_CAPTION_PARAGRAPHS = 2;

/**
 * Turns caption-like elements of `root` (class or id naming a caption or a
 * credit, short, no headings) into <figcaption>s inside a <figure>, so that
 * the HTML keeps them with their picture and the text leaves them out.
 * A caption already inside a <figure> becomes that figure's caption.
 */
export function markCaptions(root: Element): void {
  for (const element of [...root.querySelectorAll('[class], [id]')]) {
    if (!root.contains(element) || !isCaptionLike(element) || !belongsToPicture(element, root)) continue;
    const figure = element.closest('figure');
    if (figure && root.contains(figure)) {
      if (tagOf(element) !== 'figcaption' && element.closest('figcaption') === null) rename(element, 'figcaption');
      continue;
    }
    if (element.closest('figcaption')) continue;
    const document = element.ownerDocument;
    const wrapper = document.createElement('figure');
    element.replaceWith(wrapper);
    wrapper.appendChild(element);
    // The caption's pictures stay pictures of the figure; its words become the figcaption.
    const caption = rename(element, 'figcaption');
    for (const media of outermostPictures(caption)) wrapper.insertBefore(media, caption);
    // A picture just before the caption, with no words of its own, is the one it describes.
    const previous = wrapper.previousElementSibling;
    if (previous && !wrapper.querySelector(PICTURE) && isBarePicture(previous)) wrapper.insertBefore(previous, wrapper.firstChild);
  }
}

/** An element's class and id, as one string for CAPTION_NAME. */
function namesOf(element: Element): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

/** What a caption captions: a still picture, a video or an embedded player. */
const PICTURE_TAGS: ReadonlySet<string> = new Set(['img', 'picture', 'video', 'iframe']);
const PICTURE = [...PICTURE_TAGS].join(', ');
/** One of each picture: a <picture>'s sources end in an <img>, so the <img>s count pictures, not the <picture>s around them. */
const ONE_PER_PICTURE = 'img, video, iframe';

/** A caption, not a credit: the word that type scales use too ("caption-s", "text-caption"). */
const CAPTION_WORD = /caption/i;

function isCaptionLike(element: Element): boolean {
  if (!CAPTION_NAME.test(namesOf(element))) return false;
  // A heading is a title (a listing card's "wt-text-caption" <h2>), never a picture's caption.
  if (['figure', 'figcaption', 'body', 'html', 'img', 'picture', 'a'].includes(tagOf(element)) || HEADING_TAGS.has(tagOf(element))) return false;
  // A figure-like box (picture and caption together) is handled through its caption child, not as a whole.
  if (element.querySelector(PICTURE) !== null && element.querySelector('[class*="caption" i], [class*="credit" i]')) return false;
  if (element.querySelector('h1, h2, h3, h4, h5, h6, table, ul, ol, blockquote') !== null) return false;
  if (element.querySelectorAll('p').length > MAX_CAPTION_PARAGRAPHS) return false;
  const text = textOf(element);
  return text !== '' && text.length <= MAX_CAPTION_CHARS;
}

/** How far up from a caption its picture is looked for: the caption's own wrappers, then the figure-like box. */
const MAX_PICTURE_LEVELS = 4;
/** A figure-like box may hold a little text besides its captions ("Enlarge", "toggle caption"); a card holds its title. */
const MAX_TEXT_BESIDE_CAPTION = 0.2;

/**
 * A box named a caption is one when it belongs to a picture: it is in a
 * <figure>, it (or a wrapper holding only captions) stands beside a picture
 * with no words of its own, or the smallest box around it that holds a
 * picture holds little text besides its captions. In a card, beside a title,
 * a price or a teaser, "caption" is a type-scale class name ("caption-s",
 * "wt-text-caption", a rating's "rating__caption-sr") and the text is the
 * card's own. With no picture near at all (a lazy-loaded one left no <img>),
 * the box stays a caption; so do a credit, whose name says what it is, and
 * a table's <caption>.
 */
function belongsToPicture(element: Element, root: Element): boolean {
  if (!CAPTION_WORD.test(namesOf(element)) || tagOf(element) === 'caption') return true;
  if (element.closest('figure') !== null || element.querySelector(PICTURE) !== null) return true;
  let box = element;
  for (let level = 0; level < MAX_PICTURE_LEVELS && box !== root; level += 1) {
    const { previousElementSibling: previous, nextElementSibling: next, parentElement: parent } = box;
    if ((previous && isBarePicture(previous)) || (next && isBarePicture(next))) return true;
    if (!parent) break;
    const total = textOf(parent).length;
    const captionsOnly = total - captionText(parent) <= MAX_TEXT_BESIDE_CAPTION * total;
    // The first box holding a picture decides: a figure-like box, or a card.
    if (parent.querySelector(PICTURE) !== null) return captionsOnly;
    // A caption among other text with no picture near: the picture did not load.
    if (!captionsOnly) break;
    box = parent;
  }
  return true;
}

/** Characters of `box`'s text inside its caption-named elements and figcaptions (the outermost of nested ones). */
function captionText(box: Element): number {
  let chars = 0;
  for (const element of box.querySelectorAll('figcaption, [class], [id]')) {
    if (!isCaptionBox(element)) continue;
    let outermost = true;
    for (let ancestor = element.parentElement; ancestor && ancestor !== box && outermost; ancestor = ancestor.parentElement) {
      outermost = !isCaptionBox(ancestor);
    }
    if (outermost) chars += textOf(element).length;
  }
  return chars;
}

function isCaptionBox(element: Element): boolean {
  return tagOf(element) === 'figcaption' || CAPTION_NAME.test(namesOf(element));
}

/** A picture, or a box holding one picture and no words. */
function isBarePicture(element: Element): boolean {
  if (PICTURE_TAGS.has(tagOf(element))) return true;
  return element.querySelector(PICTURE) !== null && hasNoText(element) && element.querySelectorAll(ONE_PER_PICTURE).length === 1;
}

/** The pictures in `box` not inside another picture (a <picture>'s <img> moves with it, never out of it). */
function outermostPictures(box: Element): Element[] {
  return [...box.querySelectorAll(PICTURE)].filter((media) => {
    const around = media.parentElement?.closest(PICTURE);
    return !around || !box.contains(around);
  });
}

/** Replaces `element` with a `tag` element holding the same children. */
function rename(element: Element, tag: string): Element {
  const renamed = element.ownerDocument.createElement(tag);
  while (element.firstChild) renamed.appendChild(element.firstChild);
  element.replaceWith(renamed);
  return renamed;
}
