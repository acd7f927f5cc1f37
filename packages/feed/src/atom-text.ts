import type { TextContent } from './text.js';
import type { XmlElement } from './xml-element.js';

/**
 * Reads an Atom text construct (title, subtitle, summary, content, rights)
 * as text or HTML according to its `type` (Atom 1.0: text, html, xhtml or a
 * MIME type) or, in Atom 0.3, its `type` MIME type and `mode` (xml, escaped,
 * base64). Inline XHTML arrives as one markup string (see inline-markup.ts)
 * and loses the `<div>` that Atom requires around it. Null when the element
 * is absent, empty, or holds a non-text media type we cannot show.
 */
export function atomText(element: XmlElement | null, version: 'atom1' | 'atom03'): TextContent | null {
  if (element === null) return null;
  const raw = element.text();
  if (raw === null || raw.trim() === '') return null;
  const type = element.attr('type')?.trim().toLowerCase() ?? (version === 'atom1' ? 'text' : 'text/plain');
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
