import { collapseWhitespace as collapseAnyWhitespace } from '@tidings/text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleansBeyondWhitespace, cleanText, collapsesToNothing, collapseWhitespace } from './strings.js';

describe('collapseWhitespace', () => {
  it('gives what @tidings/text gives for every UTF-16 code unit, alone and between words', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      for (const text of [char, `a ${char}b`, `a${char}\n b`]) {
        if (collapseWhitespace(text) !== collapseAnyWhitespace(text)) differing.push(code);
      }
    }
    expect(differing).toEqual([]);
  });

  it('gives what @tidings/text gives on text mixing spaces, controls and invisible characters', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '\n', '\t', '\u00a0', '\u0000', '\u0007', '\u007f', '\u00ad', '\u200b', '\u2060', '\ufeff', '\u200d', '\u3000');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(collapseWhitespace(text)).toBe(collapseAnyWhitespace(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('collapses runs of whitespace, drops invisible characters and trims', () => {
    expect(collapseWhitespace('  One\u00a0\n two\u200b\u00adthree\u0000 ')).toBe('One twothree');
  });
});

describe('collapsesToNothing', () => {
  it('is true exactly where collapseWhitespace gives the empty string, for every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      for (const text of [char, ` ${char}\n`, `${char}\u00ad${char}`]) {
        if (collapsesToNothing(text) !== (collapseWhitespace(text) === '')) differing.push(code);
      }
    }
    expect(differing).toEqual([]);
  });

  it('is false for text holding a word among blanks and invisible characters', () => {
    expect(collapsesToNothing(' \u00a0\n\u200b\ufeff\u0000 ')).toBe(true);
    expect(collapsesToNothing(' \u00a0\n\u200bx\ufeff ')).toBe(false);
    expect(collapsesToNothing('')).toBe(true);
  });
});

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
