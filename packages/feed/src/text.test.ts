import { describe, expect, it } from 'vitest';
import { toHtmlSource, toPlainText } from './text.js';

describe('toPlainText', () => {
  it('decodes numeric and named entities, including HTML-only names', () => {
    expect(toPlainText({ kind: 'html', value: 'Caf&eacute; &#8217;n&#x2019; &amp; co' })).toBe('Café ’n’ & co');
  });

  it('decodes HTML entities once, as a browser renders them: an escaped entity stays an entity in the text', () => {
    expect(toPlainText({ kind: 'html', value: 'Tom &amp; Jerry' })).toBe('Tom & Jerry');
    expect(toPlainText({ kind: 'html', value: 'Tom &amp;amp; Jerry' })).toBe('Tom &amp; Jerry');
  });

  it('keeps escaped markup inside HTML as text, never as a tag', () => {
    expect(toPlainText({ kind: 'html', value: '&lt;blink&gt;Bold&lt;/blink&gt; move' })).toBe('<blink>Bold</blink> move');
  });

  it('takes literal text as it is: its entity-like runs are characters', () => {
    expect(toPlainText({ kind: 'text', value: 'AT&amp;T <div>' })).toBe('AT&amp;T <div>');
  });

  it('strips tags from HTML and keeps words apart across block boundaries', () => {
    expect(toPlainText({ kind: 'html', value: '<p>One</p><p>Two<br>Three</p><script>evil()</script>' })).toBe('One Two Three');
  });

  it('keeps a lone "<" that starts no tag', () => {
    expect(toPlainText({ kind: 'html', value: '1 < 2 &amp; 3 > 2' })).toBe('1 < 2 & 3 > 2');
  });

  it('keeps angle brackets in literal text (Atom type="text")', () => {
    expect(toPlainText({ kind: 'text', value: 'Why <div> soup is bad' })).toBe('Why <div> soup is bad');
  });

  it('collapses whitespace, no-break spaces included, and trims', () => {
    expect(toPlainText({ kind: 'html', value: '  A\n\t B&nbsp;\u00a0C  ' })).toBe('A B C');
  });

  it('returns null for empty or whitespace-only values', () => {
    expect(toPlainText({ kind: 'html', value: ' <br/> &nbsp; ' })).toBeNull();
  });
});

describe('toHtmlSource', () => {
  it('escapes literal text so it shows as text', () => {
    expect(toHtmlSource({ kind: 'text', value: 'a <b> & c' })).toBe('a &lt;b&gt; &amp; c');
  });

  it('keeps HTML that was escaped once more than it needs as escaped text', () => {
    expect(toHtmlSource({ kind: 'html', value: '&lt;p&gt;Hello&lt;/p&gt;' })).toBe('&lt;p&gt;Hello&lt;/p&gt;');
  });

  it('leaves real HTML alone', () => {
    expect(toHtmlSource({ kind: 'html', value: '<p>5 &lt; 6</p>' })).toBe('<p>5 &lt; 6</p>');
  });
});
