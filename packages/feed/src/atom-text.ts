import type { TextContent } from './text.js';
import { baseOf } from './xml-base.js';
import type { XmlElement } from './xml-element.js';

/**
 * Reads an Atom text construct (title, subtitle, summary, content, rights)
 * as text or HTML according to its `type` (Atom 1.0: text, html, xhtml or a
 * MIME type) or, in Atom 0.3, its `type` MIME type and `mode` (xml, escaped,
 * base64), its parameters ignored (`text/html; charset=utf-8` is HTML).
 * Atom 0.3 multipart/alternative content is read as the alternative inside
 * it that is best to show. XHTML is read as the markup inside the `<div>`
 * that wraps it (see {@link xhtmlWrapper}); XHTML with no such div is read
 * whole, as HTML. Null when the element is absent, empty, or holds a
 * non-text media type we cannot show.
 */
export function atomText(element: XmlElement | null, version: 'atom1' | 'atom03'): TextContent | null {
  if (element === null) return null;
  const raw = element.text();
  if (raw === null || raw.trim() === '') return null;
  const type = mediaTypeEssence(element.attr('type') ?? (version === 'atom1' ? 'text' : 'text/plain'));
  if (type === 'multipart/alternative') return bestAlternative(element.all('content'), version);
  const wrapper = xhtmlWrapper(element);
  if (wrapper !== null) return { kind: 'html', value: wrappedMarkup(wrapper) };
  let value = raw;
  if (version === 'atom03' && element.attr('mode')?.trim().toLowerCase() === 'base64') {
    value = Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (isXhtml(type) || type === 'html' || type === 'text/html') return { kind: 'html', value };
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

/**
 * The `<div>` wrapping an XHTML construct, or null when it has none: the
 * one decision by which {@link atomText} drops the div and
 * {@link atomTextBase} applies its xml:base. RFC 4287 section 3.1.1.3: the
 * content of type="xhtml" MUST be a single XHTML div element, which is not
 * part of the content. So the wrapper is the construct's only child
 * element, a `div` in the XHTML namespace (names compared ignoring case, as
 * every name in the tree), with nothing beside it but XML whitespace;
 * comments and processing instructions are not content. Otherwise (text
 * or a second element beside the div, a div in another namespace or in
 * none, XHTML escaped or in CDATA, which is text and no element) nothing
 * wraps the content and it is read whole. Atom 0.3's
 * application/xhtml+xml, which Atom 1.0 content may use too, is read alike.
 */
function xhtmlWrapper(element: XmlElement): XmlElement | null {
  if (!isXhtml(mediaTypeEssence(element.attr('type') ?? ''))) return null;
  const { children } = element;
  const wrapper = children.length === 1 ? children[0] : undefined;
  if (wrapper?.key !== XHTML_DIV) return null;
  const beside = element.ownText();
  return beside === null || XML_WHITESPACE.test(beside) ? wrapper : null;
}

/** The div of the XHTML namespace, as the tree names it whatever prefix the feed bound (xml-namespaces.ts). */
const XHTML_DIV = 'xhtml:div';
/** XML's whitespace (section 2.3, S): a no-break space beside the div is text. */
const XML_WHITESPACE = /^[ \t\r\n]*$/;

function isXhtml(type: string): boolean {
  return type === 'xhtml' || type === 'application/xhtml+xml';
}

/**
 * The markup inside the div wrapping XHTML. When the div is written with a
 * prefix (`<h:div xmlns:h="http://www.w3.org/1999/xhtml">`), the tags
 * inside lose it (`<h:p>` -> `<p>`) so that the HTML sanitiser recognises
 * them.
 */
function wrappedMarkup(wrapper: XmlElement): string {
  const markup = wrapper.markup();
  const name = wrapper.writtenName();
  const prefix = name.slice(0, name.indexOf(':') + 1);
  return prefix === '' ? markup : markup.replaceAll(`<${prefix}`, '<').replaceAll(`</${prefix}`, '</');
}

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
