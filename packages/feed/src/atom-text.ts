import type { TextContent } from './text.js';
import { baseOf } from './xml-base.js';
import type { XmlElement } from './xml-element.js';

/**
 * Reads an Atom text construct (title, subtitle, summary, content, rights)
 * as text or HTML according to its `type` (Atom 1.0: text, html, xhtml or a
 * MIME type) or, in Atom 0.3, its `type` MIME type and `mode` (xml, escaped,
 * base64), its parameters ignored (`text/html; charset=utf-8` is HTML).
 * Atom 0.3 multipart/alternative content is read as the alternative inside
 * it that is best to show. Inline XHTML arrives as one markup string (see
 * inline-markup.ts) and loses the `<div>` that Atom requires around it. Null
 * when the element is absent, empty, or holds a non-text media type we
 * cannot show.
 */
export function atomText(element: XmlElement | null, version: 'atom1' | 'atom03'): TextContent | null {
  if (element === null) return null;
  const raw = element.text();
  if (raw === null || raw.trim() === '') return null;
  const type = mediaTypeEssence(element.attr('type') ?? (version === 'atom1' ? 'text' : 'text/plain'));
  if (type === 'multipart/alternative') return bestAlternative(element.all('content'), version);
  let value = raw;
  if (version === 'atom03' && element.attr('mode')?.trim().toLowerCase() === 'base64') {
    value = Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml') return { kind: 'html', value: unwrapXhtmlDiv(value) };
  if (type === 'html' || type === 'text/html') return { kind: 'html', value };
  // Markup held as child elements is markup, whatever the type says.
  if (type === 'text' || type.startsWith('text/')) return { kind: element.children.length > 0 ? 'html' : 'text', value };
  // Atom 1.0 base64-encodes other media types in content; an image or a PDF is not a summary.
  return null;
}

/**
 * The base URI of the markup in an Atom text construct (XML Base): the
 * construct's own xml:base over `parentBase`, then that of the `<div>`
 * wrapping XHTML. {@link atomText} drops the div from the markup, but its
 * xml:base still applies to everything inside it.
 */
export function atomTextBase(element: XmlElement | null, parentBase: string | null): string | null {
  const base = baseOf(element, parentBase);
  const wrapper = element === null ? null : xhtmlWrapper(element);
  return wrapper === null ? base : baseOf(wrapper, base);
}

/** The `<div>` wrapping an XHTML construct, when it is its only content (as unwrapXhtmlDiv drops it), else null. */
function xhtmlWrapper(element: XmlElement): XmlElement | null {
  const type = mediaTypeEssence(element.attr('type') ?? '');
  if (type !== 'xhtml' && type !== 'application/xhtml+xml') return null;
  const wrapper = element.children.length === 1 ? element.children[0] : undefined;
  if (wrapper === undefined || !DIV.test(wrapper.key)) return null;
  return element.ownText()?.trim() ? null : wrapper;
}

/** A `div` under any prefix, as unwrapXhtmlDiv takes it. */
const DIV = /^(?:[\w.-]+:)?div$/;

/**
 * An atom:category's name: its label, else its term. Both are text, never
 * markup (RFC 4287 section 4.2.2.3: `&amp;` in a label is the character
 * `&`). Null when it has neither.
 */
export function atomCategory(category: XmlElement): TextContent | null {
  const value = category.attr('label')?.trim() || category.attr('term');
  return value ? { kind: 'text', value } : null;
}

/**
 * Atom 0.3 (section 3.1.2) multipart/alternative content: of the content
 * elements inside, which the reader is to choose among, the first HTML or
 * XHTML one, else the first readable one. Alternatives do not nest.
 */
function bestAlternative(alternatives: readonly XmlElement[], version: 'atom1' | 'atom03'): TextContent | null {
  let fallback: TextContent | null = null;
  for (const alternative of alternatives) {
    if (mediaTypeEssence(alternative.attr('type') ?? '') === 'multipart/alternative') continue;
    const content = atomText(alternative, version);
    if (content?.kind === 'html') return content;
    fallback ??= content;
  }
  return fallback;
}

/**
 * A MIME media type without its parameters, trimmed and lower-cased
 * (`Text/HTML; charset=UTF-8` gives `text/html`): RFC 4287 types content
 * and links by MIME media types (RFC 2045), whose parameters never change
 * what kind of content they name.
 */
export function mediaTypeEssence(type: string): string {
  const semicolon = type.indexOf(';');
  return (semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * Drops the `<div xmlns="http://www.w3.org/1999/xhtml">` wrapping XHTML
 * content, and the namespace prefix from tags when the div used one
 * (`<xhtml:p>` -> `<p>`) so the HTML sanitiser recognises them.
 */
function unwrapXhtmlDiv(markup: string): string {
  const match = /^\s*<((?:([\w.-]+):)?div)\b(?:"[^"]*"|'[^']*'|[^>"'])*>([\s\S]*)<\/\1\s*>\s*$/.exec(markup);
  if (!match) return markup;
  const [, divName = 'div', prefix, inner = ''] = match;
  // `<div>a</div><div>b</div>` is two siblings, not one wrapper: keep it whole.
  if (!isBalanced(inner, divName)) return markup;
  return prefix === undefined ? inner : inner.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
}

/**
 * True when every `</name>` in the markup closes a `<name>` opened before it
 * within the markup. A tag ends at the first `>` outside quotes and cannot
 * contain an unquoted `<`: letting it (`[^>"']`) made every unterminated
 * `<div "` scan to the end of the markup, quadratic in their number.
 */
function isBalanced(markup: string, name: string): boolean {
  let depth = 0;
  for (const [, closing, selfClosing] of markup.matchAll(new RegExp(`<(/?)${name}\\b(?:"[^"]*"|'[^']*'|[^<>"'])*?(/?)>`, 'g'))) {
    if (closing === '/') depth -= 1;
    else if (selfClosing !== '/') depth += 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}
