import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { BODY_PARAGRAPHS } from '../fixtures/build-page.js';
import { paragraphsOf } from '../text.js';
import { nameWords, removeNamedFurniture } from './class-names.js';

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

  it('keeps a wrapper that holds most of the text or a run of prose, whatever its name', () => {
    expect(cleaned(`<div class="article-header-and-body">${prose}</div><p>Short end.</p>`)).toEqual([...BODY_PARAGRAPHS, 'Short end.']);
    const long = BODY_PARAGRAPHS.map((p) => `<p>${p} ${p}</p>`).join('');
    expect(cleaned(`${prose}${prose}${prose}<div class="related">${long}</div>`)).toHaveLength(12);
  });
});
