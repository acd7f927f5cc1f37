import { describe, expect, it } from 'vitest';
import { analysePage, widerBody } from './analyse-page.js';
import { BODY_PARAGRAPHS } from './fixtures/build-page.js';
import type { ArticleBody } from './text.js';

const body = (paragraphs: string[]): ArticleBody => ({ html: '', paragraphs });
/** A listicle's item: a heading and a sentence of 80-odd characters. */
const item = (n: number): string[] => [`Project ${n}`, `Project ${n} takes an afternoon, a saw, some glue and a few planks of reclaimed pine wood.`];
const items = (numbers: number[]): string[] => numbers.flatMap(item);

describe('widerBody', () => {
  it('puts back the items of a listicle that Readability left out from among its own, though the block has only 1.3x its text', () => {
    const picked = body(items([1, 2, 3, 4, 7, 8, 9, 10]));
    const block = body(items([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(widerBody(picked, block)).toBe(block);
  });

  it('keeps the pick when the block adds as much after its end (a box of other posts), or dated lines among it', () => {
    const picked = body(items([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(widerBody(picked, body(items([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))).toBe(picked);
    const dated = body([...items([1, 2, 3, 4]), 'Dec 17, 2025', ...items([11]), 'Dec 16, 2025', ...items([12]), ...items([5, 6, 7, 8])]);
    expect(widerBody(picked, dated)).toBe(picked);
  });

  it('keeps the pick when what the block adds among it is not written in sentences (product boxes: names, prices, shop links)', () => {
    const picked = body(items([1, 2, 3, 4, 5, 6, 7, 8]));
    const shop = (n: number): string[] => [`Pine plank set ${n}, 2 m`, '$139.00', 'Available from the shop'];
    const block = body([...items([1, 2]), ...shop(1), ...items([3, 4]), ...shop(2), ...items([5, 6]), ...shop(3), ...items([7, 8])]);
    expect(widerBody(picked, block)).toBe(picked);
  });

  it('keeps the pick when the block adds less than a fifth to it', () => {
    const picked = body(items([1, 2, 3, 4, 5, 6, 7, 8, 10]));
    expect(widerBody(picked, body(items([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))).toBe(picked);
  });
});

describe('analysePage: modal dialogs', () => {
  const article = `<article><h1>Night buses</h1>${BODY_PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article>`;
  const prose = (label: string): string => Array.from({ length: 8 }, (_, i) => `<p>${label} ${i}: these cookies measure visits, remember choices and cannot be switched off in this panel.</p>`).join('');
  const analyse = (html: string): string => {
    const page = analysePage(`<html><head><title>Night buses</title></head><body>${html}</body></html>`, 'https://e.org/news/night-buses');
    return 'error' in page ? '' : (page.body?.paragraphs.join('\n') ?? '');
  };

  it('removes those marked modal or alertdialog (any case), however much prose they hold, and keeps the others', () => {
    const text = analyse(`<div aria-modal="TRUE">${prose('Consent')}</div>${article}<section role="AlertDialog">${prose('Alert')}</section><div aria-modal="false"><p>Kept box.</p></div>`);
    expect(text).toContain(BODY_PARAGRAPHS[0]);
    expect(text).not.toMatch(/Consent|Alert/);
  });

  it('removes <dialog>s, nested ones too, unless one holds the headline', () => {
    expect(analyse(`<dialog open>${prose('Dialog')}<div role="alertdialog">${prose('Inner')}</div></dialog>${article}`)).not.toMatch(/Dialog|Inner/);
    expect(analyse(`<DIALOG open>${article}</DIALOG>`)).toContain(BODY_PARAGRAPHS[0]);
  });

  it('removes one holding a headline when its own style hides it (a "Republish this story" box with a copy of the story)', () => {
    const story = BODY_PARAGRAPHS.map((p) => `<p>${p} ${p}</p>`).join('');
    const guideline = (n: number): string =>
      `<p>Guideline ${n}: credit the writer and link back to the story, keep the text whole, and sell no advertising against it; translations and print runs need our written approval first.</p>`;
    const republish = `<div role="dialog" aria-modal="true" style="color: red; display : none !important"><h1>Night buses</h1>${[1, 2, 3, 4, 5, 6].map(guideline).join('')}</div>`;
    // The dialog sits in the story's own container (a column beside it), which the page's prose block is.
    const text = analyse(`<article><h2>Night buses</h2>${story}<div class="column">${republish}</div></article>`);
    expect(text).toContain(BODY_PARAGRAPHS[0]);
    expect(text).not.toMatch(/Guideline/);
    expect(analyse(`<div aria-modal="true" style="display: block">${article}</div>`)).toContain(BODY_PARAGRAPHS[0]);
  });
});

describe('analysePage: section headings Readability would take for unlikely boxes', () => {
  const page = (headingClass: string): string => {
    // Long enough that Readability does not retry without stripping its unlikely boxes.
    const texts = [...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS.map((text) => `Again: ${text}`)];
    const parts = texts.map((text, n) => `<h2 class="${headingClass}">Part ${n + 1} of the plan</h2><p>${text}</p>`).join('');
    return `<html><head><title>Night buses</title></head><body><article><h1>Night buses</h1>${parts}</article></body></html>`;
  };
  const paragraphs = (html: string): string[] => {
    const analysed = analysePage(html, 'https://e.org/news/night-buses');
    return 'error' in analysed ? [] : (analysed.body?.paragraphs ?? []);
  };

  it('keeps headings whose class only contains "header" or another of its unlikely parts ("header-anchor-post", "has-extra-large-font-size")', () => {
    for (const headingClass of ['header-anchor-post', 'section-header', 'has-extra-large-font-size']) {
      const text = paragraphs(page(headingClass));
      expect(text).toContain('Part 2 of the plan');
      expect(text).toContain(BODY_PARAGRAPHS[1]);
    }
  });

  it('still drops headings whose class names them furniture by a whole word', () => {
    const text = paragraphs(page('related-header'));
    expect(text).not.toContain('Part 2 of the plan');
    expect(text).toContain(BODY_PARAGRAPHS[1]);
  });
});

describe('analysePage: a listing is read whole', () => {
  const teaser = (i: number): string =>
    `<div class="teaser"><h2><a href="/news/2024/05/${i + 1}/story-${i}">Headline number ${i} about a thing that happened</a></h2><time datetime="2024-05-${String(i + 1).padStart(2, '0')}">May ${i + 1}, 2024</time><p>Summary ${i}: the council met again on ${i + 1} May and talked for an hour about the buses, the bins and the new park by the river.</p></div>`;
  const intro = 'All the stories from the town hall, the courts and the schools, newest first, as our reporters filed them this month.';

  it('takes its main element, the introduction above the list as well as every item, where Readability keeps the list', () => {
    const html = `<html><head><title>Latest news</title></head><body><header><a href="/">Site</a></header><main><h1>Latest news</h1><div class="intro"><p>${intro}</p></div><div class="list">${Array.from({ length: 10 }, (_, i) => teaser(i)).join('')}</div></main><footer>© Site</footer></body></html>`;
    const page = analysePage(html, 'https://example.com/news/');
    if ('error' in page) throw page.error;
    expect(page.pageType.pageType).toBe('listing');
    const paragraphs = page.body?.paragraphs ?? [];
    expect(paragraphs[0]).toBe(intro);
    for (let i = 0; i < 10; i += 1) expect(paragraphs.join('\n')).toContain(`Summary ${i}:`);
  });
});
