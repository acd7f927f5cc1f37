import { describe, expect, it } from 'vitest';
import { articleFacts } from '../search/article-facts.js';
import { makeArticle } from '../test-fixtures.js';
import { articleTsvector } from './lexemes.js';

describe('articleTsvector', () => {
  it('weights title A, authors B, text C, site and lang D, with gaps so phrases stay inside a field', () => {
    const record = makeArticle('https://www.news.example.org/a', { title: 'Café talks', authors: ['Jane Doe'], text: "It's talks", siteName: 'Example', lang: 'en-GB' });
    expect(articleTsvector(record, articleFacts(record))).toBe(
      "'cafe':1A 'talks':2A,11C 'jane':5B 'doe':6B 'it':9C 's':10C '~site:example':14D,16D '~site:news':15D '~site:org':17D '~lang:en':20D '~lang:gb':21D",
    );
  });

  it('keeps positions within PostgreSQL limits: at most 16383, at most 255 per lexeme', () => {
    const record = makeArticle('https://news.example.org/long', { title: 'Long', text: 'word '.repeat(20_000) });
    const vector = articleTsvector(record, articleFacts(record));
    const positions = /'word':([^ ]+)/u.exec(vector)?.[1]?.split(',') ?? [];
    expect(positions).toHaveLength(255);
    expect(Math.max(...positions.map((p) => Number.parseInt(p, 10)))).toBeLessThanOrEqual(16_383);
  });
});
