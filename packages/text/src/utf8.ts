import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * UTF-8 checked byte by byte (RFC 3629) and repaired: how much of a body is
 * well-formed UTF-8, and a decoding that keeps the UTF-8 and reads each
 * stray byte as windows-1252 (the usual legacy text pasted into UTF-8).
 */

/** What {@link analyseUtf8} found. */
export interface Utf8Analysis {
  /** Well-formed multi-byte sequences (for valid UTF-8, only whether there are any: 1 or 0). */
  multibyte: number;
  /** Bytes that belong to no well-formed sequence (a sequence cut off by the end of the body is forgiven). */
  invalid: number;
}

/** How many well-formed multi-byte UTF-8 sequences the bytes hold, and how many bytes belong to none. */
export function analyseUtf8(bytes: Buffer): Utf8Analysis {
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

/**
 * windows-1252 for every byte from 0x80, for bytes that are not UTF-8. Built
 * on first use: decoding it loads iconv-lite's codec tables, which every
 * process importing this package (the extractor's threads, each CLI call)
 * would otherwise pay for at start-up.
 */
let windows1252High: string | undefined;
function windows1252Char(byte: number): string {
  windows1252High ??= iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, index) => index + 0x80)), 'windows-1252');
  return windows1252High[byte - 0x80] ?? '\uFFFD';
}

/** UTF-8 where the bytes are UTF-8, windows-1252 for each byte that is not. */
export function decodeUtf8WithFallback(bytes: Buffer): string {
  let text = '';
  let runStart = 0;
  for (let index = 0; index < bytes.length; ) {
    const length = utf8SequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    text += bytes.toString('utf8', runStart, index) + windows1252Char(bytes[index] as number);
    index += 1;
    runStart = index;
  }
  return text + bytes.toString('utf8', runStart);
}
