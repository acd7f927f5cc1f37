import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TidingsError, type SearchResult } from '@tidings/contracts';
import { makeArticle } from '../test-fixtures.js';
import type { SearchOptions, TidingsIndex } from '../types.js';
import { useBothBackends } from './both-backends.js';
import { loadFixtureCorpus } from './fixture-corpus.js';

// Hostile queries and options over one small corpus: SQLite and PostgreSQL must answer each with the same
// articles, or refuse it with the same typed code; neither may throw anything but a TidingsError.

/** Articles with the text that tells the stores apart, besides the fixture corpus. */
const ODD_ARTICLES = [
  makeArticle('https://odd.example.net/pi', { title: '3.14 pi day', text: 'U.S. e-mail rules changed on pi day 3.14', lang: 'en-US' }),
  makeArticle('https://odd.example.net/scripts', { title: 'emoji 👨‍👩‍👧 family', text: 'מזל טוב שלום عربي café e\u0301 and ﬁ ligature ข่าวภาษาไทย កម្ពុជា', lang: 'he' }),
  makeArticle('https://odd.example.net/mixed', { title: 'mixed 東京tokyo 2025年', text: 'ｆｕｌｌｗｉｄｔｈ text and İstanbul ǅ', lang: 'ja' }),
  makeArticle('https://odd.example.net/broken', { title: 'broken \ud800 text', text: 'alpha\udc00beta \u0001control\u007f', authors: ['Ann\ud83d'] }),
  makeArticle('https://odd.example.net/long', { title: 'long word', text: `${'q'.repeat(2500)} ${'ሀ'.repeat(900)} ${'ก'.repeat(900)}` }),
  makeArticle('https://odd.example.net/future', { title: 'far future date', publishedAt: '+010000-01-01T00:00:00.000Z' }),
];

async function load(index: TidingsIndex): Promise<void> {
  await loadFixtureCorpus(index);
  await index.upsertArticles(ODD_ARTICLES.map((record) => ({ record })));
  const { feed } = await index.addFeed('https://odd.example.net/feed', { tags: ['ΟΔΟΣ', 'İstanbul'] });
  await index.claimNewItems(
    feed.id,
    ODD_ARTICLES.map((record) => record.url),
  );
}

const backends = useBothBackends('tidings_hostile', load);

/** Words of the corpus, in the forms that fold, split or join them. */
const WORDS = ['brexit', 'deal', 'talks', 'café', 'CAFE', 'lachin', 'corridor', 'e-mail', 'U.S.', '3.14', '東京', 'tokyo', '👨‍👩‍👧', 'שלום', 'e\u0301', 'москва', 'alpha', 'beta', 'qqqq', 'ก', 'ภาษาไทย', 'ข่าว', 'ﬁ', 'İ', 'ǅ', '10', 'jane', 'doe', 'en', 'example', 'results', 'vote'];
/** Both backends' query syntax, and characters that split words or break text. */
const SYNTAX = [
  'title:', 'author:', 'site:', 'lang:', 'Title:', 'text:', 'OR', 'AND', 'NOT', 'or', 'and', 'not', 'NEAR(', '"', '*', '^', ':', '(', ')', '-', '&', '|', '!', '<->', ':*', "'",
  '\\', '\u0000', '\u0001', '\t', '\u200b', '\ud800', '\udc00', '\u202e', '\u0301', '{', '}', '+', ',', '.', '%', '_', 'en-gb', 'news.example.org',
];
const SPACE = [' ', ' ', '  '];

/** A query of up to `maxLength` pieces, words more often than syntax. */
const query = (maxLength: number) =>
  fc
    .array(fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 5 }, { arbitrary: fc.constantFrom(...SYNTAX), weight: 3 }, { arbitrary: fc.constantFrom(...SPACE), weight: 4 }), { maxLength })
    .map((pieces) => pieces.join(''));

/** How a search is asked for, with at most the ordinary filters. */
const ORDINARY: fc.Arbitrary<SearchOptions> = fc.record(
  {
    sort: fc.constantFrom('date' as const, 'relevance' as const),
    facets: fc.boolean(),
    collapse: fc.constant('story' as const),
    limit: fc.constantFrom(0, 1, 7, 100),
    offset: fc.constantFrom(0, 3),
    filters: fc.constantFrom({}, { lang: 'en' }, { tag: 'world' }, { site: 'example.org' }, { since: '2025-03-05', until: '2025-03-08' }),
  },
  { requiredKeys: [] },
);

/** Mostly `usual`, sometimes one of `odd`. */
const mostly = (usual: readonly string[], odd: readonly string[]) => fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 3 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });

/** Filters with odd values: text of every kind, dates in and out of range and form, an offset too large. */
const ODD_FILTERS: fc.Arbitrary<SearchOptions> = fc.record(
  {
    sort: fc.constantFrom('date' as const, 'relevance' as const),
    facets: fc.boolean(),
    offset: mostly(['0'], [String(2 ** 31)]).map(Number),
    filters: fc.record(
      {
        site: fc.oneof(query(3), fc.constantFrom('news.example.org', 'NEWS.EXAMPLE.ORG', 'www.dailyplanet.example.com', 'odd.example.net:443', 'bücher.example', 'Daily Planet')),
        lang: mostly(['en', 'EN_us', 'he', 'en-', 'x\ud800', '*'], ['', '\u0000']),
        author: fc.constantFrom('jane doe', 'JANE DOE', 'ann\ufffd', 'ann\ud83d', 'İ', '%'),
        tag: fc.constantFrom('politics', 'world', 'οδος', 'ΟΔΟΣ', 'istanbul', 'i\u0307stanbul', '_'),
        since: mostly(['2025-03-05', '2025-03-05T10:00:00+02:00', '0001-01-01', '9999-12-31'], ['1', '0000-01-01', '2025-02-30', '+275760-09-13']),
        until: mostly(['2025-03-08', '9999-12-31', '2025-03-05T10:00Z', '0001-01-01'], ['never', '-000001-01-01']),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

type Outcome = { ok: true; result: SearchResult } | { ok: false; code: string };

async function outcome(index: TidingsIndex, query: string, options: SearchOptions): Promise<Outcome> {
  try {
    return { ok: true, result: await index.search(query, options) };
  } catch (error) {
    // Anything but a TidingsError (a raw database error) fails the property at once.
    if (!(error instanceof TidingsError)) throw error;
    return { ok: false, code: error.code };
  }
}

/** What both must agree on: the same articles (in order by date; as a set when scores decide), totals and facets. */
function comparable(query: string, options: SearchOptions, result: SearchResult) {
  const ids = result.hits.map((hit) => hit.id);
  const ordered = options.sort === 'date' || query.trim() === '' || options.collapse !== undefined;
  // By relevance scores differ by design: a page cut from more matches may hold other articles of equal standing.
  const whole = result.nextCursor === null && (options.offset ?? 0) === 0;
  return {
    total: result.total,
    estimate: result.totalIsEstimate ?? false,
    facets: result.facets,
    more: result.nextCursor !== null,
    hits: ordered ? ids : whole ? [...ids].sort() : ids.length,
  };
}

/** Runs a search on both backends and holds them to the same answer, or the same refusal. */
async function agree(q: string, options: SearchOptions): Promise<void> {
  const [a, b] = await Promise.all([outcome(backends.sqlite, q, options), outcome(backends.postgres, q, options)]);
  if (!a.ok || !b.ok) {
    expect({ sqlite: a.ok ? 'answered' : a.code, postgres: b.ok ? 'answered' : b.code }).toEqual({ sqlite: 'invalid-payload', postgres: 'invalid-payload' });
    return;
  }
  // A collapsed search by relevance ranks every match on PostgreSQL (search/window.ts): compared as a search by score.
  const byScore = options.collapse !== undefined && options.sort !== 'date' && q.trim() !== '';
  const compared = byScore ? { ...options, collapse: undefined } : options;
  expect(comparable(q, compared, b.result)).toEqual(comparable(q, compared, a.result));
}

describe('SQLite and PostgreSQL agree on hostile queries', () => {
  it('answer a hostile query alike, or refuse it alike with invalid-payload', async () => {
    await fc.assert(
      fc.asyncProperty(query(10), ORDINARY, agree),
      { numRuns: 500, seed: 20_250_305, endOnFailure: true },
    );
  });

  it('answer odd filter values alike, or refuse them alike with invalid-payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', 'talks', 'brexit OR alpha', 'title:broken'), ODD_FILTERS, agree),
      { numRuns: 300, seed: 20_250_306, endOnFailure: true },
    );
  });
});
