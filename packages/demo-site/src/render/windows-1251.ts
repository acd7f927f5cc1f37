/**
 * Non-ASCII, non-Cyrillic-alphabet characters the fixture uses, and their
 * windows-1251 bytes. А..я (U+0410..U+044F) map to 0xC0..0xFF arithmetically.
 */
const EXTRA_BYTES: ReadonlyMap<string, number> = new Map([
  ['Ё', 0xa8],
  ['ё', 0xb8],
  ['«', 0xab],
  ['»', 0xbb],
  ['—', 0x97],
  ['–', 0x96],
  ['…', 0x85],
  ['№', 0xb9],
  ['©', 0xa9],
  ['·', 0xb7],
  ['\u00a0', 0xa0],
  ['‘', 0x91],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['„', 0x84],
  ['€', 0x88],
]);

/**
 * Encodes text as windows-1251. Node has a decoder for it but no encoder, and
 * the fixture must not depend on iconv-lite; this covers ASCII, Russian and
 * the punctuation above, and throws on anything else rather than guess.
 */
export function encodeWindows1251(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const byte = code < 0x80 ? code : code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : EXTRA_BYTES.get(char);
    if (byte === undefined) throw new RangeError(`U+${code.toString(16).toUpperCase().padStart(4, '0')} (${char}) has no windows-1251 byte`);
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}
