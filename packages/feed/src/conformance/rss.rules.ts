import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { rss091, rss1, rss2, type ConformanceRule } from './conformance-rule.js';

/**
 * RSS 0.9x, 1.0 and 2.0 and the modules feeds use with them (Dublin Core,
 * DC terms, content:, iTunes, Media RSS, Atom inside RSS), mapped to the
 * contract. Each row: the rule, the markup inside one `<item>` (or the
 * channel), and the values it must give.
 */

type ItemRow = [rule: string, item: string, expected: Partial<FeedItem>];
type ChannelRow = [rule: string, channel: string, expected: Partial<ParsedFeed['feed']>];

const AUTHORS: ItemRow[] = [
  ['author "email (Name)" gives the name', '<author>jo@example.org (Jo Bloggs)</author>', { authors: ['Jo Bloggs'] }],
  ['author "Name <email>" gives the name', '<author>Jo Bloggs &lt;jo@example.org&gt;</author>', { authors: ['Jo Bloggs'] }],
  ['author "email" alone stays the email', '<author>jo@example.org</author>', { authors: ['jo@example.org'] }],
  ['author "<email>" alone is the email, not an HTML tag', '<author>&lt;jo@example.org&gt;</author>', { authors: ['jo@example.org'] }],
  ['author listing several "email (Name)" gives each name', '<author>jo@example.org (Jo Bloggs), al@example.org (Al)</author>', { authors: ['Jo Bloggs', 'Al'] }],
  ['dc:creator is an author', '<dc:creator>Ann Author</dc:creator>', { authors: ['Ann Author'] }],
  ['dc:author is an author', '<dc:author>Dee Author</dc:author>', { authors: ['Dee Author'] }],
  ['several dc:creator are each kept, in order', '<dc:creator>One</dc:creator><dc:creator>Two</dc:creator>', { authors: ['One', 'Two'] }],
  ['author and dc:creator are both kept, author first', '<dc:creator>Second</dc:creator><author>a@b.example (First)</author>', { authors: ['First', 'Second'] }],
  ['dc:creator and dc:author are both kept', '<dc:creator>C</dc:creator><dc:author>A</dc:author>', { authors: ['C', 'A'] }],
  ['itunes:author is an author', '<itunes:author>Pod Host</itunes:author>', { authors: ['Pod Host'] }],
  ['atom:author/atom:name is an author', '<atom:author><atom:name>Atomic</atom:name></atom:author>', { authors: ['Atomic'] }],
  ['entities in an author name are decoded', '<dc:creator>Ren&amp;eacute; &amp;amp; co</dc:creator>', { authors: ['René & co'] }],
  ['an author named twice is kept once', '<dc:creator>Ann</dc:creator><dc:creator>ann</dc:creator>', { authors: ['Ann'] }],
  ['whitespace in an author name is collapsed', '<dc:creator>\n  Ann \n Author </dc:creator>', { authors: ['Ann Author'] }],
  ['an empty dc:creator is no author', '<dc:creator>  </dc:creator>', { authors: [] }],
  ['no author element: no authors', '<title>t</title>', { authors: [] }],
];

const DATES: ItemRow[] = [
  ['pubDate (RFC 822) is the published date', '<pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['pubDate with a numeric zone', '<pubDate>Tue, 02 Jan 2024 03:04:05 +0200</pubDate>', { publishedAt: '2024-01-02T01:04:05.000Z' }],
  ['pubDate with a US zone name', '<pubDate>Tue, 02 Jan 2024 03:04:05 EST</pubDate>', { publishedAt: '2024-01-02T08:04:05.000Z' }],
  ['pubDate without seconds', '<pubDate>Tue, 02 Jan 2024 03:04 GMT</pubDate>', { publishedAt: '2024-01-02T03:04:00.000Z' }],
  ['pubDate without a weekday', '<pubDate>02 Jan 2024 03:04:05 GMT</pubDate>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['dc:date (W3C-DTF) is the published date', '<dc:date>2024-01-02T03:04:05Z</dc:date>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['dc:date with an offset', '<dc:date>2024-01-02T03:04:05-05:00</dc:date>', { publishedAt: '2024-01-02T08:04:05.000Z' }],
  ['dc:date with a date only', '<dc:date>2024-01-02</dc:date>', { publishedAt: '2024-01-02T00:00:00.000Z' }],
  ['dcterms:issued is the published date', '<dcterms:issued>2024-01-02T03:04:05Z</dcterms:issued>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['dcterms:created is the published date when nothing else is', '<dcterms:created>2024-01-02T03:04:05Z</dcterms:created>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['dcterms:modified is the updated date', '<dcterms:modified>2024-02-03T04:05:06Z</dcterms:modified>', { updatedAt: '2024-02-03T04:05:06.000Z' }],
  ['atom:updated is the updated date', '<atom:updated>2024-02-03T04:05:06Z</atom:updated>', { updatedAt: '2024-02-03T04:05:06.000Z' }],
  ['atom:published is the published date', '<atom:published>2024-01-02T03:04:05Z</atom:published>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['pubDate wins over dc:date when both are valid', '<dc:date>2023-01-01T00:00:00Z</dc:date><pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['an invalid pubDate gives way to a valid dc:date', '<pubDate>someday</pubDate><dc:date>2024-01-02T03:04:05Z</dc:date>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['of two dc:date, the first valid one wins', '<dc:date>not a date</dc:date><dc:date>2024-01-02T03:04:05Z</dc:date>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['of two valid dc:date, the first wins', '<dc:date>2024-01-02T03:04:05Z</dc:date><dc:date>2025-01-01T00:00:00Z</dc:date>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['of two dcterms:modified, the first valid one wins', '<dcterms:modified>garbage</dcterms:modified><dcterms:modified>2024-02-03T04:05:06Z</dcterms:modified>', { updatedAt: '2024-02-03T04:05:06.000Z' }],
  ['of two pubDate, the first valid one wins', '<pubDate>never</pubDate><pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['an unparseable date is null, never a made-up one', '<pubDate>the day after tomorrow</pubDate>', { publishedAt: null }],
  ['no date: both null', '<title>t</title>', { publishedAt: null, updatedAt: null }],
  ['dcterms:modified does not stand in for the published date', '<dcterms:modified>2024-02-03T04:05:06Z</dcterms:modified>', { publishedAt: null }],
];

const CATEGORIES: ItemRow[] = [
  ['category is a category', '<category>News</category>', { categories: ['News'] }],
  ['several categories are each kept, in order', '<category>B</category><category>A</category>', { categories: ['B', 'A'] }],
  ['a category with a domain keeps its text', '<category domain="http://cats.example/">Sport</category>', { categories: ['Sport'] }],
  ['dc:subject is a category', '<dc:subject>Science</dc:subject>', { categories: ['Science'] }],
  ['category and dc:subject are both kept', '<category>News</category><dc:subject>Science</dc:subject>', { categories: ['News', 'Science'] }],
  ['several dc:subject are each kept', '<dc:subject>One</dc:subject><dc:subject>Two</dc:subject>', { categories: ['One', 'Two'] }],
  ['atom:category term is a category', '<atom:category term="tech"/>', { categories: ['tech'] }],
  ['atom:category label wins over its term', '<atom:category term="tech" label="Technology"/>', { categories: ['Technology'] }],
  ['atom:category label is text, not HTML', '<atom:category term="t" label="&lt;b&gt; tag &amp;amp; co"/>', { categories: ['<b> tag &amp; co'] }],
  ['itunes:category text is a category', '<itunes:category text="Comedy"/>', { categories: ['Comedy'] }],
  ['itunes:keywords are each a category', '<itunes:keywords>alpha, beta ,gamma</itunes:keywords>', { categories: ['alpha', 'beta', 'gamma'] }],
  ['media:category is a category', '<media:category>Music</media:category>', { categories: ['Music'] }],
  ['entities in a category are decoded', '<category>Arts &amp;amp; Crafts</category>', { categories: ['Arts & Crafts'] }],
  ['the same category twice is kept once', '<category>News</category><dc:subject>news</dc:subject>', { categories: ['News'] }],
  ['an empty category is dropped', '<category> </category><category>Kept</category>', { categories: ['Kept'] }],
  ['no category: none', '<title>t</title>', { categories: [] }],
];

const BODIES: ItemRow[] = [
  ['description is the summary', '<description>Short &lt;b&gt;form&lt;/b&gt;</description>', { summary: 'Short <b>form</b>', contentHtml: null }],
  ['content:encoded is the content', '<content:encoded><![CDATA[<p>Long form</p>]]></content:encoded>', { contentHtml: '<p>Long form</p>', summary: null }],
  ['description and content:encoded are both kept', '<description>Short</description><content:encoded><![CDATA[<p>Long</p>]]></content:encoded>', { summary: 'Short', contentHtml: '<p>Long</p>' }],
  ['CR LF and a lone CR are read as LF (XML 1.0 2.11), a CR written as &#13; stays', '<content:encoded><![CDATA[<pre>l1\r\nl2\rl3</pre>]]></content:encoded><description>x&#13;y</description>', { contentHtml: '<pre>l1\nl2\nl3</pre>', summary: 'x\ry' }],
  ['content:encoded before description changes nothing', '<content:encoded>&lt;p&gt;Long&lt;/p&gt;</content:encoded><description>Short</description>', { summary: 'Short', contentHtml: '<p>Long</p>' }],
  ['dc:description is the summary when there is no description', '<dc:description>DC short</dc:description>', { summary: 'DC short' }],
  ['description wins over dc:description', '<dc:description>DC</dc:description><description>RSS</description>', { summary: 'RSS' }],
  ['atom:summary is the summary when there is no description', '<atom:summary type="html">&lt;i&gt;A&lt;/i&gt;</atom:summary>', { summary: '<i>A</i>' }],
  ['atom:content is the content when there is no content:encoded', '<atom:content type="html">&lt;p&gt;A&lt;/p&gt;</atom:content>', { contentHtml: '<p>A</p>' }],
  ['content:encoded wins over atom:content', '<atom:content type="html">atom</atom:content><content:encoded>encoded</content:encoded>', { contentHtml: 'encoded' }],
  ['xhtml:body is the content', '<xhtml:body><xhtml:p>XHTML body</xhtml:p></xhtml:body>', { contentHtml: '<p>XHTML body</p>' }],
  ['itunes:summary is the summary when nothing else is', '<itunes:summary>Pod &lt;notes&gt;</itunes:summary>', { summary: 'Pod &lt;notes&gt;' }],
  ['itunes:subtitle is the summary when nothing else is', '<itunes:subtitle>Sub</itunes:subtitle>', { summary: 'Sub' }],
  ['media:description is the summary when there is no description', '<media:description>Media text</media:description>', { summary: 'Media text' }],
  ['description wins over itunes:summary', '<itunes:summary>pod</itunes:summary><description>desc</description>', { summary: 'desc' }],
  ['an empty description gives way to dc:description', '<description>  </description><dc:description>DC</dc:description>', { summary: 'DC' }],
  ['escaped HTML in description is HTML', '<description>&lt;p&gt;Para &amp;amp; more&lt;/p&gt;</description>', { summary: '<p>Para &amp; more</p>' }],
  ['CDATA HTML in description is HTML', '<description><![CDATA[<p>Para &amp; more</p>]]></description>', { summary: '<p>Para &amp; more</p>' }],
  ['doubly escaped markup in description stays text', '<description>&amp;lt;blink&amp;gt;x</description>', { summary: '&lt;blink&gt;x' }],
  ['a script in description is dropped', '<description>&lt;p&gt;ok&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;</description>', { summary: '<p>ok</p>' }],
  ['whitespace around a description is trimmed', '<description>\n\n  Spaced  \n</description>', { summary: 'Spaced' }],
];

const TITLES_LINKS_IDS: ItemRow[] = [
  ['entities without their ";" in a title are read as an HTML body reads them, with a tag in it or not', '<title>x&amp;nbspy &amp;copy 2024</title>', { title: 'x y © 2024' }],
  ['title is plain text, markup dropped', '<title>&lt;b&gt;Bold&lt;/b&gt; title</title>', { title: 'Bold title' }],
  ['an escaped entity in a title is decoded once', '<title>Ben &amp;amp; Jerry</title>', { title: 'Ben & Jerry' }],
  ['a doubly escaped entity in a title is decoded once only', '<title>AT&amp;amp;amp;T</title>', { title: 'AT&amp;T' }],
  ['doubly escaped markup in a title stays text', '<title>&amp;lt;blink&amp;gt; tag</title>', { title: '<blink> tag' }],
  ['a CDATA title: & and < are characters', '<title><![CDATA[Fish & Chips <3]]></title>', { title: 'Fish & Chips <3' }],
  ['dc:title is the title when there is no title', '<dc:title>DC title</dc:title>', { title: 'DC title' }],
  ['link is the URL', '<link>https://conformance.example/a/1</link>', { url: 'https://conformance.example/a/1' }],
  ['tracking parameters are dropped from the URL', '<link>https://conformance.example/a/2?utm_source=rss&amp;id=5</link>', { url: 'https://conformance.example/a/2?id=5' }],
  ['a guid that is an absolute URL is the link when there is no link', '<guid>https://conformance.example/g/1</guid>', { url: 'https://conformance.example/g/1', id: 'https://conformance.example/g/1' }],
  ['a guid with isPermaLink="false" is an id, never the link', '<guid isPermaLink="false">https://conformance.example/g/2</guid>', { url: null, id: 'https://conformance.example/g/2' }],
  ['link wins over a permalink guid', '<link>https://conformance.example/l</link><guid>https://conformance.example/g</guid>', { url: 'https://conformance.example/l', id: 'https://conformance.example/g' }],
  ['a guid that is not a URL is the id only', '<guid>urn:uuid:1234</guid>', { id: 'urn:uuid:1234', url: null }],
  ['the id falls back to the link', '<link>https://conformance.example/only-link</link>', { id: 'https://conformance.example/only-link' }],
  ['a non-http link is no URL', '<link>ftp://conformance.example/file</link>', { url: null }],
  ['atom:link alternate is the URL when there is no link', '<atom:link rel="alternate" href="https://conformance.example/atomlink"/>', { url: 'https://conformance.example/atomlink' }],
  ['enclosure url, type and length', '<enclosure url="https://conformance.example/e.mp3" type="audio/mpeg" length="1234"/>', { enclosures: [{ url: 'https://conformance.example/e.mp3', type: 'audio/mpeg', length: 1234 }] }],
  ['an enclosure length that is not a number is null', '<enclosure url="https://conformance.example/e.mp3" type="audio/mpeg" length="big"/>', { enclosures: [{ url: 'https://conformance.example/e.mp3', type: 'audio/mpeg', length: null }] }],
  ['an enclosure type is written in lower case (media types are case-insensitive)', '<enclosure url="https://conformance.example/e.mp3" type="Audio/MPEG" length="1"/>', { enclosures: [{ url: 'https://conformance.example/e.mp3', type: 'audio/mpeg', length: 1 }] }],
  ['several enclosures are each kept', '<enclosure url="https://conformance.example/1.mp3"/><enclosure url="https://conformance.example/2.mp3"/>', { enclosures: [{ url: 'https://conformance.example/1.mp3', type: null, length: null }, { url: 'https://conformance.example/2.mp3', type: null, length: null }] }],
  ['media:content is an enclosure', '<media:content url="https://conformance.example/v.mp4" type="video/mp4" fileSize="99"/>', { enclosures: [{ url: 'https://conformance.example/v.mp4', type: 'video/mp4', length: 99 }] }],
  ['media:content inside media:group is an enclosure', '<media:group><media:content url="https://conformance.example/g.mp4"/></media:group>', { enclosures: [{ url: 'https://conformance.example/g.mp4', type: null, length: null }] }],
  ['an enclosure with a javascript: URL is dropped', '<enclosure url="javascript:alert(1)" type="audio/mpeg"/>', { enclosures: [] }],
];

const CHANNEL: ChannelRow[] = [
  ['channel title', '<title>Channel &amp;amp; Co</title>', { title: 'Channel & Co' }],
  ['channel link is the site URL', '<link>https://conformance.example/site/</link>', { siteUrl: 'https://conformance.example/site/' }],
  ['channel description', '<description>About &lt;i&gt;us&lt;/i&gt;</description>', { description: 'About us' }],
  ['channel language', '<language>en-us</language>', { language: 'en-us' }],
  ['a language written with an underscore takes a hyphen', '<language>en_US</language>', { language: 'en-US' }],
  ['dc:language when there is no language', '<dc:language>fr</dc:language>', { language: 'fr' }],
  ['lastBuildDate is the updated date', '<lastBuildDate>Tue, 02 Jan 2024 03:04:05 GMT</lastBuildDate>', { updatedAt: '2024-01-02T03:04:05.000Z' }],
  ['channel pubDate when there is no lastBuildDate', '<pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>', { updatedAt: '2024-01-02T03:04:05.000Z' }],
  ['channel dc:date when nothing else', '<dc:date>2024-01-02T03:04:05Z</dc:date>', { updatedAt: '2024-01-02T03:04:05.000Z' }],
  ['an invalid lastBuildDate gives way to a valid pubDate', '<lastBuildDate>soon</lastBuildDate><pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>', { updatedAt: '2024-01-02T03:04:05.000Z' }],
  ['atom:link rel="self" is the feed URL', '<atom:link rel="self" href="https://conformance.example/self.xml"/>', { feedUrl: 'https://conformance.example/self.xml' }],
  ['atom:link rel as the IANA relation IRI of self is the feed URL', '<atom:link rel="http://www.iana.org/assignments/relation/self" href="https://conformance.example/iri-self.xml"/>', { feedUrl: 'https://conformance.example/iri-self.xml' }],
  ['dc:title is the channel title when there is no title', '<dc:title>DC channel</dc:title>', { title: 'DC channel' }],
];

export const RSS_RULES: ConformanceRule[] = [
  ...[...AUTHORS, ...DATES, ...CATEGORIES, ...BODIES, ...TITLES_LINKS_IDS].map(([rule, item, expected]): ConformanceRule => ({
    rule: `RSS 2.0 item: ${rule}`,
    document: rss2(item.includes('<title') || item.includes('<dc:title') ? item : `<title>t</title>${item}`),
    format: 'rss2',
    item: expected,
  })),
  ...CHANNEL.map(([rule, channel, expected]): ConformanceRule => ({
    rule: `RSS 2.0 channel: ${rule}`,
    document: rss2('<title>t</title>', channel.includes('<title') || channel.includes('<dc:title') ? channel : `<title>C</title>${channel}`).replace(
      '<title>Conformance</title>',
      '',
    ),
    format: 'rss2',
    feed: expected,
  })),
  {
    rule: 'RSS 1.0: title, link, description, dc:creator, dc:date and dc:subject',
    document: rss1(
      '<title>R1</title><link>https://conformance.example/r1</link><description>D1</description><dc:creator>Ann</dc:creator><dc:date>2024-01-02T03:04:05Z</dc:date><dc:subject>S</dc:subject>',
    ),
    format: 'rss1',
    item: { title: 'R1', url: 'https://conformance.example/r1', summary: 'D1', authors: ['Ann'], publishedAt: '2024-01-02T03:04:05.000Z', categories: ['S'] },
  },
  {
    rule: 'RSS 1.0: rdf:about is the id, and the URL when there is no link',
    document: rss1('<title>R1</title>', '', 'https://conformance.example/about/1'),
    item: { id: 'https://conformance.example/about/1', url: 'https://conformance.example/about/1' },
  },
  {
    rule: 'RSS 1.0: content:encoded is the content',
    document: rss1('<title>R1</title><description>S</description><content:encoded>&lt;p&gt;L&lt;/p&gt;</content:encoded>'),
    item: { summary: 'S', contentHtml: '<p>L</p>' },
  },
  {
    rule: 'RSS 0.91: title, link and description',
    document: rss091('<title>Old</title><link>https://conformance.example/old</link><description>Old &amp;amp; good</description>'),
    format: 'rss09x',
    item: { title: 'Old', url: 'https://conformance.example/old', summary: 'Old &amp; good' },
  },
  {
    rule: 'RSS 0.91: the channel language',
    document: rss091('<title>Old</title>', '<language>en_GB</language>'),
    feed: { language: 'en-GB' },
  },
];
