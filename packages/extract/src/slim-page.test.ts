import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRegExp } from './strings.js';
import { capClassAttributes, endTagAt, literalAt, slimPage, withoutScriptsAndStyles, withoutScriptsAndStylesInTurn } from './slim-page.js';

/** Where the regular expression the searches stand for first matches at or after `from`: [start, end], or -1. */
function byRegExp(pattern: RegExp, text: string, from: number): [number, number] | -1 {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? -1 : [match.index, match.index + match[0].length];
}

function byFind(find: ReturnType<typeof endTagAt>, text: string, from: number): [number, number] | -1 {
  const found = { end: -1 };
  const at = find(text, from, found);
  return at < 0 ? -1 : [at, found.end];
}

/** Strings joined from up to `maxLength` of the pieces. */
function joinedFrom(pieces: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
}

/** Markup made of the pieces that matter to the searches: end tags in any case, blanks of every kind, near misses. */
const markup = joinedFrom(
  [
    '</script>',
    '</SCRIPT >',
    '</ScRiPt\n\t>',
    '</script\u00a0>',
    '</script\u2028 \ufeff>',
    '</scripts>',
    '</script x>',
    '</scrip>',
    '</ script>',
    '<script>',
    '</style>',
    '</STYLE\f>',
    '</svg>',
    '</template >',
    '</',
    '<',
    '/',
    '>',
    '-->',
    '--',
    ' ',
    'x',
    'S',
    '\u017f',
    '\u212a',
  ],
  30,
);

describe('slimPage closing searches', () => {
  it('find an end tag where `/<\\/tag\\s*>/gi` does, from any position', () => {
    fc.assert(
      fc.property(markup, fc.constantFrom('script', 'style', 'svg', 'template', 'noscript'), fc.nat(), (text, tag, start) => {
        const from = start % (text.length + 1);
        expect(byFind(endTagAt(tag), text, from)).toEqual(byRegExp(new RegExp(`<\\/${tag}\\s*>`, 'gi'), text, from));
      }),
      { numRuns: 3000 },
    );
  });

  it('find a literal where its regular expression does', () => {
    fc.assert(
      fc.property(markup, fc.constantFrom('>', '-->'), fc.nat(), (text, literal, start) => {
        const from = start % (text.length + 1);
        expect(byFind(literalAt(literal), text, from)).toEqual(byRegExp(new RegExp(escapeRegExp(literal), 'g'), text, from));
      }),
    );
  });

  it('ends a script, a style or an SVG at its end tag in any case and spacing, and at no near miss', () => {
    const page = '<p>a</p><SCRIPT>x</scripts></script x></SCRIPT\n><p>b</p><style>p{}</STYLE\u00a0><svg><text>t</text></svg ><p>c</p>';
    expect(slimPage(page).markup).toBe('<p>a</p><p>b</p><p>c</p>');
  });
});

describe('withoutScriptsAndStyles', () => {
  /** Markup where the two passes meet: comments and scripts inside styles, tag names split by a comment, open elements. */
  const pieces = joinedFrom(
    [
      '<script>s</script>',
      '<script type="application/ld+json">{"a":"<style>"}</script>',
      '<script>',
      '</script>',
      '<!--c-->',
      '<!--',
      '-->',
      '<![CDATA[x]]>',
      '<style>p{}</style>',
      '<style>',
      '</style >',
      '<svg><g/></svg>',
      '<SVG>',
      '</svg>',
      '<template id="B:1"><p>t</p></template>',
      '<template>',
      '</template>',
      '<',
      '<s',
      '<st',
      '</sty',
      '</sv',
      'yle>',
      'ty',
      'le',
      'vg>',
      'emplate>',
      '>',
      '/',
      ' ',
      '<p>x</p>',
      'x',
    ],
    25,
  );

  it('removes what the two passes in turn remove, wherever they meet', () => {
    fc.assert(
      fc.property(pieces, (html) => {
        expect(withoutScriptsAndStyles(html)).toBe(withoutScriptsAndStylesInTurn(html));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a style whose name a comment splits, and a style holding a comment, as the passes in turn do', () => {
    for (const html of ['a<sty<!-- c -->le>p{}</style>b', 'a<style><!-- p{} --></style>b<style>q</style>c', 'a<svg<!---->>x</svg>b', 'a<script>s</script><svg>x</s<!---->vg>b</svg>c', 'a<style>p</sty<!---->le>b']) {
      expect(withoutScriptsAndStyles(html)).toBe(withoutScriptsAndStylesInTurn(html));
    }
    expect(withoutScriptsAndStyles('a<sty<!-- c -->le>p{}</style>b')).toBe('ab');
    expect(withoutScriptsAndStyles('a<style>p</sty<!---->le>b')).toBe('ab');
    expect(withoutScriptsAndStyles('a<style><!-- p{} --></style>b<script>x</script><svg>x</svg>c')).toBe('abc');
  });
});

describe('capClassAttributes', () => {
  it('cuts a class value over 4,000 characters at a space, in either quote, and leaves short and unclosed ones', () => {
    const long = `${'ab '.repeat(1_500)}end`;
    const html = `<p class="a b">x</p><div CLASS = '${long}'><p class="${long}" id=x>y</p><i class="open`;
    const capped = capClassAttributes(html);
    const values = [...capped.matchAll(/class\s*=\s*(["'])(.*?)\1/gi)].map((match) => match[2] as string);
    expect(values[0]).toBe('a b');
    expect(values.slice(1).map((value) => value.length)).toEqual([3_998, 3_998]);
    expect(values.slice(1).every((value) => long.startsWith(value) && !value.endsWith(' '))).toBe(true);
    expect(capped.endsWith(' id=x>y</p><i class="open')).toBe(true);
    expect(capClassAttributes('<p class="a">x</p>')).toBe('<p class="a">x</p>');
  });
});

describe('slimPage stylesheets', () => {
  it('gives the texts of the styles a browser running scripts applies to the screen', () => {
    const html =
      'a<STYLE>.x { display: none }</STYLE ><noscript><style>.n{}</style></noscript><style media="print">.p{}</style>' +
      `<style media='screen'>.s{}</style><style media="(max-width: 600px)">.m{}</style><style media=all>.all{}</style><svg><style>.v{}</style></svg>b`;
    const { markup, stylesheets } = slimPage(html);
    expect(markup).toBe('a<noscript></noscript>b');
    expect(stylesheets).toEqual(['.x { display: none }', '.s{}', '.all{}']);
  });

  it('finds them as well where the two passes run in turn, and after a closed <noscript>', () => {
    const { stylesheets } = slimPage('<noscript>x</noscript>a<sty<!-- c -->le>.one{}</style><script>s</script><style>.two{}</style>');
    expect(stylesheets).toEqual(['.one{}', '.two{}']);
  });
});
