import { readFileSync } from 'node:fs';
import { TidingsError } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { BODY_PARAGRAPHS, buildPage, EMPTY_ITEM } from './fixtures/build-page.js';
import { extractArticle } from './index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The seed article: headline, six paragraphs, then "Related news" and two headlines. */
const seed = fixture('seed-article.txt').split('\n');
const HEADLINE = seed[0] ?? '';
const PARAGRAPHS = seed.slice(1, 7);
const RELATED = seed.slice(8, 10).map((line) => line.replace(/^-\s*/, '').trim());
const NEWS_PAGE = fixture('news-article.html');
const PAGE_URL = 'https://example-news.com/world/2023/09/21/us-azerbaijan-observers-nagorno-karabakh?ref=rss';
const CANONICAL = 'https://www.example-news.com/world/2023/09/21/us-azerbaijan-observers-nagorno-karabakh';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Page furniture of the fixture that must never reach the text. */
const FURNITURE = [
  'Related news',
  ...RELATED,
  'Skip to content',
  'Podcasts',
  'Newsletters',
  'Log in',
  'Advertisement',
  'Share on Facebook',
  'Copy link',
  'Reader42',
  'Finally some movement',
  'Observers are only useful',
  'Post comment',
  'Most read',
  'Oil prices rise',
  'morning briefing',
  'Privacy policy',
  'All rights reserved',
];

function expectSeedText(text: string): void {
  const paragraphs = text.split('\n\n').map(collapse);
  // Every seed paragraph is there verbatim, as a paragraph of its own, in order.
  const positions = PARAGRAPHS.map((paragraph) => paragraphs.indexOf(collapse(paragraph)));
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(text).not.toMatch(/\n{3,}/);
  for (const furniture of FURNITURE) expect(text).not.toContain(furniture);
}

describe('extractArticle on a realistic news page', () => {
  const result = extractArticle(NEWS_PAGE, { url: PAGE_URL });

  it('finds the headline without the site suffix', () => {
    expect(result.title).toBe(HEADLINE);
  });

  it('keeps the six paragraphs in order and none of the page furniture', () => {
    expectSeedText(result.text);
    expect(result.text.startsWith(PARAGRAPHS[0] ?? '?')).toBe(true);
    expect(result.text.endsWith(PARAGRAPHS[5] ?? '?')).toBe(true);
  });

  it('reads the metadata', () => {
    expect(result.authors).toEqual(['Jane Doe']);
    expect(result.publishedAt).toBe('2023-09-21T05:14:00.000Z');
    expect(result.modifiedAt).toBe('2023-09-21T07:02:00.000Z');
    expect(result.siteName).toBe('Example News');
    expect(result.lang).toBe('en-gb');
    expect(result.url).toBe(CANONICAL);
    expect(result.tags).toEqual(['Azerbaijan', 'United States', 'Nagorno-Karabakh', 'Armenia']);
    expect(result.imageUrl).toBe('https://example-news.com/images/2023/09/lachin-corridor.jpg');
    expect(result.excerpt).toMatch(/^Azerbaijan has agreed to let an international monitoring mission/);
    expect(result.extractor).toBe('readability');
    expect(result.confidence).toBeGreaterThan(0.8);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('counts words and returns sanitised HTML', () => {
    expect(result.wordCount).toBe(result.text.match(/[\p{L}\p{N}]+/gu)?.length);
    expect(result.html).toContain('<p>Azerbaijan has agreed');
    expect(result.html).not.toMatch(/<script|<style|<button|<form|onclick|class=/i);
  });

  it('removes a "Related news" list the CMS wrote as paragraphs inside the body', () => {
    const inline = NEWS_PAGE.replace(
      /<div class="story-more">[\s\S]*?<\/ul>\s*<\/div>/,
      `<p><strong>Related news</strong></p>
        <p>- <a href="/world/a">${RELATED[0]}</a></p>
        <p>- <a href="/world/b">${RELATED[1]}</a></p>`,
    );
    expect(inline).not.toBe(NEWS_PAGE);
    expectSeedText(extractArticle(inline, { url: PAGE_URL }).text);
  });

  it('ignores a canonical URL on another host', () => {
    const foreign = NEWS_PAGE.replace(/https:\/\/www\.example-news\.com\/world\/2023\/09\/21\//g, 'https://aggregator.example.org/copy/');
    expect(extractArticle(foreign, { url: PAGE_URL }).url).toBe(
      'https://example-news.com/world/2023/09/21/us-azerbaijan-observers-nagorno-karabakh?ref=rss',
    );
  });
});

describe('extractArticle and the page\'s own navigation', () => {
  it('drops a table of contents whose links Readability resolved against the page (#routes -> https://.../page#routes)', () => {
    const contents = '<ul><li><a href="#routes">The new routes</a></li><li><a href="#costs">What it costs</a></li><li><a href="#next">What comes next</a></li></ul>';
    // Between paragraphs, where no rule for the edges of the article reaches it.
    const [first = '', ...rest] = BODY_PARAGRAPHS;
    const paragraphs = [`${first}</p>${contents}<p>${first.replace('Tuesday', 'Monday')}`, ...rest];
    const { text } = extractArticle(buildPage({ articleHeader: '<h1>Night buses reach the suburbs</h1>', paragraphs }), { url: 'https://news.example.org/2025/03/01/night-buses' });
    expect(text).toContain(BODY_PARAGRAPHS[1]);
    expect(text).not.toContain('What comes next');
  });
});

describe('extractArticle when the page is not an article', () => {
  const shortPage = buildPage({ head: '<title>Gallery</title>', paragraphs: ['Twelve photos from the weekend.'] });

  it('throws a permanent not-an-article TidingsError', () => {
    let caught: unknown;
    try {
      extractArticle(shortPage, { url: 'https://example.org/gallery/1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TidingsError);
    expect(caught).toMatchObject({ code: 'not-an-article', permanent: true });
    expect((caught as Error).message).toMatch(/^no article text found on https:\/\/example\.org\/gallery\/1 \(\d+ characters\) \(it looks like an? (?:article|forum|documentation|product|collection|listing|service) page\)$/);
    expect((caught as Error).message).not.toMatch(/ a article /);
  });

  it('guesses no type for a page without a word', () => {
    for (const html of ['', '<html><head><title>Empty</title></head><body><div><img src="a.png"></div></body></html>']) {
      expect(() => extractArticle(html, { url: 'https://example.org/blank' })).toThrow(/^no article text found on https:\/\/example\.org\/blank \(0 characters\) \(the page holds no text\)$/);
    }
  });

  it('names the type it guessed in good English: "an article page"', () => {
    // A feed item's link is taken for an article (classify.ts FEED_ITEM_POINTS): the page above alone is not.
    const short = buildPage({ head: '<title>Bridge opens</title><meta property="og:type" content="article">', paragraphs: ['The bridge opened.'] });
    expect(() => extractArticle(short, { url: 'https://news.example.org/2025/03/01/bridge-opens', item: EMPTY_ITEM })).toThrow(/\(it looks like an article page\)$/);
  });

  it('builds the record from the feed content when the item carries enough of it', () => {
    const contentHtml = `<p>${BODY_PARAGRAPHS.join('</p><p>')}</p><p>Read the <a href="/council/minutes">minutes</a> of the meeting for the full vote.</p>`;
    const result = extractArticle(shortPage, {
      url: 'https://example.org/news/night-buses',
      item: { ...EMPTY_ITEM, title: 'Night buses reach the eastern suburbs', authors: ['By Sam Lee'], publishedAt: 'Tue, 05 Nov 2024 09:30:00 GMT', contentHtml },
    });
    expect(result.extractor).toBe('feed-content');
    expect(result.title).toBe('Gallery');
    expect(result.authors).toEqual(['Sam Lee']);
    expect(result.publishedAt).toBe('2024-11-05T09:30:00.000Z');
    expect(result.text.split('\n\n').slice(0, 3)).toEqual(BODY_PARAGRAPHS);
    expect(result.html).toContain('href="https://example.org/council/minutes"');
    expect(result.confidence).toBeLessThan(0.9);
  });

  it('still throws when the feed content is short too, saying so', () => {
    expect(() =>
      extractArticle(shortPage, { url: 'https://example.org/g', item: { ...EMPTY_ITEM, contentHtml: '<p>See the photos.</p>' } }),
    ).toThrow(/characters, \d+ in the feed item/);
  });

  it('prefers the feed content when the page only shows a teaser of it', () => {
    const teaser = buildPage({ paragraphs: [BODY_PARAGRAPHS[0] ?? '', `${BODY_PARAGRAPHS[1]} Subscribe to read the rest.`] });
    const full = [...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS.map((p) => `${p} (continued)`), ...BODY_PARAGRAPHS.map((p) => `${p} (again)`)];
    const result = extractArticle(teaser, { url: 'https://example.org/n', item: { ...EMPTY_ITEM, contentHtml: full.map((p) => `<p>${p}</p>`).join('') } });
    expect(result.extractor).toBe('feed-content');
  });
});

describe('extractArticle never throws anything but TidingsError', () => {
  const inputs: [string, string][] = [
    ['an empty page', ''],
    ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004 \uFFFD\uFFFD'],
    ['a bare short fragment', '<p>only a fragment</p>'],
    ['a page of unclosed tags', '<html><body>' + '<div><p>text <b><i><font>'.repeat(400)],
    ['20,000 nested divs', `<html><body>${'<div>'.repeat(20_000)}<p>${BODY_PARAGRAPHS.join(' ')}</p></body></html>`],
    ['broken JSON-LD', buildPage({ head: '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>' })],
  ];
  for (const [name, html] of inputs) {
    it(`on ${name}`, () => {
      try {
        extractArticle(html, { url: 'https://example.org/x' });
      } catch (error) {
        expect(error).toBeInstanceOf(TidingsError);
      }
    });
  }

  it('copes with deep nesting quickly, in the page and in feed content (Readability is superlinear in depth)', () => {
    const text = BODY_PARAGRAPHS.join(' ');
    const started = performance.now();
    for (const wrapper of ['<div>', '<ul><li>', '<blockquote>']) {
      const nested = `${wrapper.repeat(8_000)}<p>${text}</p>`;
      expect(extractArticle(`<html><body>${nested}</body></html>`, { url: 'https://example.org/deep' }).text).toBe(text);
      const fromFeed = extractArticle('<p>Short.</p>', { url: 'https://example.org/deep', item: { ...EMPTY_ITEM, contentHtml: nested } });
      expect(fromFeed.text).toBe(text);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('takes a saved page (file: URL) with its declared canonical URL, or the file URL when it declares none', () => {
    const saved = extractArticle(NEWS_PAGE, { url: 'file:///tmp/saved/page.html' });
    expect(saved.url).toMatch(/^https?:\/\//);
    const bare = NEWS_PAGE.replace(/<link[^>]*rel="canonical"[^>]*>/gi, '').replace(/<meta[^>]*property="og:url"[^>]*>/gi, '');
    expect(extractArticle(bare, { url: 'file:///tmp/saved/page.html' }).url).toBe('file:///tmp/saved/page.html');
  });

  it('reports an invalid page URL as invalid-url', () => {
    expect(() => extractArticle(NEWS_PAGE, { url: 'not a url' })).toThrow(expect.objectContaining({ code: 'invalid-url', permanent: true }));
    expect(() => extractArticle(NEWS_PAGE, { url: 'ftp://example.org/a' })).toThrow(TidingsError);
  });

  it('extracts an article given as a fragment without <html> or <body>', () => {
    const fragment = BODY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');
    const result = extractArticle(fragment, { url: 'https://example.org/fragment' });
    expect(result.text).toBe(BODY_PARAGRAPHS.join('\n\n'));
  });
});

describe('the sanitised HTML of an extracted article', () => {
  const body = `
    <h1>Night buses reach the suburbs</h1>
    <p>${BODY_PARAGRAPHS[0]} See <a href="/council/minutes?id=4#vote" onclick="track()">the minutes</a>.</p>
    <h2>What changes</h2>
    <ul><li>Route N1 to Eastfield every twenty minutes</li><li>Route N2 to Marsh Lane every half hour</li></ul>
    <blockquote><p>${BODY_PARAGRAPHS[1]}</p></blockquote>
    <table><caption>Night routes</caption><tr><th>Route</th><th>First bus</th></tr><tr><td>N1</td><td>00:10</td></tr></table>
    <figure><img src="../img/bus.jpg" alt="A night bus" onerror="steal()"><figcaption>The N1 at Eastfield</figcaption></figure>
    <p>${BODY_PARAGRAPHS[2]}<script>alert(1)</script><a href="javascript:alert(1)">click</a></p>
    <iframe src="https://evil.example/"></iframe><form action="/s"><input name="q"><button>Go</button></form>`;
  const result = extractArticle(`<html><body><article>${body}</article></body></html>`, { url: 'https://news.example.org/transport/night-buses.html' });

  it('keeps headings, lists, quotes, tables and figures with their captions', () => {
    expect(result.html).toContain('<h2>What changes</h2>');
    expect(result.html).toContain('<ul><li>Route N1 to Eastfield every twenty minutes</li><li>Route N2 to Marsh Lane every half hour</li></ul>');
    expect(result.html).toContain(`<blockquote><p>${BODY_PARAGRAPHS[1]}</p></blockquote>`);
    expect(result.html).toMatch(/<table><caption>Night routes<\/caption>(?:<tbody>)?<tr><th>Route<\/th><th>First bus<\/th><\/tr><tr><td>N1<\/td><td>00:10<\/td><\/tr>/);
    expect(result.html).toContain('<figure><img src="https://news.example.org/img/bus.jpg" alt="A night bus"><figcaption>The N1 at Eastfield</figcaption></figure>');
  });

  it('makes links absolute and leaves nothing executable', () => {
    expect(result.html).toContain('<a href="https://news.example.org/council/minutes?id=4#vote">the minutes</a>');
    expect(result.html).not.toMatch(/<script|<iframe|<form|<input|<button|\son\w+=|javascript:|style=|class=/i);
    expect(result.text).not.toMatch(/alert|Go$/m);
  });

  it('keeps list items and table rows as text paragraphs, and the caption out of the text', () => {
    const paragraphs = result.text.split('\n\n');
    expect(paragraphs).toContain('Route N1 to Eastfield every twenty minutes');
    expect(paragraphs).toContain('Route | First bus');
    expect(result.text).not.toContain('The N1 at Eastfield');
  });
});

describe('extractArticle on short stories in scripts denser than Latin', () => {
  // The same brief news story (about 500 characters in English): plain character counts put the Chinese one under the article minimum.
  const stories: Record<string, { lang: string; headline: string; paragraphs: string[] }> = {
    Chinese: {
      lang: 'zh-CN',
      headline: '城市公交将延长夜间运营时间',
      paragraphs: [
        '市交通运输局周三宣布，从下月起，全市二十条主要公交线路的末班车时间将延后一小时。',
        '交通局负责人表示，这一调整主要是为了方便夜间下班的市民出行，同时缓解地铁停运后的打车难问题。',
        '部分市民对此表示欢迎，但也有人担心夜间车辆增加会带来噪音问题。交通局称将在试行三个月后评估效果。',
      ],
    },
    Japanese: {
      lang: 'ja',
      headline: '市営バス、夜間の運行時間を延長へ',
      paragraphs: [
        '市交通局は水曜日、来月から主要な二十路線で最終バスの時刻を一時間遅らせると発表した。',
        '同局の担当者によると、夜遅くまで働く市民の移動を便利にするのが狙いだという。',
        '市民からは歓迎の声が上がる一方、騒音を心配する意見もある。同局は三か月の試行の後に効果を検証する。',
      ],
    },
    Korean: {
      lang: 'ko',
      headline: '시내버스 야간 운행 시간 연장',
      paragraphs: [
        '시 교통국은 수요일 다음 달부터 주요 스무 개 노선의 막차 시간을 한 시간 늦춘다고 발표했다.',
        '교통국 관계자는 밤늦게 퇴근하는 시민들의 이동을 돕고 지하철 운행이 끝난 뒤 택시 잡기 어려운 문제를 덜기 위한 조치라고 설명했다.',
        '시민들은 대체로 환영했지만 소음을 걱정하는 목소리도 있다. 교통국은 석 달 동안 시범 운행한 뒤 효과를 평가할 계획이다.',
      ],
    },
  };

  for (const [language, story] of Object.entries(stories)) {
    it(`reads a ${language} brief as an article`, () => {
      const page = buildPage({ htmlAttributes: ` lang="${story.lang}"`, head: `<title>${story.headline}</title>`, articleHeader: `<h1>${story.headline}</h1>`, paragraphs: story.paragraphs });
      const record = extractArticle(page, { url: 'https://news.example.asia/2026/03/05/night-buses' });
      expect(record.text.split('\n\n')).toEqual(story.paragraphs);
      expect(record.pageType).toBe('article');
    });
  }
});
