import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { definePolicy, type PolicyDefinition, type SanitisePolicy } from './policy.js';
import { sanitiseHtml } from './sanitise.js';

const BASE = 'https://site.example/posts/one.html';

/** A policy shaped like the feed's: relative URLs kept without a base, mailto allowed, xml:base read, pixels dropped. */
const LENIENT: PolicyDefinition = {
  tags: ['p', 'b', 'em', 'a', 'img', 'ol', 'li', 'video', 'blockquote', 'h2', 'br'],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'srcset', 'alt', 'width', 'height'],
    ol: ['start', 'reversed'],
    video: ['src', 'poster', 'controls'],
    blockquote: ['cite'],
  },
  droppedWithContent: ['script', 'style', 'title', 'select', 'option'],
  booleanAttributes: ['controls', 'reversed'],
  keptEmpty: ['alt'],
  schemes: ['http', 'https', 'mailto'],
  unresolvedUrls: 'keep',
  xmlBase: true,
  dropTrackingPixels: true,
};

/** A policy shaped like the article's: absolute http(s) only, lazy images, links and images that need their URL. */
const STRICT: PolicyDefinition = {
  tags: ['p', 'h2', 'a', 'img', 'td', 'table', 'tr', 'br'],
  attributes: { a: ['href'], img: ['src', 'alt'], td: ['colspan'] },
  droppedWithContent: ['script', 'style', 'svg', 'iframe', 'button'],
  renames: { h1: 'h2' },
  trimmed: ['alt'],
  schemes: ['http', 'https'],
  unresolvedUrls: 'drop',
  imageSources: ['src', 'data-src', 'data-original'],
  required: { a: 'href', img: 'src' },
};

const lenient = definePolicy(LENIENT);
const strict = definePolicy(STRICT);
const clean = (html: string, policy: SanitisePolicy = lenient, base: string | null = BASE): string => sanitiseHtml(html, policy, base);

describe('sanitiseHtml: the policy', () => {
  it('keeps allowed tags, unwraps the others and drops the listed ones with their content', () => {
    expect(clean('<div><p>One <b>two</b> <span>three</span></p></div><script>x()</script><select><option>o</option></select>')).toBe(
      '<p>One <b>two</b> three</p>',
    );
  });

  it('drops everything nested inside a dropped element, allowed tags included', () => {
    expect(clean('<style><p>not text</p></style>after')).toBe('after');
    expect(clean('<svg><p>x</p><a href="/y">y</a></svg><p>kept</p>', strict)).toBe('<p>kept</p>');
  });

  it('keeps only the attributes allowed for the tag', () => {
    expect(clean('<p class="c" style="s" id="i">t</p><a href="/x" title="T" target="_blank" rel="r">l</a>')).toBe(
      '<p>t</p><a href="https://site.example/x" title="T">l</a>',
    );
  });

  it('renames tags, end tags included, and reads the allow-list with the new name', () => {
    expect(clean('<h1 class="x">Head</h1><p>body</p>', strict)).toBe('<h2>Head</h2><p>body</p>');
  });

  it('writes boolean attributes bare, keeps alt="" and drops other empty attributes', () => {
    expect(clean('<video controls src="v.mp4" poster=""></video><ol reversed start=""><li>x</li></ol><img src="a.png" alt="" width="">')).toBe(
      '<video controls src="https://site.example/posts/v.mp4"></video><ol reversed><li>x</li></ol><img src="https://site.example/posts/a.png" alt="" />',
    );
  });

  it('trims the attributes it is told to, dropping them when nothing is left', () => {
    expect(clean('<img src="/a.png" alt="  Caption  "><img src="/b.png" alt="   ">', strict)).toBe(
      '<img src="https://site.example/a.png" alt="Caption" /><img src="https://site.example/b.png" />',
    );
  });

  it('drops 1x1 tracking pixels only when the policy says so', () => {
    const pixel = '<img src="https://t.example/p.gif" width="1" height="1"><p>x</p>';
    expect(clean(pixel)).toBe('<p>x</p>');
    expect(clean(pixel, definePolicy({ ...LENIENT, dropTrackingPixels: false }))).toBe('<img src="https://t.example/p.gif" width="1" height="1" /><p>x</p>');
  });

  it('unwraps an element that loses its required attribute, keeping its content', () => {
    expect(clean('<p><a href="javascript:alert(1)">one</a> <a>two</a> <a href="/ok">three</a></p>', strict)).toBe(
      '<p>one two <a href="https://site.example/ok">three</a></p>',
    );
    expect(clean('<p>x<img alt="no source"><img src="data:image/png;base64,AA">y</p>', strict)).toBe('<p>xy</p>');
  });

  it('keeps a link without href when nothing is required of it', () => {
    expect(clean('<a href="javascript:x">text</a><a name="n">more</a>')).toBe('<a>text</a><a>more</a>');
  });

  it('takes an image address from the first source attribute holding a usable URL, written first', () => {
    expect(clean('<img alt="A" src="data:image/gif;base64,R0" data-src="javascript:x" data-original="/real.jpg">', strict)).toBe(
      '<img src="https://site.example/real.jpg" alt="A" />',
    );
    expect(clean('<img alt="A" src="/a.jpg">')).toBe('<img alt="A" src="https://site.example/a.jpg" />');
  });

  it('makes a table cell keep its grid attributes but nothing else', () => {
    expect(clean('<table><tr><td colspan="2" onclick="x" rowspan="3">c</td></tr></table>', strict)).toBe('<table><tr><td colspan="2">c</td></tr></table>');
  });
});

describe('sanitiseHtml: URLs', () => {
  it('resolves relative URLs against the base', () => {
    expect(clean('<a href="../about?q=1#top">a</a><blockquote cite="/src">q</blockquote>')).toBe(
      '<a href="https://site.example/about?q=1#top">a</a><blockquote cite="https://site.example/src">q</blockquote>',
    );
  });

  it('keeps relative URLs relative without a base when unresolved URLs are kept, and drops them when they are not', () => {
    expect(clean('<a href="/about">About</a>', lenient, null)).toBe('<a href="/about">About</a>');
    expect(clean('<a href="/about">About</a> <a href="https://x.example/">X</a>', strict, null)).toBe('About <a href="https://x.example/">X</a>');
  });

  it('keeps a URL the parser rejects as written when unresolved URLs are kept, judged by its scheme', () => {
    expect(clean('<a href="http://[bad">a</a><a href="javascript://[bad">b</a>')).toBe('<a href="http://[bad">a</a><a>b</a>');
    expect(clean('<a href="http://[bad">a</a>', strict)).toBe('a');
  });

  it('reads a blank URL as the base itself when only absolute URLs are kept', () => {
    expect(clean('<a href=" ">here</a>', strict)).toBe(`<a href="${BASE}">here</a>`);
    expect(clean('<a href="">here</a>', strict)).toBe('here');
  });

  it('allows only the policy schemes', () => {
    expect(clean('<a href="mailto:a@b.example">m</a><a href="tel:123">t</a><a href="ftp://f.example/">f</a>')).toBe('<a href="mailto:a@b.example">m</a><a>t</a><a>f</a>');
    expect(clean('<p><a href="mailto:a@b.example">m</a></p>', strict)).toBe('<p>m</p>');
  });

  it('resolves against xml:base when the policy reads it, and ignores it when not', () => {
    const html = '<p xml:base="https://other.example/dir/"><a href="page">x</a></p>';
    expect(clean(html)).toBe('<p><a href="https://other.example/dir/page">x</a></p>');
    expect(clean(html, strict)).toBe('<p><a href="https://site.example/posts/page">x</a></p>');
  });

  it('resolves every srcset candidate and drops the ones of a forbidden scheme', () => {
    expect(clean('<img srcset="a.png 1x, //cdn.example/b.png 2x, javascript:c 3x">')).toBe(
      '<img srcset="https://site.example/posts/a.png 1x, https://cdn.example/b.png 2x" />',
    );
    expect(clean('<img srcset="javascript:a 1x">')).toBe('<img />');
    expect(clean('<img srcset="a.png 1x, /b.png 2x">', lenient, null)).toBe('<img srcset="a.png 1x, /b.png 2x" />');
  });

  it('drops srcset candidates that cannot be made absolute when unresolved URLs are not kept', () => {
    const srcsetPolicy = definePolicy({ ...STRICT, attributes: { img: ['src', 'srcset'] }, required: {} });
    expect(clean('<img srcset="a.png 1x, https://cdn.example/b.png 2x">', srcsetPolicy, null)).toBe('<img srcset="https://cdn.example/b.png 2x" />');
  });
});

describe('sanitiseHtml: hostile markup', () => {
  it.each([
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java&#x09;script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<a>x</a>'],
    ['<a href="javascript&colon;alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java\u0000script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="jav<!-- -->ascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'],
  ])('drops the URL of %s', (html, expected) => {
    // Without a base the scheme alone decides; with one, a URL the URL parser reads as relative ("java\0script:") is resolved into a harmless path.
    expect(clean(html, lenient, null)).toBe(expected);
    expectOnlyAllowed(clean(html, lenient, BASE), lenient);
    expectOnlyAllowed(clean(html, strict, BASE), strict);
  });

  it('drops every on* handler and style, whatever the tag', () => {
    const html = '<p onclick="a()" onmouseover="b()">t</p><img src="/x.png" onerror="c()" style="x"><a href="/" onfocus="d()">l</a>';
    expect(clean(html)).toBe('<p>t</p><img src="https://site.example/x.png" /><a href="https://site.example/">l</a>');
  });

  it('removes scripts, also when split, nested in comments or in foreign content', () => {
    for (const html of [
      '<script>alert(1)</script>',
      '<scr<script>ipt>alert(1)</script>',
      '<!--<script>alert(1)</script>-->',
      '<svg><script>alert(1)</script></svg>',
      '<math><style><img src=x onerror=alert(1)></style></math>',
      '<![CDATA[<script>alert(1)</script>]]>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    ]) {
      const out = clean(html);
      expect(out).not.toMatch(/<script|<iframe|<object|<embed|onerror|javascript:/i);
    }
  });

  it('escapes what would break out of an attribute or a text node', () => {
    expect(clean('<a href="/x" title="&quot;><script>alert(1)</script>">t</a>')).toBe(
      '<a href="https://site.example/x" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">t</a>',
    );
    expect(clean('<img src="/x.png" alt="a&quot; onerror=&quot;alert(1)">')).toBe('<img src="https://site.example/x.png" alt="a&quot; onerror=&quot;alert(1)" />');
  });

  it('decodes entities once and escapes the text again: escaped markup stays text', () => {
    expect(clean('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &eacute; &#233; &#x1F600;</p>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; é é 😀</p>');
  });

  it('closes what malformed markup leaves open and ignores end tags that close nothing', () => {
    expect(clean('<p><b>bold<em>both</p>after</b></em>')).toBe('<p><b>bold<em>both</em></b></p>after');
    expect(clean('text</b></p></div><p>x')).toBe('text<p></p><p>x</p>');
    expect(clean('<p>a < b > c & d</p>')).toBe('<p>a &lt; b &gt; c &amp; d</p>');
    expect(clean('<a href="/x"<p>broken')).toBe('<a href="https://site.example/x">broken</a>');
  });

  it('passes text without markup or entities through, only ">" escaped, untrimmed', () => {
    expect(clean('  plain > text  ')).toBe('  plain &gt; text  ');
  });

  it('never writes a tag, attribute or URL scheme the policy does not allow, on generated tag soup', () => {
    const pieces = [
      '<p>', '</p>', '<b>', '</b>', '<div>', '</div>', '<a href="javascript:x">', '<a href="/r" onclick="x">', '<a href=" java\tscript:x">', '</a>', '<img src="x.png" onerror="y">',
      '<img srcset="javascript:a 1x, b.png 2x">', '<img data-src="/l.jpg" src="vbscript:x">', '<script>', '</script>', '<style>', '</style>', '<svg>', '</svg>', '<iframe>',
      '<h1>', '</h1>', '<video controls poster="javascript:p">', '<!--', '-->', '<![CDATA[', ']]>', '"', "'", '<', '>', '&', '&lt;script&gt;', 'x', ' ', '=',
    ];
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(soup, fc.constantFrom(lenient, strict), fc.constantFrom(BASE, null), (html, policy, base) => {
        expectOnlyAllowed(sanitiseHtml(html, policy, base), policy);
      }),
      { numRuns: 2_000 },
    );
  });
});

/** Parses the output again and checks every tag, attribute and URL against the policy. */
function expectOnlyAllowed(html: string, policy: SanitisePolicy): void {
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        expect(policy.tags.has(name)).toBe(true);
        for (const [attribute, value] of Object.entries(attributes)) {
          expect(policy.attributes.get(name)?.has(attribute)).toBe(true);
          if (attribute === 'href' || attribute === 'src' || attribute === 'poster' || attribute === 'srcset') {
            // eslint-disable-next-line no-control-regex
            expect(value.replace(/[\x00-\x20]+/g, '')).not.toMatch(/^(?:javascript|vbscript|data):/i);
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}
