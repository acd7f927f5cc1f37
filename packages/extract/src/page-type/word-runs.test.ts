import { describe, expect, it } from 'vitest';
import { countWordRuns, WORD_RUN } from './word-runs.js';

const byExpression = (text: string): number => text.match(WORD_RUN)?.length ?? 0;

describe('countWordRuns', () => {
  it('counts what the expression matches, on written text', () => {
    for (const text of ['', ' ', 'one', 'one two', 'x1 y2-z3', 'naïve café', 'cafe\u0301 au lait', '東京は晴れ', 'Добрый день, мир!', '٣ أيام', '😀 emoji 😀x', 'a\u00a0b\u2003c', 'आज बारिश हुई']) {
      expect(countWordRuns(text), text).toBe(byExpression(text));
    }
  });

  it('counts what the expression matches on every UTF-16 code unit, lone surrogates and pairs included', () => {
    const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const next = random(5);
    for (let start = 0; start < 0x10000; start += 512) {
      const units = Array.from({ length: 512 }, (_, i) => start + i);
      // Each unit alone between letters, and the block's units shuffled into runs (where surrogates pair up).
      const alone = units.map((unit) => `a${String.fromCharCode(unit)}b`).join(' ');
      const mixed = String.fromCharCode(...units.sort(() => next() - 0.5));
      expect(countWordRuns(alone)).toBe(byExpression(alone));
      expect(countWordRuns(mixed)).toBe(byExpression(mixed));
    }
    const astral = Array.from({ length: 2000 }, () => String.fromCodePoint(0x10000 + Math.floor(next() * 0x30000))).join(next() < 0.5 ? '' : 'x');
    expect(countWordRuns(astral)).toBe(byExpression(astral));
  });
});
