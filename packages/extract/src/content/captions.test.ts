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
