import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query.js';
import { highlight } from './highlight.js';

const snippet = (text: string, query: string) => highlight(text, parseQuery(query));

describe('highlight', () => {
  it('marks every word the search matched, however it is written in the text', () => {
    expect(snippet('The Café in the U.S. sent an e-mail.', 'cafe u.s. e-mail')).toBe('The <mark>Café</mark> in the <mark>U.S</mark>. sent an <mark>e-mail</mark>.');
  });

  it('marks a phrase as one, a prefix by its word, and not words that only look alike', () => {
    expect(snippet('Lachin corridor, the Lachin town; corridors.', '"lachin corridor" corr*')).toBe(
      '<mark>Lachin corridor</mark>, the Lachin town; <mark>corridors</mark>.',
    );
  });

  it('marks nothing for field-only or excluded terms, showing the opening words', () => {
    expect(snippet('Traffic resumed on Monday.', 'title:traffic -monday lachin')).toBe('Traffic resumed on Monday.');
  });

  it('escapes HTML and keeps control characters from turning into marks', () => {
    expect(snippet('AT&T <b>turnips</b> \u0001odd\u0002', 'turnips')).toBe('AT&amp;T &lt;b&gt;<mark>turnips</mark>&lt;/b&gt;  odd');
  });

  it('cuts a long text to the window with the most different words, with ellipses', () => {
    const filler = (from: number, n: number) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');
    const text = `${filler(0, 50)} alpha ${filler(100, 50)} alpha beta ${filler(200, 50)}`;
    const result = snippet(text, 'alpha beta');
    expect(result).toMatch(/^….*<mark>alpha<\/mark> <mark>beta<\/mark>.*…$/u);
    expect(result.split(' ')).toHaveLength(24);
  });
});
