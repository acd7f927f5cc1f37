import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { readPageMetadata } from '../metadata/index.js';
import { lastSegment, readPageFeatures, slugWordsOf } from './features.js';

const featuresOf = (body: string) => {
  const { document } = parsePage(`<html><head><title>T</title></head><body${body}</body></html>`, 'https://e.org/a');
  return readPageFeatures(document, 'https://e.org/a', readPageMetadata(document));
};

describe('readPageFeatures: item types read in the one walk', () => {
  it('takes the item types below the body in document order, those inside boxes the walk skips too', () => {
    const features = featuresOf(
      ` itemtype="https://schema.org/WebPage"><div itemscope itemtype="https://schema.org/Product"><span itemtype="http://schema.org/Offer">x</span></div>` +
        `<noscript><div itemtype="https://schema.org/Recipe">y</div></noscript><iframe itemtype="https://schema.org/VideoObject"></iframe>` +
        `<template id="P:1"><div itemtype="https://schema.org/Event">z</div></template>`,
    );
    // The body's own type is not below it, and a template's content is not part of the page (as a selector on the body sees it).
    expect(features.schemaTypes).toEqual(['product', 'offer', 'recipe', 'videoobject']);
  });

  it('groups repeated children by tag and first class name, whatever follows it', () => {
    const card = (i: number, classes: string) => `<li class="${classes}"><a href="/p/${i}"><img src="/${i}.jpg" alt="">Item ${i}</a></li>`;
    const classes = ['card', ' card wide', 'card\tnew', 'card  sale ', 'card', 'tile'];
    const features = featuresOf(`><ul>${classes.map((names, i) => card(i, names)).join('')}</ul>`);
    expect(features.repeatedItems).toBe(5);
  });

  it('counts a link named as a button once and restores the context flags after each element', () => {
    const features = featuresOf(`><a class="btn" href="/a">Go</a><pre><code>${'x'.repeat(50)}</code></pre><code>${'y'.repeat(50)}</code>`);
    expect(features.buttons).toBe(1);
    // The <code> inside <pre> is no inline code; the one after the <pre> is (the flag was restored), and long enough to be a block.
    expect(features.inlineCode).toBe(1);
    expect(features.codeBlocks).toBe(2);
  });
});

describe('path words', () => {
  // What the two read by position agree with: the forms that split the path into arrays.
  const splitLastSegment = (path: string): string => (path.split('/').filter(Boolean).pop() ?? '').replace(/\.[a-z0-9]{2,5}$/i, '');
  const splitSlugWords = (path: string): number => splitLastSegment(path).split(/[-_.+]+/).filter((word) => /\p{L}/u.test(word)).length;

  it('reads the last segment and its words as splitting the path would', () => {
    expect([lastSegment('/blog/how-to-rent-a-car/'), slugWordsOf('/blog/how-to-rent-a-car/')]).toEqual(['how-to-rent-a-car', 5]);
    expect([lastSegment('/x/2024/05/a_b.html'), slugWordsOf('/x/2024/05/a_b.html'), slugWordsOf('/x/2024/05/17'), lastSegment('//')]).toEqual(['a_b', 2, 0, '']);
    const path = fc.array(fc.constantFrom('/', '-', '_', '.', '+', 'a', 'B', 'é', '中', '𝒜', '\ud835', '1', 'h', 't', 'm', 'l', ' '), { maxLength: 24 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(path, (value) => lastSegment(value) === splitLastSegment(value) && slugWordsOf(value) === splitSlugWords(value)),
      { numRuns: 20_000 },
    );
  });
});
