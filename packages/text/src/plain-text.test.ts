import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTERS } from './control-characters.js';
import { collapsesToNothing, collapseWhitespace, hasDroppedCharacters } from './plain-text.js';

describe('collapseWhitespace', () => {
  it('makes one trimmed line: every whitespace run, no-break spaces included, is one space', () => {
    expect(collapseWhitespace('  Night\u00a0buses\n\n\textended  ')).toBe('Night buses extended');
  });

  it('drops control characters and invisible ones (soft hyphen, zero-width, BOM)', () => {
    expect(collapseWhitespace('\u0000Bus\u00adse\u200bs\u0007 \ufeffrun\u007f')).toBe('Busses run');
  });

  it('keeps the zero-width joiner and non-joiner, which emoji and some scripts need', () => {
    expect(collapseWhitespace('👩\u200d💻 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBe('👩\u200d💻 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645');
  });

  it('gives an empty string when nothing visible is left', () => {
    expect(collapseWhitespace(' \u200b\u0001 ')).toBe('');
  });
});

/** The definition, written the plain way: controls and invisible characters dropped, every whitespace run one space, trimmed. */
const byDefinition = (text: string) => text.replace(CONTROL_CHARACTERS, '').replace(/[\u00ad\u200b\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();

/** Texts around one UTF-16 code unit: alone, between words, in a run of whitespace, doubled around an invisible one. */
function around(char: string): string[] {
  return [char, `a ${char}b`, `a${char}\n b`, ` ${char}\n`, `${char}\u00ad${char}`, `a  ${char}  b`];
}

describe('collapseWhitespace against its definition', () => {
  it('gives what the plain definition gives for every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      for (const text of around(String.fromCharCode(code))) {
        if (collapseWhitespace(text) !== byDefinition(text)) differing.push(code);
      }
    }
    expect(differing).toEqual([]);
  });

  it('gives what the plain definition gives on random mixes of words, spaces, controls and invisible characters', () => {
    const pieces = ['a', 'bc', ' ', '  ', '\n', '\t', '\u00a0', '\u0000', '\u0007', '\u007f', '\u00ad', '\u200b', '\u2060', '\ufeff', '\u200d', '\u3000'];
    let seed = 7;
    for (let round = 0; round < 5_000; round += 1) {
      let text = '';
      const length = round % 40;
      for (let index = 0; index < length; index += 1) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        text += pieces[seed % pieces.length];
      }
      expect(collapseWhitespace(text)).toBe(byDefinition(text));
    }
  });

  it('leaves prose of single spaces as it is', () => {
    const prose = 'the council voted on the night bus budget '.repeat(1_000).trim();
    expect(collapseWhitespace(prose)).toBe(prose);
  });
});

describe('collapsesToNothing', () => {
  it('is true exactly where collapseWhitespace gives the empty string, for every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      for (const text of around(String.fromCharCode(code))) {
        if (collapsesToNothing(text) !== (collapseWhitespace(text) === '')) differing.push(code);
      }
    }
    expect(differing).toEqual([]);
  });

  it('is false once a visible character stands among blanks and invisible ones', () => {
    expect(collapsesToNothing(' \u00a0\n\u200b\ufeff\u0000 ')).toBe(true);
    expect(collapsesToNothing(' \u00a0\n\u200bx\ufeff ')).toBe(false);
    expect(collapsesToNothing('')).toBe(true);
  });
});

describe('hasDroppedCharacters', () => {
  it('is true exactly for the code units collapseWhitespace drops', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      const dropped = collapseWhitespace(`a${char}b`) === 'ab';
      if (hasDroppedCharacters(`x${char}`) !== dropped) differing.push(code);
    }
    expect(differing).toEqual([]);
  });
});
