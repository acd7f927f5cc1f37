import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('drops tags and keeps the text between them, whitespace as it is', () => {
    expect(htmlToText('<p>One <b>two</b></p>\n<p>three</p>')).toBe('One two\nthree');
  });

  it('decodes entities once: escaped markup is text', () => {
    expect(htmlToText('Fish &amp; chips &lt;b&gt; &amp;amp; &eacute;&#233;')).toBe('Fish & chips <b> &amp; éé');
  });

  it('drops what a reader never sees as text, with its content', () => {
    expect(htmlToText('<head><title>T</title></head>a<script>x()</script>b<style>p{}</style>c<noscript>n</noscript>d<textarea>t</textarea>e<!-- c -->f')).toBe('abcdef');
  });

  it('reads malformed markup and stray end tags', () => {
    expect(htmlToText('a</b></div>b<p>c<i>d')).toBe('abcd');
    expect(htmlToText('<p title="x>y">text</p>')).toBe('text');
  });
});
