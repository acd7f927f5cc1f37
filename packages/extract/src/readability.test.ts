import { describe, expect, it } from 'vitest';
import { parsePage } from './dom.js';
import { BODY_PARAGRAPHS } from './fixtures/build-page.js';
import { pruneForReadability, runReadability } from './readability.js';

const page = (body: string): Document => parsePage(`<html><head><title>T</title></head><body>${body}</body></html>`, 'https://e.org/a').document;
const story = BODY_PARAGRAPHS.map((text) => `<p>${text}</p>`).join('');

describe('pruneForReadability', () => {
  it('removes navigation, asides, footers, the page header and hidden boxes', () => {
    const document = page(
      `<header><a href="/">Site</a></header><nav><a href="/x">x</a></nav><div hidden><p>hidden</p></div><div aria-hidden="true">aria</div>` +
        `<div aria-hidden="false" id="shown">shown</div><article>${story}</article><aside>more</aside><footer>foot</footer>`,
    );
    pruneForReadability(document);
    expect([...document.body.children].map((element) => element.localName + (element.id ? `#${element.id}` : ''))).toEqual(['div#shown', 'article']);
  });

  it('keeps a box that holds the article, the article header and a header with the headline, and prunes inside what it keeps', () => {
    const document = page(
      `<div hidden id="wrap"><main><nav>in main</nav>${story}</main></div>` +
        `<article><header id="byline">By Jane</header>${story}</article><header id="top"><h1>Headline</h1></header>`,
    );
    pruneForReadability(document);
    expect(document.getElementById('wrap')).not.toBeNull();
    expect(document.querySelector('main nav')).toBeNull();
    expect(document.getElementById('byline')).not.toBeNull();
    expect(document.getElementById('top')).not.toBeNull();
  });

  it('removes nested matches once, and leaves template content alone', () => {
    const document = page(`<footer><nav><aside>x</aside></nav></footer><template id="P:1"><nav>kept</nav></template><p>text</p>`);
    pruneForReadability(document);
    expect(document.querySelector('footer, aside')).toBeNull();
    expect(document.querySelector('template')?.innerHTML).toBe('<nav>kept</nav>');
  });

  it('prunes the same on jsdom', () => {
    const { document } = parsePage(`<html><body><nav>n</nav><div hidden>h</div><article>${story}</article></body></html>`, 'https://e.org/', 'jsdom');
    pruneForReadability(document);
    expect([...document.body.children].map((element) => element.localName)).toEqual(['article']);
  });
});

describe('runReadability (patched: patches/@mozilla__readability@0.6.0.patch)', () => {
  it('still drops a box an inline style hides, and keeps a styled visible one', () => {
    const document = page(
      `<div class="article">${story}<p style="display: none">Hidden by style, not part of the story at all.</p>` +
        `<p style="visibility:hidden">Invisible by style as well, never shown.</p><p style="color: red">Shown in red, part of the story.</p></div>`,
    );
    const text = runReadability(document).content?.textContent ?? '';
    expect(text).toContain(BODY_PARAGRAPHS[0]);
    expect(text).toContain('Shown in red');
    expect(text).not.toContain('Hidden by style');
    expect(text).not.toContain('Invisible by style');
  });

  it('takes a short box named as a byline, not a long one, nor an empty author link', () => {
    const run = (box: string) => runReadability(page(`<div class="article">${box}${story}</div>`)).byline;
    expect(run('<div class="byline">By Jane Doe</div>')).toBe('By Jane Doe');
    expect(run(`<div class="byline">${'By Jane Doe and the many others who wrote this long credit line. '.repeat(3)}</div>`)).toBeNull();
    expect(run('<a rel="author" href="/j"></a><span class="author">Ann Writer</span>')).toBe('Ann Writer');
  });

  it('drops boxes holding only whitespace (no-break and em spaces too) and line breaks, and keeps text however deep', () => {
    const document = page(
      `<div class="article">${story}<div id="blank"> &nbsp; <br> <hr> </div><div id="deep"><span><b>Deep text.</b></span></div>` +
        `<section id="spaces">\u00a0\u2003</section></div>`,
    );
    const content = runReadability(document).content;
    expect(content?.querySelectorAll('br, hr, #blank, #spaces')).toHaveLength(0);
    expect(content?.querySelector('b')?.textContent).toBe('Deep text.');
  });

  it('retries on the page as it was when the first pass finds too little', () => {
    // Under Readability's 500 characters the first pass fails; the retries start again from the untouched page.
    const short = '<p>A short note of a little more than a hundred characters, which is less than Readability wants at first.</p>';
    const document = page(`<div class="comment">${short}</div>`);
    const { content } = runReadability(document);
    expect(content?.textContent).toContain('A short note');
  });
});
