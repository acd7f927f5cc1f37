import { UTF16BE, UTF16LE, UTF8, type Encoding } from './encoding-labels.js';

/**
 * What the first bytes of a document say about its encoding before any text
 * is read: a byte order mark, or the zero bytes that give UTF-16 away.
 */

/** The encoding a byte order mark announces, and how many bytes the mark takes; null without one. */
export function sniffByteOrderMark(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
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
export function sniffUtf16(bytes: Uint8Array): Encoding | null {
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

/**
 * UTF-16 shown by the byte order of `<?` at the very start of an XML
 * document (XML 1.0 appendix F): the declaration inside cannot be read as
 * ASCII, and whatever it says, the document is UTF-16.
 */
export function sniffUtf16XmlStart(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return UTF16LE;
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return UTF16BE;
  return null;
}
