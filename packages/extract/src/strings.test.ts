import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleansBeyondWhitespace, cleanText } from './strings.js';

describe('cleansBeyondWhitespace', () => {
  it('is false only where cleanText changes nothing but whitespace (so a word test reads the raw text alike)', () => {
    const alphabet = fc.constantFrom('h', 'e', 'i', 's', ' ', '\n', '\t', '\u00a0', '\u00ad', '\u200b', '&', '#', '1', '0', '4', ';', 'amp');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        if (cleansBeyondWhitespace(text)) return;
        expect(cleanText(text) ?? '').toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2_000 },
    );
    expect(cleansBeyondWhitespace('&#104;e')).toBe(true);
    expect(cleansBeyondWhitespace('h\u00ade')).toBe(true);
    expect(cleansBeyondWhitespace('he  said')).toBe(false);
  });
});
