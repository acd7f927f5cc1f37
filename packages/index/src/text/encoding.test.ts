import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storableText, truncateUtf8, utf8Length, wellFormed } from './encoding.js';

describe('wellFormed', () => {
  it('writes each lone surrogate as U+FFFD and keeps pairs', () => {
    expect(wellFormed('a\ud800b\udc00c\ud83d\ude00\ud83d')).toBe('a\ufffdb\ufffdc\ud83d\ude00\ufffd');
    const text = 'plain text';
    expect(wellFormed(text)).toBe(text);
  });
});

describe('storableText', () => {
  it('writes each NUL character and lone surrogate as U+FFFD, and keeps other text as it is', () => {
    expect(storableText('a\u0000b\ud800c\u0000')).toBe('a\ufffdb\ufffdc\ufffd');
    const text = 'plain \u0001 text 😀';
    expect(storableText(text)).toBe(text);
  });
});

describe('truncateUtf8', () => {
  it('keeps the longest start within the bytes, never cutting a character in two', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat(400), (text, bytes) => {
        const cut = truncateUtf8(text, bytes);
        expect(text.startsWith(cut)).toBe(true);
        expect(utf8Length(cut)).toBeLessThanOrEqual(bytes);
        expect(wellFormed(cut)).toBe(cut);
        // One more character would not fit.
        const next = [...text.slice(cut.length)][0];
        if (next !== undefined) expect(utf8Length(cut + next)).toBeGreaterThan(bytes);
      }),
    );
  });
});
