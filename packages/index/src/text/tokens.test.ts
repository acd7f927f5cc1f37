import Sqlite from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FTS5_TOKENIZE } from './fts5-table.js';
import { hasIndicJoiner, hasLetterFold, hasSegmentedScript, searchForm } from './folds.js';
import { fts5Text, fts5TextSteps, tokenSpans, tokenize } from './tokens.js';

/** FTS5 itself: the tokens its tokenizer, set up as the SQLite backend's is (FTS5_TOKENIZE), makes of a text given as that backend gives it (fts5Text). */
const db = new Sqlite(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = "${FTS5_TOKENIZE}");
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
function fts5Tokens(text: string): string[] {
  db.prepare('DELETE FROM t').run();
  db.prepare('INSERT INTO t (x) VALUES (?)').run(fts5Text(text));
  return db.prepare<[], { term: string }>('SELECT term FROM v ORDER BY offset').all().map((row) => row.term);
}
afterAll(() => db.close());

describe('tokenize', () => {
  it('splits on punctuation, folds case and diacritics, as FTS5 does (given fts5Text)', () => {
    const text = "Café naïve e-mail U.S. l'été STRASSE straße İstanbul Łódź Ὀδυσσεύς ΣΑΣ 東京都 Москва 3.14 don't";
    expect(tokenize(text)).toEqual(['cafe', 'naive', 'e', 'mail', 'u', 's', 'l', 'ete', 'strasse', 'strasse', 'istanbul', 'łodz', 'οδυσσευσ', 'σασ', '東', '京', '都', 'москва', '3', '14', 'don', 't']);
    expect(tokenize(text)).toEqual(fts5Tokens(text));
  });

  it('drops a combining accent inside a word and keeps other combining marks in it, as FTS5 does (given fts5Text)', () => {
    const samples: Array<[string, string[]]> = [
      ['Cafe\u0301 x', ['cafe', 'x']],
      ['नमस्ते', ['नमस्ते']],
      // Arabic vowel marks are points, folded away (below).
      ['مَرْحَبًا', ['مرحبا']],
      ['a\u20d7b', ['a\u20d7b']],
      // An accent with no letter to sit on is no token (FTS5 is given the text without it: fts5Text).
      ['a \u0301 b \u0301\u0300', ['a', 'b']],
    ];
    for (const [text, tokens] of samples) {
      expect(tokenize(text), text).toEqual(tokens);
      expect(tokenize(text), text).toEqual(fts5Tokens(text));
    }
  });

  it('folds away Arabic and Hebrew points and the tatweel, as accents are: a word is found however it is pointed', () => {
    expect(tokenize('كَتَبَ كـتـب كتب')).toEqual(['كتب', 'كتب', 'كتب']);
    expect(tokenize('שָׁלוֹם שלום')).toEqual(['שלום', 'שלום']);
    expect(tokenize('a \u064e b')).toEqual(['a', 'b']);
    for (const text of ['كَتَبَ كـتـب كتب', 'שָׁלוֹם שלום', 'a \u064e b', '東\u064e東', 'x\u0640\u0301y']) expect(tokenize(text), text).toEqual(fts5Tokens(text));
  });

  it('reads a character written in a variant form as the character (NFKC), as FTS5 is given it', () => {
    const samples: Array<[string, string[]]> = [
      // Full-width Latin and digits, as Japanese text writes them.
      ['ＪＲ東日本は２０２４年', ['jr', '東', '日', '本', 'は', '2024', '年']],
      // Half-width katakana with a separate voicing mark: one character.
      ['ｶﾞｲﾄﾞ', ['ガ', 'イ', 'ド']],
      ['ﬁnance ｆｉｎａｎｃｅ', ['finance', 'finance']],
      // Arabic presentation forms.
      ['\ufefb\ufe8e', ['لاا']],
      // A Hangul syllable written as its letters (NFD).
      ['\u1112\u1161\u11ab', ['한']],
    ];
    for (const [text, tokens] of samples) {
      expect(tokenize(text), text).toEqual(tokens);
      expect(tokenize(text), text).toEqual(fts5Tokens(text));
    }
  });

  it('keeps the vowel signs in a word, so words differing only in their vowels differ', () => {
    // Before, marks separated tokens: both were क त ब.
    expect(tokenize('किताब कातिब')).toEqual(['किताब', 'कातिब']);
    expect(tokenize('किताब कातिब')).toEqual(fts5Tokens('किताब कातिब'));
    expect(tokenize('বাংলা தமிழ் తెలుగు')).toEqual(['বাংলা', 'தமிழ்', 'తెలుగు']);
  });

  it('keeps a zero-width joiner or non-joiner after an Indic letter in its word, folded away; elsewhere it separates words, as FTS5 is given it', () => {
    const samples: Array<[string, string[]]> = [
      // A Marathi eyelash ra, a Devanagari half form, a Bengali ya-phala, a Sinhala rakaransaya: each the word typed without the joiner.
      ['दर्\u200dया', ['दर्या']],
      ['क्\u200cष', ['क्ष']],
      ['র\u200d্যাব', ['র্যাব']],
      ['ශ්\u200dරී ලංකා', ['ශ්රී', 'ලංකා']],
      // A Malayalam chillu, inside the word and at its end; a run of joiners.
      ['അവന്\u200dറെ കേരളത്തില്\u200d.', ['അവന്റെ', 'കേരളത്തില്']],
      ['क\u200d\u200cष', ['कष']],
      // Persian: a non-joiner parts a compound, as a space would. After a danda, a point or a Latin letter it separates too.
      ['می\u200cخواهم', ['می', 'خواهم']],
      ['।\u200dक क\u064e\u200dष a\u200db', ['क', 'क', 'ष', 'a', 'b']],
    ];
    for (const [text, tokens] of samples) {
      expect(tokenize(text), text).toEqual(tokens);
      expect(tokenize(text), text).toEqual(fts5Tokens(text));
    }
    expect(tokenize('दर्\u200dया')).toEqual(tokenize('दर्या'));
    // A chillu's joiner is inside its word's span, so a snippet marks the word whole.
    expect(tokenSpans('കേരളത്തില്\u200d x')[0]).toEqual({ token: 'കേരളത്തില്', start: 0, end: 11 });
    for (const text of ['दर्\u200dया', 'x അവന്\u200d']) expect(hasIndicJoiner(text), text).toBe(true);
    for (const text of ['दर्या', 'می\u200cخواهم', '।\u200dक', 'a\u200db']) expect(hasIndicJoiner(text), text).toBe(false);
  });

  it('folds away Greek accents and breathings, ß to ss and ё to е, as FTS5 is given them; other letters are as they were', () => {
    const samples: Array<[string, string[]]> = [
      // Monotonic Greek, typed without its tonos or in capitals; final sigma is σ, as before.
      ['λόγος λογος ΛΟΓΟΣ Λόγος', ['λογοσ', 'λογοσ', 'λογοσ', 'λογοσ']],
      ['ό ϊ ΐ ὧ ᾳ ᾼ Ἀθῆναι ῥήτωρ', ['ο', 'ι', 'ι', 'ω', 'α', 'α', 'αθηναι', 'ρητωρ']],
      // Written as a letter and its accents, read as the one character (searchForm), folded the same.
      ['λο\u0301γος ω\u0314\u0342\u0345', ['λογοσ', 'ω']],
      ['Straßenbahn STRAẞE strasse', ['strassenbahn', 'strasse', 'strasse']],
      ['Ёлка ёж Е\u0308лка елка', ['елка', 'еж', 'елка', 'елка']],
      // Other Latin and Cyrillic words, and Greek final sigma, as they were.
      ['Москва йод Ўзбекістан naïve ΣΑΣ σας', ['москва', 'йод', 'ўзбекістан', 'naive', 'σασ', 'σασ']],
    ];
    for (const [text, tokens] of samples) {
      expect(tokenize(text), text).toEqual(tokens);
      expect(tokenize(text), text).toEqual(fts5Tokens(text));
    }
    // ß is two letters of the token, one of the text: the span is the word as written.
    const text = 'Die Straßenbahn fährt';
    expect(tokenSpans(text)[1]).toEqual({ token: 'strassenbahn', start: 4, end: 15 });
    for (const text of ['λόγος', 'ὧ', 'Straße', 'ẞ', 'Ёлка', 'Е\u0308лка', 'λο\u0301γος']) expect(hasLetterFold(text), text).toBe(true);
    for (const text of ['λογος', 'ΛΟΓΟΣ', 'Strasse', 'Москва', 'Café', 'Cafe\u0301', 'й']) expect(hasLetterFold(text), text).toBe(false);
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
    expect(tokenize(text)).toEqual(['iphone', '発', '売', '東', '京', '都', '立', '図', '書', '館', 'で', 'カ', 'タ', 'カ', 'ナ', 'と', '서', '울', '에', '서', '𠀋', 'word']);
    expect(tokenize(text)).toEqual(fts5Tokens(text));
    const cjkAndLatin = fc.constantFrom(...'東京図書館ですカタカナｶﾀ서울에ㄱ𠀋ー・〜aZé1 -、ไทยກ'.split(/(?:)/u));
    fc.assert(
      fc.property(fc.array(cjkAndLatin, { maxLength: 30 }), (chars) => {
        expect(tokenize(chars.join(''))).toEqual(fts5Tokens(chars.join('')));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts Thai, Lao, Khmer and Burmese into words, as FTS5 does with the spaced text', () => {
    // Before, a stretch without spaces was one token as far as the next combining mark (ไทยประกาศมาตรการใหม): no word in it was
    // found; and until the marks became token characters, each word was cut at its marks (รัฐบาล was ร ฐบาล).
    const samples: Array<[string, string[]]> = [
      ['รัฐบาลไทยประกาศมาตรการใหม่วันนี้', ['รัฐบาล', 'ไทย', 'ประกาศ', 'มาตรการ', 'ใหม่', 'วัน', 'นี้']],
      // ໝ is ຫມ in its compatibility form (searchForm).
      ['ລັດຖະບານລາວປະກາດມາດຕະການໃໝ່', ['ລັດຖະບານ', 'ລາວ', 'ປະກາດ', 'ມາດ', 'ຕະການ', 'ໃຫມ່']],
      ['រដ្ឋាភិបាលកម្ពុជាប្រកាសវិធានការថ្មី', ['រដ្ឋាភិបាល', 'កម្ពុជា', 'ប្រកាស', 'វិធានការ', 'ថ្មី']],
      ['အစိုးရသည်ကြေညာချက်ထုတ်ပြန်ခဲ့သည်', ['အစိုးရ', 'သည်', 'ကြေညာချက်', 'ထုတ်', 'ပြန်', 'ခဲ့', 'သည်']],
      // Set apart from the letters and digits of other scripts around them, as CJK characters are.
      ['iPhoneไทย๑๒๓ ฯลฯ', ['iphone', 'ไทย๑๒๓', 'ฯลฯ']],
    ];
    for (const [text, tokens] of samples) {
      expect(tokenize(text), text).toEqual(tokens);
      expect(tokenize(text), text).toEqual(fts5Tokens(text));
    }
    // Each token's place is in the text as given, not as spaced.
    const text = 'ข่าวภาษาไทย today';
    expect(tokenSpans(text).map((span) => text.slice(span.start, span.end))).toEqual(['ข่าว', 'ภาษา', 'ไทย', 'today']);
  });

  it('agrees with FTS5 on text mixing those scripts with others', () => {
    const pieces = ['สวัสดี', 'ครับ', 'ผม', 'ภาษา', 'ไทย', 'ั', '่', '๑', 'ฯ', 'ລາວ', 'ສະບາຍດີ', 'ໆ', 'ភ្នំពេញ', 'កម្ពុជា', '។', 'မြန်မာ', 'ပါ', '။', '東', '서', 'aZ', 'é', '1', ' ', '-', '\u200b', '\u0301', '\u0300', 'नम', 'स्ते', 'ि', '्', '।', '\u200c', '\u200d', 'ന്', 'റെ', 'می', 'তা', 'كَ', 'تب', '\u064e', '\u0640', 'שָׁ', 'לום', 'ＡＢ', '１', 'ｶ', 'ﾞ', 'ﬁ', '\u1112', '\u1161', '\u11ab', 'λόγ', 'ος', 'ΛΟΓ', 'ς', 'ΐ', 'ὧ', 'ᾳ', 'Ἀ', 'ω', '\u0313', '\u0342', '\u0345', 'ß', 'ẞ', 'ё', 'Ё', 'е', '\u0308'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }), (chosen) => {
        const text = chosen.join('');
        expect(tokenize(text)).toEqual(fts5Tokens(text));
        expect(tokenSpans(searchForm(text)).map((span) => span.token)).toEqual(tokenize(text));
      }),
      { numRuns: 500 },
    );
  });

  it('tells text holding those scripts from text without them', () => {
    for (const text of ['ข่าว', 'ລາວ', 'ខ្មែរ', 'မြန်မာ', 'news ไทย']) expect(hasSegmentedScript(text), text).toBe(true);
    for (const text of ['news', 'Café', '東京', 'नमस्ते', '']) expect(hasSegmentedScript(text), text).toBe(false);
  });

  it('returns nothing for text without letters or digits', () => {
    expect(tokenize(' &&& — !! ')).toEqual([]);
  });
});

describe('fts5Text', () => {
  it('gives FTS5 what its steps make of the text, whatever it holds: its one scan passes over no text a step changes', () => {
    // Characters each step looks for (with what it needs beside them to change the text), and ASCII, which none does.
    const ascii = [...'aZ1 -.'];
    const stepCharacters = [
      // Letter folds, one character or a letter and its accent.
      ['ό', 'ΐ', 'ὧ', 'ᾳ', 'Ἀ', 'ο\u0301', 'ß', 'ẞ', 'ё', 'Ё', 'е\u0308'],
      // Joiners after an Indic letter, mark or digit, and elsewhere.
      ['\u200c', '\u200d', 'क', '्', '१', 'ന്', '।', 'می'],
      // Set apart: CJK, and the scripts cut into words.
      ['東', '서', 'ｶ', 'ﾞ', '𠀋', '\u1112'],
      ['ไทย', 'ั', 'ລາວ', 'ខ្មែរ', 'မြန်'],
      // Points and the tatweel.
      ['\u064e', '\u0640', '\u0670', 'ك', 'שָׁ', '\u05c1'],
      // Accents, alone or on a letter.
      ['\u0301', '\u0300', '\u0308', '\u0313', '\u20d7', 'e'],
    ];
    const textOf = (pieces: readonly string[], maxLength: number) => fc.array(fc.constantFrom(...pieces, ...ascii), { maxLength }).map((chosen) => chosen.join(''));
    const texts = fc.oneof(...stepCharacters.map((pieces) => textOf(pieces, 10)), textOf(stepCharacters.flat(), 20));
    fc.assert(
      fc.property(texts, (text) => {
        expect(fts5Text(text)).toBe(fts5TextSteps(searchForm(text)));
      }),
      { numRuns: 2000 },
    );
  });
});
