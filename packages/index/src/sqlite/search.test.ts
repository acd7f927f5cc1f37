import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { makeArticle, makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

const TITLE_MATCH = makeArticle('https://news.example.org/lachin-reopens', {
  title: 'Lachin corridor reopens',
  text: 'Traffic resumed on Monday after a long closure of the road.',
  siteName: 'Example News',
  publishedAt: '2025-03-01T10:00:00.000Z',
});
const BODY_MATCH = makeArticle('https://news.example.org/roundup', {
  title: 'Regional roundup',
  // The phrase twice in the body: more often than TITLE_MATCH has it, so only the title weight puts TITLE_MATCH first.
  text: 'Among the week’s stories, the Lachin corridor was discussed by ministers & officials. The Lachin corridor matters.',
});
const WORDS_APART = makeArticle('https://news.example.org/town', {
  title: 'A corridor of power',
  text: 'Talks were held near Lachin, the town.',
});
const BREXIT = makeArticle('https://news.example.org/brexit', { title: 'Brexit talks stall', text: 'Negotiators left without a deal.' });
const CAFE = makeArticle('https://news.example.org/cafe', { title: 'Café society returns', text: 'Terraces reopened across the city.' });
const MOSCOW = makeArticle('https://news.example.org/moscow', { title: 'Москва объявила новые меры', text: 'Власти сообщили о решении.' });
const USA = makeArticle('https://news.example.org/usa', { title: 'U.S. election results', text: 'Counting continues; e-mail ballots arrive late.' });
const MARKUP = makeArticle('https://news.example.org/markup', {
  title: 'Telecoms',
  text: 'AT&T said <script>alert(1)</script> is not a headline, and turnips are.',
});

let temp: ReturnType<typeof makeTempDir>;
let index: SqliteIndex;

beforeEach(async () => {
  temp = makeTempDir();
  index = SqliteIndex.open(join(temp.dir, 'tidings.db'));
  for (const record of [BODY_MATCH, TITLE_MATCH, WORDS_APART, BREXIT, CAFE, MOSCOW, USA, MARKUP]) await index.upsertArticle(record);
});

afterEach(async () => {
  await index.close();
  temp.remove();
});

async function ids(query: string): Promise<string[]> {
  return (await index.search(query, { limit: 50 })).hits.map((hit) => hit.id);
}

describe('SqliteIndex.search', () => {
  it('ranks a title match above a body-only match, with positive scores best first', async () => {
    const phrase = await index.search('"lachin corridor"');
    expect(phrase.hits.map((hit) => hit.id)).toEqual([TITLE_MATCH.id, BODY_MATCH.id]);
    expect(phrase.hits[0]?.score).toBeGreaterThan(phrase.hits[1]?.score ?? Infinity);

    const words = await index.search('lachin corridor');
    expect(words.hits[0]?.id).toBe(TITLE_MATCH.id);
    const scores = words.hits.map((hit) => hit.score);
    expect(scores).toHaveLength(3);
    for (const score of scores) expect(score).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns hits with exactly the SearchHit fields', async () => {
    const [hit] = (await index.search('reopens')).hits;
    expect(hit).toEqual({
      id: TITLE_MATCH.id,
      url: TITLE_MATCH.url,
      title: 'Lachin corridor reopens',
      publishedAt: '2025-03-01T10:00:00.000Z',
      siteName: 'Example News',
      snippet: expect.any(String),
      score: expect.any(Number),
    });
  });

  it('matches words anywhere, but a phrase only with the words together', async () => {
    expect(new Set(await ids('lachin corridor'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id, WORDS_APART.id]));
    expect(new Set(await ids('"lachin corridor"'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id]));
  });

  it('excludes negated words', async () => {
    expect(new Set(await ids('lachin -traffic'))).toEqual(new Set([BODY_MATCH.id, WORDS_APART.id]));
    expect(new Set(await ids('lachin -"lachin corridor"'))).toEqual(new Set([WORDS_APART.id]));
  });

  it('matches either side of OR', async () => {
    expect(new Set(await ids('brexit OR café'))).toEqual(new Set([BREXIT.id, CAFE.id]));
    expect(new Set(await ids('talks brexit OR lachin'))).toEqual(new Set([BREXIT.id, WORDS_APART.id]));
  });

  it('matches prefixes only when asked', async () => {
    expect(await ids('negotiat')).toEqual([]);
    expect(await ids('negotiat*')).toEqual([BREXIT.id]);
  });

  it('ignores case', async () => {
    const lower = await ids('lachin CORRIDOR');
    expect(lower.length).toBe(3);
    expect(await ids('Lachin corridor')).toEqual(lower);
  });

  it('ignores diacritics and handles Cyrillic', async () => {
    expect(await ids('cafe')).toEqual([CAFE.id]);
    expect(await ids('CAFÉ')).toEqual([CAFE.id]);
    expect(await ids('москва')).toEqual([MOSCOW.id]);
    expect(await ids('МОСКВА')).toEqual([MOSCOW.id]);
    expect(await ids('объяв*')).toEqual([MOSCOW.id]);
  });

  it('finds words written with punctuation', async () => {
    expect(await ids('U.S.')).toEqual([USA.id]);
    expect(await ids('e-mail')).toEqual([USA.id]);
    expect(new Set(await ids('lachin-corridor'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id]));
  });

  it('marks matches in an HTML-escaped snippet of the text', async () => {
    const [body] = (await index.search('"lachin corridor"', { limit: 1, offset: 1 })).hits;
    expect(body?.id).toBe(BODY_MATCH.id);
    expect(body?.snippet).toContain('the <mark>Lachin corridor</mark> was discussed');
    expect(body?.snippet).toContain('ministers &amp; officials');

    const [markup] = (await index.search('turnips')).hits;
    expect(markup?.snippet).toBe('AT&amp;T said &lt;script&gt;alert(1)&lt;/script&gt; is not a headline, and <mark>turnips</mark> are.');
  });

  it('never turns control characters in the text into marks', async () => {
    await index.upsertArticle(makeArticle('https://news.example.org/ctrl', { title: 'Odd bytes', text: 'before \u0001odd\u0002 after zeppelin' }));
    const [hit] = (await index.search('zeppelin')).hits;
    expect(hit?.snippet).toBe('before  odd  after <mark>zeppelin</mark>');
  });

  it('cuts a long text to a window around the match with an ellipsis', async () => {
    const filler = Array.from({ length: 200 }, (_, i) => `filler${i}`).join(' ');
    await index.upsertArticle(makeArticle('https://news.example.org/long', { title: 'Long read', text: `${filler} zeppelin ${filler}` }));
    const [hit] = (await index.search('zeppelin')).hits;
    expect(hit?.snippet).toMatch(/^….*<mark>zeppelin<\/mark>.*…$/u);
    expect(hit?.snippet.split(' ').length).toBeLessThanOrEqual(24);
  });

  it('counts every match in total while paging hits with limit and offset', async () => {
    const urls = Array.from({ length: 25 }, (_, i) => `https://news.example.org/widget/${i}`);
    for (const url of urls) await index.upsertArticle(makeArticle(url, { title: `Widget report`, text: `widget number ${url}` }));

    const first = await index.search('widget');
    expect(first.total).toBe(25);
    expect(first.hits).toHaveLength(10);
    const last = await index.search('widget', { limit: 10, offset: 20 });
    expect(last.total).toBe(25);
    expect(last.hits).toHaveLength(5);
    const middle = await index.search('widget', { limit: 10, offset: 10 });
    const all = [...first.hits, ...middle.hits, ...last.hits].map((hit) => hit.id);
    expect(new Set(all).size).toBe(25);
    expect((await index.search('widget', { limit: 0 })).hits).toEqual([]);
    expect((await index.search('widget', { limit: 0 })).total).toBe(25);
  });

  it('rejects a bad limit or offset', async () => {
    await expect(index.search('lachin', { limit: -1 })).rejects.toMatchObject({ code: 'invalid-payload' });
    await expect(index.search('lachin', { offset: 1.5 })).rejects.toMatchObject({ code: 'invalid-payload' });
  });

  it.each(['', '   ', '-lachin', 'NOT lachin', '"', '*', 'AND', 'OR', '&&&'])('rejects %j with a permanent TidingsError', async (query) => {
    const error = await index.search(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
  });

  it.each([
    'title:lachin',
    'text: lachin',
    'NEAR(lachin corridor)',
    'NEAR(lachin corridor, 2)',
    'lachin AND',
    'lachin OR',
    'lachin NOT',
    '"lachin',
    'lachin"',
    'lachin*corridor',
    '* lachin',
    '^lachin',
    '{title text}: lachin',
    'lachin + corridor',
    "lachin's (corridor)",
    'C++ 10:30 foo/bar $$$ 100%',
    'lachin \u0000 \u0001 corridor',
  ])('searches %j as plain words, never as FTS5 syntax', async (query) => {
    // Each has a real word in it, so it must run (and not be turned away as invalid).
    const result = await index.search(query);
    expect(result.hits).toHaveLength(Math.min(result.total, 10));
  });

  it('finds what plain-text words ask for even when they look like FTS5 syntax', async () => {
    await index.upsertArticle(makeArticle('https://news.example.org/near', { title: 'Near the title', text: 'Filed near the border.' }));
    expect((await ids('near title')).length).toBe(1);
    expect(await ids('title:near')).toEqual([]);
    expect((await ids('"near the" AND')).length).toBe(1);
  });
});
