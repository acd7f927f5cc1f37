import fc from 'fast-check';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { withoutStrayEndTags } from './stray-end-tags.js';

/** Tag soup: what HTML parsers close implicitly, foreign content, raw text, void elements, entities cut by tags. */
const PIECES = [
  '<div>', '</div>', '<p>', '</p>', '</ p >', '<b>', '</b>', '</b x="y">', '</B>', '<i>', '</i>', '<ul>', '<li>', '</li>', '</ul>',
  '<table>', '<tr>', '<td>', '</td>', '</tr>', '<dd>', '<dt>', '</dl>', '<h1>', '</h1>', '<select>', '<option>', '</option>',
  '<svg>', '</svg>', '<math>', '<mi>', '</mi>', '<title>', '</title>', '<desc>', '</desc>', '<x/>', '<path d="M0"/>',
  '<br>', '</br>', '<img src="a.png">', '</img>', '<input>', '</input>', '<script>', '</script>', '<style>', '</style>',
  '<a href="/x">', '</a>', '<!-- c -->', 'text', ' ', '&amp', '&am', 'p;', '&nbsp;', '<', '</', '>', '"', "'", '</3>',
];

const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('withoutStrayEndTags', () => {
  it('changes nothing sanitize-html makes of tag soup (every tag allowed, and the feed sanitiser defaults)', () => {
    fc.assert(
      fc.property(soup, (html) => {
        const filtered = withoutStrayEndTags(html, 0);
        const everything: sanitizeHtml.IOptions = { allowedTags: false, allowedAttributes: false, allowVulnerableTags: true };
        expect(sanitizeHtml(filtered, everything)).toBe(sanitizeHtml(html, everything));
        expect(sanitizeHtml(filtered)).toBe(sanitizeHtml(html));
        expect(sanitizeHtml(filtered, { allowedTags: [], allowedAttributes: {} })).toBe(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }));
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes out end tags that close nothing, and rewrites a stray </p>', () => {
    expect(withoutStrayEndTags('<div>a</b>b</p></div>', 0)).toBe('<div>a<!---->b<p></p></div>');
    expect(withoutStrayEndTags('<div>a</div></div>', 0)).toBe('<div>a</div><!---->');
  });

  it('leaves small markup alone without parsing it', () => {
    const html = '<div>a</b></div>';
    expect(withoutStrayEndTags(html)).toBe(html);
  });
});
