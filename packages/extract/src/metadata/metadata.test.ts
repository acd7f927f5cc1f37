import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { buildPage, EMPTY_ITEM } from '../fixtures/build-page.js';
import { extractArticle } from '../index.js';
import { readJsonLd } from './json-ld.js';

const URL_ = 'https://www.daily-example.com/news/2024/11/05/night-buses';
/** The same article at an address that spells no date, for tests about the page's own dates. */
const UNDATED_URL = 'https://www.daily-example.com/news/night-buses';

function jsonLdPage(...blocks: unknown[]): string {
  return buildPage({
    head: blocks.map((block) => `<script type="application/ld+json">${typeof block === 'string' ? block : JSON.stringify(block)}</script>`).join('\n'),
  });
}

const ldOf = (html: string) => readJsonLd(parsePage(html, URL_).document);

describe('JSON-LD', () => {
  it('finds the article in an @graph, resolving @id references', () => {
    const result = extractArticle(
      jsonLdPage({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', '@id': '#site', name: 'Daily Example' },
          { '@type': 'Organization', '@id': '#org', name: 'Daily Example Ltd' },
          { '@type': 'Person', '@id': '#jane', name: 'Jane Doe' },
          {
            '@type': ['NewsArticle'],
            headline: 'Night buses reach the eastern suburbs',
            datePublished: '2024-11-05T09:30:00+01:00',
            dateModified: '2024-11-05T10:00:00+01:00',
            author: [{ '@id': '#jane' }, { '@type': 'Person', name: 'John Roe' }],
            publisher: { '@id': '#org' },
            keywords: 'transport, night buses',
            inLanguage: 'en-GB',
            image: { '@type': 'ImageObject', url: 'https://cdn.daily-example.com/bus.jpg' },
          },
        ],
      }),
      { url: URL_ },
    );
    expect(result).toMatchObject({
      title: 'Night buses reach the eastern suburbs',
      authors: ['Jane Doe', 'John Roe'],
      publishedAt: '2024-11-05T08:30:00.000Z',
      modifiedAt: '2024-11-05T09:00:00.000Z',
      siteName: 'Daily Example Ltd',
      lang: 'en-gb',
      tags: ['transport', 'night buses'],
      imageUrl: 'https://cdn.daily-example.com/bus.jpg',
    });
  });

  it('accepts a top-level array, schema.org type URLs and a string author', () => {
    const ld = ldOf(
      jsonLdPage([
        { '@type': 'BreadcrumbList', itemListElement: [] },
        { '@type': 'http://schema.org/ReportageNewsArticle', headline: 'A', author: 'By Jane Doe', publisher: 'Daily Example' },
      ]),
    );
    expect(ld.article).toMatchObject({ type: 'ReportageNewsArticle', headline: 'A', authors: [{ name: 'By Jane Doe', isOrganisation: false }], publisherName: 'Daily Example' });
  });

  it('finds an article held as a WebPage mainEntity and marks organisation authors', () => {
    const ld = ldOf(
      jsonLdPage({ '@type': 'WebPage', mainEntity: { '@type': 'BlogPosting', headline: 'B', author: { '@type': 'Organization', name: 'Daily Example' } } }),
    );
    expect(ld.article?.authors).toEqual([{ name: 'Daily Example', isOrganisation: true }]);
  });

  it('forgives comment wrappers, raw newlines in strings and trailing commas', () => {
    const ld = ldOf(jsonLdPage('<!--\n{"@type": "Article", "headline": "Line one\nline two", "keywords": ["a", "b",],}\n-->'));
    expect(ld.article).toMatchObject({ headline: 'Line one line two', keywords: ['a', 'b'] });
  });

  it('decodes entities that CMSs leave in JSON-LD strings', () => {
    expect(ldOf(jsonLdPage({ '@type': 'NewsArticle', headline: 'Council&#8217;s plan &amp; its critics' })).article?.headline).toBe(
      'Council\u2019s plan & its critics',
    );
  });

  it('skips unparseable blocks and non-article types', () => {
    const ld = ldOf(jsonLdPage('{"@type": "NewsArticle", "headline": ', { '@type': 'ClaimReview', claimReviewed: 'x' }));
    expect(ld.article).toBeNull();
  });
});

describe('each metadata source on its own', () => {
  it('OpenGraph only', () => {
    const result = extractArticle(
      buildPage({
        head: `
          <meta property="og:title" content="Night buses reach the eastern suburbs">
          <meta property="og:site_name" content="Daily Example">
          <meta property="og:image" content="/img/bus.jpg">
          <meta property="og:locale" content="en_GB">
          <meta property="og:url" content="https://daily-example.com/news/2024/11/05/night-buses?utm_source=x">
          <meta property="article:published_time" content="2024-11-05T09:30:00Z">
          <meta property="article:modified_time" content="2024-11-05T11:00:00Z">
          <meta property="article:author" content="https://www.facebook.com/janedoe">
          <meta property="article:author" content="Jane Doe">
          <meta property="article:tag" content="Transport">
          <meta property="article:tag" content="Night buses">
          <meta property="og:description" content="The council extends night buses.">`,
      }),
      { url: URL_ },
    );
    expect(result).toMatchObject({
      title: 'Night buses reach the eastern suburbs',
      siteName: 'Daily Example',
      authors: ['Jane Doe'],
      publishedAt: '2024-11-05T09:30:00.000Z',
      modifiedAt: '2024-11-05T11:00:00.000Z',
      lang: 'en-gb',
      url: 'https://daily-example.com/news/2024/11/05/night-buses',
      imageUrl: 'https://www.daily-example.com/img/bus.jpg',
      tags: ['Transport', 'Night buses'],
      excerpt: 'The council extends night buses.',
    });
  });

  it('classic <meta> only', () => {
    const result = extractArticle(
      buildPage({
        head: `
          <title>Night buses reach the eastern suburbs - Daily Example</title>
          <meta name="author" content="By Jane Doe and John Roe">
          <meta name="description" content="<p>The council extends &amp;lt;night&amp;gt; buses.</p>">
          <meta name="parsely-pub-date" content="2024-11-05T09:30:00.000Z">
          <meta name="keywords" content="transport, buses, Transport">
          <meta name="news_keywords" content="night buses">
          <meta name="application-name" content="Daily Example">
          <meta http-equiv="content-language" content="en-US">`,
      }),
      { url: URL_ },
    );
    expect(result).toMatchObject({
      title: 'Night buses reach the eastern suburbs',
      authors: ['Jane Doe', 'John Roe'],
      publishedAt: '2024-11-05T09:30:00.000Z',
      siteName: 'Daily Example',
      lang: 'en-us',
      excerpt: 'The council extends <night> buses.',
      tags: ['night buses', 'transport', 'buses'],
    });
  });

  it('every author of the citation tags, "Last, First" turned round, before a lone author tag', () => {
    const result = extractArticle(
      buildPage({
        head: `<meta name="author" content="Jane Doe"><meta name="citation_author" content="Doe, Jane">
          <meta name="citation_author" content="Roe, John K."><meta name="citation_author" content="Ann Poe">`,
      }),
      { url: URL_ },
    );
    expect(result.authors).toEqual(['Jane Doe', 'John K. Roe', 'Ann Poe']);
  });

  it('a <time datetime> in the article only', () => {
    const result = extractArticle(
      buildPage({
        htmlAttributes: ' lang="fr"',
        articleHeader: '<h1>Night buses reach the eastern suburbs</h1><p class="meta">Published <time datetime="2024-11-05T09:30:00+01:00">5 November</time></p>',
      }),
      { url: URL_ },
    );
    expect(result.publishedAt).toBe('2024-11-05T08:30:00.000Z');
    expect(result.lang).toBe('fr');
    expect(result.title).toBe('Night buses reach the eastern suburbs');
    expect(result.siteName).toBeNull();
    expect(result.authors).toEqual([]);
  });

  it('ignores a <time> outside the article (a date in the site header)', () => {
    const html = buildPage().replace('<nav>', '<nav><time datetime="2030-01-01">Today</time>');
    expect(extractArticle(html, { url: UNDATED_URL }).publishedAt).toBeNull();
  });

  it('the feed item hint as the last fallback', () => {
    const result = extractArticle(buildPage(), {
      url: URL_,
      item: {
        ...EMPTY_ITEM,
        title: 'Night buses reach the eastern suburbs',
        authors: ['Jane Doe', 'jane doe'],
        publishedAt: '2024-11-05T09:30:00Z',
        updatedAt: 'Tue, 05 Nov 2024 12:00:00 +0100',
        categories: ['Transport', ' Local '],
      },
    });
    expect(result).toMatchObject({
      title: 'Night buses reach the eastern suburbs',
      authors: ['Jane Doe'],
      publishedAt: '2024-11-05T09:30:00.000Z',
      modifiedAt: '2024-11-05T11:00:00.000Z',
      tags: ['Transport', 'Local'],
      url: URL_,
    });
  });

  it('prefers the page over the feed item', () => {
    const result = extractArticle(buildPage({ head: '<meta property="og:title" content="Page title">' }), {
      url: URL_,
      item: { ...EMPTY_ITEM, title: 'Feed title' },
    });
    expect(result.title).toBe('Page title');
  });

  it('takes the site name for an author only when no person is named, and never a dateless mess for a date', () => {
    const result = extractArticle(
      buildPage({
        head: `<meta property="og:site_name" content="Daily Example"><meta name="author" content="Daily Example">
               <meta name="date" content="05/11/2024"><meta name="pubdate" content="yesterday">`,
        articleHeader: '<h1>Night buses reach the suburbs</h1><p>By Jane Doe</p>',
      }),
      { url: UNDATED_URL },
    );
    expect(result.authors).toEqual(['Jane Doe']);
    expect(result.publishedAt).toBeNull();
  });

  it('ignores a canonical that points at the home page', () => {
    const html = buildPage({ head: '<link rel="canonical" href="https://www.daily-example.com/">' });
    expect(extractArticle(html, { url: URL_ }).url).toBe(URL_);
  });
});
