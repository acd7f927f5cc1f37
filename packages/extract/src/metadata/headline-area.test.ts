import { describe, expect, it } from 'vitest';
import { asciiDigits } from '@tidings/text';
import { parsePage } from '../dom.js';
import { buildPage } from '../fixtures/build-page.js';
import { extractArticle } from '../index.js';
import { readDocumentHints } from './document-hints.js';
import { DATE_TEXT, dateTextIn, readHeadlineArea } from './headline-area.js';

/** An address that spells no date, so that the page's own dates decide. */
const URL_ = 'https://www.garden-example.org/guides/winter-pruning';

function areaOf(body: string, lang = ''): ReturnType<typeof readHeadlineArea> {
  const { document } = parsePage(`<html${lang ? ` lang="${lang}"` : ''}><body>${body}</body></html>`, URL_);
  return readHeadlineArea(document.body, document.querySelector('h1'));
}

describe('readHeadlineArea', () => {
  it('reads dates printed around the headline in several forms, those after it first', () => {
    const area = areaOf(`<p class="kicker">Posted 3 March 2024</p><h1>Pruning apple trees in winter</h1>
      <div class="meta"><span>Posted:</span> <span>Dec. 09, 2025</span></div><p>17.05.2021 was the old date.</p>`);
    expect(area.datelines).toEqual(['Dec. 09, 2025', '17.05.2021', '3 March 2024']);
  });

  it('reads year-first dates with dots, and as Chinese, Japanese and Korean print them', () => {
    expect(areaOf('<h1>冬季修剪苹果树</h1><p>发布时间：2025年12月17日 10:30</p>').datelines).toEqual(['2025年12月17日']);
    expect(areaOf('<h1>겨울 사과나무 가지치기</h1><p>입력 2025. 12. 17.</p>').datelines).toEqual(['2025. 12. 17.']);
    // The forms the date parser reads (one spelling, @tidings/text's CJK_DAY): the last dot may go.
    expect(areaOf('<h1>겨울 사과나무 가지치기</h1><p>입력 2025. 12. 17</p>').datelines).toEqual(['2025. 12. 17']);
    expect(areaOf('<h1>Pruning apple trees in winter</h1><p>Published: 2025.12.17</p>').datelines).toEqual(['2025.12.17']);
  });

  it('reads dates as other languages print them: their digits, vowel signs, dotted abbreviations, the month by its number', () => {
    expect(areaOf('<h1>عنوان الخبر</h1><p>الثلاثاء ١٢ مارس ٢٠٢٤</p>').datelines).toEqual(['12 مارس 2024']);
    expect(areaOf('<h1>समाचार</h1><p>12 मार्च 2024</p>').datelines).toEqual(['12 मार्च 2024']);
    expect(areaOf('<h1>ข่าว</h1><p>14 มี.ค. 2567</p>').datelines).toEqual(['14 มี.ค. 2567']);
    expect(areaOf('<h1>Tin tức</h1><p>Thứ ba, 5 tháng 3 năm 2024</p>').datelines).toEqual(['5 tháng 3 năm 2024']);
  });

  it("reads a slashed day day first on a page whose language writes it so, and leaves it undecided in English", () => {
    const page = '<h1>Titre</h1><p>Publié le 05/03/2024</p>';
    expect(areaOf(page, 'fr').datelines).toEqual(['05.03.2024']);
    expect(areaOf(page, 'en-GB').datelines).toEqual(['05.03.2024']);
    expect(areaOf(page, 'en').datelines).toEqual(['05/03/2024']);
    expect(areaOf(page, 'en-US').datelines).toEqual(['05/03/2024']);
    expect(areaOf(page).datelines).toEqual(['05/03/2024']);
  });

  it('puts a date other languages label as an update after the publication', () => {
    for (const [lang, line] of [
      ['fr', 'Mis à jour le 14 mars 2024 · Publié le 12 mars 2024'],
      ['de', 'Aktualisiert am 14.03.2024 · Erstellt am 12.03.2024'],
      ['es', 'Actualizado el 14 de marzo de 2024 · Publicado el 12 de marzo de 2024'],
      ['ru', 'Обновлено 14 марта 2024 · Опубликовано 12 марта 2024'],
      ['tr', 'Güncelleme: 14.03.2024 · Yayınlanma: 12.03.2024'],
    ] as const) {
      expect(areaOf(`<h1>Titre</h1><p>${line}</p>`, lang).datelines[0], lang).toMatch(/^12/);
    }
  });

  it('reads a byline: a "By" line, or a short box named author', () => {
    expect(areaOf('<h1>Pruning apple trees</h1><p><span>By</span> <a href="/u/ana">Ana Gomez</a></p>').bylines).toEqual(['By Ana Gomez']);
    expect(areaOf('<h1>Pruning apple trees</h1><div class="post-author"><a href="/u/ana">Ana Gomez</a></div>').bylines).toEqual(['Ana Gomez']);
    // A long box named author is an author's bio, not a byline.
    expect(areaOf(`<h1>Pruning apple trees</h1><div class="author-box">${'Ana writes about gardens and orchards. '.repeat(5)}</div>`).bylines).toEqual([]);
  });

  it('reads a byline opened by "by" in another language, not a sentence that opens with the same word', () => {
    expect(areaOf('<h1>Winterschnitt bei Apfelbäumen</h1><p>Von Jana Schmidt</p>').bylines).toEqual(['Von Jana Schmidt']);
    expect(areaOf('<h1>Tailler les pommiers</h1><p>Par Jean Dupont</p>').bylines).toEqual(['Par Jean Dupont']);
    expect(areaOf('<h1>Winterschnitt bei Apfelbäumen</h1><p>Von Anfang März bis Ende April gilt die neue Regel.</p>').bylines).toEqual([]);
    expect(areaOf('<h1>Tailler les pommiers</h1><p>Par ailleurs, le conseil a voté.</p>').bylines).toEqual([]);
  });

  it('reads the headline inside a box that is otherwise skipped: a template may lay the whole page out in an <aside>', () => {
    const area = areaOf('<aside class="columns"><main><span>April 18, 2024</span><h1>Pruning apple trees</h1><span class="blog-meta-author">Ana Gomez</span></main></aside>');
    expect(area.datelines).toEqual(['April 18, 2024']);
    expect(area.bylines).toEqual(['Ana Gomez']);
    // Not a <form>: a sign-up dialog's <h1> is the dialog's.
    expect(areaOf('<form><h1>Join our newsletter</h1><p>By signing up you agree to our terms</p></form>').bylines).toEqual([]);
    // An <aside> beside the headline is still not its surroundings.
    expect(areaOf('<aside><p>By Someone Else</p></aside><h1>Pruning apple trees</h1>').bylines).toEqual([]);
    // And an <h1> in the page's <footer> ("Contact Us") has none.
    expect(areaOf('<footer><h1>Contact us</h1><p>Nov 4, 2025</p></footer>').datelines).toEqual([]);
  });

  it('lists apart the dates printed on a line of their own without an update label', () => {
    const sentence = 'The first vendor-backed toolkit for these chips reached its stable release on 30 October 2025, after two years of betas.';
    const area = areaOf(`<h1>Pruning apple trees</h1><p>Updated Jan 5, 2026</p><p>Dec 12, 2025</p><p>${sentence}</p>`);
    expect(area.datelines).toEqual(['Dec 12, 2025', 'Jan 5, 2026', '30 October 2025']);
    expect(area.plainDatelines).toEqual(['Dec 12, 2025']);
  });

  it('puts a date inside a sentence of the text last: it is more likely what the article is about', () => {
    const sentence = 'The first vendor-backed toolkit for these chips reached its stable release on 30 October 2025, after two years of betas.';
    expect(areaOf(`<h1>Pruning apple trees</h1><p>${sentence}</p>`).datelines).toEqual(['30 October 2025']);
    expect(areaOf(`<p>Dec 12, 2025</p><h1>Pruning apple trees</h1><p>${sentence}</p>`).datelines).toEqual(['Dec 12, 2025', '30 October 2025']);
  });

  it('reads nothing on a page without a headline, and stops well after it', () => {
    expect(areaOf('<p>By Ana Gomez, March 3, 2024</p>')).toEqual({ datelines: [], bylines: [], plainDatelines: [] });
    const far = areaOf(`<h1>Pruning</h1><p>${'Long text about branches and buds. '.repeat(60)}</p><p>By Someone Else, March 3, 2024</p>`);
    expect(far).toEqual({ datelines: [], bylines: [], plainDatelines: [] });
  });
});

describe('printed dates and bylines in the record', () => {
  const header = (meta: string): string => `<h1>Pruning apple trees in winter</h1>${meta}`;

  it('takes, of the publication dates the metadata gives, the one the page prints', () => {
    const ld = { '@context': 'https://schema.org', '@type': 'Article', headline: 'Pruning apple trees in winter', datePublished: '2023-01-10T08:00:00Z' };
    const html = buildPage({
      head: `<script type="application/ld+json">${JSON.stringify(ld)}</script><meta property="article:published_time" content="2025-02-22T22:13:14Z">`,
      articleHeader: header('<p class="meta">Published February 22, 2025</p>'),
    });
    const result = extractArticle(html, { url: URL_ });
    expect(result.publishedAt).toBe('2025-02-22T22:13:14.000Z');
    expect(result.extraction.sources.publishedAt).toBe('opengraph');
  });

  it('does not take a printed update for the publication', () => {
    const html = buildPage({
      head: `<meta property="article:published_time" content="2023-01-10T08:00:00Z"><meta property="article:modified_time" content="2025-02-22T22:13:14Z">`,
      articleHeader: header('<p class="meta">Last updated February 22, 2025</p>'),
    });
    expect(extractArticle(html, { url: URL_ }).publishedAt).toBe('2023-01-10T08:00:00.000Z');
  });

  it('keeps the declared publication date when the printed date, a later one, confirms nothing', () => {
    // (A printed date days before the declared publication is the article's own: published-date.test.ts.)
    const html = buildPage({
      head: '<meta property="article:published_time" content="2023-01-10T08:00:00Z">',
      articleHeader: header('<p class="meta">Printed 4 July 2024</p>'),
    });
    expect(extractArticle(html, { url: URL_ }).publishedAt).toBe('2023-01-10T08:00:00.000Z');
  });

  it('takes the printed day when the declared date is that day in the site\'s own zone', () => {
    const html = buildPage({
      head: '<meta property="article:published_time" content="2024-03-18T22:30:00-05:00">',
      articleHeader: header('<p class="meta">March 18, 2024</p>'),
    });
    expect(extractArticle(html, { url: URL_ }).publishedAt).toBe('2024-03-18T00:00:00.000Z');
  });

  it('takes the printed date when the declared publication is also the declared modification: a build stamp', () => {
    const stamped = (modified: string, printed: string): string =>
      buildPage({
        head: `<meta property="article:published_time" content="2025-11-20T16:02:46Z"><meta property="article:modified_time" content="${modified}">`,
        articleHeader: header(`<p class="meta">${printed}</p>`),
      });
    expect(extractArticle(stamped('2025-11-20T16:02:46Z', 'November 25, 2025'), { url: URL_ }).publishedAt).toBe('2025-11-25T00:00:00.000Z');
    // Modified later: the declared publication date stands against a later printed date.
    expect(extractArticle(stamped('2025-12-01T09:00:00Z', 'November 25, 2025'), { url: URL_ }).publishedAt).toBe('2025-11-20T16:02:46.000Z');
  });

  it("takes the page's date on the day the URL spells, in the page's own zone", () => {
    const url = 'https://www.garden-example.org/2024/09/16/winter-pruning';
    const zoned = buildPage({ head: '<meta itemprop="datePublished" content="2024-09-16T19:55:00-0700">' });
    expect(extractArticle(zoned, { url }).publishedAt).toBe('2024-09-16T00:00:00.000Z');
    const printed = buildPage({
      head: '<meta property="article:published_time" content="2022-11-11T20:23:00Z">',
      articleHeader: header('<p class="meta">Updated November 11, 2022</p><p class="meta">November 9, 2022</p>'),
    });
    expect(extractArticle(printed, { url: 'https://www.garden-example.org/2022/11/09/winter-pruning' }).publishedAt).toBe('2022-11-09T00:00:00.000Z');
  });

  it('takes a date labelled as the publication anywhere in the page when nothing else dates it', () => {
    const prose = `<p>${'How to prune apple trees in winter without hurting next year\'s fruit. '.repeat(40)}</p>`;
    const labelled = buildPage({ articleHeader: header(prose), head: '<meta property="article:modified_time" content="2025-09-01T10:00:00Z">' }).replace(
      '</article>',
      '<p><span>Published On: 15 August 2025</span></p></article>',
    );
    expect(labelled).toContain('Published On');
    expect(extractArticle(labelled, { url: URL_ }).publishedAt).toBe('2025-08-15T00:00:00.000Z');
  });

  it('takes a date whose label stands in the box before it, or printed once under a byline, when nothing else dates the page', () => {
    const prose = `<p>${'How to prune apple trees in winter without hurting next year\'s fruit. '.repeat(40)}</p>`;
    const page = (end: string): string => buildPage({ articleHeader: header(prose) }).replace('</article>', `${end}</article>`);
    expect(extractArticle(page('<p class="label">Published</p><p class="date">Feb 2, 2023</p>'), { url: URL_ }).publishedAt).toBe('2023-02-02T00:00:00.000Z');
    const byline = '<div><p>Written by <a href="/u/ana">Ana Gomez</a></p><p>April 8, 2024</p></div>';
    expect(extractArticle(page(byline), { url: URL_ }).publishedAt).toBe('2024-04-08T00:00:00.000Z');
    // Bylines and dates repeated are a list's teasers, not the article's.
    expect(extractArticle(page(byline + byline.replace('April 8', 'May 9')), { url: URL_ }).publishedAt).toBeNull();
    expect(extractArticle(page('<p>Ana Gomez</p><p>April 8, 2024</p>'), { url: URL_ }).publishedAt).toBeNull();
  });

  it('reads a <time> text for the date it writes out, an update when its label says so', () => {
    const head = '<meta property="article:published_time" content="2024-10-15T18:50:03Z">';
    const updated = buildPage({ head, articleHeader: header('<p><time>Updated on June 18, 2025 at 12:35 PM</time></p>') });
    expect(extractArticle(updated, { url: URL_ }).publishedAt).toBe('2024-10-15T18:50:03.000Z');
    const stamped = buildPage({ articleHeader: header(`<p>${'Spacer text of the article. '.repeat(80)}</p><p><time>Published: Jun 25, 2025</time></p>`) });
    expect(extractArticle(stamped, { url: URL_ }).publishedAt).toBe('2025-06-25T00:00:00.000Z');
  });

  it('reads the headline area around the first <h1> with text: an empty one is a logo', () => {
    const { document } = parsePage(
      `<html><body><main><h1><a href="/"><img alt=""></a></h1><div class="user"><time>March 05, 2026</time></div><h1>Pruning apple trees</h1><p>June 04, 2024</p></main></body></html>`,
      URL_,
    );
    expect(readDocumentHints(document).datelines[0]).toBe('June 04, 2024');
  });

  it('reads an <h1> for text as the recorded headline is: one holding only a button or hidden text is no headline', () => {
    const { document } = parsePage(
      `<html><body><main><h1><button>Menu</button><span hidden>Site</span></h1><div class="user"><time>March 05, 2026</time></div><h1>Pruning apple trees</h1><p>June 04, 2024</p></main></body></html>`,
      URL_,
    );
    const hints = readDocumentHints(document);
    expect(hints.h1).toBeNull();
    expect(hints.datelines[0]).toBe('June 04, 2024');
  });

  it('dates a declared timestamp by the day a <time> shows, in the site\'s own zone', () => {
    const page = (time: string): string =>
      buildPage({ head: '<meta itemprop="datePublished" content="2021-06-17T20:45:56-0400">', articleHeader: header(`<p>${time}</p>${'<p>Spacer text of the article.</p>'.repeat(60)}`) });
    // The <time> sits past the headline area: only its datetime speaks.
    expect(extractArticle(page('<time datetime="2021-06-17">Jun 17</time>'), { url: URL_ }).publishedAt).toBe('2021-06-17T00:00:00.000Z');
    expect(extractArticle(page('<time datetime="2021-06-17T20:45">Jun 17</time>'), { url: URL_ }).publishedAt).toBe('2021-06-18T00:45:56.000Z');
  });

  it('prints an update after the other dates: a page that prints both was published on the other', () => {
    expect(areaOf('<p>December 22, 2022</p><p>Updated: January 02, 2026</p><h1>Pruning apple trees</h1>').datelines).toEqual(['December 22, 2022', 'January 02, 2026']);
    expect(areaOf('<h1>Pruning apple trees</h1><p><span>Updated on</span> <span>April 19, 2025</span></p><p>By Ana, March 3, 2024</p>').datelines).toEqual([
      'March 3, 2024',
      'April 19, 2025',
    ]);
  });

  it('falls back to the modification date when nothing else dates the page', () => {
    const html = buildPage({ head: '<meta property="article:modified_time" content="2025-04-19T23:02:46+00:00">' });
    expect(extractArticle(html, { url: URL_ }).publishedAt).toBe('2025-04-19T23:02:46.000Z');
  });

  it('reads the date, author and headline a JSON-LD WebPage node gives when there is no Article node', () => {
    const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', datePublished: '2021-01-27T06:00:00+00:00', author: { '@type': 'Person', name: 'Ana Gomez' } }] };
    const result = extractArticle(buildPage({ head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` }), { url: URL_ });
    expect(result.publishedAt).toBe('2021-01-27T06:00:00.000Z');
    expect(result.authors).toEqual(['Ana Gomez']);
  });

  it('reads the author from a "Written by" Twitter label, and from a printed byline', () => {
    const labelled = buildPage({ head: '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ana Gomez">' });
    expect(extractArticle(labelled, { url: URL_ }).authors).toEqual(['Ana Gomez']);
    const printed = buildPage({ articleHeader: header('<p>by <a href="/u/ana">Ana Gomez</a></p>') });
    expect(extractArticle(printed, { url: URL_ }).authors).toEqual(['Ana Gomez']);
  });

  it('reads a <time> that has only text', () => {
    const html = buildPage({ articleHeader: header('<p><time>Mar 24, 2025</time></p>') });
    expect(extractArticle(html, { url: URL_ }).publishedAt).toBe('2025-03-24T00:00:00.000Z');
  });

  it('prefers the declared title to an <h1> that holds it plus a dateline', () => {
    const html = buildPage({
      head: '<meta property="og:title" content="Pruning apple trees in winter">',
      articleHeader: '<h1>Pruning apple trees in winter <small>Posted on July 1, 2024 by ana</small></h1>',
    });
    expect(extractArticle(html, { url: URL_ }).title).toBe('Pruning apple trees in winter');
  });
});

describe('where the byline and the date sit', () => {
  it("reads the article's own <footer>, not the page's", () => {
    const area = areaOf(`<article><h1>Pruning apple trees</h1><footer class="meta">By Ana Gomez, March 3, 2024</footer><p>Text.</p></article>
      <footer>By Site Team, January 1, 2020</footer>`);
    expect(area.bylines).toEqual(['By Ana Gomez, March 3, 2024']);
    expect(area.datelines).toEqual(['March 3, 2024']);
  });

  it('reads a short box named creator, and a name filing the article under a section link', () => {
    expect(areaOf('<h1>Pruning apple trees</h1><div class="creator-name">Newsdesk</div>').bylines).toEqual(['Newsdesk']);
    expect(areaOf('<h1>Pruning apple trees</h1><p><span class="bold">Ana Gomez</span> in <a href="/c/orchards">orchards</a></p>').bylines).toEqual(['Ana Gomez']);
    expect(areaOf('<h1>Pruning apple trees</h1><p>Dec 26, 2025 • Ana Gomez in <a href="/c/orchards">Orchards</a></p>').bylines).toEqual(['Ana Gomez']);
    // A sentence with a link is no byline.
    expect(areaOf('<h1>Pruning apple trees</h1><p>Pruning is best done in <a href="/c/winter">winter</a></p>').bylines).toEqual([]);
  });

  it('takes the name after a label standing alone, and a "By" line inside a longer box', () => {
    expect(areaOf('<h1>Pruning apple trees</h1><p><span>Aug 04, 2025</span><span>Written by</span><span>Edzel Tabing</span></p>').bylines).toEqual(['Written by: Edzel Tabing']);
    expect(areaOf('<h1>Pruning apple trees</h1><div><span>3 min read</span> · <span>By Ana Gomez</span></div>').bylines).toEqual(['By Ana Gomez']);
  });
});

describe('which headline the area is read around', () => {
  it('the copy of a repeated headline that is dated', () => {
    const prose = `<p>${'How to prune apple trees in winter without hurting next year\'s fruit. '.repeat(8)}</p>`;
    const html = `<html><head><title>Pruning apple trees in winter</title></head><body>
      <div class="mobile"><h1>Pruning apple trees in winter</h1><p>Published March 3, 2024</p>${prose}</div>
      <main><h1>Pruning apple trees in winter</h1>${prose}${prose}</main></body></html>`;
    const { document } = parsePage(html, URL_);
    const inMain = document.querySelector('main h1');
    expect(readHeadlineArea(document.body, inMain).datelines).toEqual([]);
    expect(extractArticle(html, { url: URL_ }).publishedAt?.slice(0, 10)).toBe('2024-03-03');
  });

  it('a paragraph styled as the title when the page has no heading at all', () => {
    const html = `<html><head><title>Top five HR tools in 2026 | Example HR</title></head><body><div><p class="t">Top five HR tools in 2026</p></div>
      <div><p>Example HR Team</p><p>Feb 16, 2026</p></div><p>${'Which tools handle payroll, leave and hiring for a small company. '.repeat(8)}</p></body></html>`;
    expect(extractArticle(html, { url: URL_ }).publishedAt?.slice(0, 10)).toBe('2026-02-16');
    // A title that links elsewhere is another page's (a story on a link aggregator): no headline, no printed date.
    const linked = html.replace('<p class="t">Top five HR tools in 2026</p>', '<p class="t"><a href="https://elsewhere.example/hr">Top five HR tools in 2026</a></p>');
    expect(extractArticle(linked, { url: URL_ }).publishedAt).toBeNull();
  });

  it('a heading that begins the <title> when the page has no <h1>', () => {
    const html = `<html><head><title>Backup strategy | Jeff's notes</title></head><body><h3>Backup strategy</h3><p>January 22nd, 2019</p>
      <p>${'How I keep copies of everything I care about, in three places. '.repeat(8)}</p></body></html>`;
    const record = extractArticle(html, { url: URL_ });
    expect(record.publishedAt?.slice(0, 10)).toBe('2019-01-22');
  });
});

describe('the year test before the date search', () => {
  it('finds a date only where the date forms do: each form holds four digits in a row (other scripts\' digits read as ASCII)', () => {
    const pieces = ['9', '09', '17', '2025', '202', '1', '.', '/', '-', ' ', ', ', 'th ', 'July', 'März', 'de ', 'of ', 'Dec.', '٢٠٢٥', '２０２５', 'Updated ', 'x', '9 July ', 'July 9, ', '17.05.', '2025-', '05-17', '2021/'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const reference = new RegExp(DATE_TEXT.source, 'u');
    let dated = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const text = Array.from({ length: 1 + next(9) }, () => pieces[next(pieces.length)]).join('');
      const expected = reference.exec(asciiDigits(text))?.[0];
      if (expected !== undefined) dated += 1;
      expect(dateTextIn(text)?.date).toBe(expected);
    }
    expect(dated).toBeGreaterThan(100);
    for (const text of ['9 July 2025', 'July 9th, 2025', '9. März 2021', 'Dec. 09, 2025', '2021-05-17', '2021/5/17', '17.05.2021']) {
      expect(dateTextIn(`Updated ${text}`)).toEqual({ date: text, update: true });
    }
    expect(dateTextIn('9 July ٢٠٢٥')).toEqual({ date: '9 July 2025', update: false });
  });
});
