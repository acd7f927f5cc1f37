import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import { articleDocument, SavedSearchIndex, termMatches } from './index.js';
import { SCOPE_COLUMNS } from './match.js';
import type { CompiledTerm } from './saved-search.js';

const article = (fields: Partial<ArticleRecord> = {}): ArticleRecord => ({
  id: 'a1',
  url: 'https://news.example.org/a1',
  title: 'Central bank raises rates',
  authors: ['Ana Souza'],
  publishedAt: '2026-11-20T10:00:00Z',
  modifiedAt: null,
  siteName: 'Example News',
  lang: 'en-GB',
  excerpt: null,
  text: 'The central bank raised interest rates on Tuesday, citing inflation.',
  html: '',
  wordCount: 10,
  imageUrl: null,
  tags: ['Economy'],
  feedUrls: ['https://news.example.org/feed'],
  fetchedAt: '2026-11-20T10:05:00Z',
  ...fields,
});

describe('SavedSearchIndex', () => {
  it('returns the saved searches an article matches, in the order filed', () => {
    const index = new SavedSearchIndex();
    index.add({ id: 'rates', query: 'interest rates', filters: {} });
    index.add({ id: 'phrase', query: '"central bank"', filters: { lang: 'en' } });
    index.add({ id: 'french', query: 'bank', filters: { lang: 'fr' } });
    index.add({ id: 'not', query: 'bank -inflation', filters: {} });
    index.add({ id: 'prefix', query: 'infla*', filters: {} });
    index.add({ id: 'feed-tag', query: '', filters: { tag: 'markets' } });
    expect(index.match(article(), { feeds: [{ id: 'f1', url: 'https://news.example.org/feed', tags: ['Markets'] }] })).toEqual(['rates', 'phrase', 'prefix', 'feed-tag']);
    // A feed that did not list the article lends it nothing.
    expect(index.match(article(), { feeds: [{ id: 'f2', url: 'https://other.example/feed', tags: ['Markets'] }] })).toEqual(['rates', 'phrase', 'prefix']);
    expect(index.size).toBe(6);
  });

  it('forgets a removed search, and replaces one added again under its id', () => {
    const index = new SavedSearchIndex();
    index.add({ id: 's', query: 'infla*', filters: {} });
    expect(index.match(article())).toEqual(['s']);
    index.add({ id: 's', query: 'deflation', filters: {} });
    expect(index.match(article())).toEqual([]);
    expect(index.remove('s')).toBe(true);
    expect(index.remove('s')).toBe(false);
    expect(index.size).toBe(0);
  });

  it('refuses what the index refuses, and a search with nothing to look for', () => {
    const index = new SavedSearchIndex();
    expect(() => index.add({ id: 'x', query: 'title:', filters: {} })).toThrow(/without a value/u);
    expect(() => index.add({ id: 'x', query: '-bank', filters: {} })).toThrow(/only excludes/u);
    expect(() => index.add({ id: 'x', query: '', filters: {} })).toThrow(/needs words/u);
    expect(() => index.add({ id: 'x', query: 'lang:english', filters: {} })).toThrow(/language code/u);
  });

  it('checks only the searches filed under the article\u2019s own words (the inversion)', () => {
    const index = new SavedSearchIndex();
    for (let i = 0; i < 10_000; i += 1) index.add({ id: `s${i}`, query: `topic${i} news`, filters: {} });
    index.add({ id: 'hit', query: 'inflation', filters: {} });
    const document = articleDocument(article({ text: 'Inflation news: topic7 and topic42 only.' }));
    // "news" would anchor every search; the longer, rarer word anchors each instead.
    expect([...index.candidates(document)].sort()).toEqual(['hit', 's42', 's7']);
    expect(index.matchDocument(document)).toEqual(['s7', 's42', 'hit']);
  });
});

/** The phrase's meaning, spelled out: its tokens next to each other somewhere, the last one a prefix when the term is. */
function reference(tokens: readonly string[], term: CompiledTerm): boolean {
  for (let start = 0; start + term.tokens.length <= tokens.length; start += 1) {
    const fits = term.tokens.every((wanted, i) => (i === term.tokens.length - 1 && term.prefix ? tokens[start + i]!.startsWith(wanted) : tokens[start + i] === wanted));
    if (fits) return true;
  }
  return false;
}

/** A small deterministic generator (mulberry32), so a failure names a case that comes back. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('phrase terms', () => {
  it('match exactly where the phrase stands, whichever way they are checked (texts of a few repeated words)', () => {
    const random = generator(20261206);
    // Mostly "a": phrases starting with it stand at many places, which is when matching switches to one pass.
    const word = () => (random() < 0.7 ? 'a' : random() < 0.5 ? 'b' : 'ba');
    for (let round = 0; round < 4_000; round += 1) {
      const words = Array.from({ length: 2 + Math.floor(random() * 30) }, word);
      const document = articleDocument(article({ text: words.join(' ') }));
      for (let k = 0; k < 5; k += 1) {
        const term: CompiledTerm = { scope: 'any', tokens: Array.from({ length: 2 + Math.floor(random() * 4) }, word), prefix: random() < 0.3 };
        expect(termMatches(document, term), `${JSON.stringify(term)} in "${words.join(' ')}"`).toBe(SCOPE_COLUMNS.any.some((column) => reference(document.columns[column], term)));
      }
    }
  });

  it('cost one pass over the text, not one per place the first word stands: long repeated phrases against a text of one word repeated', () => {
    // Each search is a phrase of 497 "a" and one other word; the article is a million "a". Checked at every
    // place, that was half a billion comparisons per search (about two seconds each): 100 of them outlast this
    // test's timeout.
    const index = new SavedSearchIndex();
    for (let i = 0; i < 100; i += 1) index.add({ id: `s${i}`, query: `"${'a '.repeat(497)}${String.fromCharCode(98 + (i % 25))}"`, filters: {} });
    index.add({ id: 'plain', query: '"a a a"', filters: {} });
    expect(index.match(article({ text: 'a '.repeat(1_000_000) }))).toEqual(['plain']);
  });
});
