import { describe, expect, it } from 'vitest';
import { prologDoctype, prologLength, readDoctype, unparsedSections } from './xml-markup.js';

describe('readDoctype', () => {
  it('reads a DOCTYPE with ids and an internal subset', () => {
    const text = '<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss/>';
    expect(readDoctype(text, 0)).toEqual({ start: 0, end: text.indexOf('<rss/>'), internalSubset: '' });
    const withSubset = '<!doctype rss [ <!ENTITY a "x"> ]>';
    expect(readDoctype(withSubset, 0)).toEqual({ start: 0, end: withSubset.length, internalSubset: ' <!ENTITY a "x"> ' });
  });

  it('does not end at a > or ] inside quotes, comments or processing instructions', () => {
    const text = `<!DOCTYPE x SYSTEM "a>b" [<!ENTITY e "]>"><!-- ]> ' --><?pi ]> ?><!ENTITY f '"'>]>after`;
    const doctype = readDoctype(text, 0);
    expect(text.slice(doctype?.end ?? 0)).toBe('after');
    expect(doctype?.internalSubset).toBe(`<!ENTITY e "]>"><!-- ]> ' --><?pi ]> ?><!ENTITY f '"'>`);
  });

  it('gives null for a DOCTYPE that never ends', () => {
    for (const text of ['<!DOCTYPE rss', '<!DOCTYPE rss "id>', '<!DOCTYPE rss [<!ENTITY a "b">', `<!DOCTYPE rss${'[]'.repeat(40)}[<rss>`, '<!DOCTYPE x [<!-- ]>']) {
      expect(readDoctype(text, 0)).toBeNull();
    }
  });
});

describe('prologLength and prologDoctype', () => {
  it('skip whitespace, the declaration, comments, PIs and a DOCTYPE, and stop at the root', () => {
    const prolog = '<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE rss [<!ENTITY a "A">]>\n<?xml-stylesheet href="s.xsl"?>\n';
    expect(prologLength(`${prolog}<rss/>`)).toBe(prolog.length);
    expect(prologDoctype(`${prolog}<rss/>`)?.internalSubset).toBe('<!ENTITY a "A">');
    expect(prologDoctype('<rss><!DOCTYPE x [<!ENTITY a "A">]></rss>')).toBeNull();
  });

  it('end at anything left open', () => {
    expect(prologLength('  <!-- open <rss/>')).toBe(2);
    expect(prologLength(' <!DOCTYPE rss[][<rss/>')).toBe(1);
  });
});

describe('unparsedSections', () => {
  it('finds CDATA, comments, PIs and DOCTYPEs in order; an open one runs to the end', () => {
    const text = '<?xml?><!DOCTYPE a><r><![CDATA[<x>]]><!-- <y> --><z/><![CDATA[cut';
    expect([...unparsedSections(text)].map((section) => [section.kind, text.slice(section.start, section.end)])).toEqual([
      ['pi', '<?xml?>'],
      ['doctype', '<!DOCTYPE a>'],
      ['cdata', '<![CDATA[<x>]]>'],
      ['comment', '<!-- <y> -->'],
      ['cdata', '<![CDATA[cut'],
    ]);
  });

  it('reads a DOCTYPE left open as markup, and every later one too', () => {
    const text = '<!DOCTYPE a "<!DOCTYPE b><!-- c -->';
    expect([...unparsedSections(text)].map((section) => section.kind)).toEqual(['comment']);
  });
});
