import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { BODY_PARAGRAPHS } from '../fixtures/build-page.js';
import { paragraphsOf } from '../text.js';
import { nameWords, namesDisclosureWidget, removeNamedFurniture } from './class-names.js';

const prose = BODY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');

function cleaned(html: string): string[] {
  const root = parseFragment(html);
  removeNamedFurniture(root);
  return paragraphsOf(root);
}

describe('nameWords', () => {
  it('splits class and id names into words at separators and camelCase', () => {
    expect(nameWords(parseFragment('<div class="ArticleHeader share_bar-top" id="mainNav"></div>').firstElementChild!)).toEqual([
      'article',
      'header',
      'share',
      'bar',
      'top',
      'main',
      'nav',
    ]);
  });

  it("leaves out a utility framework's names for a medium, a screen size or a state (a colon or a bracket in them)", () => {
    const element = parseFragment('<p class="mx-auto print:break-inside-avoid md:hidden [&>*+*]:mt-5 lead" id=":r1:"></p>').firstElementChild!;
    expect(nameWords(element)).toEqual(['mx', 'auto', 'lead']);
    // A paragraph styled for print is no print button: it stays.
    expect(cleaned(`<div>${prose.replaceAll('<p>', '<p class="w-full print:break-inside-avoid">')}</div>`)).toEqual(BODY_PARAGRAPHS);
  });

  it('reads a class alone, an id alone, and neither', () => {
    const [classOnly, idOnly, neither, blank] = [...parseFragment('<p class="shareBar"></p><p id="related-links"></p><p></p><p class=" "></p>').children];
    expect(nameWords(classOnly!)).toEqual(['share', 'bar']);
    expect(nameWords(idOnly!)).toEqual(['related', 'links']);
    expect(nameWords(neither!)).toEqual([]);
    expect(nameWords(blank!)).toEqual([]);
  });

  it('splits any name as the Unicode rule does: camelCase where a lower-case letter meets an upper-case one, runs of a-z and 0-9', () => {
    const byRule = (raw: string): string[] =>
      raw
        .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((word) => word.length > 1);
    const name = fc.array(fc.constantFrom('a', 'b', 'Z', 'Q', '1', '0', '-', '_', ' ', '\t', 'é', 'É', '\u212a', '\u0130', 'ß'), { maxLength: 16 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(name, (raw) => {
        const [element] = [...parseFragment('<p></p>').children];
        element!.setAttribute('id', raw);
        expect(nameWords(element!)).toEqual(byRule(` ${raw}`));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('removeNamedFurniture', () => {
  it('removes boxes named as bylines, share bars, sign-ups, related lists and galleries', () => {
    const html = `<div class="byline">By Jane Doe</div><div class="socialShare"><a href="/f">Facebook</a></div>${prose}
      <div class="newsletter-signup"><p>Get the morning briefing</p></div><ul class="related-links"><li><a href="/x">Other story</a></li></ul>
      <div class="slideshow"><span>Image 1 of 9</span></div>`;
    expect(cleaned(html)).toEqual(BODY_PARAGRAPHS);
  });

  it("removes a forum post's signature", () => {
    const html = `<div class="post">${prose}<div class="signature"><p>My rig: a 12-core box and two screens.</p></div></div>`;
    expect(cleaned(html)).toEqual(BODY_PARAGRAPHS);
  });

  it('matches whole words only', () => {
    const html = `<p class="shareholders-note">Shareholders approved the plan.</p><p class="tagsoup">Tag soup.</p>${prose}`;
    expect(cleaned(html)).toEqual(['Shareholders approved the plan.', 'Tag soup.', ...BODY_PARAGRAPHS]);
  });

  it("reads a heading's class but not its id, the anchor written from its text", () => {
    const html = `${prose}<h2 id="why-use-social-sharing">Why use social sharing?</h2><p>Because readers trust their friends.</p><h3 class="share-title">Share this</h3>`;
    expect(cleaned(html)).toEqual([...BODY_PARAGRAPHS, 'Why use social sharing?', 'Because readers trust their friends.']);
  });

  it('keeps a wrapper that holds most of the text or a run of prose, whatever its name', () => {
    expect(cleaned(`<div class="article-header-and-body">${prose}</div><p>Short end.</p>`)).toEqual([...BODY_PARAGRAPHS, 'Short end.']);
    const long = BODY_PARAGRAPHS.map((p) => `<p>${p} ${p}</p>`).join('');
    expect(cleaned(`${prose}${prose}${prose}<div class="related">${long}</div>`)).toHaveLength(12);
  });

  it("keeps a thread's replies in a box named as comments, and drops the remarks under each answer of a Q&A page", () => {
    const remark = (n: number): string => `<li class="comment"><span class="comment-copy">Remark ${n}: have you tried it with the lid closed, and on battery?</span></li>`;
    const reply = (n: number): string => `<div class="comment"><p>Reply ${n} says the fix worked for them, after a long description of their own setup and what they tried first.</p></div>`;
    const threadRoot = parseFragment(`<div class="post"><p>${BODY_PARAGRAPHS[0]}</p></div><div class="comments">${[1, 2, 3, 4].map(reply).join('')}</div>`);
    removeNamedFurniture(threadRoot, undefined, { thread: true });
    expect(paragraphsOf(threadRoot).filter((line) => line.startsWith('Reply'))).toHaveLength(4);
    const answer = (n: number): string => `<div class="answer"><p>Answer ${n}: ${BODY_PARAGRAPHS[n] ?? ''}</p><div class="comments"><ul>${[1, 2].map(remark).join('')}</ul></div></div>`;
    const qa = parseFragment(`<div class="question"><p>${BODY_PARAGRAPHS[0]}</p></div>${answer(1)}${answer(2)}`);
    removeNamedFurniture(qa, undefined, { thread: true });
    expect(paragraphsOf(qa).some((line) => line.startsWith('Remark'))).toBe(false);
    expect(paragraphsOf(qa).filter((line) => line.startsWith('Answer'))).toHaveLength(2);
  });
});

describe('section headings named as headings', () => {
  it('keeps a section heading whose class says header or headline, not a linked teaser title or a box so named', () => {
    const text = cleaned(
      `${prose}<h2 class="et_pb_module_header">How the routes were chosen</h2><p>${BODY_PARAGRAPHS[0]}</p>` +
        '<h3 class="card-headline"><a href="/other">Another story entirely</a></h3><div class="section-header">Sponsored</div>',
    );
    expect(text).toContain('How the routes were chosen');
    expect(text).not.toContain('Another story entirely');
    expect(text).not.toContain('Sponsored');
  });
});

describe('namesDisclosureWidget', () => {
  const named = (className: string) => namesDisclosureWidget(nameWords(parseFragment(`<div class="${className}"></div>`).firstElementChild!));
  it('knows the parts of accordions, collapsibles, tabs and FAQs by their class words', () => {
    for (const name of ['kt-accordion-panel', 'cmp-accordion__panel--hidden', 'js-fx-tab-content', 'tabpanel', 'faq-item', 'is-collapsed', 'collapsibleSection']) expect(named(name), name).toBe(true);
  });
  it('does not take a table, a tab bar or a panel of something else for one', () => {
    for (const name of ['table-content', 'tab-bar', 'sidepanel', 'post-content', 'tablet-only']) expect(named(name), name).toBe(false);
  });
});
