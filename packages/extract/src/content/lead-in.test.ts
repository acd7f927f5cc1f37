import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { extractArticle } from '../index.js';
import { paragraphsOf } from '../text.js';
import { leadInBefore, withLeadIn } from './lead-in.js';

const INTRO = [
  'Choosing a backpacking tent is mostly a trade between weight, space and the weather you expect, and the right answer changes with the trip you have in mind.',
  'We pitched twenty-two tents in wind, rain and snow over two seasons, and below are the ones we would carry ourselves, whatever the budget.',
];
const SECTIONS = [
  'The best tent overall is light enough for long trips yet roomy enough for two adults and their gear, and it stood up to every storm we put it through.',
  'Its poles are aluminium rather than carbon, which costs a little weight but means a bent pole can be straightened on the trail instead of replaced.',
  'The fly reaches the ground on every side, so rain blown sideways stayed out, and two large doors mean nobody climbs over a partner at night.',
  'For a tighter budget, the runner-up gives up a few ounces and a vestibule but keeps the same weatherproofing, at about half the price of our top pick.',
  'Solo hikers should look at the one-person shelter we tested last: it weighs under a kilogram and pitches with trekking poles instead of its own.',
  'Whatever you buy, seam-seal it before the first trip and practise pitching it in the garden: a tent you cannot set up in the dark is no shelter at all.',
];

/**
 * A guide: the headline and an introduction in a banner of their own (which Readability drops as unlikely to hold
 * the article), a table of picks, then the body in a container of its own.
 */
function page({ intro = INTRO, beforeHeadline = '' } = {}): string {
  return `<!DOCTYPE html><html><head><title>The best backpacking tents</title></head><body>
  ${beforeHeadline}
  <div class="page-banner"><h1>The best backpacking tents</h1><div class="intro">${intro.map((text) => `<p>${text}</p>`).join('')}</div></div>
  <div class="picks"><table><tr><td>Best overall</td><td>Trail Two</td></tr><tr><td>Best value</td><td>Ridge Lite</td></tr></table></div>
  <div class="layout"><div class="row"><div class="column"><article><div class="post-body">
    ${[...SECTIONS, ...SECTIONS.map((text) => text.replace(',', ', we found,'))].map((text) => `<p>${text}</p>`).join('')}
  </div></article></div></div></div>
  </body></html>`;
}

describe('leadInBefore', () => {
  const find = (html: string) => {
    const { document } = parsePage(html, 'https://example.com/tents');
    const box = leadInBefore(document.body, document.querySelector('.post-body') as Element);
    return box ? paragraphsOf(box) : null;
  };

  it("finds an introduction of two paragraphs or more between the headline and the article's block", () => {
    expect(find(page())).toEqual(INTRO);
  });

  it('leaves a lone standfirst, and paragraphs before the headline', () => {
    expect(find(page({ intro: INTRO.slice(0, 1) }))).toBeNull();
    const promo = `<div class="promo">${INTRO.map((text) => `<p>${text.replace('tent', 'stove')}</p>`).join('')}</div>`;
    expect(find(page({ intro: [], beforeHeadline: promo }))).toBeNull();
  });

  it('finds none when the headline comes after the block (an <h1> in the footer), whatever follows it', () => {
    const late = page().replace(/<div class="page-banner">[\s\S]*?<\/div><\/div>/, '').replace('</body>', `<div class="page-banner"><h1>The best backpacking tents</h1><div class="intro">${INTRO.map((text) => `<p>${text}</p>`).join('')}</div></div></body>`);
    expect(late.indexOf('<h1>')).toBeGreaterThan(late.indexOf('post-body'));
    expect(find(late)).toBeNull();
  });
});

describe('withLeadIn', () => {
  const body = { html: '<p>Body.</p>', paragraphs: ['Body.'] };

  it("puts the introduction's paragraphs first, unless the body holds one of them already", () => {
    expect(withLeadIn(body, { html: '<p>Intro.</p>', paragraphs: ['Intro.'] }).paragraphs).toEqual(['Intro.', 'Body.']);
    expect(withLeadIn(body, { html: '<p>Body.</p>', paragraphs: ['Body.'] })).toBe(body);
  });
});

describe('an introduction apart from the body', () => {
  it("opens the record's text, before the body's first section", () => {
    const { text } = extractArticle(page(), { url: 'https://example.com/tents' });
    expect(text.startsWith(INTRO[0] as string)).toBe(true);
    expect(text).toContain(SECTIONS[5]);
    expect(text.split(INTRO[1] as string)).toHaveLength(2);
  });
});
