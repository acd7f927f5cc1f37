import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { extractArticle } from '../index.js';
import { faqSectionAfter, withFaqSection } from './faq.js';

const STORY = [
  'Electric scooters have become a common sight in city centres, and the question most buyers ask is how far one will really go on a charge.',
  'We rode eleven models over the same hilly twelve-kilometre loop every week for three months, in the cold and in the heat, with riders of different weights.',
  'The results varied far more than the makers claim: the best scooter covered twice the distance of the worst, and the cold cut every range by about a fifth.',
  'Price was a poor guide. Two of the three longest-ranging models cost less than the average, while the most expensive one finished in the bottom half of the table.',
];

const FAQ_BOX = `
  <div class="faq-block"><h2>Frequently Asked Questions</h2>
    <div class="item"><div role="button" aria-expanded="false"><h3>How far can an electric scooter go on one charge?</h3></div>
      <div class="answer"><p>Most commuter models manage between twenty and forty kilometres in mild weather; cold weather and hills shorten that.</p></div></div>
    <div class="item"><button aria-expanded="false">Do I need a licence to ride one?</button>
      <div class="answer"><p>That depends on the country: some treat them like bicycles, others require insurance and a number plate.</p></div></div>
  </div>`;

/** A review page: the story in its article, boxes after it, and `after` in a section of its own below the layout. */
function page(after: string, before = ''): string {
  return `<!DOCTYPE html><html><head><title>How far do electric scooters go?</title></head><body>
  ${before}
  <div class="layout"><main><article class="post"><h1>How far do electric scooters go?</h1>
    <div class="post-body">${[...STORY, ...STORY.map((text) => text.replace('.', ', we found.'))].map((text) => `<p>${text}</p>`).join('')}</div></article></main>
  <div class="newsletter"><h3>Get our weekly gear guide</h3><form><input type="email"><button>Sign up</button></form></div>
  <div class="related"><h3>Related</h3><ul><li><a href="/bikes">The best e-bikes</a></li><li><a href="/helmets">Helmets tested</a></li></ul></div>
  </div>
  <section class="wrap"><div class="container">${after}</div></section></body></html>`;
}

describe('faqSectionAfter', () => {
  const find = (html: string) => {
    const { document } = parsePage(html, 'https://example.com/scooters');
    const article = document.querySelector('.post-body') as Element;
    return faqSectionAfter(document.body, article);
  };

  it('finds a questions-and-answers box after the article', () => {
    expect(find(page(FAQ_BOX))?.getAttribute('class')).toBe('faq-block');
    expect(find(page(FAQ_BOX.replace('Frequently Asked Questions', 'Electric Scooter FAQs')))?.getAttribute('class')).toBe('faq-block');
    expect(find(page(FAQ_BOX.replace('Frequently Asked Questions', 'Preguntas frecuentes sobre patinetes')))?.getAttribute('class')).toBe('faq-block');
  });

  it('passes over an FAQ before the article, a menu of help questions and a heading alone', () => {
    expect(find(page('', FAQ_BOX))).toBeNull();
    const menu = '<div class="help"><h3>FAQs</h3><ul><li><a href="/faq/1">How do I return a scooter?</a></li><li><a href="/faq/2">Where is my order?</a></li></ul></div>';
    expect(find(page(menu))).toBeNull();
    expect(find(page('<div><h2>FAQ</h2><p>See our help centre for answers to common questions about orders and returns.</p></div>'))).toBeNull();
  });
});

describe('withFaqSection', () => {
  const body = { html: '<p>The story.</p>', paragraphs: ['The story.'] };
  const faq = { html: '<h2>FAQ</h2><h3>Is it safe?</h3><p>Yes.</p>', paragraphs: ['FAQ', 'Is it safe?', 'Yes.'] };

  it("puts the section's questions and answers after the body", () => {
    expect(withFaqSection(body, faq).paragraphs).toEqual(['The story.', 'FAQ', 'Is it safe?', 'Yes.']);
  });

  it('leaves a body that already asks one of the questions, or a section left with no answer', () => {
    const asked = { html: '', paragraphs: ['The story.', 'Is it safe?', 'Yes.'] };
    expect(withFaqSection(asked, faq)).toBe(asked);
    expect(withFaqSection(body, { html: '', paragraphs: ['Is it safe?'] })).toBe(body);
  });
});

describe('an FAQ after the article', () => {
  it("ends the record's text with its questions and answers, once", () => {
    const record = extractArticle(page(FAQ_BOX), { url: 'https://example.com/scooters' });
    const text = record.text;
    expect(text).toContain(STORY[3]);
    expect(text).toContain('How far can an electric scooter go on one charge?');
    expect(text).toContain('That depends on the country');
    expect(text.indexOf(STORY[3] as string)).toBeLessThan(text.indexOf('Frequently Asked Questions'));
    expect(text.split('Do I need a licence to ride one?')).toHaveLength(2);
  });
});
