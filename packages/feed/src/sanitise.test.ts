import fc from 'fast-check';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { sanitiseFeedHtml } from './sanitise.js';

const BASE = 'https://site.example/posts/one.html';

describe('sanitiseFeedHtml', () => {
  it('removes script and style elements together with their content', () => {
    expect(sanitiseFeedHtml('<p>Hi</p><script>alert(1)</script><style>p{color:red}</style>', BASE)).toBe('<p>Hi</p>');
  });

  it('removes on* event handlers but keeps the element', () => {
    expect(sanitiseFeedHtml('<img src="a.png" onerror="alert(1)"><p onclick="x()">t</p>', BASE)).toBe('<img src="https://site.example/posts/a.png" /><p>t</p>');
  });

  it('drops javascript:, data: and vbscript: URLs, also when disguised', () => {
    const html = '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><img src="data:image/png;base64,AAAA"><a href="vbscript:x">c</a>';
    expect(sanitiseFeedHtml(html, BASE)).toBe('<a>a</a><a>b</a><img /><a>c</a>');
  });

  it('removes iframe, object, embed and form elements', () => {
    const html = '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf"><form action="/steal"><input name="q"><button>Go</button></form><p>kept</p>';
    expect(sanitiseFeedHtml(html, BASE)).toBe('Go<p>kept</p>');
  });

  it('makes relative href, src and srcset URLs absolute against the base', () => {
    const html = '<a href="../about">About</a><img src="/img/a.png" srcset="a-1x.png 1x, //cdn.example/a-2x.png 2x">';
    expect(sanitiseFeedHtml(html, BASE)).toBe(
      '<a href="https://site.example/about">About</a><img src="https://site.example/img/a.png" srcset="https://site.example/posts/a-1x.png 1x, https://cdn.example/a-2x.png 2x" />',
    );
  });

  it('leaves relative URLs relative when there is no base', () => {
    expect(sanitiseFeedHtml('<a href="/about">About</a>', null)).toBe('<a href="/about">About</a>');
  });

  it('drops style and class attributes', () => {
    expect(sanitiseFeedHtml('<p style="position:fixed" class="x">t</p>', BASE)).toBe('<p>t</p>');
  });

  it('drops 1x1 tracking pixels but keeps real images', () => {
    const html = '<img src="https://feeds.example/~r/track" width="1" height="1"><img src="https://site.example/photo.jpg" width="100" height="80">';
    expect(sanitiseFeedHtml(html, BASE)).toBe('<img src="https://site.example/photo.jpg" width="100" height="80" />');
  });

  it('keeps ordinary article markup as it is', () => {
    const html = '<h2>Title</h2><p>Some <strong>bold</strong>, <em>em</em> and <code>code</code>.</p><ul><li>one</li></ul><blockquote>q</blockquote>';
    expect(sanitiseFeedHtml(html, BASE)).toBe(html);
  });
});

describe('sanitiseFeedHtml: plain text', () => {
  it('gives text without markup or entities exactly what sanitize-html would (it skips the parser for it)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '>', '"', "'", '\n', '\t', 'é', '€', '😀', '=', '/', ';') }), (text) => {
        expect(sanitiseFeedHtml(text, 'https://x.example/')).toBe(sanitizeHtml(text).trim());
      }),
    );
  });
});

/** The options this package passed sanitize-html before it had its own walker: the walker must make the same. */
function sanitizeHtmlAsBefore(html: string, base: string | null): string {
  const resolve = (value: string) => {
    try {
      return value.trim() === '' ? value : new URL(value.trim(), base ?? undefined).toString();
    } catch {
      return value;
    }
  };
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'picture', 'source', 'video', 'audio', 'track', 'del', 'ins', 'details', 'summary'],
    allowedAttributes: {
      a: ['href', 'title', 'hreflang'],
      img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height'],
      video: ['src', 'poster', 'controls', 'width', 'height'],
      ol: ['start', 'reversed', 'type'],
      blockquote: ['cite'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster', 'srcset'],
    nonTextTags: ['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'title', 'head'],
    transformTags:
      base === null
        ? {}
        : {
            '*': (tagName, attribs) => {
              const out = { ...attribs };
              for (const name of ['href', 'src', 'cite', 'poster']) if (out[name] !== undefined) out[name] = resolve(out[name]);
              if (out.srcset !== undefined) {
                const candidates = out.srcset.split(',').map((candidate) => candidate.trim()).filter((candidate) => candidate !== '');
                out.srcset = candidates.map((candidate) => candidate.split(/\s+/).map((part, index) => (index === 0 ? resolve(part) : part)).join(' ')).join(', ');
              }
              return { tagName, attribs: out };
            },
          },
    exclusiveFilter: (frame) => frame.tag === 'img' && frame.attribs.width === '1' && frame.attribs.height === '1',
  }).trim();
}

/** Tag soup with the attributes the allow-list judges: URLs of every scheme, handlers, empty and boolean values. */
const PIECES = [
  '<p>', '</p>', '<div>', '</div>', '<b>', '</b>', '<a href="/rel">', '<a href="javascript:alert(1)">', '<a href=" JaVa\tScript:x">', '<a href="//cdn.example/x">',
  '<a href="mailto:a@b.example" title="t &amp; &quot;q&quot;">', '</a>', '<img src="a.png" alt="">', '<img src="x" width="1" height="1">', '<img srcset="a.png 1x, javascript:b 2x">',
  '<img srcset="">', '<img src="data:image/png;base64,AA" onerror="x()">', '<video controls src="v.mp4" poster="p.jpg">', '</video>', '<ol reversed start="3" type="">', '</ol>',
  '<blockquote cite="../c">', '</blockquote>', '<script>', '</script>', '<style>', '</style>', '<iframe src="x">', '</iframe>', '<svg><script>a</script></svg>', '<select>', '<option>',
  '</option>', '</select>', '<p style="x" class="y" onclick="z">', '<br>', '</br>', '<!-- c -->', 'text', ' ', '&amp;', '&lt;b&gt;', '&nbsp;', '<', '>', '"', "'", '&', '</3>', 'é',
];
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('sanitiseFeedHtml: the allow-list walker', () => {
  it('makes exactly what sanitize-html made with the options the package used to pass it', () => {
    fc.assert(
      fc.property(soup, fc.constantFrom(BASE, null), (html, base) => {
        expect(sanitiseFeedHtml(html, base)).toBe(sanitizeHtmlAsBefore(html, base));
      }),
      { numRuns: 3_000 },
    );
  });
});
