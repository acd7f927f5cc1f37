import { describe, expect, it } from 'vitest';
import { repairXml } from './xml-repair.js';

describe('repairXml', () => {
  it('gives back the document unchanged, without a warning, when it needs no repair', () => {
    const warnings: string[] = [];
    const xml = '<rss><t>a &amp; b &lt;p&gt; &#233; &#x20AC; &quot;&apos;</t><![CDATA[& <]]><!-- & --></rss>';
    expect(repairXml(xml, warnings)).toBe(xml);
    expect(warnings).toEqual([]);
  });

  it('repairs only what is broken, outside CDATA and comments, and counts each kind once', () => {
    const warnings: string[] = [];
    const xml = '<rss><t>a & b &nbsp;&eacute; &bogus; &#0; 1 < 2 &amp;</t><![CDATA[& < &nbsp;]]><!-- & --></rss>';
    expect(repairXml(xml, warnings)).toBe('<rss><t>a &amp; b &#160;&#233; &amp;bogus;  1 &lt; 2 &amp;</t><![CDATA[& < &nbsp;]]><!-- & --></rss>');
    expect(warnings).toEqual([
      'converted 2 HTML named entities that XML does not define (e.g. &nbsp;) to character references',
      'kept 1 unknown entity as text (e.g. &bogus;)',
      'escaped 1 bare "&" character that started no entity reference',
      'dropped 1 character reference to characters XML does not allow',
      'escaped 1 stray "<" character',
    ]);
  });

  it('expands entities the DOCTYPE declares, repairing their values', () => {
    const warnings: string[] = [];
    const repaired = repairXml('<!DOCTYPE rss [<!ENTITY who "Jo & Co">]><rss><a>&who;</a></rss>', warnings);
    expect(repaired).toBe('<!DOCTYPE rss [<!ENTITY who "Jo & Co">]><rss><a>Jo &amp; Co</a></rss>');
  });
});
