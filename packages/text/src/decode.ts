import { isUtf8 } from 'node:buffer';
import { sniffByteOrderMark, sniffUtf16, sniffUtf16XmlStart } from './byte-order.js';
import { parseContentType } from './content-type.js';
import { documentHead, metaDeclaration, xmlDeclarationLabel } from './declarations.js';
import { decodeBytes, resolveEncoding, UTF8, type Encoding } from './encoding-labels.js';
import { betterGuess, guessEncoding, GUESS_SAMPLE_BYTES, preferClearlyBetter } from './guess.js';
import { analyseUtf8, decodeUtf8WithFallback } from './utf8.js';

/**
 * Body bytes -> JS string. Feeds and pages in the wild still come in
 * windows-1251, ISO-8859-1, Shift_JIS..., and often say so only inside the
 * document, so the charset is worked out in the order RFC 7303 (XML media
 * types) and the WHATWG algorithms use:
 *
 *   1. a byte order mark (it cannot be wrong: the bytes are right there);
 *   2. the charset parameter of the HTTP Content-Type;
 *   3. for XML, the `<?xml ... encoding="..."?>` declaration (or, without
 *      one, the byte pattern of UTF-16);
 *      for HTML, `<meta charset>` or `<meta http-equiv="Content-Type">`;
 *   4. UTF-8.
 *
 * A label we do not recognise is skipped, not trusted, and the next source is
 * tried (as the WHATWG algorithms do).
 *
 * Then, unlike a browser, the chosen charset is checked against the bytes:
 * a reader shown a broken page can reload it in another charset, an index
 * cannot. One that does not fit them (UTF-8 declared over windows-1251
 * bytes, a page saved as UTF-8 that kept its `<meta charset=gb2312>`,
 * UTF-16 declared over ASCII) gives way to the next declaration that fits,
 * or to the best fit, with a warning.
 */

/** What kind of document is expected; steers charset sniffing. */
export type DocumentKind = 'feed' | 'page';

/** A decoded body. */
export interface DecodedBody {
  text: string;
  /** Lower-case WHATWG name of the charset used, e.g. `windows-1251`. */
  charset: string;
  /**
   * What was wrong with the declared charset and what was done about it,
   * e.g. a declared UTF-8 that the bytes are not. Empty when nothing was.
   */
  warnings: string[];
}

/**
 * Decodes a response body to a string, choosing the charset as described above
 * and stripping any byte order mark.
 *
 * @param body The raw (already decompressed) body bytes.
 * @param contentTypeHeader The Content-Type response header, if any.
 * @param kind `'feed'` honours only the XML declaration; `'page'` prefers
 *   `<meta charset>`; omitted, both are looked for (XML first).
 * @returns The text, the WHATWG name of the charset used and warnings about
 *   a declared charset that did not fit.
 */
export function decodeBody(body: Uint8Array, contentTypeHeader: string | null, kind?: DocumentKind): DecodedBody {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const headerLabel = parseContentType(contentTypeHeader).charset;
  const warnings: string[] = [];
  const bom = sniffByteOrderMark(bytes);
  if (bom !== null) {
    const rest = bytes.subarray(bom.length);
    if (bom.encoding !== UTF8 || fits(UTF8, rest)) return decodeWith(bom.encoding, rest, warnings);
    return decodeMisdeclared(rest, [{ encoding: UTF8, claim: 'the byte order mark says UTF-8' }], warnings);
  }
  const declared: Declared[] = [];
  const header = resolveEncoding(headerLabel);
  if (header !== null) declared.push({ encoding: header, claim: `the HTTP Content-Type says charset=${headerLabel}` });
  else if (headerLabel) warnings.push(`ignored the unknown charset "${headerLabel}" in the HTTP Content-Type`);
  // An XML document's first `<?` shows UTF-16 even when the text after it (CJK, say) has too few zero bytes for the pattern.
  const utf16 = sniffUtf16XmlStart(bytes) ?? sniffUtf16(bytes);
  if (utf16 !== null) {
    // The bytes can only be UTF-16; a declaration that says otherwise is wrong (and an XML one could not even be read).
    const wrong = declared.find((candidate) => !candidate.encoding.name.startsWith('utf-16'));
    if (wrong !== undefined) warnings.push(`${wrong.claim}, but the document is ${utf16.name}; decoded as ${utf16.name}`);
    return decodeWith(utf16, bytes, warnings);
  }
  declared.push(...inDocumentDeclarations(documentHead(bytes), kind, warnings));
  if (declared.length === 0) declared.push({ encoding: UTF8, claim: 'no charset is declared (so UTF-8)' });
  return decodeMisdeclared(bytes, declared, warnings);
}

function decodeWith(encoding: Encoding, bytes: Buffer, warnings: string[]): DecodedBody {
  // stripBOM off: a BOM was already sliced off above, and a U+FEFF that
  // survives to here is content, not a marker.
  // UTF-8, most of the web, needs no codec tables: Buffer decodes it the same way (U+FFFD for bad sequences).
  const text = encoding.name === UTF8.name ? bytes.toString('utf8') : decodeBytes(encoding, bytes);
  return { text, charset: encoding.name, warnings };
}

/** A charset some source declared for the document. */
interface Declared {
  encoding: Encoding;
  /** Who declared what, for warnings: `the XML declaration says encoding="utf-8"`. */
  claim: string;
}

/**
 * What the document says of its own charset, in the order `kind` trusts
 * the sources: a feed its XML declaration only (found after junk too: a
 * `<meta>` in a feed is some item's HTML); a page its `<meta>`, then an XML
 * declaration (XHTML); anything else the XML declaration, then `<meta>`.
 */
function inDocumentDeclarations(head: string, kind: DocumentKind | undefined, warnings: string[]): Declared[] {
  const xml = (): Declared[] => {
    const label = xmlDeclarationLabel(head, kind === 'feed');
    const encoding = resolveEncoding(label);
    if (encoding === null && label) warnings.push(`ignored the unknown encoding "${label}" in the XML declaration`);
    return encoding === null ? [] : [{ encoding, claim: `the XML declaration says encoding="${label}"` }];
  };
  const meta = (): Declared[] => {
    const declaration = metaDeclaration(head);
    return declaration === null ? [] : [{ encoding: declaration.encoding, claim: `the page's <meta> says charset=${declaration.label}` }];
  };
  if (kind === 'feed') return xml();
  return kind === 'page' ? [...meta(), ...xml()] : [...xml(), ...meta()];
}

/**
 * Decodes with the first declared charset that fits the bytes, preferring
 * the XML declaration over the HTTP header only when it reads the bytes
 * clearly better (servers often send a default charset they never checked).
 * When none fits, UTF-8 (if the bytes are mostly UTF-8) or the best guess.
 */
function decodeMisdeclared(bytes: Buffer, declared: Declared[], warnings: string[]): DecodedBody {
  const fitting = declared.filter((candidate) => fits(candidate.encoding, bytes));
  const first = declared[0] as Declared;
  if (fitting.length > 0) {
    const chosen = preferClearlyBetter(fitting, bytes);
    // Valid UTF-8 is never second-guessed: legacy text is almost never valid UTF-8 by accident.
    const misread = chosen.encoding.name === UTF8.name ? null : betterGuess(chosen.encoding, bytes);
    if (misread !== null) {
      warnings.push(`${chosen.claim}, but the text does not read as ${chosen.encoding.name}; decoded as ${misread.name}, which fits it best`);
      return decodeWith(misread, bytes, warnings);
    }
    if (chosen !== first) {
      warnings.push(`${first.claim}, but ${whyNot(first.encoding, bytes)}; decoded as ${chosen.encoding.name}, as ${chosen.claim.replace(/ says [\s\S]*$/, '')} says`);
    }
    return decodeWith(chosen.encoding, bytes, warnings);
  }
  const utf8 = analyseUtf8(bytes);
  if (utf8.invalid === 0) {
    warnings.push(`${first.claim}, but the document is UTF-8; decoded as utf-8`);
    return decodeWith(UTF8, bytes, warnings);
  }
  if (utf8.multibyte > utf8.invalid) {
    // UTF-8 with a few bytes in a legacy charset pasted in (typically Latin-1): keep the UTF-8, rescue the rest.
    warnings.push(`${utf8.invalid} byte${utf8.invalid === 1 ? ' is' : 's are'} not valid UTF-8 (the rest is); decoded ${utf8.invalid === 1 ? 'it' : 'them'} as windows-1252`);
    return { text: decodeUtf8WithFallback(bytes), charset: UTF8.name, warnings };
  }
  const guess = guessEncoding(bytes);
  warnings.push(`${first.claim}, but ${whyNot(first.encoding, bytes)}; decoded as ${guess.name}, which fits them best`);
  return decodeWith(guess, bytes, warnings);
}

/**
 * Why `encoding` does not fit the bytes, as {@link fits} found: a single-byte
 * charset would decode valid UTF-8 too, as mojibake ("CafÃ©"), so it is
 * refused for text that is valid UTF-8 with characters beyond ASCII.
 */
function whyNot(encoding: Encoding, bytes: Buffer): string {
  if (encoding.name !== 'utf-8' && !encoding.name.startsWith('utf-16')) {
    const utf8 = analyseUtf8(bytes);
    if (utf8.invalid === 0 && utf8.multibyte > 0) return `the bytes are valid UTF-8, which text in ${encoding.name} almost never is`;
  }
  return `the bytes are not ${encoding.name}`;
}

/**
 * Whether decoding the bytes as `encoding` is plausible: UTF-8 must be valid
 * (a multi-byte character cut off by a truncated download is forgiven);
 * UTF-16 is ruled out here (it was recognised by its byte pattern before);
 * a legacy charset must decode without replacement characters, and a
 * single-byte one must not be applied to text that is valid UTF-8 with
 * non-ASCII characters (random legacy text is almost never valid UTF-8).
 */
function fits(encoding: Encoding, bytes: Buffer): boolean {
  // The native check settles valid UTF-8, most of the web, without walking the bytes in JavaScript.
  if (encoding.name === 'utf-8') return isUtf8(bytes) || analyseUtf8(bytes).invalid === 0;
  if (encoding.name.startsWith('utf-16')) return false;
  const utf8 = analyseUtf8(bytes);
  if (utf8.invalid === 0 && utf8.multibyte > 0) return false;
  const text = decodeBytes(encoding, bytes.subarray(0, GUESS_SAMPLE_BYTES));
  let replacements = 0;
  for (let index = text.indexOf('\uFFFD'); index >= 0; index = text.indexOf('\uFFFD', index + 1)) replacements += 1;
  return replacements === 0;
}
