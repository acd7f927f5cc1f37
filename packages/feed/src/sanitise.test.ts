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
