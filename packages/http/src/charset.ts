import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parseContentType } from './content-type.js';
import { resolveEncoding, type Encoding } from './encoding-labels.js';
import type { DocumentKind } from './types.js';

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
 * Feeds (`kind: 'feed'`) get one more step, because feed readers cannot show
 * a broken feed the way a browser shows a broken page: the chosen charset is
 * checked against the bytes, and one that does not fit them (UTF-8 declared
 * over windows-1251 bytes, ISO-8859-1 declared over UTF-8, UTF-16 declared
 * over ASCII) is replaced by the best fit, with a warning.
 */

/** How far into the body the in-document declarations are looked for. */
const SNIFF_BYTES = 4096;

const UTF8: Encoding = { name: 'utf-8', codec: 'utf-8' };
const UTF16LE: Encoding = { name: 'utf-16le', codec: 'utf-16le' };
const UTF16BE: Encoding = { name: 'utf-16be', codec: 'utf-16be' };
const WINDOWS_1252: Encoding = { name: 'windows-1252', codec: 'windows-1252' };

/** `<?xml version="1.0" encoding="windows-1251"?>`, at the very start of the document. */
const XML_DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)\s*["']/;
/** The same declaration after junk (a PHP notice printed before the feed). */
const LATE_XML_DECLARATION = /<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)\s*["']/;
/** One `<meta ...>` tag (the closing `>` may fall past the sniff window). */
const META_TAG = /<meta\b([^>]*)>?/gi;
/** One HTML attribute: name, and a double-quoted, single-quoted or bare value. */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** `charset=...` inside a `content="text/html; charset=..."` attribute. */
const CONTENT_CHARSET = /charset\s*=\s*(?!\s)["']?\s*([^"';\s]+)/i;

/** A decoded body. */
export interface DecodedBody {
  text: string;
  /** Lower-case WHATWG name of the charset used, e.g. `windows-1251`. */
  charset: string;
  /**
   * Feeds only (absent for other kinds): what was wrong with the declared
   * charset and what was done about it, e.g. a declared UTF-8 that the
   * bytes are not. Empty when nothing was.
   */
  warnings?: string[];
}

/**
 * Decodes a response body to a string, choosing the charset as described above
 * and stripping any byte order mark.
 *
 * @param body The raw (already decompressed) body bytes.
 * @param contentTypeHeader The Content-Type response header, if any.
 * @param kind `'feed'` honours only the XML declaration and checks the
 *   result against the bytes; `'page'` prefers `<meta charset>`; omitted,
 *   both are looked for (XML first).
 * @returns The text, the WHATWG name of the charset used and, for feeds,
 *   warnings about a declared charset that did not fit.
 */
export function decodeBody(body: Uint8Array, contentTypeHeader: string | null, kind?: DocumentKind): DecodedBody {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (kind === 'feed') return decodeFeed(bytes, parseContentType(contentTypeHeader).charset);
  const bom = sniffByteOrderMark(bytes);
  const encoding = bom?.encoding ?? resolveEncoding(parseContentType(contentTypeHeader).charset) ?? sniffDocument(bytes, kind) ?? UTF8;
  const { text, charset } = decodeWith(encoding, bytes.subarray(bom?.length ?? 0), []);
  return { text, charset };
}

function decodeWith(encoding: Encoding, bytes: Buffer, warnings: string[]): DecodedBody & { warnings: string[] } {
  // stripBOM off: a BOM was already sliced off above, and a U+FEFF that
  // survives to here is content, not a marker.
  return { text: iconv.decode(bytes, encoding.codec, { stripBOM: false }), charset: encoding.name, warnings };
}

/** A charset some source declared for the document. */
interface Declared {
  encoding: Encoding;
  /** Who declared what, for warnings: `the XML declaration says encoding="utf-8"`. */
  claim: string;
}

/**
 * A feed's bytes -> text: BOM, then the Content-Type charset, then the XML
 * declaration (or UTF-16 seen in the byte pattern), then UTF-8; each
 * checked against the bytes, the first that fits used, and if none does,
 * the encoding that reads the bytes best.
 */
function decodeFeed(bytes: Buffer, headerLabel: string | null): DecodedBody & { warnings: string[] } {
  const warnings: string[] = [];
  const bom = sniffByteOrderMark(bytes);
  if (bom !== null) {
    const rest = bytes.subarray(bom.length);
    if (bom.encoding !== UTF8 || analyseUtf8(rest).invalid === 0) return decodeWith(bom.encoding, rest, warnings);
    return decodeMisdeclared(rest, [{ encoding: UTF8, claim: 'the byte order mark says UTF-8' }], warnings);
  }
  const declared: Declared[] = [];
  const header = resolveEncoding(headerLabel);
  if (header !== null) declared.push({ encoding: header, claim: `the HTTP Content-Type says charset=${headerLabel}` });
  else if (headerLabel) warnings.push(`ignored the unknown charset "${headerLabel}" in the HTTP Content-Type`);
  const utf16 = sniffUtf16(bytes);
  if (utf16 !== null) {
    // The bytes can only be UTF-16; a declaration that says otherwise is wrong (and an XML one could not even be read).
    const wrong = declared.find((candidate) => !candidate.encoding.name.startsWith('utf-16'));
    if (wrong !== undefined) warnings.push(`${wrong.claim}, but the document is ${utf16.name}; decoded as ${utf16.name}`);
    return decodeWith(utf16, bytes, warnings);
  }
  const head = bytes.subarray(0, SNIFF_BYTES).toString('latin1');
  const declarationLabel = (XML_DECLARATION.exec(head) ?? LATE_XML_DECLARATION.exec(head))?.[1];
  const declaration = resolveEncoding(declarationLabel);
  if (declaration !== null) declared.push({ encoding: declaration, claim: `the XML declaration says encoding="${declarationLabel}"` });
  else if (declarationLabel) warnings.push(`ignored the unknown encoding "${declarationLabel}" in the XML declaration`);
  if (declared.length === 0) declared.push({ encoding: UTF8, claim: 'no charset is declared (so UTF-8)' });
  return decodeMisdeclared(bytes, declared, warnings);
}

/**
 * Decodes with the first declared charset that fits the bytes, preferring
 * the XML declaration over the HTTP header only when it reads the bytes
 * clearly better (servers often send a default charset they never checked).
 * When none fits, UTF-8 (if the bytes are mostly UTF-8) or the best guess.
 */
function decodeMisdeclared(bytes: Buffer, declared: Declared[], warnings: string[]): DecodedBody & { warnings: string[] } {
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
      warnings.push(`${first.claim}, but the bytes are not ${first.encoding.name}; decoded as ${chosen.encoding.name}, as ${chosen.claim.replace(/ says .*$/, '')} says`);
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
  warnings.push(`${first.claim}, but the bytes are not ${first.encoding.name}; decoded as ${guess.name}, which fits them best`);
  return decodeWith(guess, bytes, warnings);
}

/**
 * A legacy charset that reads the bytes clearly better than the declared
 * one (windows-1252 declared over windows-1251 text decodes without errors,
 * but into accented-letter soup), or null. Only judged on enough non-ASCII
 * text that a few symbols cannot sway it.
 */
function betterGuess(declared: Encoding, bytes: Buffer): Encoding | null {
  const sample = bytes.subarray(0, GUESS_SAMPLE_BYTES);
  let nonAscii = 0;
  for (const byte of sample) if (byte >= 0x80) nonAscii += 1;
  if (nonAscii < MIN_EVIDENCE_BYTES) return null;
  const declaredScore = scoreDecoding(declared, sample);
  if (declaredScore >= PLAUSIBLE_SCORE) return null;
  const guess = guessEncoding(bytes);
  return guess.name !== declared.name && scoreDecoding(guess, sample) - declaredScore > CLEARLY_BETTER ? guess : null;
}

/** The first candidate, unless a later one reads the bytes clearly better (by {@link scoreDecoding}). */
function preferClearlyBetter(candidates: Declared[], bytes: Buffer): Declared {
  const first = candidates[0] as Declared;
  if (candidates.length === 1 || candidates.every((candidate) => candidate.encoding.name === first.encoding.name)) return first;
  const sample = bytes.subarray(0, GUESS_SAMPLE_BYTES);
  const firstScore = scoreDecoding(first.encoding, sample);
  let best = first;
  let bestScore = firstScore;
  for (const candidate of candidates.slice(1)) {
    const score = scoreDecoding(candidate.encoding, sample);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return bestScore - firstScore > CLEARLY_BETTER ? best : first;
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
  if (encoding.name === 'utf-8') return analyseUtf8(bytes).invalid === 0;
  if (encoding.name.startsWith('utf-16')) return false;
  const utf8 = analyseUtf8(bytes);
  if (utf8.invalid === 0 && utf8.multibyte > 0) return false;
  const text = iconv.decode(bytes.subarray(0, GUESS_SAMPLE_BYTES), encoding.codec);
  let replacements = 0;
  for (let index = text.indexOf('\uFFFD'); index >= 0; index = text.indexOf('\uFFFD', index + 1)) replacements += 1;
  return replacements === 0;
}

/** The encoding a byte order mark announces, and how many bytes it takes. */
function sniffByteOrderMark(bytes: Buffer): { encoding: Encoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: UTF8, length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: UTF16LE, length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: UTF16BE, length: 2 };
  return null;
}

/**
 * UTF-16 without a byte order mark, from its byte pattern: markup is mostly
 * ASCII, whose UTF-16 code units have a zero high byte, so one byte of each
 * pair is nearly always zero (the second in little-endian, the first in
 * big-endian) and the other nearly never.
 */
function sniffUtf16(bytes: Buffer): Encoding | null {
  const pairs = Math.min(bytes.length, 1024) >> 1;
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (bytes[index] === 0) evenZeros += 1;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return UTF16LE;
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return UTF16BE;
  return null;
}

/** Looks inside the document for a declared charset, as `kind` directs. */
function sniffDocument(bytes: Buffer, kind: DocumentKind | undefined): Encoding | null {
  // latin1 maps each byte to one char, so ASCII markup reads the same whatever
  // the real charset (every charset we support is ASCII-compatible, bar UTF-16).
  const head = bytes.subarray(0, SNIFF_BYTES).toString('latin1');
  return kind === 'page' ? (metaEncoding(head) ?? xmlEncoding(bytes, head)) : (xmlEncoding(bytes, head) ?? metaEncoding(head));
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
      (attributes.get('http-equiv')?.toLowerCase() === 'content-type' ? CONTENT_CHARSET.exec(attributes.get('content') ?? '')?.[1] : undefined);
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

// ---------------------------------------------------------------------------
// UTF-8 validation and repair

/**
 * How many well-formed multi-byte UTF-8 sequences the bytes hold (for valid
 * UTF-8 only whether there are any: 1 or 0), and how many bytes belong to none.
 */
function analyseUtf8(bytes: Buffer): { multibyte: number; invalid: number } {
  // The native check settles the common case (valid UTF-8) without walking the bytes in JavaScript.
  if (isUtf8(bytes)) return { multibyte: bytes.some((byte) => byte >= 0x80) ? 1 : 0, invalid: 0 };
  let multibyte = 0;
  let invalid = 0;
  for (let index = 0; index < bytes.length; ) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) {
      // A sequence cut off by the end of the body is a truncated download, not a wrong charset.
      if (!isCutOffAtEnd(bytes, index)) invalid += 1;
      index += 1;
    } else {
      if (length > 1) multibyte += 1;
      index += length;
    }
  }
  return { multibyte, invalid };
}

/** Length of the well-formed UTF-8 sequence at `index` (RFC 3629: no overlongs, surrogates or code points past U+10FFFF), 0 if none. */
function utf8SequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index] as number;
  if (lead < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** True when the bytes from `index` are the start of a multi-byte sequence that the end of the body cut off. */
function isCutOffAtEnd(bytes: Buffer, index: number): boolean {
  const lead = bytes[index] as number;
  const expected = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (expected === 0 || index + expected <= bytes.length) return false;
  for (let next = index + 1; next < bytes.length; next += 1) if (((bytes[next] as number) & 0xc0) !== 0x80) return false;
  return true;
}

/** windows-1252 for every byte from 0x80, for bytes that are not UTF-8. */
const WINDOWS_1252_HIGH = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, index) => index + 0x80)), 'windows-1252');

/** UTF-8 where the bytes are UTF-8, windows-1252 for each byte that is not. */
function decodeUtf8WithFallback(bytes: Buffer): string {
  let text = '';
  let runStart = 0;
  for (let index = 0; index < bytes.length; ) {
    const length = utf8SequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    text += bytes.toString('utf8', runStart, index) + (WINDOWS_1252_HIGH[(bytes[index] as number) - 0x80] ?? '\uFFFD');
    index += 1;
    runStart = index;
  }
  return text + bytes.toString('utf8', runStart);
}

// ---------------------------------------------------------------------------
// Guessing a legacy charset

/** How much of the body the guess reads: enough text to judge, bounded time. */
const GUESS_SAMPLE_BYTES = 32_768;
/** Score per non-ASCII byte by which another charset must beat the declared one to be preferred. */
const CLEARLY_BETTER = 0.5;
/** A declared charset scoring at least this reads as text and is never second-guessed. */
const PLAUSIBLE_SCORE = 0.25;
/** Non-ASCII bytes needed before a declared legacy charset is second-guessed. */
const MIN_EVIDENCE_BYTES = 16;

/**
 * Charsets a feed that does not say (or says wrongly) is most likely in, in
 * order of preference when two read the bytes equally well. EUC-KR is left
 * out: without frequency tables its text cannot be told from GBK's.
 */
const GUESS_CANDIDATES: readonly Encoding[] = ['windows-1252', 'windows-1251', 'windows-1250', 'koi8-r', 'windows-1253', 'gbk', 'shift_jis', 'euc-jp', 'big5']
  .map((label) => resolveEncoding(label))
  .filter((encoding): encoding is Encoding => encoding !== null);

/** The candidate charset under which the bytes read most like text (see {@link scoreDecoding}). */
function guessEncoding(bytes: Buffer): Encoding {
  const sample = bytes.subarray(0, GUESS_SAMPLE_BYTES);
  let best = WINDOWS_1252;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const candidate of GUESS_CANDIDATES) {
    const score = scoreDecoding(candidate, sample);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

const CJK_CANDIDATES: Readonly<Record<string, 'zh-hans' | 'zh-hant' | 'ja'>> = { gbk: 'zh-hans', big5: 'zh-hant', shift_jis: 'ja', 'euc-jp': 'ja' };
/** Punctuation and signs common in running text in every language. */
const COMMON_SIGNS = new Set('\u00a0’‘“”„–—…«»•€£©®°·¡¿§½×\u3000、。「」『』・！？（）：；，'.split(''));
/** Signs that may stand between two letters of a word ("aujourd’hui", "l·l"). */
const INSIDE_WORD_SIGNS = new Set('’·\u00ad'.split(''));
const CASED_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
/**
 * Accented letters frequent in Western and in Central European languages.
 * windows-1252 and windows-1250 agree on most accented letters and differ
 * on these (1250's č ř ě are 1252's è ø ì), so a small bonus for each lets
 * the language decide.
 */
const FREQUENT_ACCENTS = new Set('àâäçéèêëîïôöùûüÿñáíóúßãõåæœąćęłńśźżčďěňřšťůžőű'.split(''));

/**
 * How much `bytes` read like natural text when decoded as `encoding`, per
 * non-ASCII byte. Rewards letters forming words in one script with a
 * normal case pattern (lower, UPPER or Capitalised) and common CJK
 * characters (checked by round-tripping through the national charset:
 * GB2312, Big5 and JIS X 0208 each put their common characters in one
 * block), and penalises replacement characters, control codes, symbols
 * inside words, mixed scripts and the accented-letter soup that text in
 * another script becomes in a Latin charset.
 */
function scoreDecoding(encoding: Encoding, bytes: Buffer): number {
  let nonAsciiBytes = 0;
  for (const byte of bytes) if (byte >= 0x80) nonAsciiBytes += 1;
  if (nonAsciiBytes === 0) return 0;
  const text = iconv.decode(bytes, encoding.codec);
  const language = CJK_CANDIDATES[encoding.name];
  let score = 0;
  for (const chunk of text.split(/[\s<>"=]+/)) {
    if (!/[\u0080-\uffff]/.test(chunk)) continue;
    const chars = [...chunk];
    let word = '';
    chars.forEach((char, index) => {
      if (/[\p{L}\p{M}]/u.test(char)) {
        word += char;
        return;
      }
      score += scoreWord(word, language);
      word = '';
      if (char <= '\x7f') return;
      if (char === '\uFFFD' || char <= '\x9f') score -= 5;
      else if (CASED_LETTER.test(chars[index - 1] ?? '') && CASED_LETTER.test(chars[index + 1] ?? '') && !INSIDE_WORD_SIGNS.has(char)) score -= 2;
      else score += COMMON_SIGNS.has(char) ? 0.5 : -1;
    });
    score += scoreWord(word, language);
  }
  return score / nonAsciiBytes;
}

/** Score of one run of letters: CJK characters one by one, cased-script letters as a word. */
function scoreWord(word: string, language: 'zh-hans' | 'zh-hant' | 'ja' | undefined): number {
  if (!/[\u0080-\uffff]/.test(word)) return 0;
  let score = 0;
  let cased = '';
  for (const char of word) {
    if (/\p{Script=Han}/u.test(char)) score += commonHan(char, language) ? 2 : 0.5;
    else if (/[\u3041-\u30ff]/.test(char)) score += language === 'ja' ? 2 : 0;
    else if (/[\uff61-\uff9f]/.test(char)) score -= 1;
    else if (/\p{Script=Hangul}/u.test(char)) score += 0;
    else cased += char;
  }
  return score + scoreCasedWord(cased);
}

/** A word in a cased script (Latin, Cyrillic, Greek): one script, a normal case pattern, not mostly accented Latin. */
function scoreCasedWord(word: string): number {
  const letters = [...word];
  const nonAscii = letters.filter((char) => char > '\x7f').length;
  if (nonAscii === 0) return 0;
  const scripts = ['Latin', 'Cyrillic', 'Greek'].filter((script) => new RegExp(`\\p{Script=${script}}`, 'u').test(word));
  if (scripts.length > 1) return -2 * nonAscii;
  const tail = letters.slice(1).join('');
  const normalCase = word === word.toLowerCase() || word === word.toUpperCase() || tail === tail.toLowerCase();
  if (!normalCase) return -nonAscii;
  // Latin-script words are mostly ASCII letters with a few accents; a run of accents is another script misread.
  if (scripts[0] === 'Latin' && letters.length >= 4 && nonAscii * 4 >= letters.length * 3) return -nonAscii;
  return nonAscii + 0.5 * letters.filter((char) => FREQUENT_ACCENTS.has(char.toLowerCase())).length;
}

/** Whether a Han character is in the common block of the national charset the candidate implies. */
function commonHan(char: string, language: 'zh-hans' | 'zh-hant' | 'ja' | undefined): boolean {
  if (language === undefined) return false;
  const encoded = iconv.encode(char, language === 'zh-hans' ? 'gbk' : language === 'zh-hant' ? 'big5' : 'shift_jis');
  if (encoded.length !== 2) return false;
  const lead = encoded[0] as number;
  // GB2312 level 1 (0xB0-0xD7), Big5 frequent characters (0xA4-0xC6), JIS X 0208 level 1 (0x88-0x98 in Shift_JIS).
  if (language === 'zh-hans') return lead >= 0xb0 && lead <= 0xd7;
  if (language === 'zh-hant') return lead >= 0xa4 && lead <= 0xc6;
  return lead >= 0x88 && lead <= 0x98;
}
