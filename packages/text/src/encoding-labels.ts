import iconv from 'iconv-lite';

/**
 * Charset labels -> the encoding to decode with, following the WHATWG
 * Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels).
 *
 * Browsers, not RFCs, decide what labels mean on the web: a page that says
 * "iso-8859-1" is really windows-1252 (it uses 0x80-0x9F for curly quotes and
 * the euro sign), "gb2312" is really GBK, "ascii" is windows-1252 too. Decoding
 * by the literal label would turn those characters into C1 control codes.
 */

/** A resolved encoding: the WHATWG name we report, and iconv-lite's codec. */
export interface Encoding {
  /** Lower-case WHATWG name, e.g. 'windows-1252', reported as `charset`. */
  name: string;
  /** The iconv-lite codec that implements it (for the few iconv-lite lacks, the WHATWG name: see decodeBytes). */
  codec: string;
}

/**
 * WHATWG encodings iconv-lite does not implement and the platform's
 * TextDecoder does (Node's ICU): ISO-2022-JP, the 7-bit Japanese of older
 * mail-derived feeds and pages.
 */
const PLATFORM_DECODED = new Set(['iso-2022-jp']);

/** The bytes as text in `encoding`, a byte order mark kept (the callers strip one before). */
export function decodeBytes(encoding: Encoding, bytes: Uint8Array): string {
  if (PLATFORM_DECODED.has(encoding.name)) return new TextDecoder(encoding.name, { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding.codec, { stripBOM: false });
}

/** Whether this Node can decode `name` with TextDecoder (a build without full ICU cannot decode ISO-2022-JP). */
function platformDecodes(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/** The encodings the charset rules name directly. */
export const UTF8: Encoding = { name: 'utf-8', codec: 'utf-8' };
export const UTF16LE: Encoding = { name: 'utf-16le', codec: 'utf-16le' };
export const UTF16BE: Encoding = { name: 'utf-16be', codec: 'utf-16be' };
export const WINDOWS_1252: Encoding = { name: 'windows-1252', codec: 'windows-1252' };

/** Explicit aliases whose WHATWG meaning differs from, or is unknown to, iconv-lite. */
const ALIASES: Readonly<Record<string, string>> = {
  // windows-1252 swallows ASCII and Latin-1.
  'ansi_x3.4-1968': 'windows-1252',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  cp819: 'windows-1252',
  ibm819: 'windows-1252',
  csisolatin1: 'windows-1252',
  'iso-ir-100': 'windows-1252',
  l1: 'windows-1252',
  latin1: 'windows-1252',
  // windows-1254 swallows Latin-5, windows-874 swallows TIS-620.
  csisolatin5: 'windows-1254',
  'iso-ir-148': 'windows-1254',
  l5: 'windows-1254',
  latin5: 'windows-1254',
  'dos-874': 'windows-874',
  'tis-620': 'windows-874',
  // Unicode.
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  unicode11utf8: 'utf-8',
  unicode20utf8: 'utf-8',
  'x-unicode20utf8': 'utf-8',
  'utf-16': 'utf-16le',
  unicode: 'utf-16le',
  unicodefeff: 'utf-16le',
  csunicode: 'utf-16le',
  'iso-10646-ucs-2': 'utf-16le',
  'ucs-2': 'utf-16le',
  unicodefffe: 'utf-16be',
  // Chinese, Japanese, Korean.
  chinese: 'gbk',
  csgb2312: 'gbk',
  csiso58gb231280: 'gbk',
  gb2312: 'gbk',
  gb_2312: 'gbk',
  'gb_2312-80': 'gbk',
  'iso-ir-58': 'gbk',
  'x-gbk': 'gbk',
  'big5-hkscs': 'big5',
  'cn-big5': 'big5',
  csbig5: 'big5',
  'x-x-big5': 'big5',
  cseucpkdfmtjapanese: 'euc-jp',
  'x-euc-jp': 'euc-jp',
  csiso2022jp: 'iso-2022-jp',
  csshiftjis: 'shift_jis',
  ms932: 'shift_jis',
  ms_kanji: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'windows-31j': 'shift_jis',
  'x-sjis': 'shift_jis',
  cseuckr: 'euc-kr',
  csksc56011987: 'euc-kr',
  'iso-ir-149': 'euc-kr',
  korean: 'euc-kr',
  'ks_c_5601-1987': 'euc-kr',
  'ks_c_5601-1989': 'euc-kr',
  ksc5601: 'euc-kr',
  ksc_5601: 'euc-kr',
  'windows-949': 'euc-kr',
  // Cyrillic and others.
  cskoi8r: 'koi8-r',
  koi: 'koi8-r',
  koi8: 'koi8-r',
  koi8_r: 'koi8-r',
  'koi8-ru': 'koi8-u',
  '866': 'ibm866',
  cp866: 'ibm866',
  csibm866: 'ibm866',
  csmacintosh: 'macintosh',
  mac: 'macintosh',
  'x-mac-roman': 'macintosh',
  'x-mac-ukrainian': 'x-mac-cyrillic',
  l2: 'iso-8859-2',
  latin2: 'iso-8859-2',
  l3: 'iso-8859-3',
  latin3: 'iso-8859-3',
  l4: 'iso-8859-4',
  latin4: 'iso-8859-4',
  cyrillic: 'iso-8859-5',
  arabic: 'iso-8859-6',
  greek: 'iso-8859-7',
  greek8: 'iso-8859-7',
  hebrew: 'iso-8859-8',
  l6: 'iso-8859-10',
  latin6: 'iso-8859-10',
  l9: 'iso-8859-15',
  latin9: 'iso-8859-15',
  'iso-8859-8-i': 'iso-8859-8',
  csiso88598i: 'iso-8859-8',
  logical: 'iso-8859-8',
  visual: 'iso-8859-8',
};

/** WHATWG names whose iconv-lite codec has another name (or is a superset that matches browsers). */
const CODECS: Readonly<Record<string, string>> = {
  big5: 'big5hkscs',
  'euc-kr': 'cp949',
  shift_jis: 'cp932',
  'x-mac-cyrillic': 'maccyrillic',
};

/** Every encoding we are willing to decode: the WHATWG set iconv-lite implements, and PLATFORM_DECODED. */
const SUPPORTED = new Set([
  'utf-8',
  'utf-16le',
  'utf-16be',
  'ibm866',
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-14',
  'iso-8859-15',
  'iso-8859-16',
  'koi8-r',
  'koi8-u',
  'macintosh',
  'x-mac-cyrillic',
  'windows-874',
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'gbk',
  'gb18030',
  'big5',
  'euc-jp',
  'iso-2022-jp',
  'shift_jis',
  'euc-kr',
]);

/** ISO-8859-n numbers the web maps onto a Windows code page instead. */
const ISO_TO_WINDOWS: Readonly<Record<string, string>> = {
  '1': 'windows-1252',
  '9': 'windows-1254',
  '11': 'windows-874',
};

/**
 * Resolves a charset label (any case, quoted or not) to an encoding, or null
 * when the label is unknown or names something iconv-lite cannot decode (the
 * caller then tries the next source of charset information).
 */
export function resolveEncoding(label: string | null | undefined): Encoding | null {
  if (!label) return null;
  const name = whatwgName(label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase());
  if (name === null || !SUPPORTED.has(name)) return null;
  if (name === UTF8.name) return UTF8;
  if (PLATFORM_DECODED.has(name)) return platformDecodes(name) ? { name, codec: name } : null;
  const codec = CODECS[name] ?? name;
  // Belt and braces: never hand iconv-lite a codec it would throw on.
  return iconv.encodingExists(codec) ? { name, codec } : null;
}

/** Maps a lower-case label to its WHATWG encoding name, or null. */
function whatwgName(label: string): string | null {
  const alias = ALIASES[label];
  if (alias !== undefined) return alias;
  // The ISO-8859 family is spelled many ways: iso-8859-5, iso8859-5,
  // iso_8859-5, iso_8859-5:1988, iso88595.
  const iso = /^iso[-_]?8859[-_]?(\d{1,2})(?::\d{4})?$/.exec(label);
  if (iso?.[1] !== undefined) return ISO_TO_WINDOWS[iso[1]] ?? `iso-8859-${iso[1]}`;
  // windows-1251, cp1251, x-cp1251.
  const windows = /^(?:windows-|x-cp|cp)(125\d|874)$/.exec(label);
  if (windows?.[1] !== undefined) return `windows-${windows[1]}`;
  return label;
}
