import { describe, expect, it } from 'vitest';
import { decodeXmlText, readXmlTokens, type XmlTokenHandler } from './xml-tokens.js';

/** Every event as a line, text sliced (and CDATA marked) from the source. */
function events(source: string): string[] {
  const seen: string[] = [];
  const handler: XmlTokenHandler = {
    openTag: (name, attributes, tagStart, contentStart, selfClosing) =>
      seen.push(`open ${name} [${attributes.join(',')}] ${tagStart}-${contentStart}${selfClosing ? ' self-closing' : ''}`),
    closeTag: (name, tagStart) => seen.push(`close ${name} ${tagStart}`),
    text: (start, end) => seen.push(`text ${JSON.stringify(source.slice(start, end))}`),
    cdata: (start, end) => seen.push(`cdata ${JSON.stringify(source.slice(start, end))}`),
  };
  readXmlTokens(source, handler);
  return seen;
}

describe('readXmlTokens', () => {
  it('reports tags with their attributes decoded and offsets, and text as written', () => {
    expect(events('<a x="1 &amp; 2" y=\'&#65;\'>t &lt; u<b/></a>')).toEqual([
      'open a [x,1 & 2,y,A] 0-27',
      'text "t &lt; u"',
      'open b [] 35-39 self-closing',
      'close a 39',
    ]);
  });

  it('splits text around comments and CDATA, and gives CDATA content as it is', () => {
    expect(events('<a>x<!-- c -->y<![CDATA[&amp;<b>]]>z</a>')).toEqual(['open a [] 0-3', 'text "x"', 'text "y"', 'cdata "&amp;<b>"', 'text "z"', 'close a 36']);
  });

  it('keeps repeated attributes, and end tags that match nothing, for the handler to judge', () => {
    expect(events('<a k="1" k="2"></b></a>')).toEqual(['open a [k,1,k,2] 0-15', 'close b 15', 'close a 19']);
  });

  it('reads many distinct names of one length and first letter by their spelling', () => {
    const names = Array.from({ length: 20 }, (_, index) => `n${String(index).padStart(2, '0')}`);
    const opened = events(names.map((name) => `<${name}/>`).join('')).map((event) => event.split(' ')[1]);
    expect(opened).toEqual(names);
  });
});

describe('decodeXmlText', () => {
  it('decodes the five XML entities and character references, strictly', () => {
    expect(decodeXmlText('&lt;p&gt; &amp;amp; &quot;&apos; &#233;&#x20AC; &eacute; &amp x')).toBe('<p> &amp; "\' é€ &eacute; &amp x');
  });

  it('gives the text itself when it holds no reference', () => {
    expect(decodeXmlText('plain text')).toBe('plain text');
  });
});
