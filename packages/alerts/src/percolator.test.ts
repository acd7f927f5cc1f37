import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import { articleDocument, SavedSearchIndex } from './index.js';

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
