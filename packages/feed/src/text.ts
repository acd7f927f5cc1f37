import { decode } from 'html-entities';
import htmlTags from 'html-tags';
import { htmlVoidElements } from 'html-void-elements';
import { htmlToText } from '@tidings/html';
import { collapseWhitespace } from '@tidings/text';

/**
 * What a feed field holds: literal text (Atom type="text", JSON content_text)
 * or HTML (RSS fields, Atom type="html"/"xhtml", JSON content_html).
 */
export interface TextContent {
  kind: 'text' | 'html';
  value: string;
}

/** A tag's start: its name is group 2 (with a namespace prefix when it has one), a `/` before it group 1. */
const TAG_START = /<(\/?)([A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)?)/g;
/** A character reference, named or numeric. */
const CHARACTER_REFERENCE = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
/** HTML's elements, with the presentational ones feeds still write (html-tags lists the standard's alone). */
const HTML_ELEMENTS: ReadonlySet<string> = new Set([...htmlTags, 'big', 'center', 'font', 'strike', 'tt']);
const VOID_ELEMENTS: ReadonlySet<string> = new Set(htmlVoidElements);

/**
 * Whether text said to hold HTML (an RSS title, an Atom type="html" one)
 * is written as HTML: every tag-like name is an HTML element's (or has a
 * namespace prefix), and it
 * closes an element, has a void one (`<br>`), a comment or a character
 * reference. Otherwise its angle brackets are characters a publisher
 * escaped once (`Array&lt;String&gt;`, `Optional<T>` in CDATA, `The
 * &lt;dialog&gt; element`): read as tags they would take words with them.
 * The rule Universal Feed Parser follows for text it is unsure of.
 */
function looksLikeHtml(text: string): boolean {
  let marked = text.includes('<!--') || CHARACTER_REFERENCE.test(text);
  for (const [, slash, name] of text.matchAll(TAG_START)) {
    const element = name!.toLowerCase();
    // A prefixed name (`<o:b>`) is an XML element the feed's tree held: markup, not a type parameter.
    if (element.includes(':')) marked = true;
    else if (!HTML_ELEMENTS.has(element)) return false;
    if (slash !== '' || VOID_ELEMENTS.has(element)) marked = true;
  }
  return marked;
}
/** Tags after which a line would break when rendered; stripping them must not glue words together. */
const BREAKING_TAGS = /<(?:br|hr|\/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|dd|dt))\b[^<>]*>/gi;

/** `collapseWhitespace` of @tidings/text (one line, controls and invisible characters dropped); null when nothing is left. */
export function collapsedOrNull(text: string): string | null {
  return collapseWhitespace(text) || null;
}

/**
 * Plain text of a feed field, whitespace collapsed, or null when nothing is
 * left. Literal text is taken as it is: the XML parser has already undone
 * its escaping, and a `&amp;` left after that is text (Atom type="text").
 * HTML loses its tags and has its entities decoded once, as a browser
 * renders it: a feed that escapes twice (`&amp;amp;lt;b&amp;amp;gt;`) shows
 * `<b>` as text, as the reference parser reads it, never as a tag.
 */
export function toPlainText(content: TextContent | null): string | null {
  if (content === null) return null;
  const value = withWindows1252Controls(content.value);
  return collapsedOrNull(content.kind === 'html' ? textOfHtml(value) : value);
}

/** Windows-1252 at 0x80-0x9F; the undefined 0x81, 0x8D, 0x8F, 0x90 and 0x9D are left out. */
const WINDOWS_1252_C1: readonly (string | undefined)[] = [
  '\u20AC', undefined, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', undefined, '\u017D', undefined,
  undefined, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', undefined, '\u017E', '\u0178',
];
const C1_CONTROL = /[\u0080-\u009F]/;
const C1_CONTROLS = /[\u0080-\u009F]/g;

/**
 * What a browser shows for the C1 control characters U+0080-U+009F (which
 * XML lets `&#147;` stand for, and which mislabelled Latin-1 feeds carry):
 * the Windows-1252 characters at those bytes (smart quotes, dashes, the
 * euro sign), as the HTML standard reads numeric references to them. The
 * five code points Windows-1252 leaves undefined stay as they are.
 */
export function withWindows1252Controls(text: string): string {
  return C1_CONTROL.test(text) ? text.replace(C1_CONTROLS, (control) => WINDOWS_1252_C1[control.charCodeAt(0) - 0x80] ?? control) : text;
}

/** Escapes text for use as HTML content. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The HTML a field stands for, before sanitising: literal text is escaped;
 * HTML is taken as it is. Markup escaped once more than HTML needs
 * (`&lt;p&gt;` after XML decoding) stays escaped text, as the reference
 * parser and a browser show it: decoding it again would turn text the
 * publisher escaped on purpose (`&lt;blink&gt;`) into tags.
 */
export function toHtmlSource(content: TextContent): string {
  const value = withWindows1252Controls(content.value);
  return content.kind === 'text' ? escapeHtml(value) : value;
}

/** The text of HTML: tags, comments and the contents of script/style dropped, entities decoded. */
function textOfHtml(html: string): string {
  // Decoded as an HTML body decodes them (as htmlToText does below): "&copy 2024" is "© 2024" with a tag in the title or without.
  if (!html.includes('<') || !looksLikeHtml(html)) return decode(html, { level: 'html5', scope: 'body' });
  // Only up to the last ">": a tag-like "<p" after it can never end, and letting the regex try one from every
  // such "<p" to the end of the text was quadratic ("<p<p<p..." in a title).
  const lastClose = html.lastIndexOf('>');
  const spaced = html.slice(0, lastClose + 1).replace(BREAKING_TAGS, (tag) => `${tag} `) + html.slice(lastClose + 1);
  // An HTML tokeniser rather than a regex: it knows where a tag really ends and what script/style content is.
  return htmlToText(spaced);
}
