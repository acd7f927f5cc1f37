import { beforeEach, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { indicJoinerArticles, letterFoldArticles, makeArticle } from '../test-fixtures.js';
import type { ContractContext } from './harness.js';

const TITLE_MATCH = makeArticle('https://news.example.org/lachin-reopens', {
  title: 'Lachin corridor reopens',
  text: 'Traffic resumed on Monday after a long closure of the road.',
  siteName: 'Example News',
  authors: ['Anna Petrosyan'],
  publishedAt: '2025-03-01T10:00:00.000Z',
});
const BODY_MATCH = makeArticle('https://news.example.org/roundup', {
  title: 'Regional roundup',
  // The phrase twice in the body: more often than TITLE_MATCH has it, so only the title weight puts TITLE_MATCH first.
  text: 'Among the week’s stories, the Lachin corridor was discussed by ministers & officials. The Lachin corridor matters.',
});
const WORDS_APART = makeArticle('https://news.example.org/town', { title: 'A corridor of power', text: 'Talks were held near Lachin, the town.' });
const BREXIT = makeArticle('https://news.example.org/brexit', { title: 'Brexit talks stall', text: 'Negotiators left without a deal.' });
const CAFE = makeArticle('https://news.example.org/cafe', { title: 'Café society returns', text: 'Terraces reopened across the city.' });
const MOSCOW = makeArticle('https://news.example.org/moscow', { title: 'Москва объявила новые меры', text: 'Власти сообщили о решении.', lang: 'ru' });
const USA = makeArticle('https://news.example.org/usa', { title: 'U.S. election results', text: 'Counting continues; e-mail ballots arrive late.' });
const MARKUP = makeArticle('https://news.example.org/markup', {
  title: 'Telecoms',
  text: 'AT&T said <script>alert(1)</script> is not a headline, and turnips are.',
});
const ALL = [BODY_MATCH, TITLE_MATCH, WORDS_APART, BREXIT, CAFE, MOSCOW, USA, MARKUP];

/** The query language and ranking. */
export function searchContract(ctx: ContractContext): void {
  describe('search', () => {
    beforeEach(async () => {
      for (const record of ALL) await ctx.index.upsertArticle(record);
    });

    const ids = async (query: string): Promise<string[]> => (await ctx.index.search(query, { limit: 50 })).hits.map((hit) => hit.id);

    it('ranks a title match above a body-only match, with positive scores best first', async () => {
      const phrase = await ctx.index.search('"lachin corridor"');
      expect(phrase.hits.map((hit) => hit.id)).toEqual([TITLE_MATCH.id, BODY_MATCH.id]);
      expect(phrase.hits[0]?.score).toBeGreaterThan(phrase.hits[1]?.score ?? Infinity);

      const words = await ctx.index.search('lachin corridor');
      expect(words.hits[0]?.id).toBe(TITLE_MATCH.id);
      const scores = words.hits.map((hit) => hit.score);
      expect(scores).toHaveLength(3);
      for (const score of scores) expect(score).toBeGreaterThan(0);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('returns hits with exactly the SearchHit fields, and a result with total and nextCursor', async () => {
      const result = await ctx.index.search('reopens');
      expect(result).toEqual({ total: 1, hits: [expect.any(Object)], nextCursor: null });
      expect(result.hits[0]).toEqual({
        id: TITLE_MATCH.id,
        url: TITLE_MATCH.url,
        title: 'Lachin corridor reopens',
        publishedAt: '2025-03-01T10:00:00.000Z',
        siteName: 'Example News',
        authors: ['Anna Petrosyan'],
        snippet: expect.any(String),
        score: expect.any(Number),
      });
    });

    it('matches words anywhere, but a phrase only with the words together', async () => {
      expect(new Set(await ids('lachin corridor'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id, WORDS_APART.id]));
      expect(new Set(await ids('"lachin corridor"'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id]));
    });

    it('excludes negated words and phrases', async () => {
      expect(new Set(await ids('lachin -traffic'))).toEqual(new Set([BODY_MATCH.id, WORDS_APART.id]));
      expect(new Set(await ids('lachin -"lachin corridor"'))).toEqual(new Set([WORDS_APART.id]));
      expect(new Set(await ids('lachin NOT traffic'))).toEqual(new Set([BODY_MATCH.id, WORDS_APART.id]));
    });

    it('matches either side of OR', async () => {
      expect(new Set(await ids('brexit OR café'))).toEqual(new Set([BREXIT.id, CAFE.id]));
      expect(new Set(await ids('talks brexit OR lachin'))).toEqual(new Set([BREXIT.id, WORDS_APART.id]));
    });

    it('matches prefixes only when asked', async () => {
      expect(await ids('negotiat')).toEqual([]);
      expect(await ids('negotiat*')).toEqual([BREXIT.id]);
      expect(new Set(await ids('"lachin corr"*'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id]));
    });

    it('ignores case, diacritics, and handles Cyrillic', async () => {
      expect(await ids('lachin CORRIDOR')).toHaveLength(3);
      expect(await ids('cafe')).toEqual([CAFE.id]);
      expect(await ids('CAFÉ')).toEqual([CAFE.id]);
      expect(await ids('москва')).toEqual([MOSCOW.id]);
      expect(await ids('МОСКВА')).toEqual([MOSCOW.id]);
      expect(await ids('объяв*')).toEqual([MOSCOW.id]);
    });

    it('finds a Chinese, Japanese or Korean word inside a run of text without spaces, and marks it', async () => {
      const tokyo = makeArticle('https://news.example.org/tokyo', { title: '東京都立図書館が改装', text: '東京都立図書館は来月から開館時間を延長する。', lang: 'ja' });
      const seoul = makeArticle('https://news.example.org/seoul', { title: '서울시 발표', text: '서울에서 새로운 도서관이 문을 열었다.', lang: 'ko' });
      const library = makeArticle('https://news.example.org/library', { title: '图书馆', text: '北京的图书馆很大。', lang: 'zh' });
      for (const record of [tokyo, seoul, library]) await ctx.index.upsertArticle(record);
      expect(await ids('図書館')).toEqual([tokyo.id]);
      expect(await ids('東京都立図書館')).toEqual([tokyo.id]);
      expect(await ids('title:改装')).toEqual([tokyo.id]);
      expect(await ids('도서관')).toEqual([seoul.id]);
      expect(await ids('서울')).toEqual([seoul.id]);
      expect(await ids('图书馆')).toEqual([library.id]);
      // The characters of a word, but not next to each other, are no match.
      expect(await ids('館書')).toEqual([]);
      const [hit] = (await ctx.index.search('開館時間')).hits;
      expect(hit?.id).toBe(tokyo.id);
      expect(hit?.snippet).toContain('<mark>開館時間</mark>');
    });

    it('finds a Thai, Lao, Khmer or Burmese word inside a stretch of text without spaces, and a phrase of two', async () => {
      const thai = makeArticle('https://news.example.org/thai', { title: 'ข่าวภาษาไทย', text: 'รัฐบาลไทยประกาศมาตรการใหม่วันนี้', lang: 'th' });
      const lao = makeArticle('https://news.example.org/lao', { title: 'ຂ່າວ', text: 'ລັດຖະບານລາວປະກາດມາດຕະການໃໝ່', lang: 'lo' });
      const khmer = makeArticle('https://news.example.org/khmer', { title: 'ព័ត៌មាន', text: 'រដ្ឋាភិបាលកម្ពុជាប្រកាសវិធានការថ្មី', lang: 'km' });
      const burmese = makeArticle('https://news.example.org/burmese', { title: 'သတင်း', text: 'အစိုးရသည်ကြေညာချက်ထုတ်ပြန်ခဲ့သည်', lang: 'my' });
      for (const record of [thai, lao, khmer, burmese]) await ctx.index.upsertArticle(record);
      // Each word is inside a stretch that was one token (as far as the next combining mark) before.
      expect(await ids('ประกาศ')).toEqual([thai.id]);
      expect(await ids('title:ภาษา')).toEqual([thai.id]);
      expect(await ids('ປະກາດ')).toEqual([lao.id]);
      expect(await ids('កម្ពុជា')).toEqual([khmer.id]);
      expect(await ids('အစိုးရ')).toEqual([burmese.id]);
      // Two words typed together are a phrase of them: next to each other, in that order.
      expect(await ids('มาตรการใหม่')).toEqual([thai.id]);
      expect(await ids('ใหม่มาตรการ')).toEqual([]);
      expect(await ids('ประกาศ ใหม่')).toEqual([thai.id]);
      const [hit] = (await ctx.index.search('มาตรการใหม่')).hits;
      expect(hit?.snippet).toContain('<mark>มาตรการใหม');
    });

    it('finds an Indic word written with a zero-width joiner or non-joiner typed without it, and marks it whole; in Persian a non-joiner still separates', async () => {
      const { marathi, malayalam, persian, searches } = indicJoinerArticles();
      for (const record of [marathi, malayalam, persian]) await ctx.index.upsertArticle(record);
      for (const [query, article] of searches) expect(await ids(query), query).toEqual([article.id]);
      expect(await ids('दर्\u200cया')).toEqual([marathi.id]);
      expect(await ids('خواهم')).toEqual([persian.id]);
      expect((await ctx.index.search('दर्या')).hits[0]?.snippet).toContain('<mark>दर्\u200dया</mark>');
      // A chillu's joiner at the word's end is marked with it.
      expect((await ctx.index.search('കേരളത്തില്')).hits[0]?.snippet).toContain('<mark>കേരളത്തില്\u200d</mark>');
    });

    it('finds a Greek word typed without its accents or in capitals, Straße typed with ss, ёлка with е, and marks the word as written', async () => {
      const { greek, german, russian, hedgehog, searches } = letterFoldArticles();
      for (const record of [greek, german, russian, hedgehog]) await ctx.index.upsertArticle(record);
      for (const [query, article] of searches) expect(await ids(query), query).toEqual([article.id]);
      // Written with the letters, the words find the same; a prefix or phrase of either spelling too.
      for (const query of ['Λόγος', 'straßenbahn', 'straßenb*', '"neue strassenbahn"', 'ёлка', 'Ёлк*']) expect((await ids(query)).length, query).toBe(1);
      const snippet = async (query: string) => (await ctx.index.search(query)).hits[0]?.snippet;
      expect(await snippet('λογος')).toContain('<mark>λόγος</mark>');
      expect(await snippet('strassenbahn')).toContain('<mark>Straßenbahn</mark>');
      expect(await snippet('strassenb*')).toContain('<mark>Straßenbahn</mark>');
      expect(await snippet('hauptstrasse')).toContain('<mark>HAUPTSTRAẞE</mark>');
      expect(await snippet('елка')).toContain('<mark>ёлка</mark>');
      // Marked as search reads it: the letter and its accent as the one character.
      expect(await snippet('ежик')).toContain('<mark>Ёжик</mark>');
    });

    it('finds words written with punctuation', async () => {
      expect(await ids('U.S.')).toEqual([USA.id]);
      expect(await ids('e-mail')).toEqual([USA.id]);
      expect(new Set(await ids('lachin-corridor'))).toEqual(new Set([TITLE_MATCH.id, BODY_MATCH.id]));
    });

    it('restricts title:, author:, site: and lang: to their field, quoted or not', async () => {
      expect(await ids('title:lachin')).toEqual([TITLE_MATCH.id]);
      expect(await ids('title:"lachin corridor"')).toEqual([TITLE_MATCH.id]);
      expect(new Set(await ids('title:corr*'))).toEqual(new Set([TITLE_MATCH.id, WORDS_APART.id]));
      expect(await ids('author:petrosyan')).toEqual([TITLE_MATCH.id]);
      expect(await ids('author:"anna petrosyan"')).toEqual([TITLE_MATCH.id]);
      expect(await ids('petrosyan')).toEqual([TITLE_MATCH.id]);
      expect(await ids('lang:ru')).toEqual([MOSCOW.id]);
      expect(await ids('lachin site:"example news"')).toHaveLength(3);
      expect(await ids('lachin site:news.example.org')).toHaveLength(3);
      expect(await ids('lachin -site:example')).toEqual([]);
      expect(new Set(await ids('lang:ru OR brexit'))).toEqual(new Set([MOSCOW.id, BREXIT.id]));
    });

    it('does not let a plain word match the site name or language', async () => {
      expect(await ids('example')).toEqual([]);
      expect(await ids('ru')).toEqual([]);
      expect(await ids('exam*')).toEqual([]);
    });

    it('marks matches in an HTML-escaped snippet of the text', async () => {
      const [body] = (await ctx.index.search('"lachin corridor"', { limit: 1, offset: 1 })).hits;
      expect(body?.id).toBe(BODY_MATCH.id);
      expect(body?.snippet).toContain('the <mark>Lachin corridor</mark> was discussed');
      expect(body?.snippet).toContain('ministers &amp; officials');

      const [markup] = (await ctx.index.search('turnips')).hits;
      expect(markup?.snippet).toBe('AT&amp;T said &lt;script&gt;alert(1)&lt;/script&gt; is not a headline, and <mark>turnips</mark> are.');
    });

    it('never turns control characters in the text into marks', async () => {
      await ctx.index.upsertArticle(makeArticle('https://news.example.org/ctrl', { title: 'Odd bytes', text: 'before \u0001odd\u0002 after zeppelin' }));
      const [hit] = (await ctx.index.search('zeppelin')).hits;
      expect(hit?.snippet).toBe('before  odd  after <mark>zeppelin</mark>');
    });

    it('cuts a long text to a window around the match with an ellipsis', async () => {
      const filler = Array.from({ length: 200 }, (_, i) => `filler${i}`).join(' ');
      await ctx.index.upsertArticle(makeArticle('https://news.example.org/long', { title: 'Long read', text: `${filler} zeppelin ${filler}` }));
      const [hit] = (await ctx.index.search('zeppelin')).hits;
      expect(hit?.snippet).toMatch(/^….*<mark>zeppelin<\/mark>.*…$/u);
      expect(hit?.snippet.split(' ').length).toBeLessThanOrEqual(24);
    });

    it.each(['', '   ', '-lachin', 'NOT lachin', '"', '*', 'AND', 'OR', '&&&'])('rejects %j with a permanent TidingsError', async (query) => {
      const error = await ctx.index.search(query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TidingsError);
      expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
    });

    it.each([
      ['title:', /title: without a value/u],
      ['lachin author: x', /author: without a value/u],
      ['lang:english!', /not a language code/u],
      ['title:&&', /title: without a word/u],
      [`${'word '.repeat(250)}`, /too long/u],
      [Array.from({ length: 70 }, (_, i) => `w${i}`).join(' '), /too many terms/u],
    ])('says what is wrong with the malformed query %j', async (query, message) => {
      const error = await ctx.index.search(query).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TidingsError', code: 'invalid-payload' });
      expect((error as Error).message).toMatch(message);
    });

    it.each([
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
      "lachin ' corridor \\ & | ! <-> :*",
      'C++ 10:30 foo/bar $$$ 100%',
      'lachin \u0000 \u0001 corridor',
    ])('searches %j as plain words, never as query syntax of the backend', async (query) => {
      const result = await ctx.index.search(query);
      expect(result.hits).toHaveLength(Math.min(result.total, 10));
    });

    it('finds what plain-text words ask for even when they look like syntax', async () => {
      await ctx.index.upsertArticle(makeArticle('https://news.example.org/near', { title: 'Near the title', text: 'Filed near the border.' }));
      expect((await ids('near title')).length).toBe(1);
      expect((await ids('"near the" AND')).length).toBe(1);
      // Not a field: the phrase "text near".
      expect(await ids('text:near')).toEqual([]);
      expect((await ids('border:near')).length).toBe(0);
      expect((await ids('"filed:near"')).length).toBe(1);
    });
  });
}
