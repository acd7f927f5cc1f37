import { resolveEncoding, UTF8, WINDOWS_1252, type Encoding } from './encoding-labels.js';

/**
 * The charset a document declares inside itself: the XML declaration
 * (`<?xml ... encoding="..."?>`) or an HTML `<meta charset>` /
 * `<meta http-equiv="Content-Type">`. Both are read from the first bytes
 * as latin1, which maps each byte to one character, so ASCII markup reads
 * the same whatever the real charset (every charset we support is
 * ASCII-compatible, bar UTF-16, which byte-order.ts recognises first).
 */

/** How far into the body the in-document declarations are looked for. */
export const SNIFF_BYTES = 4096;

/** `<?xml version="1.0" encoding="windows-1251"?>`, at the very start of the document. */
const XML_DECLARATION = /^\s*<\?xml\s[^<>]*?\bencoding\s*=\s*["']\s*([^"'\s<>]+)\s*["']/;
/** The same declaration after junk (a PHP notice printed before the feed). */
const LATE_XML_DECLARATION = /<\?xml\s[^<>]*?\bencoding\s*=\s*["']\s*([^"'\s<>]+)\s*["']/;
/** One `<meta ...>` tag (the closing `>` may fall past the sniff window). */
const META_TAG = /<meta\b([^>]*)>?/gi;
/** One HTML attribute: name, and a double-quoted, single-quoted or bare value. */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** `charset=...` inside a `content="text/html; charset=..."` attribute. */
const CONTENT_CHARSET = /charset\s*=\s*(?!\s)["']?\s*([^"';\s]+)/i;

/** The first {@link SNIFF_BYTES} bytes as latin1 text, where the declarations are looked for. */
export function documentHead(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString('latin1');
}

/**
 * The label of the XML declaration as written (not resolved), or undefined.
 * `lenient` also finds a declaration after junk, as feeds need.
 */
export function xmlDeclarationLabel(head: string, lenient = false): string | undefined {
  return (XML_DECLARATION.exec(head) ?? (lenient ? LATE_XML_DECLARATION.exec(head) : null))?.[1];
}

/** What the first usable `<meta>` declares: the encoding, and the label as written (for messages). */
export interface MetaDeclaration {
  encoding: Encoding;
  label: string;
}

/** The charset the first usable `<meta>` declares (the HTML prescan, simplified), or null. */
export function metaDeclaration(head: string): MetaDeclaration | null {
  // A commented-out <meta> must not count.
  const html = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of html.matchAll(META_TAG)) {
    const attributes = parseAttributes(tag[1] ?? '');
    const label =
      attributes.get('charset') ??
      (attributes.get('http-equiv')?.toLowerCase() === 'content-type' ? CONTENT_CHARSET.exec(attributes.get('content') ?? '')?.[1] : undefined);
    if (label === undefined) continue;
    // HTML reads a declared x-user-defined as windows-1252.
    if (label.trim().toLowerCase() === 'x-user-defined') return { encoding: WINDOWS_1252, label };
    const encoding = resolveEncoding(label);
    if (encoding === null) continue;
    // A document whose <meta> we just read as ASCII cannot be UTF-16; HTML
    // treats such a declaration as UTF-8.
    return { encoding: encoding.name.startsWith('utf-16') ? UTF8 : encoding, label };
  }
  return null;
}

/** Attributes of one tag, names lower-case; the first occurrence of a name wins. */
function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name === undefined || attributes.has(name)) continue;
    attributes.set(name, (match[2] ?? match[3] ?? match[4] ?? '').trim());
  }
  return attributes;
}
