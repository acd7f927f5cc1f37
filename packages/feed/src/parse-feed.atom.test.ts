import { describe, expect, it } from 'vitest';
import { parseFeed } from './index.js';
import { fixture } from './read-fixture.js';

describe('parseFeed: Atom 1.0', () => {
  const parsed = parseFeed(fixture('atom1.xml'), { feedUrl: 'https://atom.example.org/atom.xml' });

  it('reads the feed, resolving its links against a relative feed-level xml:base', async () => {
    const { format, feed, warnings } = await parsed;
    expect(format).toBe('atom1');
    expect(feed).toEqual({
      title: 'Atom &amp; Eve',
      siteUrl: 'https://atom.example.org/blog/',
      feedUrl: 'https://atom.example.org/atom.xml',
      description: 'All the news',
      language: 'en-US',
      updatedAt: '2005-07-31T12:29:29.000Z',
    });
    expect(warnings).toEqual([]);
  });

  it('resolves entry links through nested relative xml:base (feed, then entry) and drops tracking parameters', async () => {
    const { items } = await parsed;
    expect(items[0]?.url).toBe('https://atom.example.org/blog/2005/07/entry.html');
    expect(items[0]?.enclosures).toEqual([{ url: 'https://atom.example.org/blog/2005/07/audio/talk.mp3', type: 'audio/mpeg', length: 1337 }]);
  });

  it('resolves a link without an entry xml:base against the feed-level base', async () => {
    const { items } = await parsed;
    expect(items[1]?.url).toBe('https://atom.example.org/blog/second.html');
  });

  it('resolves URLs inside xhtml content against the xml:base of the content element itself', async () => {
    const { items } = await parsed;
    expect(items[0]?.contentHtml).toBe(
      '<p>An <b>xhtml</b> body with <img src="https://atom.example.org/blog/2005/07/media/pic.png" alt="pic" /> and <a href="https://atom.example.org/blog/about.html">about</a>.</p>',
    );
  });

  it('reads a type="html" title as HTML and returns its text', async () => {
    const { items } = await parsed;
    expect(items[0]?.title).toBe('Café society');
  });

  it('reads a type="xhtml" title, keeping the text around inline elements in order', async () => {
    const { items } = await parsed;
    expect(items[1]?.title).toBe('Second entry & more');
  });

  it('reads a type="text" title literally: an escaped entity in it is text (RFC 4287 section 3.1.1.1)', async () => {
    const { feed } = await parsed;
    expect(feed.title).toBe('Atom &amp; Eve');
  });

  it('escapes a type="text" summary instead of treating it as markup', async () => {
    const { items } = await parsed;
    expect(items[0]?.summary).toBe('Less &lt;than&gt; three');
  });

  it('reads a type="html" summary as sanitised HTML', async () => {
    const { items } = await parsed;
    expect(items[1]?.summary).toBe('<p>HTML <b>summary</b></p>');
  });

  it('reads published and updated, and takes labels before terms for categories', async () => {
    const { items } = await parsed;
    expect(items[0]).toMatchObject({
      id: 'tag:atom.example.org,2005:1',
      publishedAt: '2005-07-31T12:29:29.000Z',
      updatedAt: '2005-07-31T12:29:29.000Z',
      categories: ['Technology', 'web'],
    });
    expect(items[1]?.publishedAt).toBeNull();
    expect(items[1]?.updatedAt).toBe('2005-07-31T22:00:00.000Z');
  });

  it("gives an entry without authors the feed's authors", async () => {
    const { items } = await parsed;
    expect(items[0]?.authors).toEqual(['Mark']);
    expect(items[1]?.authors).toEqual(['Feed Owner']);
  });

  it('keeps an invalid Atom date from losing the feed: null plus a warning', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>1</id><title>ok</title><published>yesterday-ish</published><updated>2024-01-01T00:00:00Z</updated></entry></feed>`;
    const result = await parseFeed(xml);
    expect(result.items[0]?.publishedAt).toBeNull();
    expect(result.items[0]?.updatedAt).toBe('2024-01-01T00:00:00.000Z');
    expect(result.warnings).toEqual(['item 1: unparseable date "yesterday-ish"']);
  });

  it('reads an Atom feed whose elements use a namespace prefix', async () => {
    const xml = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title>
      <a:entry><a:id>p1</a:id><a:title>Entry</a:title><a:link href="https://p.example.org/1"/></a:entry></a:feed>`;
    const result = await parseFeed(xml);
    expect(result.format).toBe('atom1');
    expect(result.feed.title).toBe('Prefixed');
    expect(result.items.map((item) => [item.id, item.url])).toEqual([['p1', 'https://p.example.org/1']]);
  });
});

describe('parseFeed: Atom 0.3', () => {
  const parsed = parseFeed(fixture('atom03.xml'));

  it('reads the feed: escaped-mode title, tagline, modified', async () => {
    const { format, feed } = await parsed;
    expect(format).toBe('atom03');
    expect(feed).toEqual({
      title: 'Zero point three',
      siteUrl: 'http://old-atom.example.org/',
      feedUrl: null,
      description: 'The old Atom',
      language: 'en',
      updatedAt: '2004-01-01T12:00:00.000Z',
    });
  });

  it('reads issued as published and modified as updated', async () => {
    const { items } = await parsed;
    expect(items.map((item) => [item.publishedAt, item.updatedAt])).toEqual([
      ['2003-12-13T12:29:29.000Z', '2003-12-13T18:30:02.000Z'],
      ['2003-12-14T00:00:00.000Z', '2003-12-14T10:00:00.000Z'],
    ]);
  });

  it('decodes mode="escaped" content as HTML and sanitises it', async () => {
    const { items } = await parsed;
    expect(items[0]?.contentHtml).toBe('<p>Escaped <b>html</b></p>');
  });

  it('decodes a mode="base64" text/plain summary', async () => {
    const { items } = await parsed;
    expect(items[0]?.summary).toBe('Hello, world');
  });

  it('reads mode="xml" inline XHTML content without its wrapping div', async () => {
    const { items } = await parsed;
    expect(items[1]?.contentHtml).toBe('<p>Line one<br />line <em>two</em></p>');
  });

  it('reads ids, links and authors', async () => {
    const { items } = await parsed;
    expect(items.map((item) => [item.id, item.url, item.authors])).toEqual([
      ['tag:old-atom.example.org,2003:3.2397', 'http://old-atom.example.org/2003/12/13/one', ['Zed']],
      ['tag:old-atom.example.org,2003:3.2398', 'http://old-atom.example.org/2003/12/14/two', ['Zed']],
    ]);
  });
});
