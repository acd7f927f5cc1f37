import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleFacts } from '../search/article-facts.js';
import { makeArticle } from '../test-fixtures.js';
import { tokenize } from '../text/tokens.js';
import { articleLexemes, articleTsvector, tsvectorArray, tsvectorBinary } from './lexemes.js';
import { withAdminClient } from '../testing/test-database.js';

/** Lexemes written as PostgreSQL prints a tsvector (for lexemes without quotes or backslashes). */
function literal(lexemes: Map<string, number[]>): string {
  const weight = (position: number) => 'DCBA'[position >> 14] ?? '?';
  return [...lexemes].map(([lexeme, positions]) => `'${lexeme}':${positions.map((p) => `${p & 0x3fff}${weight(p)}`).join(',')}`).join(' ');
}

describe('articleTsvector', () => {
  const record = makeArticle('https://www.news.example.org/a', { title: 'Café talks', authors: ['Jane Doe'], text: "It's talks", siteName: 'Example', lang: 'en-GB' });
  const expected = "'cafe':1A 'talks':2A,21C 'jane':5B 'doe':6B '~site:example':9D,11D '~site:news':10D '~site:org':12D '~lang:en':15D '~lang:gb':16D 'it':19C 's':20C";

  it('weights title A, authors B, site and lang D, text C, with gaps so phrases stay inside a field', () => {
    expect(literal(articleLexemes(record, articleFacts(record)))).toBe(expected);
  });

  it('is read by PostgreSQL as those lexemes, alone and in an array (binary parameters)', async () => {
    const vector = articleTsvector(record, articleFacts(record));
    const second = makeArticle('https://example.org/b', { title: "O'Neill \\ Zoë", text: '' });
    const other = articleTsvector(second, articleFacts(second));
    await withAdminClient(async (client) => {
      // PostgreSQL prints its lexemes sorted, and weight D (the default) unmarked.
      const sorted = (text: string) => text.replaceAll('D', '').split(' ').sort().join(' ');
      const alone = await client.query<{ tsv: string }>('SELECT $1::tsvector::text AS tsv', [vector]);
      expect(sorted(alone.rows[0]?.tsv ?? '')).toBe(sorted(expected));
      const many = await client.query<{ tsv: string }>('SELECT t::text AS tsv FROM unnest($1::tsvector[]) AS t', [tsvectorArray([vector, other])]);
      expect(many.rows.map((row) => row.tsv)).toEqual([alone.rows[0]?.tsv, "'neill':2A 'o':1A 'zoe':3A '~lang:en':14 '~site:example':8,10 '~site:news':9 '~site:org':11"]);
    });
  });

  it('keeps positions within PostgreSQL limits: at most 16383, at most 255 per lexeme', () => {
    const long = makeArticle('https://news.example.org/long', { title: 'Long', text: 'word '.repeat(20_000) });
    const positions = articleLexemes(long, articleFacts(long)).get('word') ?? [];
    expect(positions).toHaveLength(255);
    expect(Math.max(...positions.map((p) => p & 0x3fff))).toBeLessThanOrEqual(16_383);
  });

  it('keeps a word longer than a lexeme may be cut to its first 2,000 bytes, never mid-character, as PostgreSQL takes it', async () => {
    // 1,999 ASCII bytes, then 3-byte letters: a cut at 2,000 bytes would split the first of them.
    const word = `${'q'.repeat(1999)}${'ሀ'.repeat(400)}`;
    const record = makeArticle('https://example.org/long-word', { title: 'Long', text: `${word} ${'д'.repeat(1500)}` });
    const lexemes = [...articleLexemes(record, articleFacts(record)).keys()];
    expect(lexemes).toEqual(expect.arrayContaining(['q'.repeat(1999), 'д'.repeat(1000)]));
    const vector = articleTsvector(record, articleFacts(record));
    await withAdminClient(async (client) => {
      const matched = await client.query<{ prefix: boolean }>(`SELECT $1::tsvector @@ $2::tsquery AS prefix`, [vector, `'${'q'.repeat(999)}':*`]);
      expect(matched.rows[0]?.prefix).toBe(true);
    });
  });

  it('reads a lone surrogate as U+FFFD, as UTF-8 writes it, so no lexeme comes twice', () => {
    const odd = makeArticle('https://example.org/c', { title: 'a\uD800b a\uDBFFb', text: '' });
    const lexemes = [...articleLexemes(odd, articleFacts(odd)).keys()].map((lexeme) => Buffer.from(lexeme).toString('hex'));
    expect(new Set(lexemes).size).toBe(lexemes.length);
  });
});

/** articleLexemes written plainly from tokenize(), as it was before its loop was tuned: the tuned one must give the same. */
function plainLexemes(title: string, text: string): Map<string, number[]> {
  const record = makeArticle('https://news.example.org/p', { title, text });
  const facts = articleFacts(record);
  const entries = new Map<string, number[]>();
  let position = 0;
  const field = (value: string, weight: number, prefix = '') => {
    // A lone surrogate reads as U+FFFD (the u flag keeps surrogate pairs whole).
    for (const token of tokenize(value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'))) {
      position = Math.min(position + 1, 16_383);
      const lexeme = prefix + token;
      if (Buffer.byteLength(lexeme) > 2_000) continue;
      const positions = entries.get(lexeme);
      if (!positions) entries.set(lexeme, [position | weight]);
      else if (positions.length < 255 && ((positions.at(-1) ?? 0) & 0x3fff) !== position) positions.push(position | weight);
    }
    position = Math.min(position + 2, 16_383);
  };
  field(title, 3 << 14);
  field(facts.authors.join(', '), 2 << 14);
  field(facts.siteText, 0, '~site:');
  field(facts.lang ?? '', 0, '~lang:');
  field(text, 1 << 14);
  return entries;
}

/** tsvectorBinary written plainly (Buffer#write for every lexeme). */
function plainBinary(lexemes: Map<string, number[]>): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4)];
  parts[0]?.writeInt32BE(lexemes.size, 0);
  for (const [lexeme, positions] of lexemes) {
    const count = Buffer.alloc(2);
    count.writeUInt16BE(positions.length, 0);
    const list = Buffer.alloc(positions.length * 2);
    positions.forEach((position, i) => list.writeUInt16BE(position, i * 2));
    parts.push(Buffer.from(lexeme, 'utf8'), Buffer.from([0]), count, list);
  }
  return Buffer.concat(parts);
}

describe('articleLexemes and tsvectorBinary on arbitrary text', () => {
  const words = fc.constantFrom('The', 'news', 'CAFÉ', 'naïve', 'e-mail', 'U.S.', 'İstanbul', 'Ὀδυσσεύς', '東京', 'ภาษาไทย', '\uD800', '\uD83D\uDE00', 'x'.repeat(700), '3.14', "don't", '—', ' ', '\n');
  const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(words, { maxLength: 40 }).map((parts) => parts.join(' ')), fc.string({ unit: 'binary', maxLength: 40 }));

  it('gives the lexemes and bytes of the plain implementation', () => {
    fc.assert(
      fc.property(texts, texts, (title, text) => {
        const record = makeArticle('https://news.example.org/p', { title, text });
        const lexemes = articleLexemes(record, articleFacts(record));
        const plain = plainLexemes(title, text);
        expect([...lexemes]).toEqual([...plain]);
        expect(tsvectorBinary(lexemes).equals(plainBinary(plain))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps repeated words to 255 positions and long texts to position 16383', () => {
    const text = 'Word word WORD '.repeat(7_000);
    expect([...articleLexemes(makeArticle('https://news.example.org/p', { text }), articleFacts(makeArticle('https://news.example.org/p', { text })))]).toEqual([...plainLexemes('Untitled', text)]);
  });
});
