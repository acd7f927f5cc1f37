import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import { PostgresIndex, SqliteIndex, tokenize, type SearchFilters, type TidingsIndex } from '@tidings/index';
import { loadStoryFixture } from '../../../test/fixtures/stories/load.js';
import { SavedSearchIndex, type ContextFeed, type SavedSearchFilters } from './index.js';

/**
 * The promise of saved searches: an article matches a saved search exactly
 * when searching a real index for that query and those filters returns it.
 * Checked on a corpus of real article texts with varied sites, languages,
 * authors, tags and feeds, for hand-written queries covering the language
 * and for hundreds drawn at random from the corpus's own words, against
 * both backends: SQLite, and PostgreSQL (TIDINGS_TEST_POSTGRES_URL, else the
 * local test database; in a schema of its own, dropped afterwards).
 */

const TEST_POSTGRES_URL = process.env.TIDINGS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const SITES = [
  { siteName: 'Daily Courier', url: 'https://www.courier.example/news/' },
  { siteName: null, url: 'https://news.metro.example/story/' },
  { siteName: 'Globe Post', url: 'https://globe.example/a/' },
  { siteName: 'BBC News', url: 'https://www.bbc.co.uk/news/' },
];
const LANGS = ['en', 'en-GB', 'fr', null, 'pt_BR'];
const AUTHORS = [['Ana Souza'], ['Tom Becker', 'Li Wei'], [], ['Sara Holm']];
const TAGS = [['Politics'], ['science', 'Space'], [], ['Economy']];
const FEEDS = ['https://courier.example/feed.xml', 'https://globe.example/rss', 'https://metro.example/atom'];

function corpus(): ArticleRecord[] {
  const fixture = loadStoryFixture();
  const bases = fixture.articles.filter((a) => !a.variantOf).slice(0, 150);
  const records = bases.map((article, i): ArticleRecord => {
    const site = SITES[i % SITES.length] as (typeof SITES)[number];
    return {
      id: `art-${i}`,
      url: `${site.url}${i}`,
      title: article.title,
      authors: AUTHORS[i % AUTHORS.length] as string[],
      publishedAt: article.publishedAt,
      modifiedAt: null,
      siteName: site.siteName,
      lang: LANGS[i % LANGS.length] ?? null,
      excerpt: null,
      text: article.text,
      html: '',
      wordCount: 0,
      imageUrl: null,
      tags: TAGS[i % TAGS.length] as string[],
      feedUrls: [FEEDS[i % FEEDS.length] as string],
      fetchedAt: article.publishedAt,
    };
  });
  // The tokenizer's corners: accents, punctuation inside words, case.
  records.push({ ...(records[0] as ArticleRecord), id: 'art-x1', url: 'https://globe.example/x1', title: 'Café culture in Łódź', text: 'The U.S. ambassador visited a café in Łódź. CAFÉ owners were pleased.' });
  records.push({ ...(records[1] as ArticleRecord), id: 'art-x2', url: 'https://globe.example/x2', title: 'Cafe prices', text: 'Prices at the us cafe rose; ambassadors noticed.' });
  return records;
}

interface Backend {
  name: string;
  open(): Promise<{ index: TidingsIndex; remove(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tidings-alerts-'));
      return { index: SqliteIndex.open(join(dir, 'index.db')), remove: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = `tidings_alerts_${process.pid}_${randomBytes(4).toString('hex')}`;
      const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema, poolSize: 4 });
      return {
        index,
        remove: async () => {
          const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        },
      };
    },
  },
];

const articles = corpus();

describe.each(BACKENDS)('saved searches agree with the $name index', (backend) => {
  let index: TidingsIndex;
  let remove: () => Promise<void>;

  let feeds: ContextFeed[];

  beforeAll(async () => {
    ({ index, remove } = await backend.open());
    // Two of the three feeds are subscribed, with tags: the tag filter counts a listing feed's tags, the feed filter takes its id.
    await index.addFeed(FEEDS[0] as string, { tags: ['Local'] });
    await index.addFeed(FEEDS[1] as string, { tags: ['World', 'Politics'] });
    feeds = (await index.listFeeds()).map((feed) => ({ id: feed.id, url: feed.url, tags: feed.tags }));
    for (const article of articles) await index.upsertArticle(article);
  });

  afterAll(async () => {
    await index?.close();
    await remove?.();
  });

  /** Every article id the index returns for the search, all pages. */
  async function searchIds(query: string, filters: SearchFilters): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await index.search(query, { limit: 100, filters, sort: 'date', ...(cursor ? { cursor } : {}) });
      ids.push(...page.hits.map((hit) => hit.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort();
  }

  async function expectAgreement(cases: { query: string; filters?: SavedSearchFilters }[]): Promise<number> {
    const saved = new SavedSearchIndex();
    cases.forEach((c, i) => saved.add({ id: `s${i}`, query: c.query, filters: c.filters ?? {} }));
    const matchedBy = new Map<string, string[]>(cases.map((_, i) => [`s${i}`, []]));
    for (const article of articles) for (const id of saved.match(article, { feeds })) matchedBy.get(id)?.push(article.id);
    let nonEmpty = 0;
    for (const [i, c] of cases.entries()) {
      const expected = await searchIds(c.query, c.filters ?? {});
      if (expected.length > 0) nonEmpty += 1;
      expect({ query: c.query, filters: c.filters, ids: (matchedBy.get(`s${i}`) ?? []).sort() }).toEqual({ query: c.query, filters: c.filters, ids: expected });
    }
    return nonEmpty;
  }

  it('on queries covering the language and the filters', async () => {
    const nonEmpty = await expectAgreement([
      { query: 'the' },
      { query: 'cafe' },
      { query: 'CAFÉ' },
      { query: 'lodz' },
      { query: '"U.S."' },
      { query: 'us' },
      { query: '"the U.S. ambassador"' },
      { query: 'ambassador*' },
      { query: 'amb*' },
      { query: '"café in"*' },
      { query: 'cafe -prices' },
      { query: 'cafe NOT title:prices' },
      { query: 'cafe OR ambassadors' },
      { query: 'eu brexit OR cafe' },
      { query: 'title:cafe' },
      { query: 'title:"café culture"' },
      { query: 'author:souza' },
      { query: 'author:"tom becker"' },
      { query: 'site:courier' },
      { query: 'site:metro' },
      { query: 'site:"bbc news"' },
      { query: 'site:bbc.co.uk' },
      { query: 'lang:en' },
      { query: 'lang:en-GB' },
      { query: 'lang:pt' },
      { query: 'lang:fr the' },
      { query: 'business OR market -the' },
      { query: '', filters: { site: 'courier.example' } },
      { query: '', filters: { site: 'metro.example' } },
      { query: '', filters: { site: 'Daily Courier' } },
      { query: 'the', filters: { lang: 'EN' } },
      { query: 'the', filters: { lang: 'pt-br' } },
      { query: 'and', filters: { author: 'li wei' } },
      { query: 'and', filters: { tag: 'space' } },
      { query: 'and', filters: { feed: FEEDS[1] as string } },
      { query: 'and', filters: { site: 'globe.example', tag: 'economy' } },
      { query: '', filters: { tag: 'local' } },
      { query: 'the', filters: { tag: 'POLITICS' } },
      { query: '', filters: { feed: 'HTTPS://Globe.Example/rss' } },
    ]);
    expect(nonEmpty).toBeGreaterThan(25);
  });

  it('on feed filters given as a feed id', async () => {
    const nonEmpty = await expectAgreement(feeds.map((feed) => ({ query: '', filters: { feed: feed.id } })));
    expect(nonEmpty).toBe(2);
  });

  it('on hundreds of queries drawn from the corpus', async () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const cases: { query: string; filters?: SavedSearchFilters }[] = [];
    for (let i = 0; i < 300; i += 1) {
      const article = pick(articles);
      const words = article.text.split(/\s+/u).filter((w) => tokenize(w).length > 0);
      const word = () => pick(words);
      const start = Math.floor(random() * Math.max(1, words.length - 3));
      const phrase = words.slice(start, start + 2 + Math.floor(random() * 2)).join(' ');
      const title = pick(article.title.split(/\s+/u).filter((w) => tokenize(w).length > 0).concat(['news']));
      switch (i % 10) {
        case 0: cases.push({ query: word() }); break;
        case 1: cases.push({ query: `${word()} ${word()}` }); break;
        case 2: cases.push({ query: `"${phrase}"` }); break;
        case 3: cases.push({ query: `${word()} OR ${pick(articles).title.split(' ')[0] ?? 'x'}` }); break;
        case 4: cases.push({ query: `${word()} -${word()}` }); break;
        case 5: cases.push({ query: `${tokenize(word())[0]?.slice(0, 3) ?? 'the'}*` }); break;
        case 6: cases.push({ query: `title:${JSON.stringify(title)}` }); break;
        case 7: cases.push({ query: word(), filters: { lang: pick(['en', 'en-gb', 'fr', 'pt']) } }); break;
        case 8: cases.push({ query: `${word()} site:${pick(['courier', 'globe.example', 'metro', 'news'])}` }); break;
        default: cases.push({ query: `"${phrase.split(' ').slice(0, 2).join(' ')}"*`, filters: { tag: pick(['politics', 'space', 'economy']) } });
      }
    }
    const nonEmpty = await expectAgreement(cases);
    expect(nonEmpty).toBeGreaterThan(200);
    // PostgreSQL answers 300 searches in tens of seconds on a busy machine.
  }, 240_000);
});
