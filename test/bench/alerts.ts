/**
 * bench:alerts — matching newly indexed articles against saved searches.
 * Not a test: it prints.
 *
 *   pnpm bench:alerts [--articles 300]
 *
 * Saved searches are drawn from the words of real article texts (the story
 * fixture, test/fixtures/stories), words found in at most one text in fifty
 * (subjects, not "that" or "with"): one or two words, phrases, OR, excluded
 * words, prefixes, title: terms and filters, in the mix people write. Each
 * article of the fixture is then matched against 10, 1,000 and 10,000 of
 * them through the inverted SavedSearchIndex, and, for comparison, by
 * checking every saved search in turn (what a query per search amounts to).
 * Prints the cost per article (tokenising included), the saved searches
 * checked in full per article, and the matches.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { ArticleRecord } from '@tidings/contracts';
import { articleDocument, compileSavedSearch, SavedSearchIndex, searchMatches, type SavedSearch } from '@tidings/alerts';
import { loadStoryFixture } from '../fixtures/stories/load.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '300' } } });

let seed = 1234;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const fixture = loadStoryFixture();
const texts = fixture.articles.filter((a) => !a.variantOf);
const articles: ArticleRecord[] = fixture.articles.slice(0, Number(values.articles)).map((a, i) => ({
  id: a.id,
  url: `https://${a.site}/${i}`,
  title: a.title,
  authors: [],
  publishedAt: a.publishedAt,
  modifiedAt: null,
  siteName: null,
  lang: 'en',
  excerpt: null,
  text: a.text,
  html: '',
  wordCount: 0,
  imageUrl: null,
  tags: [],
  feedUrls: [],
  fetchedAt: a.publishedAt,
}));

/** In how many texts each word occurs: saved searches watch for subjects, words most articles do not have. */
const frequency = new Map<string, number>();
for (const text of texts) for (const w of new Set(text.text.toLowerCase().split(/\s+/u))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
const telling = (w: string) => /^\p{L}{4,}$/u.test(w) && (frequency.get(w.toLowerCase()) ?? 0) <= texts.length / 50;

/** A saved search as people write them: mostly names and topic words, some phrases, a few operators. */
function savedSearch(id: number): SavedSearch {
  const source = pick(texts);
  const words = source.text.split(/\s+/u).filter(telling);
  const word = () => pick(words.length > 0 ? words : ['news']);
  const start = Math.floor(random() * Math.max(1, words.length - 2));
  const roll = random();
  let query: string;
  if (roll < 0.3) query = word();
  else if (roll < 0.55) query = `${word()} ${word()}`;
  else if (roll < 0.7) query = `"${words.slice(start, start + 2).join(' ')}"`;
  else if (roll < 0.8) query = `${word()} OR ${word()}`;
  else if (roll < 0.87) query = `${word()} -${word()}`;
  else if (roll < 0.93) query = `${word().slice(0, 5)}*`;
  else query = `title:${word()}`;
  return { id: `s${id}`, query, filters: random() < 0.1 ? { lang: 'en' } : {} };
}

const searches = Array.from({ length: 10_000 }, (_, i) => savedSearch(i));
console.log(`matching ${articles.length} articles (real texts, ${Math.round(articles.reduce((n, a) => n + a.text.length, 0) / articles.length)} characters on average) against saved searches`);
const tokenised = (() => {
  for (let round = 0; round < 3; round += 1) for (const article of articles) articleDocument(article);
  const t = performance.now();
  for (const article of articles) articleDocument(article);
  return ((performance.now() - t) * 1000) / articles.length;
})();
console.log(`tokenising an article as the index does (part of every figure below): ${tokenised.toFixed(0)} µs`);
console.log('saved searches   inverted µs/article   checked/article   matches/article   every-search µs/article');
for (const count of [10, 1_000, 10_000]) {
  const index = new SavedSearchIndex();
  for (const search of searches.slice(0, count)) index.add(search);
  const compiled = searches.slice(0, count).map(compileSavedSearch);
  let checked = 0;
  let matches = 0;
  // Warm up (the first run compiles the code), then time.
  for (let round = 0; round < 3; round += 1) for (const article of articles) index.match(article);
  const t0 = performance.now();
  for (const article of articles) matches += index.match(article).length;
  const inverted = ((performance.now() - t0) * 1000) / articles.length;
  for (const article of articles) checked += index.candidates(articleDocument(article)).size;
  // The same work without the inversion: every saved search checked against every article.
  const t1 = performance.now();
  let bruteMatches = 0;
  for (const article of articles) {
    const document = articleDocument(article);
    for (const search of compiled) if (searchMatches(document, search)) bruteMatches += 1;
  }
  const brute = ((performance.now() - t1) * 1000) / articles.length;
  if (bruteMatches !== matches) throw new Error(`inverted and exhaustive matching disagree: ${matches} vs ${bruteMatches}`);
  console.log(
    `${String(count).padStart(14)}   ${inverted.toFixed(0).padStart(19)}   ${(checked / articles.length).toFixed(1).padStart(15)}   ${(matches / articles.length).toFixed(1).padStart(15)}   ${brute.toFixed(0).padStart(23)}`,
  );
}
