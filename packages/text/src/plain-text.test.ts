import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from './plain-text.js';

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
