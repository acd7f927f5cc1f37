import Sqlite from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fts5Text, tokenize } from './tokens.js';

/** FTS5 itself: the tokens the `unicode61 remove_diacritics 2` tokenizer makes of a text, given as the SQLite backend gives it (fts5Text). */
const db = new Sqlite(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
function fts5Tokens(text: string): string[] {
  db.prepare('DELETE FROM t').run();
  db.prepare('INSERT INTO t (x) VALUES (?)').run(fts5Text(text));
  return db.prepare<[], { term: string }>('SELECT term FROM v ORDER BY offset').all().map((row) => row.term);
}
afterAll(() => db.close());

describe('tokenize', () => {
  it('splits on punctuation, folds case and Latin diacritics, keeps Greek accents, as FTS5 does', () => {
    const text = "Café naïve e-mail U.S. l'été STRASSE straße İstanbul Łódź Ὀδυσσεύς ΣΑΣ 東京都 Москва 3.14 don't";
    expect(tokenize(text)).toEqual(['cafe', 'naive', 'e', 'mail', 'u', 's', 'l', 'ete', 'strasse', 'straße', 'istanbul', 'łodz', 'ὀδυσσεύσ', 'σασ', '東', '京', '都', 'москва', '3', '14', 'don', 't']);
    expect(tokenize(text)).toEqual(fts5Tokens(text));
  });

  it('drops a combining accent inside a word but splits on other combining marks, as FTS5 does', () => {
    for (const text of ['Cafe\u0301 x', 'नमस्ते', 'مَرْحَبًا', 'a\u20d7b']) expect(tokenize(text)).toEqual(fts5Tokens(text));
  });

  it('agrees with FTS5 on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(tokenize(text)).toEqual(fts5Tokens(text));
      }),
      { numRuns: 500 },
    );
  });

  it('makes each Chinese, Japanese or Korean character a token, as FTS5 does with the spaced text', () => {
    const text = 'iPhone発売、東京都立図書館で「ｶﾀｶﾅ」と서울에서 𠀋 word';
    expect(tokenize(text)).toEqual(['iphone', '発', '売', '東', '京', '都', '立', '図', '書', '館', 'で', 'ｶ', 'ﾀ', 'ｶ', 'ﾅ', 'と', '서', '울', '에', '서', '𠀋', 'word']);
    expect(tokenize(text)).toEqual(fts5Tokens(text));
    const cjkAndLatin = fc.constantFrom(...'東京図書館ですカタカナｶﾀ서울에ㄱ𠀋ー・〜aZé1 -、'.split(/(?:)/u));
    fc.assert(
      fc.property(fc.array(cjkAndLatin, { maxLength: 30 }), (chars) => {
        expect(tokenize(chars.join(''))).toEqual(fts5Tokens(chars.join('')));
      }),
      { numRuns: 300 },
    );
  });

  it('returns nothing for text without letters or digits', () => {
    expect(tokenize(' &&& — !! ')).toEqual([]);
  });
});
