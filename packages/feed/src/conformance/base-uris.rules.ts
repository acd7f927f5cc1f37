import { atom1, DOCUMENT_URL, rss2, type ConformanceRule } from './conformance-rule.js';

/**
 * Base URIs (XML Base; RFC 4287 section 2; RFC 3986 section 5.1): a
 * relative reference in a link, an enclosure or HTML content resolves
 * against the nearest xml:base (on the element itself, its entry or item,
 * the feed or channel, each relative to the one above), then the HTTP
 * Content-Location (itself relative to the document URL, and on its
 * origin), then the URL the
 * document was fetched from. Each row is one source of the base, applied to
 * every place a relative reference can be.
 */

/** On the document's origin: a Content-Location on another is ignored (the last row). */
const CONTENT_LOCATION = 'https://conformance.example/loc/feed.xml';

/** Where the base comes from in one rule, and the base it must give. */
interface BaseSource {
  name: string;
  feedUrl?: string | null;
  contentLocation?: string;
  /** xml:base attributes on the feed/channel, the entry/item and the element holding the reference. */
  feedBase?: string;
  entryBase?: string;
  elementBase?: string;
  /** The base the reference must have been resolved against. */
  expected: string;
}

const SOURCES: BaseSource[] = [
  { name: 'the document URL when nothing else is given', expected: DOCUMENT_URL },
  { name: 'the Content-Location over the document URL', contentLocation: CONTENT_LOCATION, expected: CONTENT_LOCATION },
  { name: 'a relative Content-Location, resolved against the document URL', contentLocation: '../moved/here.xml', expected: 'https://conformance.example/moved/here.xml' },
  { name: 'the Content-Location when there is no document URL', feedUrl: null, contentLocation: CONTENT_LOCATION, expected: CONTENT_LOCATION },
  { name: 'the feed xml:base over the Content-Location', contentLocation: CONTENT_LOCATION, feedBase: 'https://fb.example/a/', expected: 'https://fb.example/a/' },
  { name: 'a relative feed xml:base, against the Content-Location', contentLocation: CONTENT_LOCATION, feedBase: 'sub/', expected: 'https://conformance.example/loc/sub/' },
  { name: 'a relative feed xml:base, against the document URL', feedBase: '/root/', expected: 'https://conformance.example/root/' },
  { name: 'the entry xml:base over the feed xml:base', feedBase: 'https://fb.example/a/', entryBase: 'https://eb.example/b/', expected: 'https://eb.example/b/' },
  { name: 'a relative entry xml:base, against the feed xml:base', feedBase: 'https://fb.example/a/', entryBase: 'b/', expected: 'https://fb.example/a/b/' },
  { name: 'a relative entry xml:base, against the Content-Location', contentLocation: CONTENT_LOCATION, entryBase: '../e/', expected: 'https://conformance.example/e/' },
  { name: 'the element xml:base over the entry xml:base', entryBase: 'https://eb.example/b/', elementBase: 'https://el.example/c/', expected: 'https://el.example/c/' },
  { name: 'three nested relative xml:base values', feedBase: 'https://fb.example/a/', entryBase: 'b/', elementBase: 'c/', expected: 'https://fb.example/a/b/c/' },
  { name: 'an xml:base that is a file, not a folder', feedBase: 'https://fb.example/a/index.html', expected: 'https://fb.example/a/index.html' },
  { name: 'a Content-Location on another origin (an internal host) is ignored: the document URL', contentLocation: 'http://10.1.2.3/feeds/rss.xml', expected: DOCUMENT_URL },
];

const attribute = (value: string | undefined) => (value === undefined ? '' : ` xml:base="${value}"`);
const resolved = (reference: string, base: string) => new URL(reference, base).toString();

/** Where a relative reference sits in an Atom entry, and the field it comes out in. */
const ATOM_TARGETS: { name: string; entry: (base: string) => string; expect: (base: string) => ConformanceRule['item'] }[] = [
  {
    name: 'an entry link',
    entry: (base) => `<title>t</title><link rel="alternate"${base} href="p/1.html"/>`,
    expect: (base) => ({ url: resolved('p/1.html', base) }),
  },
  {
    name: 'a link in HTML summary',
    entry: (base) => `<title>t</title><summary type="html"${base}>&lt;a href="p/2.html"&gt;two&lt;/a&gt;</summary>`,
    expect: (base) => ({ summary: `<a href="${resolved('p/2.html', base)}">two</a>` }),
  },
  {
    name: 'an image in XHTML content',
    entry: (base) => `<title>t</title><content type="xhtml"${base}><div xmlns="http://www.w3.org/1999/xhtml"><img src="img/3.png" alt=""/></div></content>`,
    expect: (base) => ({ contentHtml: `<img src="${resolved('img/3.png', base)}" alt="" />` }),
  },
  {
    name: 'an enclosure link',
    entry: (base) => `<title>t</title><link rel="enclosure"${base} type="audio/mpeg" length="5" href="m/4.mp3"/>`,
    expect: (base) => ({ enclosures: [{ url: resolved('m/4.mp3', base), type: 'audio/mpeg', length: 5 }] }),
  },
];

/** The same for an RSS item; the item links to an article elsewhere, which is not a base for its HTML. */
const RSS_TARGETS: typeof ATOM_TARGETS = [
  {
    name: 'an item link',
    entry: (base) => `<title>t</title><link${base}>p/1.html</link>`,
    expect: (base) => ({ url: resolved('p/1.html', base) }),
  },
  {
    name: 'a link in the description',
    entry: (base) => `<title>t</title><link>https://article.example/post/</link><description${base}>&lt;a href="p/2.html"&gt;two&lt;/a&gt;</description>`,
    expect: (base) => ({ summary: `<a href="${resolved('p/2.html', base)}">two</a>` }),
  },
  {
    name: 'an image in content:encoded',
    entry: (base) => `<title>t</title><link>https://article.example/post/</link><content:encoded${base}><![CDATA[<img src="img/3.png" alt="">]]></content:encoded>`,
    expect: (base) => ({ contentHtml: `<img src="${resolved('img/3.png', base)}" alt="" />` }),
  },
  {
    name: 'an enclosure',
    entry: (base) => `<title>t</title><enclosure${base} url="m/4.mp3" type="audio/mpeg" length="5"/>`,
    expect: (base) => ({ enclosures: [{ url: resolved('m/4.mp3', base), type: 'audio/mpeg', length: 5 }] }),
  },
];

/** The document of one rule: the format's one-entry document with the source's xml:base values written in. */
const DOCUMENTS = {
  Atom: (source: BaseSource, entry: string) =>
    atom1(entry, '', attribute(source.feedBase)).replace('<entry>', `<entry${attribute(source.entryBase)}>`),
  RSS: (source: BaseSource, item: string) =>
    rss2(item).replace('<channel>', `<channel${attribute(source.feedBase)}>`).replace('<item>', `<item${attribute(source.entryBase)}>`),
};

function ruleOf(format: keyof typeof DOCUMENTS, source: BaseSource, target: (typeof ATOM_TARGETS)[number]): ConformanceRule {
  return {
    rule: `${format}: ${target.name} resolves against ${source.name}`,
    document: DOCUMENTS[format](source, target.entry(attribute(source.elementBase))),
    feedUrl: source.feedUrl === undefined ? DOCUMENT_URL : source.feedUrl,
    ...(source.contentLocation === undefined ? {} : { contentLocation: source.contentLocation }),
    item: target.expect(source.expected),
  };
}

/**
 * Places the table above does not reach, each with its own document: the
 * `div` wrapping XHTML (dropped from the output, its xml:base still in
 * force), a media:group, and a document read with no URL at all (a file
 * without --url), whose HTML falls back to the entry's link, then the site's.
 */
type PlaceRow = [rule: string, document: string, expected: ConformanceRule['item'], feedUrl?: null];

const XHTML_DIV = 'xmlns="http://www.w3.org/1999/xhtml"';

const OTHER_PLACES: PlaceRow[] = [
  [
    'Atom: an xml:base on the div wrapping XHTML content applies to the content, though the div is dropped',
    atom1(`<title>t</title><content type="xhtml"><div ${XHTML_DIV} xml:base="https://div.example/d/"><a href="e.html">e</a></div></content>`),
    { contentHtml: '<a href="https://div.example/d/e.html">e</a>' },
  ],
  [
    'Atom: a relative xml:base on the div wrapping an XHTML summary resolves against the summary xml:base, once',
    atom1(`<title>t</title><summary type="xhtml" xml:base="https://sum.example/a/"><div ${XHTML_DIV} xml:base="b/"><img src="i.png" alt=""/></div></summary>`),
    { summary: '<img src="https://sum.example/a/b/i.png" alt="" />' },
  ],
  [
    'RSS: an xml:base on the div wrapping XHTML in atom:content applies to the content',
    rss2(`<title>t</title><atom:content type="xhtml"><div ${XHTML_DIV} xml:base="https://div.example/r/"><a href="e.html">e</a></div></atom:content>`),
    { contentHtml: '<a href="https://div.example/r/e.html">e</a>' },
  ],
  // Whether the div is the wrapper (dropped, its xml:base applied to the content) or content (kept, its xml:base
  // read from the markup) is one decision (RFC 4287 section 3.1.1.3): either way a relative xml:base counts once.
  ...(
    [
      ['a space written as a reference beside the wrapper', `&#32;<div ${XHTML_DIV} xml:base="b/">`, '</div>', false],
      ['a no-break space beside the div, which makes it content', `&#160;<div ${XHTML_DIV} xml:base="b/">`, '</div>', true],
      ['a div in no XHTML namespace, which is content', '<div xml:base="b/">', '</div>', true],
      ['the wrapper named in capitals', `<DIV ${XHTML_DIV} xml:base="b/">`, '</DIV>', false],
      ['the wrapper left without its end tag', `<div ${XHTML_DIV} xml:base="b/">`, '', false],
    ] as const
  ).map(([where, open, close, kept]): PlaceRow => [
    `Atom: a relative xml:base on the div of an XHTML summary counts once, with ${where}`,
    atom1(`<title>t</title><summary type="xhtml" xml:base="https://sum.example/a/">${open}<img src="i.png" alt=""/>${close}</summary>`),
    { summary: kept ? '<div><img src="https://sum.example/a/b/i.png" alt="" /></div>' : '<img src="https://sum.example/a/b/i.png" alt="" />' },
  ]),
  [
    'RSS: an xml:base on a media:group applies to the media:content inside it',
    rss2('<title>t</title><media:group xml:base="https://group.example/m/"><media:content url="v.mp4" type="video/mp4"/></media:group>'),
    { enclosures: [{ url: 'https://group.example/m/v.mp4', type: 'video/mp4', length: null }] },
  ],
  [
    'Atom: with no document URL and no xml:base, relative URLs in HTML resolve against the entry link',
    atom1('<title>t</title><link href="https://entry.example/posts/1.html"/><content type="html">&lt;img src="i.png" alt=""&gt;</content>'),
    { contentHtml: '<img src="https://entry.example/posts/i.png" alt="" />' },
    null,
  ],
  [
    'Atom: with no document URL, no xml:base and no entry link, relative URLs resolve against the site link',
    atom1('<title>t</title><summary type="html">&lt;a href="p.html"&gt;p&lt;/a&gt;</summary><media:content url="m/v.mp4"/>', '<link href="https://site.example/blog/"/>'),
    { summary: '<a href="https://site.example/blog/p.html">p</a>', enclosures: [{ url: 'https://site.example/blog/m/v.mp4', type: null, length: null }] },
    null,
  ],
];

export const BASE_URI_RULES: ConformanceRule[] = [
  ...SOURCES.flatMap((source) => ATOM_TARGETS.map((target) => ruleOf('Atom', source, target))),
  ...SOURCES.flatMap((source) => RSS_TARGETS.map((target) => ruleOf('RSS', source, target))),
  ...OTHER_PLACES.map(([rule, document, item, feedUrl]): ConformanceRule => ({ rule, document, item, feedUrl })),
  {
    rule: 'Atom: the feed site link resolves against the Content-Location',
    document: atom1('<title>t</title>', '<link rel="alternate" href="home"/>'),
    contentLocation: CONTENT_LOCATION,
    feed: { siteUrl: 'https://conformance.example/loc/home' },
  },
  {
    rule: 'RSS: the channel link resolves against the Content-Location',
    document: rss2('<title>t</title>', '<link>home</link>'),
    contentLocation: CONTENT_LOCATION,
    feed: { siteUrl: 'https://conformance.example/loc/home' },
  },
  {
    rule: 'the feed URL reported is the document URL, not the Content-Location',
    document: rss2('<title>t</title>', '<link>/home</link>'),
    contentLocation: CONTENT_LOCATION,
    feed: { feedUrl: DOCUMENT_URL },
  },
  {
    rule: 'Atom: an xml:base on an element inside XHTML content applies to its descendants',
    document: atom1(
      '<title>t</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p xml:base="https://inner.example/d/"><a href="e.html">e</a></p></div></content>',
    ),
    item: { contentHtml: '<p><a href="https://inner.example/d/e.html">e</a></p>' },
  },
  {
    rule: 'an xml:base that is not a URL is ignored',
    document: atom1('<title>t</title><link href="p/9.html"/>', '', ' xml:base="http://[bad"'),
    item: { url: 'https://conformance.example/feeds/p/9.html' },
  },
  {
    rule: 'an absolute link is left as it is, whatever the base',
    document: atom1('<title>t</title><link href="https://abs.example/x.html"/>', '', ' xml:base="https://fb.example/"'),
    item: { url: 'https://abs.example/x.html' },
  },
  {
    rule: 'a protocol-relative link takes the scheme of its base',
    document: atom1('<title>t</title><link href="//proto.example/x.html"/>'),
    item: { url: 'https://proto.example/x.html' },
  },
  {
    rule: 'a javascript: link in HTML is dropped, not resolved',
    document: atom1('<title>t</title><summary type="html">&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</summary>'),
    item: { summary: '<a>x</a>' },
  },
];
