import { describe, expect, it } from 'vitest';
import { articleFacts } from '../search/article-facts.js';
import { makeArticle } from '../test-fixtures.js';
import { articleLexemes, articleTsvector, tsvectorArray } from './lexemes.js';
import { withAdminClient } from './test-database.js';

/** Lexemes written as PostgreSQL prints a tsvector (for lexemes without quotes or backslashes). */
function literal(lexemes: Map<string, number[]>): string {
  const weight = (position: number) => 'DCBA'[position >> 14] ?? '?';
  return [...lexemes].map(([lexeme, positions]) => `'${lexeme}':${positions.map((p) => `${p & 0x3fff}${weight(p)}`).join(',')}`).join(' ');
}

describe('articleTsvector', () => {
  const record = makeArticle('https://www.news.example.org/a', { title: 'Café talks', authors: ['Jane Doe'], text: "It's talks", siteName: 'Example', lang: 'en-GB' });
  const expected = "'cafe':1A 'talks':2A,11C 'jane':5B 'doe':6B 'it':9C 's':10C '~site:example':14D,16D '~site:news':15D '~site:org':17D '~lang:en':20D '~lang:gb':21D";

  it('weights title A, authors B, text C, site and lang D, with gaps so phrases stay inside a field', () => {
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
      expect(many.rows.map((row) => row.tsv)).toEqual([alone.rows[0]?.tsv, "'neill':2A 'o':1A 'zoe':3A '~lang:en':16 '~site:example':10,12 '~site:news':11 '~site:org':13"]);
    });
  });

  it('keeps positions within PostgreSQL limits: at most 16383, at most 255 per lexeme', () => {
    const long = makeArticle('https://news.example.org/long', { title: 'Long', text: 'word '.repeat(20_000) });
    const positions = articleLexemes(long, articleFacts(long)).get('word') ?? [];
    expect(positions).toHaveLength(255);
    expect(Math.max(...positions.map((p) => p & 0x3fff))).toBeLessThanOrEqual(16_383);
  });

  it('reads a lone surrogate as U+FFFD, as UTF-8 writes it, so no lexeme comes twice', () => {
    const odd = makeArticle('https://example.org/c', { title: 'a\uD800b a\uDBFFb', text: '' });
    const lexemes = [...articleLexemes(odd, articleFacts(odd)).keys()].map((lexeme) => Buffer.from(lexeme).toString('hex'));
    expect(new Set(lexemes).size).toBe(lexemes.length);
  });
});
