import { describe, expect, it } from 'vitest';
import { fixture } from './read-fixture.js';
import { parseFeed } from './index.js';

describe('parseFeed: RSS 2.0', () => {
  const parsed = parseFeed(fixture('rss2.xml'), { feedUrl: 'https://news.example.com/feed.xml' });

  it('reports the format and the channel fields as plain text and absolute URLs', async () => {
    const { format, feed } = await parsed;
    expect(format).toBe('rss2');
    expect(feed).toEqual({
      title: 'The Daily & Weekly',
      siteUrl: 'https://news.example.com/',
      feedUrl: 'https://news.example.com/feed.xml',
      description: 'News that matters',
      language: 'en-GB',
      updatedAt: '2003-06-10T09:41:01.000Z',
    });
  });

  it('reads content:encoded, dc:creator, enclosures, media:content and categories of an item', async () => {
    const { items } = await parsed;
    expect(items[0]).toEqual({
      id: 'news-1001',
      url: 'https://news.example.com/2003/06/rock?page=2',
      title: 'Rock \u2019n\u2019 roll returns',
      summary: '<p>Short <em>summary</em>.</p>',
      contentHtml:
        '<p>Full <strong>story</strong> with <a href="https://news.example.com/about">a relative link</a> and <img src="https://news.example.com/img/photo.jpg" alt="Photo" /></p>',
      authors: ['Ann Author', 'Bob Writer'],
      publishedAt: '2003-06-10T08:00:00.000Z',
      updatedAt: null,
      categories: ['Music', 'Culture'],
      enclosures: [
        { url: 'https://cdn.example.com/audio/rock.mp3', type: 'audio/mpeg', length: 24986239 },
        { url: 'https://cdn.example.com/video/rock.mp4', type: 'video/mp4', length: 1000 },
      ],
    });
  });

  it('decodes &#8217; and &nbsp; in titles and reports the HTML entity it had to convert', async () => {
    const { items, warnings } = await parsed;
    expect(items[0]?.title).toBe('Rock ’n’ roll returns');
    expect(warnings).toContain('converted 1 HTML named entity that XML does not define (e.g. &nbsp;) to character references');
  });

  it('drops tracking parameters and fragments and lower-cases the host and default port of item links', async () => {
    const { items } = await parsed;
    expect(items.map((item) => item.url)).toEqual([
      'https://news.example.com/2003/06/rock?page=2',
      'https://news.example.com/2003/06/relative.html?id=7',
      'https://news.example.com/2003/06/guid-only.html',
      null,
    ]);
  });

  it('uses a permalink guid as the URL when an item has no link, and keeps the guid as the id', async () => {
    const { items } = await parsed;
    expect(items[2]?.id).toBe('https://news.example.com/2003/06/guid-only.html?gclid=xyz');
    expect(items[2]?.url).toBe('https://news.example.com/2003/06/guid-only.html');
  });

  it('reads an RFC 822 date with a two-digit year and no seconds', async () => {
    const { items } = await parsed;
    expect(items[1]?.publishedAt).toBe('2003-06-11T08:30:00.000Z');
  });

  it('gives an unparseable date as null with a warning naming the item', async () => {
    const { items, warnings } = await parsed;
    expect(items[2]?.publishedAt).toBeNull();
    expect(warnings).toContain('item 3: unparseable date "not a date at all"');
  });

  it('gives an item with no guid and no link a stable hash id', async () => {
    const { items } = await parsed;
    const again = await parseFeed(fixture('rss2.xml'), { feedUrl: 'https://news.example.com/feed.xml' });
    expect(items[3]?.id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(again.items[3]?.id).toBe(items[3]?.id);
    expect(items[3]?.title).toBeNull();
  });

  it('keeps the items in feed order', async () => {
    const { items } = await parsed;
    expect(items.map((item) => item.title)).toEqual(['Rock ’n’ roll returns', 'Relative link item', 'Only a permalink guid', null]);
  });
});

describe('parseFeed: relative links', () => {
  const feed = (link: string) => `<rss version="2.0"><channel><title>t</title><item><title>i</title><link>${link}</link></item></channel></rss>`;

  it('resolves a relative item link against the feed URL', async () => {
    const parsed = await parseFeed(feed('posts/7.html'), { feedUrl: 'https://blog.example.org/feeds/all.xml' });
    expect(parsed.items[0]?.url).toBe('https://blog.example.org/feeds/posts/7.html');
  });

  it('resolves against an xml:base on the item before the feed URL', async () => {
    const xml = '<rss version="2.0"><channel><title>t</title><item xml:base="https://cdn.example.net/a/"><link>b.html</link></item></channel></rss>';
    const parsed = await parseFeed(xml, { feedUrl: 'https://blog.example.org/feeds/all.xml' });
    expect(parsed.items[0]?.url).toBe('https://cdn.example.net/a/b.html');
  });

  it('gives null for a relative link when there is nothing to resolve it against', async () => {
    const parsed = await parseFeed(feed('posts/7.html'));
    expect(parsed.items[0]?.url).toBeNull();
  });

  it('gives null for a link that is not http(s)', async () => {
    const parsed = await parseFeed(feed('ftp://files.example.org/a.txt'), { feedUrl: 'https://blog.example.org/feed' });
    expect(parsed.items[0]?.url).toBeNull();
  });
});

describe('parseFeed: RSS 0.91', () => {
  it('reads a 0.91 feed with the Netscape DOCTYPE and its HTML entities', async () => {
    const parsed = await parseFeed(fixture('rss091.xml'), { feedUrl: 'http://www.example.com/rss.xml' });
    expect(parsed.format).toBe('rss09x');
    expect(parsed.feed.title).toBe('Café Chronicle');
    expect(parsed.feed.language).toBe('fr');
    expect(parsed.items).toHaveLength(2);
    expect(parsed.items[0]).toMatchObject({
      id: 'http://www.example.com/first.html',
      url: 'http://www.example.com/first.html',
      title: 'First & finest',
      summary: 'The <em>first</em> item.',
      contentHtml: null,
    });
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  const parsed = parseFeed(fixture('rss1.rdf'));

  it('reads the channel, with dc:language and dc:date', async () => {
    const { format, feed } = await parsed;
    expect(format).toBe('rss1');
    expect(feed).toEqual({
      title: 'RDF Site',
      siteUrl: 'http://rdf.example.org/',
      feedUrl: null,
      description: 'An RSS 1.0 channel',
      language: 'de-DE',
      updatedAt: '2024-03-01T08:00:00.000Z',
    });
  });

  it('reads items outside the channel, with dc:date, dc:creator and dc:subject', async () => {
    const { items } = await parsed;
    expect(items[0]).toEqual({
      id: 'http://rdf.example.org/a',
      url: 'http://rdf.example.org/a',
      title: 'Item A',
      summary: 'About A',
      contentHtml: null,
      authors: ['Hanna Schmidt'],
      publishedAt: '2024-03-01T09:00:00.000Z',
      updatedAt: null,
      categories: ['Technik'],
      enclosures: [],
    });
  });

  it('falls back to rdf:about for an item without a link', async () => {
    const { items } = await parsed;
    expect(items[1]?.url).toBe('http://rdf.example.org/b');
    expect(items[1]?.publishedAt).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('parseFeed: namespace prefixes', () => {
  it('reads Atom and Dublin Core elements under unusual prefixes (WCF writes a10: for Atom)', async () => {
    const xml = `<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom" xmlns:dcx="http://purl.org/dc/elements/1.1/"><channel>
      <title>WCF</title><a10:link rel="self" href="https://wcf.example/feed"/>
      <item><guid isPermaLink="false">w1</guid><a10:link href="https://wcf.example/w1"/><a10:updated>2020-05-05T05:05:05Z</a10:updated><dcx:creator>Dee</dcx:creator></item>
    </channel></rss>`;
    const parsed = await parseFeed(xml);
    expect(parsed.feed.feedUrl).toBe('https://wcf.example/feed');
    expect(parsed.items[0]).toMatchObject({ url: 'https://wcf.example/w1', updatedAt: '2020-05-05T05:05:05.000Z', authors: ['Dee'] });
  });
});
