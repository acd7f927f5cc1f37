import { describe, expect, it } from 'vitest';
import { parseFragment } from './dom.js';
import { hiddenByStylesheets, isHiddenByOwnStyle, isHiddenByStyle } from './style-hidden.js';

const names = (stylesheets: string[]) => {
  const hidden = hiddenByStylesheets(stylesheets);
  return { classes: [...hidden.classes].sort(), ids: [...hidden.ids].sort() };
};

describe('hiddenByStylesheets', () => {
  it('reads the bare classes and ids a top-level rule hides, in a selector list too', () => {
    expect(names(['.carouselSec { display: none; order: 4 } #promo{display:none!important} .a, .b { color: red; DISPLAY : None }'])).toEqual({
      classes: ['a', 'b', 'carouselSec'],
      ids: ['promo'],
    });
  });

  it('takes no selector but one bare name: a descendant, a compound, a tag or a state decides more than the name', () => {
    expect(names(['.tabs .pane { display: none } .card.closed { display: none } div.x { display: none } .y:not(.open) { display: none } [hidden] { display: none }'])).toEqual({
      classes: [],
      ids: [],
    });
  });

  it('leaves a name alone when any rule shows it: a state, a parent, a screen size', () => {
    const css = [
      '.pane { display: none } .pane.active { display: block }',
      '.menu { display: none } .open .menu { display: flex }',
      '.nav { display: none } @media (min-width: 768px) { .nav { display: block } }',
      '.gone { display: none }',
    ];
    expect(names(css)).toEqual({ classes: ['gone'], ids: [] });
  });

  it('ignores what a condition hides, and reads a cascade layer as unconditional', () => {
    expect(names(['@media (max-width: 600px) { .wide { display: none } } @supports (display: grid) { .old { display: none } } @layer base { .unused { display: none } }'])).toEqual({
      classes: ['unused'],
      ids: [],
    });
  });

  it('reads the last display of a rule, and a rule that sets none', () => {
    expect(names(['.late { display: none; display: block } .early { display: block; display: none } .colour { color: none }'])).toEqual({ classes: ['early'], ids: [] });
  });

  it('steps over comments and quoted strings, and a rule that holds rules (nested CSS) is not read as one', () => {
    const css = '/* .c { display: none } */ .q::after { content: "}" } .real { display: none } .outer { display: none; &.open { display: block } }';
    expect(names([css])).toEqual({ classes: ['real'], ids: [] });
  });

  it('survives unclosed blocks, stray braces and statement at-rules', () => {
    expect(names(['@import url("x.css"); @charset "utf-8"; } .a { display: none } .b { display: none'])).toEqual({ classes: ['a'], ids: [] });
    expect(names(['{{{{', ''])).toEqual({ classes: [], ids: [] });
  });
});

describe('isHiddenByStyle', () => {
  it('matches an element by any class token or by its id', () => {
    const hidden = hiddenByStylesheets(['.off { display: none } #gone { display: none }']);
    const root = parseFragment('<div class="x off y" id="a"></div><div id="gone"></div><div class="offline"></div><div></div>');
    expect([...root.children].map((element) => isHiddenByStyle(element, hidden))).toEqual([true, true, false, false]);
  });
});

describe('isHiddenByOwnStyle', () => {
  const styled = (style: string): Element => parseFragment(`<div style="${style}">Box</div>`).querySelector('div') as Element;

  it('reads display: none in a style attribute, in any case and spacing, important or not', () => {
    for (const style of ['display:none', 'color: red; DISPLAY : None !important', 'display: none;']) expect(isHiddenByOwnStyle(styled(style)), style).toBe(true);
  });

  it('leaves a box shown, or one that names none in another declaration', () => {
    for (const style of ['display: block', 'grid-display: none', 'content: "display:none-ish"', '']) expect(isHiddenByOwnStyle(styled(style)), style).toBe(false);
  });
});
