import type { ArticleRecord } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { SearchOptions, TidingsIndex } from '../types.js';

/**
 * A small corpus both backends must search identically: words with
 * diacritics, Cyrillic and Greek, hyphens, dots and apostrophes, several
 * sites, authors, languages, days, tags and feeds. Deterministic.
 */

const WORDS = [
  'brexit', 'deal', 'talks', 'Café', 'naïve', 'e-mail', 'U.S.', "l'été", 'Łódź', 'Москва', 'Ελλάδα', 'corridor', 'Lachin', 'election',
  'results', 'volcano', 'eruption', 'Grindavík', 'markets', 'rally', 'inflation', 'central', 'bank', 'rates', 'co-operation', '3.5%',
  'climate', 'summit', 'straße', 'São', 'Paulo', 'flood', 'warning', 'minister', 'resigns', 'budget', 'vote', 'parliament',
];
const SITES: Array<[string | null, string]> = [
  ['Example News', 'news.example.org'],
  ['Daily Planet', 'www.dailyplanet.example.com'],
  [null, 'blog.example.net'],
  ['Le Monde Exemple', 'lemonde.example.fr'],
];
const AUTHORS = ['Jane Doe', 'Ravi Rao', 'Anna Petrosyan', 'José Álvarez', 'Иван Петров'];
const LANGS = ['en', 'en-GB', 'fr', 'ru', null];

/** mulberry32, so the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FEEDS = [
  { url: 'https://news.example.org/feed.xml', tags: ['World', 'Daily'] },
  { url: 'https://www.dailyplanet.example.com/rss', tags: ['Economy'] },
];

export function fixtureCorpus(): ArticleRecord[] {
  const rand = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  return Array.from({ length: 80 }, (_, i) => {
    const [siteName, host] = SITES[i % SITES.length] ?? SITES[0]!;
    return makeArticle(`https://${host}/2025/story-${i}`, {
      title: `${words(3)} ${i % 7 === 0 ? 'Lachin corridor' : ''}`.trim(),
      text: `${words(12)}. ${i % 5 === 0 ? 'The Lachin corridor reopened.' : ''} ${words(30)}`,
      authors: i % 6 === 0 ? [] : [pick(AUTHORS), ...(i % 4 === 0 ? [pick(AUTHORS)] : [])],
      siteName,
      lang: pick(LANGS),
      publishedAt: i % 9 === 0 ? null : `2025-03-${String(1 + (i % 12)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00.000Z`,
      fetchedAt: '2025-03-20T00:00:00.000Z',
      tags: i % 8 === 0 ? ['Politics'] : [],
    });
  });
}

/** Stores the corpus and lets the two feeds claim some of it. */
export async function loadFixtureCorpus(index: TidingsIndex): Promise<ArticleRecord[]> {
  const corpus = fixtureCorpus();
  for (const record of corpus) await index.upsertArticle(record);
  for (const [n, feed] of FEEDS.entries()) {
    const { feed: added } = await index.addFeed(feed.url, { tags: feed.tags });
    await index.claimNewItems(added.id, corpus.filter((_, i) => i % (n + 2) === 0).map((record) => record.url));
  }
  return corpus;
}

/** Searches both backends must answer with the same articles (and the same totals and facets). */
export const AGREEMENT_QUERIES: Array<[string, SearchOptions?]> = [
  ['brexit'],
  ['brexit deal'],
  ['"lachin corridor"'],
  ['lachin -corridor'],
  ['cafe OR naive'],
  ['CAFÉ'],
  ['e-mail'],
  ['U.S.'],
  ["l'été"],
  ['łodz'],
  ['москва'],
  ['ελλάδα'],
  ['grindavik'],
  ['co-operation'],
  ['3.5'],
  ['straße'],
  ['sao paulo'],
  ['"sao paulo"'],
  ['infl*'],
  ['"central ba"*'],
  ['title:brexit'],
  ['title:"lachin corridor"'],
  ['author:doe'],
  ['author:"jose alvarez"'],
  ['author:петров'],
  ['site:example'],
  ['site:"daily planet" rally'],
  ['site:blog.example.net'],
  ['lang:en'],
  ['lang:en-gb'],
  ['markets -site:example.org'],
  ['vote OR budget OR minister'],
  ['brexit', { filters: { site: 'daily planet' } }],
  ['brexit', { filters: { site: 'example.com' } }],
  ['talks', { filters: { author: 'jane doe' } }],
  ['talks', { filters: { lang: 'en' } }],
  ['talks', { filters: { tag: 'politics' } }],
  ['talks', { filters: { tag: 'economy' } }],
  ['talks', { filters: { feed: 'https://news.example.org/feed.xml' } }],
  ['talks', { filters: { since: '2025-03-05', until: '2025-03-08' } }],
  ['', { filters: { site: 'lemonde.example.fr' } }],
  ['', { filters: { lang: 'ru', since: '2025-03-03' } }],
  ['election', { sort: 'date' }],
  ['results', { facets: true }],
  ['', { filters: { tag: 'world' }, facets: true }],
];
