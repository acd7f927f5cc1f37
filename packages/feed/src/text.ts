import { decode } from 'html-entities';
import sanitizeHtml from 'sanitize-html';
import { withoutStrayEndTags } from './html-stray-tags.js';

/**
 * What a feed field holds: literal text (Atom type="text", JSON content_text)
 * or HTML (RSS fields, Atom type="html"/"xhtml", JSON content_html).
 */
export interface TextContent {
  kind: 'text' | 'html';
  value: string;
}

/** How many rounds of decoding undo the double (or triple) escaping real feeds apply. */
const MAX_DECODE_ROUNDS = 3;

const TAG_LIKE = /<[A-Za-z/!?]/;
const ENTITY_LIKE = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
/** C0 controls other than tab/newline/carriage return, and DEL: never meaningful in a title or name. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Tags after which a line would break when rendered; stripping them must not glue words together. */
const BREAKING_TAGS = /<(?:br|hr|\/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|dd|dt))\b[^>]*>/gi;

/** Trims and collapses every run of whitespace (no-break spaces included) to one space; null when empty. */
export function collapseWhitespace(text: string): string | null {
  const collapsed = text.replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim();
  return collapsed === '' ? null : collapsed;
}

/**
 * Plain text of a feed field, every entity decoded and whitespace collapsed,
 * or null when nothing is left. HTML loses its tags; feeds that escape their
 * HTML twice (`&amp;amp;`, `&lt;b&gt;` in the XML) are decoded again until
 * no markup or entity remains, a few rounds at most.
 */
export function toPlainText(content: TextContent | null): string | null {
  if (content === null) return null;
  let text = content.value;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    const before = text;
    // Literal text keeps its angle brackets ("Why <div> is bad"); only its entity references are undone.
    text = content.kind === 'html' ? decode(stripTags(text), { level: 'html5', scope: 'strict' }) : decode(text, { level: 'html5', scope: 'strict' });
    const stillEncoded = ENTITY_LIKE.test(text) || (content.kind === 'html' && TAG_LIKE.test(text));
    if (text === before || !stillEncoded) break;
  }
  return collapseWhitespace(text);
}

/** Escapes text for use as HTML content. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The HTML a field stands for, before sanitising: literal text is escaped,
 * and HTML that was escaped once too often (no tags, but `&lt;p&gt;`) is
 * decoded once so it renders as markup rather than as visible tags.
 */
export function toHtmlSource(content: TextContent): string {
  if (content.kind === 'text') return escapeHtml(content.value);
  const html = content.value;
  if (!TAG_LIKE.test(html) && /&lt;\/?[a-z][a-z\d]*(?:\s[^&]*)?&gt;/i.test(html)) return decode(html, { level: 'html5' });
  return html;
}

/** Drops tags, comments and the contents of script/style, leaving text with entities still encoded. */
function stripTags(html: string): string {
  if (!TAG_LIKE.test(html)) return html;
  // Only up to the last ">": a tag-like "<p" after it can never end, and letting the regex try one from every
  // such "<p" to the end of the text was quadratic ("<p<p<p..." in a title).
  const lastClose = html.lastIndexOf('>');
  const spaced = html.slice(0, lastClose + 1).replace(BREAKING_TAGS, (tag) => `${tag} `) + html.slice(lastClose + 1);
  // sanitize-html rather than a regex: it knows where a tag really ends and what script/style content is.
  return sanitizeHtml(withoutStrayEndTags(spaced), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  });
}
