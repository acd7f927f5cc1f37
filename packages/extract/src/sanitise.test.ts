import fc from 'fast-check';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { absoluteHttpUrl } from './links.js';
import { sanitiseArticleHtml } from './sanitise.js';

const BASE = 'https://news.example.org/world/story.html';
const clean = (html: string): string => sanitiseArticleHtml(html, BASE);

describe('sanitiseArticleHtml', () => {
  it('removes scripts, styles, frames, objects, svg and forms with their content', () => {
    const html = clean(`
      <p>Before</p>
      <script>alert(1)</script><style>p { color: red }</style><noscript>Enable JS</noscript>
      <iframe src="https://evil.example/"><p>frame text</p></iframe>
      <object data="x.swf"><embed src="x.swf"></object>
      <svg><text>svg text</text></svg>
      <form action="/s"><input name="q" value="typed"><select><option>Pick me</option></select><button>Go</button><textarea>draft</textarea></form>
      <p>After</p>`);
    expect(html).not.toMatch(/script|style|iframe|object|embed|svg|form|input|button|select|textarea|noscript/i);
    for (const gone of ['alert', 'color: red', 'Enable JS', 'frame text', 'svg text', 'Pick me', 'Go<', 'draft']) expect(html).not.toContain(gone);
    expect(html).toContain('<p>Before</p>');
    expect(html).toContain('<p>After</p>');
  });

  it('removes event handlers, styles, classes and ids', () => {
    const html = clean('<p class="lead" id="x" style="color:red" onclick="steal()">Text <img src="/a.jpg" onerror="steal()" alt="A"></p>');
    expect(html).toBe('<p>Text <img src="https://news.example.org/a.jpg" alt="A" /></p>');
  });

  it('drops javascript:, vbscript: and data: URLs, unwrapping the link', () => {
    expect(clean('<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(1)">two</a> <a href="vbscript:x">three</a></p>')).toBe(
      '<p>one two three</p>',
    );
    expect(clean('<p><a href="java&#x09;script:alert(1)">tab</a></p>')).toBe('<p>tab</p>');
    expect(clean('<p>x<img src="data:image/png;base64,AAAA" alt="d"></p>')).toBe('<p>x</p>');
    expect(clean('<p><a href="mailto:a@example.org">mail</a></p>')).toBe('<p>mail</p>');
  });

  it('makes links and images absolute against the page URL', () => {
    expect(clean('<p><a href="../europe/other.html#top">rel</a> <a href="//cdn.example.org/x">proto</a> <a href="?page=2">query</a></p>')).toBe(
      '<p><a href="https://news.example.org/europe/other.html#top">rel</a> <a href="https://cdn.example.org/x">proto</a> <a href="https://news.example.org/world/story.html?page=2">query</a></p>',
    );
    expect(clean('<img data-src="/lazy.jpg" src="data:image/gif;base64,R0lGOD" alt="">')).toBe('<img src="https://news.example.org/lazy.jpg" />');
  });

  it('keeps figures, captions, lists, quotes, code and tables', () => {
    const html = '<figure><img src="https://news.example.org/p.jpg" alt="Pic" /><figcaption>A <em>caption</em></figcaption></figure>'
      + '<h2>Section</h2><ul><li><strong>one</strong></li></ul><blockquote><p>Quote</p></blockquote><pre><code>x &lt; y</code></pre>'
      + '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table><hr /><p>CO<sub>2</sub><br />next</p>';
    expect(clean(html)).toBe(html);
  });

  it('turns an <h1> into an <h2> and unwraps layout tags, keeping their text', () => {
    expect(clean('<h1>Title</h1><div><section><span>Kept</span> text</section></div>')).toBe('<h2>Title</h2>Kept text');
  });
});

/** The sanitize-html options this package used before the one sanitiser (@tidings/html): the policy must make the same. */
function sanitizeHtmlAsBefore(html: string, baseUrl: string): string {
  const imageSource = (attribs: Record<string, string>): string | null => {
    for (const name of ['src', 'data-src', 'data-original', 'data-lazy-src', 'data-url']) {
      const url = absoluteHttpUrl(attribs[name], baseUrl);
      if (url) return url;
    }
    return null;
  };
  return sanitizeHtml(html, {
    allowedTags: ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i', 'sub', 'sup', 'a', 'img',
      'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'br', 'hr'],
    allowedAttributes: { a: ['href'], img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], ol: ['start'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'video', 'audio',
      'map', 'button', 'select', 'option', 'textarea', 'input', 'head', 'title'],
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = absoluteHttpUrl(attribs['href'], baseUrl);
        const kept: sanitizeHtml.Attributes = href ? { href } : {};
        return { tagName, attribs: kept };
      },
      img: (tagName, attribs) => {
        const src = imageSource(attribs);
        const alt = attribs['alt']?.trim();
        const kept: sanitizeHtml.Attributes = {};
        if (src) kept['src'] = src;
        if (alt) kept['alt'] = alt;
        return { tagName, attribs: kept };
      },
    },
    exclusiveFilter: (frame) => {
      if (frame.tag === 'a' && !frame.attribs['href']) return 'excludeTag';
      return frame.tag === 'img' && !frame.attribs['src'];
    },
  });
}

/** Tag soup with what the article policy judges: renamed and dropped tags, links and lazy images of every kind, empty and padded values. */
const PIECES = [
  '<p>', '</p>', '<h1 class="x">', '</h1>', '<h2>', '</h2>', '<div>', '</div>', '<section>', '<span>', '</span>', '<b>', '</b>', '<em>', '</em>',
  '<a href="../rel#top">', '<a href="javascript:alert(1)">', '<a href=" JaVa\tScript:x">', '<a href="//cdn.example/x">', '<a href="">', '<a href=" ">',
  '<a href="mailto:a@b.example" title="t">', '<a href="http://[bad">', '<a name="anchor">', '<a href="/x" xml:base="https://other.example/">', '</a>',
  '<img src="a.png" alt=" Padded ">', '<img src="data:image/gif;base64,R0" data-src="/lazy.jpg">', '<img data-original="//cdn.example/o.jpg" alt="">',
  '<img data-lazy-src="javascript:x" data-url="u.jpg">', '<img alt="no source">', '<img src=" " alt="A">', '<img src="x" width="1" height="1" onerror="x()">',
  '<table>', '<tr>', '<td colspan="2" rowspan="">', '<th rowspan="3" colspan="1" scope="col">', '</td>', '</tr>', '</table>', '<ol start="3" reversed>', '<ol start="">',
  '<li>', '</li>', '</ol>', '<figure>', '<figcaption>', '</figcaption>', '</figure>', '<br>', '</br>', '<hr>', '<script>', '</script>', '<style>', '</style>',
  '<svg><text>svg</text></svg>', '<iframe src="x">', '</iframe>', '<video controls>', '</video>', '<button>', '</button>', '<select><option>o', '</select>',
  '<input value="v">', '<noscript>', '</noscript>', '<title>', '</title>', '<p style="x" onclick="z">', '<!-- c -->', 'text', ' ', '&amp;', '&lt;b&gt;',
  '&nbsp;', '<', '>', '"', "'", '&', '</3>', 'é',
];
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('sanitiseArticleHtml: the policy', () => {
  it('makes exactly what sanitize-html made with the options the package used to pass it', () => {
    fc.assert(
      fc.property(soup, (html) => {
        expect(sanitiseArticleHtml(html, BASE)).toBe(sanitizeHtmlAsBefore(html, BASE));
      }),
      { numRuns: 3_000 },
    );
  });
});
