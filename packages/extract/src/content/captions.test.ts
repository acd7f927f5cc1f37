import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { BODY_PARAGRAPHS } from '../fixtures/build-page.js';
import { extractArticle } from '../index.js';
import { paragraphsOf } from '../text.js';
import { markCaptions } from './captions.js';

const prose = BODY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');
const page = (body: string): string => `<html><body><article>${body}</article></body></html>`;

describe('markCaptions', () => {
  it('turns a caption named by its class into a figure caption, its picture into the figure', () => {
    const root = parseFragment(`<p>Text.</p><div class="photo"><img src="a.jpg"><span class="newsCaption">Protesters in the square (Image: Getty)</span></div>`);
    markCaptions(root);
    const figure = root.querySelector('figure');
    expect(figure?.querySelector('figcaption')?.textContent).toBe('Protesters in the square (Image: Getty)');
    expect(paragraphsOf(root)).toEqual(['Text.']);
  });

  it('names the caption of an existing figure, whatever element it is', () => {
    const root = parseFragment('<figure><img src="a.jpg"><div class="InlineImage-imageEmbedCredit">Jane Doe | Agency</div></figure>');
    markCaptions(root);
    expect(root.querySelector('figure > figcaption')?.textContent).toBe('Jane Doe | Agency');
  });

  it('reads a caption in a paragraph of its own after a paragraph holding only the picture', () => {
    const root = parseFragment(`<p>Text.</p><p><a href="/big.jpg"><img src="a.jpg"></a></p><p><span class="caption">Still wines come in a wide range of hues.</span></p><p>More text.</p>`);
    markCaptions(root);
    expect(paragraphsOf(root)).toEqual(['Text.', 'More text.']);
  });

  it('moves a <picture> inside a caption box out whole, its <img> still inside it', () => {
    const root = parseFragment(`<p>Text.</p><div class="photo-caption"><picture><source srcset="a.webp"><img src="a.jpg"></picture>The harbour at dawn.</div>`);
    markCaptions(root);
    const figure = root.querySelector('figure');
    expect(figure?.firstElementChild?.tagName.toLowerCase()).toBe('picture');
    expect(figure?.querySelector('picture > img')).not.toBeNull();
    expect(figure?.querySelector('figcaption')?.textContent).toBe('The harbour at dawn.');
  });

  it('takes a bare video just before a caption as the one it describes', () => {
    const root = parseFragment(`<p>Text.</p><div class="player"><video src="a.mp4"></video></div><div class="video-caption">The launch, filmed from the pad.</div><p>More text.</p>`);
    markCaptions(root);
    expect(root.querySelector('figure > div.player > video')).not.toBeNull();
    expect(paragraphsOf(root)).toEqual(['Text.', 'More text.']);
  });

  it('keeps a caption with no picture near (a lazy-loaded one left no <img>) a caption', () => {
    const root = parseFragment(`<p>Text.</p><div class="image-caption">The harbour at dawn.</div><p>More text.</p>`);
    markCaptions(root);
    expect(paragraphsOf(root)).toEqual(['Text.', 'More text.']);
  });

  it('leaves a card\'s type-scale "caption" text as text: its box holds a picture and a title', () => {
    const card = (title: string, authors: string): string =>
      `<div class="card"><div class="tag"><div class="caption-m">Kernels</div></div><p class="body-l">${title}</p><div><p class="caption-s">${authors}</p></div><div class="card-btn"><a href="/blog">Read</a></div><div class="card-bg"><img src="bg.avif"></div></div>`;
    const root = parseFragment(`${card('ThunderKittens on Blackwell GPUs', 'Benjamin Spector, Dan Fu')}${card('Distilling hybrid models', 'Junxiong Wang')}`);
    markCaptions(root);
    expect(root.querySelector('figcaption')).toBeNull();
    expect(paragraphsOf(root)).toContain('Benjamin Spector, Dan Fu');
  });

  it('never takes a heading for a caption, whatever its class says', () => {
    const root = parseFragment(`<a href="/listing/1"><div><img src="wallet.jpg"></div><div><h2 class="wt-text-caption listing-card__title">Personalised leather wallet</h2><p>USD 39.90</p></div></a>`);
    markCaptions(root);
    expect(paragraphsOf(root)).toEqual(['Personalised leather wallet', 'USD 39.90']);
  });

  it('still reads a credit in a card-like box as a credit', () => {
    const root = parseFragment(`<div class="hero"><img src="a.jpg"><p>The checklist below covers every car.</p><span class="credit">Illustrations: Tim Boelaars</span></div>`);
    markCaptions(root);
    expect(paragraphsOf(root)).toEqual(['The checklist below covers every car.']);
  });

  it('leaves a long block alone even when its class mentions a caption', () => {
    const long = `${BODY_PARAGRAPHS.join(' ')} ${BODY_PARAGRAPHS.join(' ')}`;
    const root = parseFragment(`<div class="has-caption">${long}</div>`);
    markCaptions(root);
    expect(root.querySelector('figcaption')).toBeNull();
  });
});

describe('captions in extracted articles', () => {
  it('keeps figures with their captions in the HTML but not in the text', () => {
    const html = page(`${prose}<figure><img src="/bus.jpg" alt="A night bus"><figcaption>The N1 at Eastfield. Photo: Jane Doe</figcaption></figure>
      <div class="wp-caption"><img src="/map.png"><p class="wp-caption-text">The new routes</p></div><p>The first routes open in March.</p>`);
    const result = extractArticle(html, { url: 'https://news.example.org/a' });
    expect(result.text).not.toMatch(/Eastfield|new routes/);
    expect(result.text).toContain('The first routes open in March.');
    expect(result.html).toContain('<figure><img src="https://news.example.org/bus.jpg" alt="A night bus"><figcaption>The N1 at Eastfield. Photo: Jane Doe</figcaption></figure>');
    expect(result.html).toMatch(/<figure>(?:<p>)?<img src="https:\/\/news\.example\.org\/map\.png">(?:<\/p>)?<figcaption>The new routes<\/figcaption><\/figure>/);
  });
});
