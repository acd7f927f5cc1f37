import { describe, expect, it } from 'vitest';
import { buildXmlDocument } from './xml-document.js';
import { NamespacePrefixes } from './xml-namespaces.js';

const build = (xml: string, format: 'rss2' | 'atom1' = 'rss2') => buildXmlDocument(xml, new NamespacePrefixes(format));

describe('buildXmlDocument', () => {
  it('names elements and attributes by the usual prefix of their namespace, whatever the document binds', () => {
    const { root } = build('<rss xmlns:x="http://purl.org/dc/elements/1.1/" xmlns:a10="http://www.w3.org/2005/Atom"><x:creator/><a10:link x:foo="1"/><plain/></rss>');
    expect(root?.children.map((child) => child.name)).toEqual(['dc:creator', 'atom:link', 'plain']);
    expect(root?.children[1]?.attr('dc:foo')).toBe('1');
  });

  it("reads the Atom namespace unprefixed in an Atom document and the RSS 1.0 namespace unprefixed everywhere", () => {
    expect(build('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry/></a:feed>', 'atom1').root?.children[0]?.name).toBe('entry');
    expect(build('<r xmlns:rss="http://purl.org/rss/1.0/"><rss:item/></r>').root?.children[0]?.name).toBe('item');
  });

  it('scopes namespace declarations to the element that makes them', () => {
    const { root } = build('<rss><a xmlns:dc="http://example.org/not-dc"><dc:creator/></a><b xmlns:q="http://purl.org/dc/elements/1.1/"><q:creator/></b><q:creator/></rss>');
    expect(root?.children.map((child) => child.children[0]?.name ?? child.name)).toEqual(['dc:creator', 'dc:creator', 'q:creator']);
  });

  it('keeps the namespaces of an element closed for a new one in scope inside it, and only there', () => {
    const { root } = build('<rss><item xmlns:x="http://purl.org/dc/elements/1.1/"><title>a<item><x:creator/></item><x:creator/></rss>');
    expect(root?.children.map((child) => `${child.name}:${child.children.map((grandchild) => grandchild.name).join(',')}`)).toEqual(['item:title', 'item:dc:creator', 'x:creator:']);
  });

  it('looks elements and attributes up whatever their case', () => {
    const { root } = build('<rss><Item><PubDate IsPermaLink="false">x</PubDate></Item></rss>');
    expect(root?.first('item')?.first('pubDate')?.attr('isPermaLink')).toBe('false');
  });

  it('gives text with entities and CDATA decoded, and the inner markup of an element holding elements', () => {
    const { root } = build('<rss><t>a &amp; <![CDATA[<b>]]></t><d>x <b>y</b><![CDATA[ <i> ]]><!-- c --> z</d></rss>');
    expect(root?.first('t')?.text()).toBe('a & <b>');
    expect(root?.first('d')?.text()).toBe('x <b>y</b> &lt;i&gt;  z');
    expect(root?.first('d')?.ownText()).toBe('x  <i>  z');
  });

  it('records an end tag that closes elements opened after the one it names, and closes them', () => {
    const { root, problems } = build('<rss><item><title>a</item><item/></rss>');
    expect(root?.all('item')).toHaveLength(2);
    expect(problems).toEqual([{ kind: 'unclosed-element', detail: '</item> closed <title>', offset: 19 }]);
  });

  it('records and ignores an end tag that matches no open element', () => {
    const { root, problems } = build('<rss><a>x</b></a></rss>');
    expect(root?.first('a')?.text()).toBe('x');
    expect(problems).toEqual([{ kind: 'stray-end-tag', detail: '</b> matches no open element', offset: 9 }]);
  });

  it('closes a text-only element when a feed element starts inside it', () => {
    const { root, problems } = build('<item><title>a</titel><link>u</link></item>');
    expect(root?.first('title')?.text()).toBe('a');
    expect(root?.first('link')?.text()).toBe('u');
    expect(problems.map((problem) => problem.kind)).toEqual(['stray-end-tag', 'unclosed-element']);
  });

  it('reports the elements still open at the end, and only those of the root', () => {
    const { root, unclosedAtEnd } = build('<rss><item><title>cut');
    expect([...unclosedAtEnd].map((element) => element.name)).toEqual(['title', 'item', 'rss']);
    expect(root?.first('item')?.first('title')?.text()).toBe('cut');
    expect(build('<rss/><br>').unclosedAtEnd.size).toBe(0);
  });

  it('records content after the root element and keeps it out of the tree', () => {
    const { root, problems } = build('<rss><a/></rss>junk<b/>');
    expect(root?.children.map((child) => child.name)).toEqual(['a']);
    expect(problems.map((problem) => problem.detail)).toEqual(['text after the root element', '<b> after the root element']);
  });

  it('does not report HTML void elements closed by their parent', () => {
    expect(build('<d>one<br>two<img src="x"></d>').problems).toEqual([]);
  });
});

describe('buildXmlDocument: element text', () => {
  it('decodes references when the text is read, and leaves CDATA as written', () => {
    const { root } = build('<rss><t>a &amp;lt; b</t><c><![CDATA[a &amp; <b>]]></c><n>&#x20AC;&#8217;</n></rss>');
    expect(root?.first('t')?.text()).toBe('a &lt; b');
    expect(root?.first('c')?.text()).toBe('a &amp; <b>');
    expect(root?.first('n')?.text()).toBe('€’');
  });

  it('joins text split by comments, CDATA sections and processing instructions', () => {
    const { root } = build('<rss><t>a<!-- x -->b<![CDATA[&c]]><?pi?>&amp;d</t></rss>');
    expect(root?.first('t')?.text()).toBe('ab&c&d');
  });

  it('gives the markup of an element as written, whether or not it holds elements', () => {
    const { root } = build('<rss><t>a &amp;lt; b<![CDATA[ <i> ]]><!-- c --></t><d>x <b>y</b></d><e/></rss>');
    expect(root?.first('t')?.markup()).toBe('a &amp;lt; b &lt;i&gt; ');
    expect(root?.first('d')?.markup()).toBe('x <b>y</b>');
    expect(root?.first('e')?.markup()).toBe('');
  });

  it('gives the name of an element as its start tag writes it', () => {
    const { root } = build('<rss xmlns:h="http://www.w3.org/1999/xhtml"><h:div\nclass="x">a</h:div><br/><Item>i</Item></rss>');
    expect(root?.children.map((child) => [child.name, child.writtenName()])).toEqual([
      ['xhtml:div', 'h:div'],
      ['br', 'br'],
      ['Item', 'Item'],
    ]);
  });

  it('decodes references in attribute values', () => {
    const { root } = build('<rss><e url="https://a.example/?x=1&amp;y=2" t="&#233;"/></rss>');
    expect(root?.first('e')?.attr('url')).toBe('https://a.example/?x=1&y=2');
    expect(root?.first('e')?.attr('t')).toBe('é');
  });

  it('reports text after the root from where it starts, or after the reference that starts it', () => {
    expect(build('<rss/>\n&amp;').problems).toEqual([{ kind: 'content-after-root', detail: 'text after the root element', offset: 12 }]);
    expect(build('<rss/>\nx&amp;').problems).toEqual([{ kind: 'content-after-root', detail: 'text after the root element', offset: 6 }]);
    expect(build('<rss/>\n&#32;').problems).toEqual([]);
  });
});
