import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { readAuthorBio, readLabelledBylines } from './author-bio.js';
import { readDocumentHints } from './document-hints.js';
import { readPageMetadata } from './index.js';

const documentOf = (head: string, body: string): Document =>
  parsePage(`<html><head><title>T</title>${head}</head><body>${body}</body></html>`, 'https://e.org/a').document;

describe('readPageMetadata: <meta> and microdata elements found in one walk', () => {
  it('reads a <meta itemprop> as a meta tag and as microdata, and <meta> in the body too', () => {
    const document = documentOf(
      `<meta name="author" content="Ann Head"><meta property="og:title" content="Og title">`,
      `<article itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="2024-05-17">` +
        `<span itemprop="author" itemscope><span itemprop="name">Bea Micro</span></span><p>Text.</p></article>` +
        `<meta name="author" content="Cy Body"><template id="P:1"><meta name="author" content="In A Template"></template>`,
    );
    const { meta, openGraph, microdata } = readPageMetadata(document);
    expect(meta.authors).toEqual(['Ann Head', 'Cy Body']);
    expect(openGraph.title).toBe('Og title');
    expect(microdata.datePublished).toBe('2024-05-17');
    expect(microdata.authors).toEqual(['Bea Micro']);
  });
});

describe('readLabelledBylines', () => {
  const body = (html: string): Document => documentOf('', html);

  it('finds a "Posted by" or "Written by" line anywhere, its whole line, but not in a comment box', () => {
    expect(readLabelledBylines(body('<p>Story.</p><div><span class="posted">Posted by <b>David</b> at December 16, 2025 11:15 AM</span></div>'))).toEqual([
      'Posted by David at December 16, 2025 11:15 AM',
    ]);
    expect(readLabelledBylines(body('<p>Story.</p><div class="comments"><p>Posted by Ann Reader at 9:02 PM</p></div>'))).toEqual([]);
    expect(readLabelledBylines(body('<p>Story.</p><p>The posting was written by hand, by the way, and took a while to finish up.</p>'))).toEqual([]);
  });

  it('takes the linked name that ends a sentence crediting the writer', () => {
    expect(readLabelledBylines(body('<p><em>This post was written by <a href="/dr-mendez">Vanessa Mendez, MD</a>, gastroenterologist.</em></p>'))).toEqual([
      'By Vanessa Mendez, MD',
    ]);
  });
});

describe('readAuthorBio', () => {
  const box = (bio: string) => documentOf('', `<p>Story text.</p><div class="author"><img src="/j.jpg" alt="Jane Doe"><p>${bio}</p></div>`);

  it('names the person an author box pictures and describes', () => {
    expect(readAuthorBio(box('Jane Doe is a travel writer. She lives in Lisbon.'))).toEqual(['Jane Doe']);
    expect(readAuthorBio(box('Jane Doe is a travel agency. It sells trips.'))).toEqual([]);
  });

  it('finds the pronoun once the text is cleaned: written as a character reference or split by an invisible character', () => {
    expect(readAuthorBio(box('Jane Doe is a travel writer. &amp;#104;e lives in Lisbon.'))).toEqual(['Jane Doe']);
    expect(readAuthorBio(box('Jane Doe is a travel writer. Lisbon is h\u00ader home.'))).toEqual(['Jane Doe']);
    expect(readAuthorBio(box('Jane Doe is a travel writer. Lisbon is hi\u200bs home.'))).toEqual(['Jane Doe']);
  });
});

describe('readPageMetadata: the author box is read only when the page names no author otherwise', () => {
  const bio = '<p>Story text.</p><div class="author"><img src="/j.jpg" alt="Jane Doe"><p>Jane Doe is a travel writer. She lives in Lisbon.</p></div>';

  it('reads it on a page that declares nobody, even under a printed line that names no one', () => {
    expect(readPageMetadata(documentOf('', `<h1>Headline</h1><p class="byline">August 28, 2025 • 5 min read</p>${bio}`)).document.authorBio).toEqual(['Jane Doe']);
  });

  it('skips it when the metadata declares an author or the page links to one', () => {
    expect(readPageMetadata(documentOf('<meta name="author" content="Ann Head">', bio)).document.authorBio).toEqual([]);
    expect(readPageMetadata(documentOf('', `<a rel="author" href="/u/ann">Ann Head</a>${bio}`)).document.authorBio).toEqual([]);
  });
});

describe('readMicrodata: the publication date', () => {
  it('is the first item date in the page: a question dated by dateCreated before its answers dated by datePublished', () => {
    const thread = documentOf(
      '',
      `<div itemscope itemtype="https://schema.org/Question"><h1 itemprop="name">Why does the fan rattle?</h1><time itemprop="dateCreated" datetime="2014-02-04T13:02:51">Feb 4, 2014</time></div>` +
        `<div itemscope itemtype="https://schema.org/Answer"><p itemprop="text">Tighten the screws.</p><time itemprop="datePublished" datetime="2018-05-21T20:37:55">May 21, 2018</time></div>`,
    );
    expect(readPageMetadata(thread).microdata.datePublished).toBe('2014-02-04T13:02:51');
    const article = documentOf('', '<article itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="2024-05-17"><meta itemprop="dateCreated" content="2024-05-16"></article>');
    expect(readPageMetadata(article).microdata.datePublished).toBe('2024-05-17');
  });

  it("is an article item's datePublished before a dateCreated that comes first (templates leave it at year 1)", () => {
    const article = documentOf('', '<article itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="dateCreated" content="0001-01-01T00:00Z"><meta itemprop="datePublished" content="2019-11-20T10:43Z"></article>');
    expect(readPageMetadata(article).microdata.datePublished).toBe('2019-11-20T10:43Z');
  });
});

describe('readPageMetadata: the hints read from the two shared walks as from their own queries', () => {
  // Each case read twice: from readPageMetadata's two walks (by name, by attribute) and by readDocumentHints' own queries.
  const both = (head: string, body: string) => {
    const document = documentOf(head, body);
    const { labelledDates: _dates, authorBio: _bio, labelledBylines: _bylines, ...shared } = readPageMetadata(document).document;
    return [shared, readDocumentHints(document)] as const;
  };

  it('takes the container by priority, the first in the page for its selector, whichever walk found it', () => {
    // [role=main] comes first in the page but <main> ranks higher; the articleBody box ranks above both.
    const [shared, own] = both(
      '<link rel="canonical" href="https://e.org/c">',
      `<div role="main"><h1>Role headline</h1><time datetime="2020-01-01">x</time></div>` +
        `<main><h1>Main headline</h1><time datetime="2021-01-01">x</time><a href="/author/ann-main">Ann Main</a></main>` +
        `<div itemprop="articleBody"><h1>Body headline</h1><time datetime="2022-02-02">x</time><a href="/author/bea-body">Bea Body</a></div>`,
    );
    expect(shared.h1).toBe('Body headline');
    expect(shared.publishedTimes).toEqual(['2022-02-02']);
    expect(shared.authorLinks).toEqual(['Bea Body']);
    expect(shared.otherH1s).toEqual(['Role headline', 'Main headline']);
    expect(shared.canonical).toBe('https://e.org/c');
    expect(shared).toEqual(own);
  });

  it('reads an <article> holding the headline before a <main>, and the <time>s and author links inside it only', () => {
    const [shared, own] = both(
      '',
      `<time pubdate datetime="2019-09-09">x</time><a href="/author/out-side">Out Side</a><main><p>teaser</p></main>` +
        `<article><h1>Story</h1><time datetime="2023-03-03">x</time><time class="updated" datetime="2023-04-04">y</time><a rel="author" href="/u/cy">Cy In</a></article>`,
    );
    expect(shared.h1).toBe('Story');
    expect(shared.publishedTimes).toEqual(['2019-09-09', '2023-03-03']);
    expect(shared.modifiedTimes).toEqual(['2023-04-04']);
    expect(shared.authorLinks).toEqual(['Cy In']);
    expect(shared).toEqual(own);
  });
});
