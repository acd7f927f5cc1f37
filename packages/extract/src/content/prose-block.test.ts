import { describe, expect, it } from 'vitest';
import { narrowerBody, widerBody } from '../analyse-page.js';
import { parsePage } from '../dom.js';
import { extractArticle } from '../index.js';
import { readPageMetadata } from '../metadata/index.js';
import { readPageStructure } from '../page-type/features.js';
import { proseBlock } from './prose-block.js';

const sentence = (section: number, i: number): string =>
  `Section ${section} paragraph ${i} explains one more point of the guide in plain words, with enough detail to read as running prose for a reader.`;

/** A listicle whose sections sit in sibling containers, each a few paragraphs long, plus a comment thread. */
function listicle(sections: number, withComments: boolean): string {
  const body = Array.from(
    { length: sections },
    // Each section nested deep in its own wrappers, the first much longer: Readability keeps that one alone.
    (_, s) =>
      `<section class="row"><div class="col"><div class="card"><div class="text"><h2>Item ${s + 1}</h2>${Array.from({ length: s === 0 ? 10 : 3 }, (_, i) => `<p>${sentence(s + 1, i + 1)}</p>`).join('')}</div></div></div></section>`,
  ).join('\n');
  const comments = withComments
    ? `<div class="comments">${Array.from({ length: 6 }, (_, i) => `<div class="comment-body"><p>Reader ${i} wrote a long reply here that goes on about something else entirely and at some length, as comments do.</p></div>`).join('')}</div>`
    : '';
  return `<html><head><title>Ten things | Site</title><meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a></nav><main><h1>Ten things</h1><div class="wrap">${body}</div>${comments}</main><footer>© Site</footer></body></html>`;
}

describe('the prose block (multi-section articles)', () => {
  const structure = (html: string) => {
    const page = parsePage(html, 'https://example.com/guides/ten-things');
    const { storyProseByParent } = readPageStructure(page.document, 'https://example.com/guides/ten-things', readPageMetadata(page.document));
    return { block: proseBlock(storyProseByParent, page.document.body), page };
  };

  it('is the wrapper around every section, not one section, and leaves the comments out', () => {
    const { block } = structure(listicle(8, true));
    expect(block?.getAttribute('class')).toBe('wrap');
  });

  it('is null when the page has too little prose to compare', () => {
    expect(structure(listicle(1, false).replace(/<p>/g, '<p>x').replace(/Section \d+ paragraph \d+ explains.*?reader\./g, 'Short.')).block).toBeNull();
  });

  it('stops at the page\'s main element: a bar of testimonials after it, holding as much prose, is not the article\'s', () => {
    const testimonial = (i: number): string =>
      `<div class="slide"><div class="quote"><p>Patient ${i} writes that the staff were kind, the wait was short and the doctor listened to every question the family had about the treatment.</p></div><div class="name">Patient ${i}</div></div>`;
    const bar = `<div class="bar">${Array.from({ length: 30 }, (_, i) => testimonial(i)).join('')}</div>`;
    const page = listicle(8, false).replace('<main>', '<div id="root"><main>').replace('<footer>', `${bar}</div><footer>`);
    expect(structure(page).block?.getAttribute('class')).toBe('wrap');
    // Without the element nothing says where the page's content ends: the block holds both.
    expect(structure(page.replace(/<\/?main>/g, '')).block?.getAttribute('id')).toBe('root');
    // A main element holding too little prose to be a block (a page's banner, its longest run) says nothing either.
    const { document } = parsePage('<div id="root"><main><div id="a"></div></main><div id="b"></div></div>', 'https://example.com/');
    const [a, b] = ['a', 'b'].map((id) => document.getElementById(id) as Element);
    expect(proseBlock(new Map([[a!, 900], [b!, 800]]), document.body)?.getAttribute('id')).toBe('root');
    expect(proseBlock(new Map([[a!, 1200], [b!, 800]]), document.body)?.getAttribute('id')).toBe('a');
  });

  it('stops at the story holding the longest run when the next story of a stream follows it in the same container', () => {
    const story = (n: number, heading: string, paragraphs: number) =>
      `<article class="story" id="s${n}"><header>${heading}</header><div class="body" id="b${n}">${Array.from({ length: paragraphs }, (_, i) => `<p>${sentence(n, i + 1)}</p>`).join('')}</div></article>`;
    const page = (second: string) =>
      `<html><head><title>First story | Site</title></head><body><main><div class="stream" id="stream">${story(1, '<h1>First story</h1>', 9)}${second}</div></main></body></html>`;
    expect(structure(page(story(2, '<h2>Next story</h2>', 7))).block?.getAttribute('id')).toBe('b1');
    // Without a headline of its own the second <article> is no story (a thread's posts): the stream is one block.
    expect(structure(page(story(2, '', 7))).block?.getAttribute('id')).toBe('stream');
  });

  it('widens Readability\'s pick only when it holds the pick and clearly more', () => {
    const pick = { html: '', paragraphs: [sentence(1, 1), sentence(1, 2)] };
    const wider = { html: '', paragraphs: [sentence(1, 1), sentence(1, 2), sentence(2, 1), sentence(2, 2)] };
    const elsewhere = { html: '', paragraphs: [sentence(3, 1), sentence(3, 2), sentence(3, 3), sentence(3, 4)] };
    expect(widerBody(pick, wider)).toBe(wider);
    expect(widerBody(pick, elsewhere)).toBe(pick);
    expect(widerBody(pick, { html: '', paragraphs: [...pick.paragraphs, 'one more line'] })).toBe(pick);
    expect(widerBody(null, wider)).toBe(wider);
  });

  it('widens a pick that the block only runs on past when what it adds is prose, not a column of boxes and links', () => {
    const pick = { html: '', paragraphs: [1, 2, 3, 4].map((n) => sentence(1, n)) };
    const sections = { html: '', paragraphs: [...pick.paragraphs, 'Item 2', sentence(2, 1), sentence(2, 2), 'Item 3', sentence(3, 1), sentence(3, 2)] };
    const sidebar = ['Subscribe to our newsletter', 'Get more travel content', 'Popular posts', 'Ten beaches to visit this winter', 'Why trains beat planes in Europe', 'The cheapest places to fly next year', 'Our favourite hotels', 'Follow us'];
    const column = { html: '', paragraphs: [...pick.paragraphs, sentence(2, 1), ...sidebar, ...sidebar.map((line) => `${line} again`)] };
    // The same lines before the pick's paragraphs are sections Readability left out (an introduction, other items).
    const around = { html: '', paragraphs: [...sidebar, ...sidebar.map((line) => `${line} again`), ...pick.paragraphs] };
    expect(widerBody(pick, sections)).toBe(sections);
    expect(widerBody(pick, column)).toBe(pick);
    expect(widerBody(pick, around)).toBe(around);
  });

  it('narrows a pick that starts with the block and runs on past its end, not one that starts with prose before it', () => {
    const block = { html: '', paragraphs: [1, 2, 3, 4].map((n) => sentence(1, n)) };
    const runsOn = { html: '', paragraphs: [...block.paragraphs, sentence(8, 1), sentence(8, 2)] };
    const standfirst = { html: '', paragraphs: [sentence(0, 1), ...block.paragraphs, sentence(8, 1)] };
    const mostlyElse = { html: '', paragraphs: [...block.paragraphs, ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => sentence(8, n))] };
    expect(narrowerBody(runsOn, block)).toBe(block);
    expect(narrowerBody(standfirst, block)).toBe(standfirst);
    // Labels, a caption and a dateline before the block's text are not a start of the article's own.
    const labelled = { html: '', paragraphs: ['Students at an open day', 'Press Release', 'December 19, 2025', ...block.paragraphs, sentence(8, 1), sentence(8, 2)] };
    expect(narrowerBody(labelled, block)).toBe(block);
    // A block under 0.3 of the pick is one part of a longer article, not where it ends.
    expect(narrowerBody(mostlyElse, block)).toBe(mostlyElse);
    expect(narrowerBody(block, block)).toBe(block);
  });

  it('replaces a pick that is a small box elsewhere (a disclosure, a lead) with a block three times its size', () => {
    const pick = { html: '', paragraphs: [sentence(9, 1)] };
    const twice = { html: '', paragraphs: [sentence(3, 1), sentence(3, 2)] };
    const thrice = { html: '', paragraphs: [sentence(3, 1), sentence(3, 2), sentence(3, 3), sentence(3, 4)] };
    expect(widerBody(pick, twice)).toBe(pick);
    expect(widerBody(pick, thrice)).toBe(thrice);
  });

  it('leaves a cookie dialog out, however much prose it holds', () => {
    const consent = `<div role="dialog" aria-modal="true"><div class="tabs">${Array.from({ length: 12 }, (_, i) => `<p>${sentence(7, i)} These cookies measure visits and cannot be switched off.</p>`).join('')}</div></div>`;
    const html = listicle(3, false).replace('<footer>', `${consent}<footer>`);
    const result = extractArticle(html, { url: 'https://example.com/guides/ten-things' });
    expect(result.text).toContain(sentence(2, 2));
    expect(result.text).not.toContain('cookies');
  });

  it('reads a block whose paragraphs link a third of their words (a guide citing its sources) as prose', () => {
    const linked = listicle(8, false).replace(/<p>(Section \d+ paragraph \d+ explains one more point)/g, '<p><a href="/sources">$1</a>');
    const result = extractArticle(linked, { url: 'https://example.com/guides/ten-things' });
    for (let s = 1; s <= 8; s += 1) expect(result.text).toContain(sentence(s, 2));
  });

  it('leaves a whole article whole', () => {
    const result = extractArticle(listicle(8, true), { url: 'https://example.com/guides/ten-things' });
    for (let s = 1; s <= 8; s += 1) expect(result.text).toContain(sentence(s, 2));
    expect(result.text).not.toContain('Reader 3 wrote');
    expect(result.pageType).toBe('article');
  });
});

describe('visible headline and dateline', () => {
  const page = (h1: string, dateline: string): string => `<html><head><title>SEO title about widgets | Site</title>
<meta property="og:title" content="SEO title about widgets"></head><body><header><h1>${h1}</h1><p class="meta">By Jo Bloggs · ${dateline}</p></header>
<article>${Array.from({ length: 5 }, (_, i) => `<p>${sentence(1, i)}</p>`).join('')}</article></body></html>`;

  it('takes the title readers see when it names the same subject', () => {
    expect(extractArticle(page('Seven widgets we tested this year', 'March 3, 2024'), { url: 'https://example.com/w' }).title).toBe('Seven widgets we tested this year');
  });

  it('keeps the declared title when the <h1> is something else (a logo, a section)', () => {
    expect(extractArticle(page('Reviews', 'March 3, 2024'), { url: 'https://example.com/w' }).title).toBe('SEO title about widgets');
  });

  it('reads a printed dateline when nothing machine-readable dates the page', () => {
    const result = extractArticle(page('Seven widgets we tested this year', 'Published March 3, 2024'), { url: 'https://example.com/w' });
    expect(result.publishedAt).toBe('2024-03-03T00:00:00.000Z');
    expect(result.extraction.sources.publishedAt).toBe('markup');
  });
});
