import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { readPageMetadata } from '../metadata/index.js';
import { classifyPage, guessFromScores, scorePage } from './classify.js';
import type { PageTypeModel } from './model.js';
import { readPageFeatures, type PageFeatures } from './features.js';
import { featureVector } from './vector.js';

function featuresOf(html: string, url: string): PageFeatures {
  const page = parsePage(html, url);
  return readPageFeatures(page.document, url, readPageMetadata(page.document));
}

const prose = (n: number, words = 40): string =>
  Array.from({ length: n }, (_, i) => `<p>${`Paragraph ${i} of the story goes on about the matter at hand and what people said. `.repeat(Math.ceil(words / 16))}</p>`).join('\n');

const ARTICLE = `<html><head><meta property="og:type" content="article"><meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2024-05-17T10:00:00Z"><title>A story</title></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav><article><h1>A story</h1>${prose(8)}</article></body></html>`;

const FORUM = `<html><head><title>How do I reset it?</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"How do I reset it?"}</script></head>
<body>${Array.from({ length: 6 }, (_, i) => `<div class="post"><div class="author"><a href="/u/${i}">user${i}</a></div><div class="message">Reply number ${i}: I tried holding the button for ten seconds and it worked for me after a while, try it.</div></div>`).join('\n')}</body></html>`;

const DOCS = `<html><head><title>useState</title></head><body><aside>${Array.from({ length: 20 }, (_, i) => `<a href="/reference/${i}">Hook ${i}</a>`).join('')}</aside>
<main><h1>useState</h1>${prose(4)}${Array.from({ length: 5 }, (_, i) => `<pre><code>const [x${i}, setX${i}] = useState(${i});</code></pre>`).join('')}</main></body></html>`;

const PRODUCT = `<html><head><meta property="og:type" content="product"><title>Blue kettle</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Blue kettle","offers":{"@type":"Offer","price":"39.99"}}</script></head>
<body><h1>Blue kettle</h1><p class="price">$39.99</p><form action="/cart/add"><input name="quantity" value="1"><button>Add to cart</button></form><p>Boils a litre in two minutes.</p></body></html>`;

const COLLECTION = `<html><head><title>Kettles</title></head><body><h1>Kettles</h1><ul class="grid">${Array.from({ length: 12 }, (_, i) => `<li class="card"><a href="/p/${i}"><img src="/k${i}.jpg" alt="">Kettle model ${i}, steel, 1.7 litres</a><span class="price">$${20 + i}.99</span></li>`).join('')}</ul></body></html>`;

const LISTING = `<html><head><title>Latest news</title></head><body><h1>Latest news</h1>${Array.from({ length: 10 }, (_, i) => `<div class="teaser"><h2><a href="/news/2024/05/${i + 1}/story-${i}">Headline number ${i} about a thing that happened</a></h2><time datetime="2024-05-${String(i + 1).padStart(2, '0')}">May ${i + 1}, 2024</time></div>`).join('')}</body></html>`;

const SERVICE = `<html><head><meta property="og:type" content="website"><title>Acme consulting</title></head><body>
<section><h1>We make your data work</h1><p>Consulting for teams that ship.</p><a class="btn" href="/contact">Talk to us</a></section>
<section><h2>Strategy</h2><p>We plan with you.</p></section><section><h2>Delivery</h2><p>We build with you.</p></section>
<section><h2>Support</h2><p>We stay with you.</p></section></body></html>`;

describe('classifyPage', () => {
  const cases: Array<[string, string, string]> = [
    ['article', ARTICLE, 'https://example.com/2024/05/17/a-story'],
    ['forum', FORUM, 'https://forum.example.com/threads/how-do-i-reset-it.123/'],
    ['documentation', DOCS, 'https://example.dev/reference/react/useState'],
    ['product', PRODUCT, 'https://shop.example.com/products/blue-kettle'],
    ['collection', COLLECTION, 'https://shop.example.com/c/kettles'],
    ['listing', LISTING, 'https://example.com/news/'],
    ['service', SERVICE, 'https://acme.example.com/services/consulting'],
  ];
  for (const [type, html, url] of cases) {
    it(`tells a ${type} page`, () => {
      const guess = classifyPage(featuresOf(html, url));
      expect(guess.pageType).toBe(type);
      expect(guess.confidence).toBeGreaterThan(0);
      expect(guess.confidence).toBeLessThanOrEqual(1);
    });
  }

  it('reads the structures it counts', () => {
    const f = featuresOf(COLLECTION, 'https://shop.example.com/c/kettles');
    expect(f.repeatedItems).toBe(12);
    expect(f.repeatedWithPrice).toBeGreaterThanOrEqual(10);
    expect(f.prices).toBe(12);
    const docs = featuresOf(DOCS, 'https://example.dev/reference/react/useState');
    expect(docs.codeBlocks).toBe(5);
    expect(docs.pathWords).toEqual(['reference', 'react', 'usestate']);
    const article = featuresOf(ARTICLE, 'https://example.com/2024/05/17/a-story');
    expect(article).toMatchObject({ datedPath: true, declaredAuthor: true, declaredDate: true, ogType: 'article' });
    expect(article.longParagraphs).toBe(8);
  });

  it('reads the URL shape, the links and the text statistics', () => {
    const article = featuresOf(
      `<html><body><h1>How to rent a car abroad without paying twice</h1>${prose(2)}
      <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a><a href="/u/jane">jane</a>
      <p>Call (555) 123-4567. We think our readers know us.</p><code>npm</code>
      <ul><li>one</li><li>two</li></ul></body></html>`,
      'https://example.com/blog/how-to-rent-a-car.html',
    );
    expect(article).toMatchObject({ slugWords: 5, pathEndsInListWord: false, shareLinks: 1, userLinks: 1, phoneNumbers: 1, firstPersonPlural: 3, inlineCode: 1, headlineWords: 9, listItemChars: 6 });
    const listing = featuresOf(
      `<html><body><form><input type="search" name="q"><input type="email" name="e"><select><option>A</option></select><input type="hidden" name="t"></form>
      ${Array.from({ length: 3 }, (_, i) => `<a href="/news/2024/05/0${i + 1}/x">x</a><a href="/news/what-the-council-decided-${i}">y</a>`).join('')}</body></html>`,
      'https://example.com/news/',
    );
    expect(listing).toMatchObject({ slugWords: 1, pathEndsInListWord: true, articleLinks: 6, formFields: 2 });
  });
});

describe('the page-type model', () => {
  const zero = (): PageTypeModel => ({ article: {}, forum: {}, documentation: {}, product: {}, collection: {}, listing: {}, service: {} });

  it('scores a type as its bias plus the weighted inputs, and reports the softmax share', () => {
    const model = { ...zero(), forum: { bias: 1, posts: 2 } };
    const f = featuresOf(FORUM, 'https://forum.example.com/threads/how-do-i-reset-it.123/');
    expect(scorePage(f, {}, { weights: model }).forum).toBeCloseTo(1 + 2 * Math.log1p(f.postBlocks));
    const guess = classifyPage(f, {}, { weights: model });
    expect(guess.pageType).toBe('forum');
    const others = 6 * Math.exp(-(1 + 2 * Math.log1p(f.postBlocks)));
    expect(guess.confidence).toBeCloseTo(1 / (1 + others), 2);
  });

  it('weighs the square of a count as an input of its own', () => {
    const model = { ...zero(), forum: { postsSquared: 1 } };
    const f = featuresOf(FORUM, 'https://forum.example.com/threads/how-do-i-reset-it.123/');
    expect(f.postBlocks).toBeGreaterThan(0);
    expect(scorePage(f, {}, { weights: model }).forum).toBeCloseTo(Math.log1p(f.postBlocks) ** 2);
  });

  it('squares only inputs the page gives, so a misspelt name cannot stand as a square of nothing', () => {
    const inputs = featureVector(featuresOf(FORUM, 'https://forum.example.com/threads/how-do-i-reset-it.123/'));
    const squared = Object.keys(inputs).filter((name) => name.endsWith('Squared'));
    expect(squared.length).toBeGreaterThan(0);
    for (const name of squared) expect(Object.keys(inputs)).toContain(name.slice(0, -'Squared'.length));
  });

  it('leans to article for a page a feed item links', () => {
    const model = { ...zero(), listing: { bias: 2 } };
    const f = featuresOf(LISTING, 'https://example.com/news/');
    expect(classifyPage(f, {}, { weights: model }).pageType).toBe('listing');
    expect(classifyPage(f, { fromFeedItem: true }, { weights: model }).pageType).toBe('article');
  });

  it('does not lean to article for a page whose schema.org data calls it a list or a product and never an article', () => {
    const model = { ...zero(), listing: { bias: 2 } };
    const declaring = (types: string) => LISTING.replace('</head>', `<script type="application/ld+json">{"@context":"https://schema.org","@type":${types}}</script></head>`);
    const fromFeed = (types: string) => classifyPage(featuresOf(declaring(types), 'https://example.com/tag/council/'), { fromFeedItem: true }, { weights: model }).pageType;
    expect(fromFeed('"CollectionPage"')).toBe('listing');
    expect(fromFeed('["Product"]')).toBe('listing');
    expect(fromFeed('["ItemList","NewsArticle"]')).toBe('article');
    expect(fromFeed('["CollectionPage","Recipe"]')).toBe('article');
    expect(fromFeed('"WebPage"')).toBe('article');
  });
});

describe('guessFromScores', () => {
  const scores = (article: number, listing: number, service: number) => ({ article, forum: -9, documentation: -9, product: -9, collection: -9, listing, service });

  it('takes the highest score, with its softmax share as the confidence', () => {
    expect(guessFromScores(scores(2, 0, 0))).toEqual({ pageType: 'article', confidence: 0.79 });
    expect(guessFromScores(scores(0, 1, 0))).toEqual({ pageType: 'listing', confidence: 0.58 });
  });

  it('gives an article under 40% of the share to the likeliest other type (a page about as much a listing or a service)', () => {
    // article 0.37, listing 0.34, service 0.29: the article is the highest score, and no more than a third of the belief.
    const guess = guessFromScores(scores(0.25, 0.165, 0));
    expect(guess.pageType).toBe('listing');
    expect(guess.confidence).toBe(0.34);
    expect(guessFromScores(scores(0.5, 0.165, 0)).pageType).toBe('article');
  });
});
