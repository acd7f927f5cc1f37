import { describe, expect, it } from 'vitest';
import { parsePage } from './dom.js';

const paragraph = 'A paragraph of the article that the page streamed in after its shell, long enough to be prose.';

describe('repairPage (through parsePage)', () => {
  it('moves streamed segments where their templates are, replacing the loading fallback', () => {
    const html = `<html><body><main><h1>Title</h1><template id="B:0"></template><div>Loading paragraph...</div>
<p>Between the two.</p><template id="B:1"></template><div class="skeleton"></div></main><footer>Footer</footer>
<div hidden id="S:1"><p>Second: ${paragraph}</p><div><template id="P:2"></template></div></div>
<div hidden id="S:0"><p>First: ${paragraph}</p></div><div hidden id="S:2"><p>Third, placed inside the second.</p></div></body></html>`;
    const { document } = parsePage(html, 'https://e.org/');
    const main = document.querySelector('main');
    expect([...(main?.querySelectorAll('p') ?? [])].map((p) => p.textContent?.slice(0, 6))).toEqual(['First:', 'Betwee', 'Second', 'Third,']);
    expect(main?.textContent).not.toContain('Loading');
    expect(document.querySelectorAll('[hidden], template')).toHaveLength(0);
  });

  it('leaves a hidden box that is no streamed segment hidden, and a fallback with real text in place', () => {
    const html = `<html><body><template id="B:0"></template><div>A fallback that says a good deal more than loading, so it stays.</div>
<div hidden id="S:0"><p>${paragraph}</p></div><div hidden id="menu"><p>Menu</p></div></body></html>`;
    const { document } = parsePage(html, 'https://e.org/');
    expect(document.body.textContent).toContain('A fallback that says');
    expect(document.querySelector('[hidden]')?.id).toBe('menu');
  });

  it('unwraps a whole document pasted inside the article', () => {
    const html = `<html><body><article><div class="content"><html><head><title>x</title></head><body><p>${paragraph}</p></body></html></div></article></body></html>`;
    const { document } = parsePage(html, 'https://e.org/');
    expect(document.querySelectorAll('html, body')).toHaveLength(2);
    expect(document.querySelector('article .content > p')?.textContent).toBe(paragraph);
    expect(document.body.querySelector('title')).toBeNull();
  });

  it('unwraps every nested <html>, <body> and <head>, on a page with a <template> as on one without', () => {
    const nested = `<article><html><head><title>x</title></head><body><p>${paragraph}</p></body></html></article><div><body><p>Second body.</p></body></div>`;
    for (const extra of ['', '<template id="P:9"><html><body><p>in a template</p></body></html></template>']) {
      const { document } = parsePage(`<html><body>${nested}${extra}</body></html>`, 'https://e.org/');
      expect(document.body.querySelectorAll('html, body, head')).toHaveLength(0);
      expect(document.body.querySelector('title')).toBeNull();
      expect(document.querySelector('article > p')?.textContent).toBe(paragraph);
      expect(document.querySelector('div > p')?.textContent).toBe('Second body.');
    }
  });

  it('keeps the <meta> elements of a <head> that comes after the first <meta>', () => {
    const html = `<html><meta charset="utf-8"><head><title>T</title><meta name="author" content="A. Writer"></head><body><p>${paragraph}</p></body></html>`;
    const { document } = parsePage(html, 'https://e.org/');
    expect(document.querySelector('meta[name="author"]')?.getAttribute('content')).toBe('A. Writer');
  });

  it('reads a stray "<![CDATA[" in the page as a browser does: a comment up to the next ">"', () => {
    const { document } = parsePage(`<html><body><![CDATA[<div id="top"></div><main><p>${paragraph}</p></main></body></html>`, 'https://e.org/');
    expect(document.querySelector('main p')?.textContent).toBe(paragraph);
  });
});
