import { describe, expect, it } from 'vitest';
import { foldWord, nameWords, words } from './text.js';

describe('words', () => {
  it('splits on anything but letters and numbers, folding case and Latin diacritics', () => {
    expect(words('Café au lait, 1,200 Łódź-bound ΑΘΗΝΑ!')).toEqual(['cafe', 'au', 'lait', '1', '200', 'łodz', 'bound', 'αθηνα']);
    expect(foldWord('Ärger')).toBe('arger');
  });
});

describe('nameWords', () => {
  it('keeps capitalised words inside sentences and figures, not sentence openers', () => {
    const names = nameWords('The bank met in Frankfurt. Christine Lagarde said rates stay at 4.5 percent. Lagarde left.');
    // "Christine" and the second "Lagarde" open sentences: capitalised whatever they were, so not counted.
    expect([...names.keys()].sort()).toEqual(['45', 'frankfurt', 'lagarde']);
    expect(names.get('lagarde')).toBe(1);
  });

  it('skips title-case headings, where capitals mark nothing', () => {
    const names = nameWords('How To Plan A Perfect Wedding Day\nWe met Anna in Paris.');
    expect([...names.keys()].sort()).toEqual(['anna', 'paris']);
  });

  it('works for scripts and languages it knows nothing about', () => {
    expect([...nameWords('Вчера в Москве выступил Путин. Затем 2024 год.').keys()]).toEqual(expect.arrayContaining(['москве', 'путин', '2024']));
  });
});
