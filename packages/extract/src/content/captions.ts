import { hasNoText, tagOf, textOf } from './dom-measure.js';

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
    if (!root.contains(element) || !isCaptionLike(element)) continue;
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
    for (const media of [...caption.querySelectorAll('img, picture')]) wrapper.insertBefore(media, caption);
    // A picture just before the caption, with no words of its own, is the one it describes.
    const previous = wrapper.previousElementSibling;
    if (previous && !wrapper.querySelector('img, picture') && isBarePicture(previous)) wrapper.insertBefore(previous, wrapper.firstChild);
  }
}

function isCaptionLike(element: Element): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (!CAPTION_NAME.test(names)) return false;
  if (['figure', 'figcaption', 'body', 'html', 'img', 'picture', 'a'].includes(tagOf(element))) return false;
  // A figure-like box (picture and caption together) is handled through its caption child, not as a whole.
  if (element.querySelector('img, picture, video, iframe') !== null && element.querySelector('[class*="caption" i], [class*="credit" i]')) return false;
  if (element.querySelector('h1, h2, h3, h4, h5, h6, table, ul, ol, blockquote') !== null) return false;
  if (element.querySelectorAll('p').length > MAX_CAPTION_PARAGRAPHS) return false;
  const text = textOf(element);
  return text !== '' && text.length <= MAX_CAPTION_CHARS;
}

function isBarePicture(element: Element): boolean {
  if (['img', 'picture'].includes(tagOf(element))) return true;
  return element.querySelector('img, picture') !== null && hasNoText(element) && element.querySelectorAll('img').length === 1;
}

/** Replaces `element` with a `tag` element holding the same children. */
function rename(element: Element, tag: string): Element {
  const renamed = element.ownerDocument.createElement(tag);
  while (element.firstChild) renamed.appendChild(element.firstChild);
  element.replaceWith(renamed);
  return renamed;
}
