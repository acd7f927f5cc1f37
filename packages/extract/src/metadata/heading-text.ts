import { BLOCK_TAGS } from '../content/dom-measure.js';
import { cleanText } from '../strings.js';

/** Not read: not shown, or a control ("Copy item path", "Save"), not wording. */
const UNREAD_TAGS = new Set(['button', 'script', 'style', 'template', 'noscript', 'svg', 'select', 'input', 'textarea']);

/**
 * A heading's text as a reader sees it: a line break (`<br>`, a block
 * element) is a space, not glue ("News Product<br>Management" is "News
 * Product Management", not "ProductManagement"); what is hidden (`hidden`,
 * and `aria-hidden` unless nothing else is left: a count, a copy of the
 * words animated for the eye beside the plain ones), controls (a "Copy item
 * path" button) and permalink marks (`<a href="#...">¶</a>`) are left out.
 * Null when nothing is left.
 */
export function headingText(heading: Element): string | null {
  // What `aria-hidden` hides is still shown: a heading made only of it is read whole.
  return readHeading(heading, true) ?? readHeading(heading, false);
}

function readHeading(heading: Element, skipAriaHidden: boolean): string | null {
  const parts: string[] = [];
  const walk = (element: Element): void => {
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        parts.push(node.nodeValue ?? '');
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      const tag = child.localName.toLowerCase();
      if (UNREAD_TAGS.has(tag) || child.hasAttribute('hidden') || (skipAriaHidden && child.getAttribute('aria-hidden') === 'true') || isPermalink(child, tag)) continue;
      // A block element, or a <br>, breaks the line: its text is a word apart from what is around it.
      const block = tag === 'br' || BLOCK_TAGS.has(tag);
      if (block) parts.push(' ');
      walk(child);
      if (block) parts.push(' ');
    }
  };
  walk(heading);
  return cleanText(parts.join(''));
}

/**
 * The first byte of a two-byte UTF-8 character read as Latin-1, before the character's second byte: "Â¶" is
 * "¶" on a page encoded twice (the "Â" is no letter of the text).
 */
const MISREAD_LEAD_BYTE = /[\u00C2\u00C3](?=[\u0080-\u00BF])/gu;

/** A link to an anchor of the page whose text is a mark, not a word: "¶", "#", "§", "🔗" (also "Â¶", "¶" encoded twice). */
function isPermalink(element: Element, tag: string): boolean {
  return tag === 'a' && (element.getAttribute('href') ?? '').startsWith('#') && !/[\p{L}\p{N}]/u.test((element.textContent ?? '').replace(MISREAD_LEAD_BYTE, ''));
}
