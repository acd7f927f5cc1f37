import { describe, expect, it } from 'vitest';
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
