import type { FeedItem } from '@tidings/contracts';
import { atom03, atom1, type ConformanceRule } from './conformance-rule.js';

/**
 * Atom 1.0 (RFC 4287) and Atom 0.3 entries besides their text constructs:
 * persons, categories, links, ids and dates. Each row: the rule, the markup
 * inside one `<entry>` (and the feed, when it matters), and the values it
 * must give.
 */

type EntryRow = [rule: string, entry: string, expected: Partial<FeedItem>, feed?: string];

const ATOM1_ROWS: EntryRow[] = [
  ['author/name is an author', '<author><name>Ann</name><email>a@x.example</email></author>', { authors: ['Ann'] }],
  ['an author with an email and no name is the email, as in RSS', '<author><email>a@x.example</email></author>', { authors: ['a@x.example'] }],
  ['an indented author with an email and no name is the email too', '<author>\n  <email>a@x.example</email>\n</author>', { authors: ['a@x.example'] }],
  ['an indented author with neither name nor email names no one, and the feed authors do not stand in: the entry has an atom:author (section 4.2.1)', '<author>\n  <uri>https://x.example/</uri>\n</author>', { authors: [] }, '<author><name>Feed Author</name></author>'],
  ['several authors are each kept', '<author><name>One</name></author><author><name>Two</name></author>', { authors: ['One', 'Two'] }],
  ['the feed authors stand in for an entry with none', '<title>t</title>', { authors: ['Feed Author'] }, '<author><name>Feed Author</name></author>'],
  ['the entry authors win over the feed authors', '<author><name>Entry</name></author>', { authors: ['Entry'] }, '<author><name>Feed</name></author>'],
  ['the source authors stand in for an entry with none, before the feed authors', '<source><id>tag:o,2024:f</id><title>Origin</title><author><name>Source Author</name></author></source>', { authors: ['Source Author'] }, '<author><name>Feed Author</name></author>'],
  ['the entry authors win over the source authors', '<author><name>Entry</name></author><source><author><name>Source</name></author></source>', { authors: ['Entry'] }],
  ['a source with no authors leaves the feed authors', '<source><title>Origin</title></source>', { authors: ['Feed Author'] }, '<author><name>Feed Author</name></author>'],
  ['a contributor is not an author', '<contributor><name>Helper</name></contributor>', { authors: [] }],
  ['category term is a category', '<category term="tech"/>', { categories: ['tech'] }],
  ['category label wins over its term', '<category term="tech" label="Technology"/>', { categories: ['Technology'] }],
  ['several categories are each kept', '<category term="a"/><category term="b"/>', { categories: ['a', 'b'] }],
  ['a category label is text: an escaped entity in it is not decoded again', '<category term="x" label="Tom &amp;amp; Jerry"/>', { categories: ['Tom &amp; Jerry'] }],
  ['a category term is text: angle brackets in it are characters', '<category term="&lt;b&gt;"/>', { categories: ['<b>'] }],
  ['a link with no rel is the alternate link', '<link href="https://conformance.example/e/1"/>', { url: 'https://conformance.example/e/1' }],
  ['a text/html alternate wins over another alternate', '<link rel="alternate" type="application/pdf" href="https://conformance.example/e.pdf"/><link rel="alternate" type="text/html" href="https://conformance.example/e.html"/>', { url: 'https://conformance.example/e.html' }],
  ['a text/html alternate with parameters wins over another alternate', '<link rel="alternate" type="application/atom+xml" href="https://conformance.example/e.atom"/><link rel="alternate" type="Text/HTML; charset=UTF-8" href="https://conformance.example/e.html"/>', { url: 'https://conformance.example/e.html' }],
  ['rel as the IANA relation IRI is that relation (alternate)', '<link rel="http://www.iana.org/assignments/relation/alternate" href="https://conformance.example/iri"/>', { url: 'https://conformance.example/iri' }],
  ['rel as the IANA relation IRI is that relation (enclosure)', '<link rel="http://www.iana.org/assignments/relation/enclosure" type="audio/mpeg" length="3" href="https://conformance.example/iri.mp3"/>', { enclosures: [{ url: 'https://conformance.example/iri.mp3', type: 'audio/mpeg', length: 3 }] }],
  ['a self or related link is not the URL', '<link rel="self" href="https://conformance.example/self"/><link rel="related" href="https://conformance.example/rel"/>', { url: null }],
  ['a rel="enclosure" link is an enclosure', '<link rel="enclosure" type="audio/mpeg" length="12" href="https://conformance.example/a.mp3"/>', { enclosures: [{ url: 'https://conformance.example/a.mp3', type: 'audio/mpeg', length: 12 }] }],
  ['id is the id', '<id>urn:uuid:60a76c80</id>', { id: 'urn:uuid:60a76c80' }],
  ['published is the published date', '<published>2024-01-02T03:04:05Z</published>', { publishedAt: '2024-01-02T03:04:05.000Z' }],
  ['updated is the updated date', '<updated>2024-02-03T04:05:06+02:00</updated>', { updatedAt: '2024-02-03T02:05:06.000Z' }],
  ['updated does not stand in for the published date', '<updated>2024-02-03T04:05:06Z</updated>', { publishedAt: null }],
  ['fractional seconds are kept to the millisecond', '<published>2024-01-02T03:04:05.678Z</published>', { publishedAt: '2024-01-02T03:04:05.678Z' }],
  ['out-of-line content (src) is no content', '<content src="https://conformance.example/body.html" type="text/html"/>', { contentHtml: null }],
  ['summary and content are both kept', '<summary>Short</summary><content type="html">&lt;p&gt;Long&lt;/p&gt;</content>', { summary: 'Short', contentHtml: '<p>Long</p>' }],
  ['media:description is the summary when there is no summary', '<media:description>Media</media:description>', { summary: 'Media' }],
];

const ATOM03_ROWS: EntryRow[] = [
  ['issued is the published date', '<issued>2004-01-02T03:04:05Z</issued>', { publishedAt: '2004-01-02T03:04:05.000Z' }],
  ['modified is the updated date', '<modified>2004-02-03T04:05:06Z</modified>', { updatedAt: '2004-02-03T04:05:06.000Z' }],
  ['created is the published date when there is no issued', '<created>2004-01-01T00:00:00Z</created>', { publishedAt: '2004-01-01T00:00:00.000Z' }],
  ['issued wins over created', '<created>2004-01-01T00:00:00Z</created><issued>2004-01-02T00:00:00Z</issued>', { publishedAt: '2004-01-02T00:00:00.000Z' }],
  ['an issued date without a zone is read as UTC', '<issued>2004-01-02T03:04:05</issued>', { publishedAt: '2004-01-02T03:04:05.000Z' }],
  ['author/name is an author', '<author><name>Old Author</name></author>', { authors: ['Old Author'] }],
  ['link rel="alternate" is the URL', '<link rel="alternate" type="text/html" href="https://conformance.example/03/1"/>', { url: 'https://conformance.example/03/1' }],
  ['dc:subject is a category', '<dc:subject>Old</dc:subject>', { categories: ['Old'] }],
  [
    'multipart/alternative content: the HTML alternative is the content',
    '<content type="multipart/alternative"><content type="text/plain">Plain</content><content type="text/html" mode="escaped">&lt;p&gt;Rich&lt;/p&gt;</content></content>',
    { contentHtml: '<p>Rich</p>' },
  ],
  [
    'multipart/alternative content: a text alternative when there is no other',
    '<content type="multipart/alternative"><content type="text/plain">Only &lt;plain&gt;</content></content>',
    { contentHtml: 'Only &lt;plain&gt;' },
  ],
];

const withTitle = (entry: string) => (entry.includes('<title') ? entry : `<title>t</title>${entry}`);

export const ATOM_RULES: ConformanceRule[] = [
  ...ATOM1_ROWS.map(([rule, entry, expected, feed]): ConformanceRule => ({ rule: `Atom 1.0 entry: ${rule}`, document: atom1(withTitle(entry), feed), format: 'atom1', item: expected })),
  ...ATOM03_ROWS.map(([rule, entry, expected, feed]): ConformanceRule => ({ rule: `Atom 0.3 entry: ${rule}`, document: atom03(withTitle(entry), feed), format: 'atom03', item: expected })),
  {
    rule: 'Atom 1.0 feed: rel as the IANA relation IRI is that relation (alternate and self)',
    document: atom1(
      '<title>t</title>',
      '<link rel="http://www.iana.org/assignments/relation/alternate" href="https://conformance.example/site/"/><link rel="http://www.iana.org/assignments/relation/self" href="https://conformance.example/self.atom"/>',
    ),
    feed: { siteUrl: 'https://conformance.example/site/', feedUrl: 'https://conformance.example/self.atom' },
  },
];
