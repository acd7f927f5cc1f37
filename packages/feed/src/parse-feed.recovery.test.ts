import { TidingsError } from '@tidings/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from './index.js';
import { fixture } from './read-fixture.js';

const rss = (channelBody: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>${channelBody}</channel></rss>`;

/** The error parseFeed rejected with, failing the test if it resolved. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected parseFeed to reject');
}

describe('parseFeed: recoverable faults', () => {
  it('recovers a title with a bare "&" and warns', async () => {
    const parsed = await parseFeed(rss('<item><title>Tom & Jerry</title><link>https://x.example/1</link></item>'));
    expect(parsed.items[0]?.title).toBe('Tom & Jerry');
    expect(parsed.warnings).toEqual(['escaped 1 bare "&" character that started no entity reference']);
  });

  it('escapes a bare "&" in a link so the query survives', async () => {
    const parsed = await parseFeed(rss('<item><link>https://x.example/a?b=1&c=2</link></item>'));
    expect(parsed.items[0]?.url).toBe('https://x.example/a?b=1&c=2');
  });

  it('skips a byte-order mark and whitespace before the XML declaration without a warning', async () => {
    const parsed = await parseFeed(`\uFEFF\n  ${rss('')}`);
    expect(parsed.feed.title).toBe('Feed');
    expect(parsed.warnings).toEqual([]);
  });

  it('skips junk before the XML declaration with a warning', async () => {
    const parsed = await parseFeed(`Notice: Undefined index\n${rss('')}`);
    expect(parsed.feed.title).toBe('Feed');
    expect(parsed.warnings).toEqual(['ignored 24 characters before the XML document']);
  });

  it('skips a PHP warning printed as HTML before the root element', async () => {
    const parsed = await parseFeed('<br />\n<b>Warning</b>: oops\n<rss version="2.0"><channel><title>Feed</title></channel></rss>');
    expect(parsed.format).toBe('rss2');
    expect(parsed.feed.title).toBe('Feed');
    expect(parsed.warnings).toEqual(['ignored 28 characters before the feed\'s root element']);
  });

  it('converts HTML named entities that XML lacks and keeps unknown ones as text', async () => {
    const parsed = await parseFeed(rss('<item><title>Caf&eacute;&nbsp;&hellip; &bogus;</title></item>'));
    expect(parsed.items[0]?.title).toBe('Café … &bogus;');
    expect(parsed.warnings).toEqual([
      'converted 3 HTML named entities that XML does not define (e.g. &eacute;) to character references',
      'kept 1 unknown entity as text (e.g. &bogus;)',
    ]);
  });

  it('keeps the complete items of a truncated download, with a warning', async () => {
    const full = rss('<item><title>One</title><link>https://x.example/1</link></item><item><title>Two</title><link>https://x.example/2</link></item>');
    const parsed = await parseFeed(full.slice(0, full.indexOf('<title>Two') + 8));
    expect(parsed.items.map((item) => item.title)).toEqual(['One']);
    expect(parsed.warnings).toEqual(['the document ends before its elements are closed (a truncated download?); dropped the incomplete last item']);
  });

  it('recovers the items of a document with mismatched tags, with a warning naming the first one', async () => {
    const parsed = await parseFeed(rss('<item><title>a</item>\n<item><title>b</title></item>'));
    expect(parsed.items.map((item) => item.title)).toEqual(['a', 'b']);
    expect(parsed.warnings).toEqual(['the XML is not well-formed: line 1: </item> closed <title>; read as if the open elements had been closed there']);
  });

  it('closes an empty element left open (no "/>"), instead of reading the item\'s next elements as its children', async () => {
    const withNamespaces = (body: string) =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Feed</title>${body}</channel></rss>`;
    const parsed = await parseFeed(
      withNamespaces(
        '<atom:link rel="self" href="https://x.example/feed.xml" type="application/rss+xml"><link>https://x.example/</link><description>About</description>' +
          '<item><title>x</title><enclosure url="https://x.example/a.mp3" length="1" type="audio/mpeg"><guid>g1</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><link>https://x.example/1</link>' +
          '<media:content url="https://x.example/a.jpg" medium="image"><media:content url="https://x.example/b.jpg" medium="image"></item>',
      ),
    );
    expect(parsed.feed).toMatchObject({ siteUrl: 'https://x.example/', description: 'About' });
    expect(parsed.items[0]).toMatchObject({ id: 'g1', url: 'https://x.example/1', publishedAt: '2024-01-01T00:00:00.000Z' });
    expect(parsed.items[0]?.enclosures.map((enclosure) => enclosure.url)).toEqual(['https://x.example/a.mp3', 'https://x.example/a.jpg', 'https://x.example/b.jpg']);
    expect(parsed.warnings[0]).toMatch(/^the XML is not well-formed/);
  });

  it('accepts a channel with no items', async () => {
    const parsed = await parseFeed(rss('<link>https://x.example/</link>'));
    expect(parsed.items).toEqual([]);
    expect(parsed.feed.siteUrl).toBe('https://x.example/');
  });

  it('removes script, onerror and javascript: from summary and content', async () => {
    const parsed = await parseFeed(
      rss(`<item><link>https://x.example/1</link>
        <description><![CDATA[<p>Hi<script>steal()</script><img src="a.png" onerror="steal()"></p>]]></description>
        <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<a href="javascript:steal()">click</a><iframe src="https://evil.example/"></iframe>]]></content:encoded>
      </item>`),
    );
    expect(parsed.items[0]?.summary).toBe('<p>Hi<img src="https://x.example/a.png" /></p>');
    expect(parsed.items[0]?.contentHtml).toBe('<a>click</a>');
  });

  it('reads HTML pasted unescaped into a description, keeping text and tags in order', async () => {
    const parsed = await parseFeed(rss('<item><description><p>One <b>two</b> three</p></description></item>'));
    expect(parsed.items[0]?.summary).toBe('<p>One <b>two</b> three</p>');
  });
});

describe('parseFeed: documents that are not feeds', () => {
  it.each([
    ['an HTML error page', fixture('error-page.html'), 'the document is an HTML page, not a feed'],
    ['HTML without a DOCTYPE', '<html><head><title>404</title></head><body>Not found</body></html>', 'the document is an HTML page, not a feed'],
    ['plain text', 'Service Unavailable', 'the document is neither XML nor JSON'],
    ['an empty body', ' \n ', 'the document is empty'],
    ['XML of another kind', '<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'the root element <opml> is not RSS, RDF or Atom'],
    ['RSS without a channel', '<rss version="2.0"></rss>', 'the RSS document has no <channel> element'],
    [
      'broken XML that holds no item',
      rss('<description>a</descriptoin>'),
      'the XML is not well-formed (line 1: </descriptoin> matches no open element) and holds no item that could be recovered',
    ],
    ['invalid JSON', '{"version": ', 'the document is not valid JSON: Unexpected end of JSON input'],
    ['JSON that is not a JSON Feed', '{"hello": "world"}', 'the JSON document is not a JSON Feed: no jsonfeed.org version and no items'],
  ])('rejects %s with a permanent malformed-feed TidingsError', async (_label, text, message) => {
    const error = await rejection(parseFeed(text, { feedUrl: 'https://x.example/feed' }));
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'malformed-feed', permanent: true, message });
  });

  it('wraps an unexpected failure (here: text that is not a string) in a TidingsError', async () => {
    const error = await rejection(parseFeed(42 as unknown as string));
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'malformed-feed', permanent: true });
  });

  it('never rejects with anything but a TidingsError, whatever the input', async () => {
    const documents = [fixture('rss2.xml'), fixture('atom1.xml'), fixture('jsonfeed10.json'), fixture('rss1.rdf')];
    // Feeds cut, spliced and sprinkled with characters that trip XML and JSON parsers.
    const mangled = fc
      .tuple(fc.constantFrom(...documents), fc.nat(), fc.nat(), fc.string({ unit: fc.constantFrom('<', '>', '&', ';', '"', ']]>', '<![CDATA[', '</item>', '{', 'x', ' ') }))
      .map(([doc, a, b, noise]) => {
        const [from, to] = [a % (doc.length + 1), b % (doc.length + 1)].sort((x, y) => x - y) as [number, number];
        return doc.slice(0, from) + noise + doc.slice(to);
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mangled, fc.string()), async (text) => {
        try {
          const parsed = await parseFeed(text, { feedUrl: 'https://x.example/feed' });
          expect(Array.isArray(parsed.items)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(TidingsError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
