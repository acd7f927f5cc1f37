import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFragment } from './dom.js';
import { countWords, finishArticleBody, paragraphsOf, WORD } from './text.js';

describe('paragraphsOf', () => {
  it('gives one paragraph per block, whitespace collapsed, entities decoded, captions left out', () => {
    const root = parseFragment(`
      <h2>Heading</h2>
      <p>First   line
         continues&nbsp;here &amp; there.</p>
      <ul><li>One</li><li>Two <em>items</em></li></ul>
      <blockquote><p>Quoted</p></blockquote>
      <figure><img src="x"><figcaption>Caption</figcaption></figure>
      <pre>code   block</pre>
      <table><tr><th>Team</th><th>Score</th></tr><tr><td>Reds</td><td>2</td></tr></table>
      <p>Line<br>break</p>`);
    expect(paragraphsOf(root)).toEqual([
      'Heading',
      'First line continues here & there.',
      'One',
      'Two items',
      'Quoted',
      'code block',
      'Team | Score',
      'Reds | 2',
      'Line break',
    ]);
  });

  it('reads a row that lays out a page (its cells hold paragraphs or line breaks) as blocks, not as one run-together line', () => {
    const root = parseFragment(
      '<table><tr><td><p>Posted on 03/27/2004</p><p>The county approved the budget.</p></td><td>Line one<br>line two</td></tr><tr><td>Reds</td><td>2</td></tr></table>',
    );
    expect(paragraphsOf(root)).toEqual(['Posted on 03/27/2004', 'The county approved the budget.', 'Line one line two', 'Reds | 2']);
  });

  it('ends a paragraph at a <br> after a line of a sentence or more, as pages set with <br> alone mean it; short lines stay one paragraph', () => {
    const first = 'The city council approved the new budget for parks and libraries on Tuesday evening.';
    const second = 'Work on the three new parks is to start in the spring and end before next winter.';
    const chinese = '市园林局昨日宣布，本市将在城东、城西和滨江地区新建三座综合性公园。';
    const root = parseFragment(`<div>${first}<br>${second}<br>${chinese}<br>\u3000\u3000${chinese}</div><p>12 Main Street<br>Springfield<br>USA</p>`);
    expect(paragraphsOf(root)).toEqual([first, second, chinese, chinese, '12 Main Street Springfield USA']);
  });
});

describe('finishArticleBody', () => {
  it('drops blocks left empty and keeps spaces held by empty inline tags', () => {
    const body = finishArticleBody('<p>  </p><p>across the country<strong> </strong>and more</p><ul><li> </li></ul><p><img src="https://e.org/a.jpg" /></p>');
    expect(body.html).toBe('<p>across the country and more</p><p><img src="https://e.org/a.jpg"></p>');
    expect(body.paragraphs).toEqual(['across the country and more']);
  });

  it('repairs text encoded in UTF-8 twice, in the text and the HTML alike', () => {
    // "don’t", "café", "it’s — “quoted”" as their UTF-8 bytes read one byte a character (Windows-1252, then Latin-1).
    const body = finishArticleBody('<p>I donâ€™t like the cafÃ© â€” itâ\u0080\u0099s â€œquotedâ€\u009d.</p>');
    expect(body.paragraphs).toEqual(['I don’t like the café — it’s “quoted”.']);
    expect(body.html).toBe('<p>I don’t like the café — it’s “quoted”.</p>');
  });

  it('leaves text that only looks garbled once or twice, and leads that would decode to other scripts', () => {
    expect(finishArticleBody('<p>Er sagte „Ä“ und ging.</p>').paragraphs).toEqual(['Er sagte „Ä“ und ging.']);
    expect(finishArticleBody('<p>Gruß“ donâ€™t canâ€™t wonâ€™t</p>').paragraphs).toEqual(['Gruß“ don’t can’t won’t']);
  });
});

describe('countWords', () => {
  it('counts letter and digit runs in any script', () => {
    expect(countWords('The 3 little pigs — and a wolf.')).toBe(7);
    expect(countWords('Ölpreis steigt, São Paulo; Москва')).toBe(5);
    expect(countWords('हिन्दी भाषा')).toBe(2);
    expect(countWords('')).toBe(0);
  });

  it('counts each Han or kana character as a word and Hangul by runs', () => {
    expect(countWords('東京都')).toBe(3);
    expect(countWords('Kindleの使い方')).toBe(5);
    expect(countWords('서울 시장 선거')).toBe(3);
  });

  it('finds the words of Thai, Lao, Khmer and Burmese, written without spaces between them, by dictionary', () => {
    // "The city's transport office announced on Wednesday": a run of letters, one word by WORD.
    const thai = 'สำนักงานขนส่งของเมืองประกาศเมื่อวันพุธ';
    expect(thai.match(WORD)).toHaveLength(1);
    expect(countWords(thai)).toBeGreaterThanOrEqual(6);
    expect(countWords(`${thai} ${thai}`)).toBe(2 * countWords(thai));
    expect(countWords('ພາສາລາວ ແມ່ນພາສາ')).toBeGreaterThanOrEqual(3);
    // Beside them, Latin words count once and Han characters one each, as elsewhere.
    expect(countWords(`Bangkok ${thai} 東京都`)).toBe(1 + countWords(thai) + 3);
  });

  it('counts what WORD matches, marks, CJK and surrogates included (scripts without spaces apart)', () => {
    const byRegExp = (text: string) => text.match(WORD)?.length ?? 0;
    // Letters, digits, marks, CJK of each script, a letter outside the BMP, a lone surrogate, separators.
    const alphabet = fc.constantFrom('a', 'Z', '7', 'é', 'ß', 'я', 'क', '\u093f', '\u0301', '\u3099', '東', 'の', 'カ', 'ー', '서', '\u{1d400}', '\u{20000}', '\ud800', '\udc00', ' ', '-', '_', '\u00a0', '٣', '〇');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(countWords(text)).toBe(byRegExp(text));
      }),
      { numRuns: 2000 },
    );
    // Every UTF-16 code unit, inside a word and alone.
    const differing: number[] = [];
    for (let unit = 0; unit < 0x10000; unit += 1) {
      if ((unit >= 0x0e00 && unit <= 0x0eff) || (unit >= 0x1000 && unit <= 0x109f) || (unit >= 0x1780 && unit <= 0x17ff)) continue;
      const text = `a${String.fromCharCode(unit)}b ${String.fromCharCode(unit)}`;
      if (countWords(text) !== byRegExp(text)) differing.push(unit);
    }
    expect(differing).toEqual([]);
  });
});
