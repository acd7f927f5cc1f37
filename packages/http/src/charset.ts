import iconv from 'iconv-lite';
import { parseContentType } from './content-type.js';
import { resolveEncoding, type Encoding } from './encoding-labels.js';
import type { DocumentKind } from './types.js';

/**
 * Body bytes -> JS string. Feeds and pages in the wild still come in
 * windows-1251, ISO-8859-1, Shift_JIS..., and often say so only inside the
 * document, so the charset is worked out in the order browsers and feed
 * readers use:
 *
 *   1. a byte order mark (it cannot be wrong: the bytes are right there);
 *   2. the charset parameter of the HTTP Content-Type;
 *   3. for XML, the `<?xml ... encoding="..."?>` declaration;
 *      for HTML, `<meta charset>` or `<meta http-equiv="Content-Type">`;
 *   4. UTF-8.
 *
 * A label we do not recognise is skipped, not trusted, and the next source is
 * tried (as the WHATWG algorithms do).
 */

/** How far into the body the in-document declarations are looked for. */
const SNIFF_BYTES = 4096;

const UTF8: Encoding = { name: 'utf-8', codec: 'utf-8' };
const UTF16LE: Encoding = { name: 'utf-16le', codec: 'utf-16le' };
const UTF16BE: Encoding = { name: 'utf-16be', codec: 'utf-16be' };
const WINDOWS_1252: Encoding = { name: 'windows-1252', codec: 'windows-1252' };

/** `<?xml version="1.0" encoding="windows-1251"?>`, at the very start of the document. */
const XML_DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)\s*["']/;
/** One `<meta ...>` tag (the closing `>` may fall past the sniff window). */
const META_TAG = /<meta\b([^>]*)>?/gi;
/** One HTML attribute: name, and a double-quoted, single-quoted or bare value. */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** `charset=...` inside a `content="text/html; charset=..."` attribute. */
const CONTENT_CHARSET = /charset\s*=\s*["']?\s*([^"';\s]+)/i;

/**
 * Decodes a response body to a string, choosing the charset as described above
 * and stripping any byte order mark.
 *
 * @param body The raw (already decompressed) body bytes.
 * @param contentTypeHeader The Content-Type response header, if any.
 * @param kind `'feed'` honours only the XML declaration, `'page'` prefers
 *   `<meta charset>`; omitted, both are looked for (XML first).
 * @returns The text and the lower-case WHATWG name of the charset used.
 */
export function decodeBody(
  body: Uint8Array,
  contentTypeHeader: string | null,
  kind?: DocumentKind,
): { text: string; charset: string } {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const bom = sniffByteOrderMark(bytes);
  if (bom !== null) return decodeWith(bom.encoding, bytes.subarray(bom.length));
  const encoding =
    resolveEncoding(parseContentType(contentTypeHeader).charset) ?? sniffDocument(bytes, kind) ?? UTF8;
  return decodeWith(encoding, bytes);
}

function decodeWith(encoding: Encoding, bytes: Buffer): { text: string; charset: string } {
  // stripBOM off: a BOM was already sliced off above, and a U+FEFF that
  // survives to here is content, not a marker.
  return { text: iconv.decode(bytes, encoding.codec, { stripBOM: false }), charset: encoding.name };
}

/** The encoding a byte order mark announces, and how many bytes it takes. */
function sniffByteOrderMark(bytes: Buffer): { encoding: Encoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: UTF8, length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: UTF16LE, length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: UTF16BE, length: 2 };
  return null;
}

/** Looks inside the document for a declared charset, as `kind` directs. */
function sniffDocument(bytes: Buffer, kind: DocumentKind | undefined): Encoding | null {
  // latin1 maps each byte to one char, so ASCII markup reads the same whatever
  // the real charset (every charset we support is ASCII-compatible, bar UTF-16).
  const head = bytes.subarray(0, SNIFF_BYTES).toString('latin1');
  switch (kind) {
    case 'feed':
      return xmlEncoding(bytes, head);
    case 'page':
      return metaEncoding(head) ?? xmlEncoding(bytes, head);
    default:
      return xmlEncoding(bytes, head) ?? metaEncoding(head);
  }
}

/** The encoding an XML document declares (XML 1.0 appendix F). */
function xmlEncoding(bytes: Buffer, head: string): Encoding | null {
  // UTF-16 without a BOM still shows its byte order in `<?`: the declaration
  // inside cannot be read as ASCII, and whatever it says, it is UTF-16.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return UTF16LE;
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return UTF16BE;
  return resolveEncoding(XML_DECLARATION.exec(head)?.[1]);
}

/** The encoding the first usable `<meta>` declares (the HTML prescan, simplified). */
function metaEncoding(head: string): Encoding | null {
  // A commented-out <meta> must not count.
  const html = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of html.matchAll(META_TAG)) {
    const attributes = parseAttributes(tag[1] ?? '');
    const label =
      attributes.get('charset') ??
      (attributes.get('http-equiv')?.toLowerCase() === 'content-type'
        ? CONTENT_CHARSET.exec(attributes.get('content') ?? '')?.[1]
        : undefined);
    // HTML reads a declared x-user-defined as windows-1252.
    if (label?.trim().toLowerCase() === 'x-user-defined') return WINDOWS_1252;
    const encoding = resolveEncoding(label);
    if (encoding === null) continue;
    // A document whose <meta> we just read as ASCII cannot be UTF-16; HTML
    // treats such a declaration as UTF-8.
    return encoding.name.startsWith('utf-16') ? UTF8 : encoding;
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
