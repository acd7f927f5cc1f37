import { describe, expect, it } from 'vitest';
import { buildPage, EMPTY_ITEM } from './fixtures/build-page.js';
import { extractArticle } from './index.js';

/** An address that spells no date, so that the page's own dates decide. */
const URL_ = 'https://www.garden-example.org/guides/winter-pruning';
const header = (meta: string): string => `<h1>Pruning apple trees in winter</h1>${meta}`;
const publishedAt = (parts: Parameters<typeof buildPage>[0]): string | null => extractArticle(buildPage(parts), { url: URL_ }).publishedAt;

describe('choosePublished', () => {
  it('does not let a <time> without datetime confirm a printed date: it is that printed date', () => {
    const head = '<meta property="article:published_time" content="2025-12-08T22:31:00Z"><meta property="article:modified_time" content="2025-12-31T20:51:17Z">';
    expect(publishedAt({ head, articleHeader: header('<p><time>Dec 31, 2025</time></p>') })).toBe('2025-12-08T22:31:00.000Z');
    // A machine-written datetime on the printed day still confirms it.
    expect(publishedAt({ head, articleHeader: header('<p><time datetime="2025-12-31">Dec 31, 2025</time></p>') })).toBe('2025-12-31T00:00:00.000Z');
  });

  it('prefers a printed date that a structured declaration confirms to one only a <time> confirms', () => {
    // A thread: the last reply's date printed first, the opening post's (the declared publication) after it.
    const articleHeader = header(
      '<p><time datetime="2024-09-26T01:50:27-0400">Sep 26, 2024</time></p><p><time datetime="2024-01-03T11:23:42-0500">Jan 3, 2024</time></p>',
    );
    const head = '<meta itemprop="datePublished" content="2024-01-03T11:23:42-05:00">';
    expect(publishedAt({ head, articleHeader })?.slice(0, 10)).toBe('2024-01-03');
    expect(publishedAt({ articleHeader })?.slice(0, 10)).toBe('2024-09-26');
  });

  it('takes the day a <time pubdate> shows when the declared publication is a build stamp and nothing is printed by the headline', () => {
    const head = '<meta property="article:published_time" content="2025-11-29T12:28:31-05:00"><meta property="article:modified_time" content="2025-11-29T12:28:31-05:00">';
    const late = `<p>${'Spacer text of the article. '.repeat(80)}</p><p>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></p>`;
    expect(publishedAt({ head, articleHeader: header(late) })).toBe('2025-08-13T00:00:00.000Z');
  });

  it('takes a date printed by the headline days before the declared publication: the declaration restamped an older article', () => {
    const head = '<meta property="og:published_time" content="2024-08-07T12:01:51.460Z">';
    expect(publishedAt({ head, articleHeader: header('<p>Dec 30, 2013</p>') })).toBe('2013-12-30T00:00:00.000Z');
    // The day before, in the site's own zone, is the same publication: the declared timestamp stands.
    expect(publishedAt({ head, articleHeader: header('<p>Aug 6, 2024</p>') })).toBe('2024-08-07T12:01:51.460Z');
    // An earlier date labelled as an update, or in a sentence of the text, does not date the article.
    const sentence = 'The orchard was first planted on December 30, 2013, and its oldest trees still bear fruit every single autumn.';
    expect(publishedAt({ head, articleHeader: header(`<p>${sentence}</p>`) })).toBe('2024-08-07T12:01:51.460Z');
    // Nor does a <time> earlier in the page: a reply's or a teaser's.
    expect(publishedAt({ articleHeader: header('<p>Aug 28, 2024</p><time datetime="2024-12-20">Dec 20, 2024</time>') })?.slice(0, 10)).not.toBe('2024-08-28');
  });

  it('dates a declared timestamp by the month and day a <time> shows without its year, in its own zone', () => {
    const head = '<meta itemprop="datePublished" content="2020-04-12T18:00:00-0700">';
    expect(publishedAt({ head, articleHeader: header('<p><time pubdate datetime="Apr 12">Apr 12</time></p>') })).toBe('2020-04-12T00:00:00.000Z');
    // Another day shown: the declared timestamp stands, in UTC.
    expect(publishedAt({ head, articleHeader: header('<p><time pubdate datetime="Apr 14">Apr 14</time></p>') })).toBe('2020-04-13T01:00:00.000Z');
  });

  it('takes a printed update that the JSON-LD declares as the modification when OpenGraph declares no publication', () => {
    const ld = (extra: object): string =>
      `<script type="application/ld+json">${JSON.stringify({ '@type': 'Article', headline: 'Pruning apple trees in winter', datePublished: '2020-05-13T20:03:25+00:00', dateModified: '2025-01-02T15:06:08+00:00', ...extra })}</script>`;
    const articleHeader = header('<p>Updated: January 2, 2025</p>');
    expect(publishedAt({ head: ld({}), articleHeader })).toBe('2025-01-02T15:06:08.000Z');
    // OpenGraph declares the publication as well: the declared publication stays.
    const og = '<meta property="article:published_time" content="2020-05-13T20:03:25+00:00">';
    expect(publishedAt({ head: ld({}) + og, articleHeader })).toBe('2020-05-13T20:03:25.000Z');
    // The page prints its publication too: that is its date.
    expect(publishedAt({ head: ld({}), articleHeader: header('<p>May 13, 2020</p><p>Updated: January 2, 2025</p>') })).toBe('2020-05-13T20:03:25.000Z');
    // An update printed that the JSON-LD does not declare dates nothing.
    expect(publishedAt({ head: ld({ dateModified: '2025-03-01T10:00:00+00:00' }), articleHeader })).toBe('2020-05-13T20:03:25.000Z');
  });
});

describe('choosePublished with a feed item', () => {
  const withItem = (head: string, itemPublishedAt: string): string | null =>
    extractArticle(buildPage({ head, articleHeader: header('') }), { url: URL_, item: { ...EMPTY_ITEM, publishedAt: itemPublishedAt } }).publishedAt;

  it("takes the feed item's time of day when the page gives the same day alone", () => {
    expect(withItem('<meta name="date" content="2025-03-14">', '2025-03-14T08:00:00Z')).toBe('2025-03-14T08:00:00.000Z');
  });

  it("keeps the page's day when the feed item's timestamp falls on another, and the page's time when it has one", () => {
    expect(withItem('<meta name="date" content="2025-03-14">', '2025-03-16T08:00:00Z')).toBe('2025-03-14T00:00:00.000Z');
    expect(withItem('<meta property="article:published_time" content="2025-03-14T06:30:00Z">', '2025-03-14T08:00:00Z')).toBe('2025-03-14T06:30:00.000Z');
  });
});
