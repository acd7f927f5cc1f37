import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query.js';
import { highlight } from './highlight.js';

const snippet = (text: string, query: string) => highlight(text, parseQuery(query));

describe('highlight', () => {
  it('marks every word the search matched, however it is written in the text', () => {
    expect(snippet('The Café in the U.S. sent an e-mail.', 'cafe u.s. e-mail')).toBe('The <mark>Café</mark> in the <mark>U.S</mark>. sent an <mark>e-mail</mark>.');
  });

  it('marks a word written in a variant form, shown in the form search reads (NFKC)', () => {
    expect(snippet('ＪＲ東日本は２０２４年に改正した。', '2024')).toBe('JR東日本は<mark>2024</mark>年に改正した。');
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

describe('the lead snippet (no word matched, or a browse)', () => {
  it('is cut in characters too: text without spaces does not come back whole', () => {
    const japanese = '東京都立図書館は来月から開館時間を延長する。'.repeat(100);
    const lead = highlight(japanese, parseQuery('turnips'));
    expect(lead.endsWith('…')).toBe(true);
    expect(lead.length).toBeLessThanOrEqual(241);
    expect(japanese.startsWith(lead.slice(0, -1))).toBe(true);
    // Never half a surrogate pair at the cut.
    const astral = `${'a'.repeat(239)}${'𠀋'.repeat(10)}`;
    expect(highlight(astral, parseQuery('turnips'))).toBe(`${'a'.repeat(239)}…`);
  });

  it('keeps 24 words of spaced text, as before', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(highlight(words, parseQuery('turnips'))).toBe(`${Array.from({ length: 24 }, (_, i) => `word${i}`).join(' ')}…`);
  });
});

describe('a snippet of Chinese, Japanese or Korean text', () => {
  it('spans three times as many tokens, its tokens being single characters', () => {
    const text = `${'東京都立図書館は来月から開館時間を延長する。'.repeat(10)}新しい閲覧室も開く。${'市民の声を受けて決めた。'.repeat(10)}`;
    const snippet = highlight(text, parseQuery('閲覧室'));
    expect(snippet).toContain('<mark>閲覧室</mark>');
    const shown = snippet.replace(/<\/?mark>/g, '').replaceAll('…', '');
    // 72 characters (tokens), punctuation between them shown as it stands.
    expect([...shown.replace(/[。、]/g, '')]).toHaveLength(72);
    expect(text).toContain(shown);
  });
});
