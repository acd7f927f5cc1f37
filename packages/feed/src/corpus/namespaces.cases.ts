import type { CorpusCase } from './corpus-case.js';

/** Extension namespaces: Dublin Core, content, Media RSS, iTunes, Atom inside RSS, whatever prefix they are bound to. */
export const NAMESPACE_CASES: CorpusCase[] = [
  {
    file: 'namespaces/dc-elements.xml',
    checks: 'Dublin Core: every dc:creator an author, dc:date as the published date (offset applied), dc:subject as categories, channel dc:date',
    feed: { updatedAt: '2024-05-01T10:00:00.000Z' },
    items: [{ authors: ['Anna Schmidt', 'Ben Weber'], publishedAt: '2024-05-01T07:30:00.000Z', categories: ['Politik', 'Wirtschaft'] }],
    warnings: 'none',
  },
  {
    file: 'namespaces/dc-title-description.xml',
    checks: 'dc:title and dc:description stand in for a missing title and description',
    items: [{ title: 'Title from dc:title', summary: 'Summary from dc:description' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/dc-unusual-prefix.xml',
    checks: 'Dublin Core bound to an unusual prefix (dublin:) is read by its namespace',
    items: [{ authors: ['Odd Prefix'], publishedAt: '2023-11-05T08:00:00.000Z' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/dc-undeclared-prefix.xml',
    checks: 'a dc: prefix used without its xmlns declaration is still read as Dublin Core',
    items: [{ authors: ['Still Dublin Core'], publishedAt: '2023-11-05T08:00:00.000Z' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/dcterms.xml',
    checks: 'dcterms:issued and dcterms:modified give the published and updated dates',
    items: [{ publishedAt: '2022-02-02T02:02:02.000Z', updatedAt: '2022-02-03T03:03:03.000Z' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/content-encoded.xml',
    checks: "content:encoded in CDATA is the content, its relative URLs resolved against the document URL (not the item's link); description stays the summary",
    items: [
      {
        summary: 'The short version.',
        contentHtml:
          '<p>The <strong>long</strong> version, with <a href="https://corpus.example/about.html">a relative link</a> and <img src="https://corpus.example/img/a.png" alt="A" />.</p>',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'namespaces/content-encoded-escaped.xml',
    checks: 'entity-escaped content:encoded is read as HTML, a double-escaped ampersand left as one escaped ampersand',
    items: [{ contentHtml: '<p>Escaped <em>markup</em> &amp; an ampersand</p>', summary: null }],
    warnings: 'none',
  },
  {
    file: 'namespaces/media-rss.xml',
    checks: 'Media RSS: media:content (also inside media:group) as enclosures, thumbnails left out, media:description as text or HTML',
    items: [
      { enclosures: [{ url: 'https://cdn.ns.example/v.mp4', type: 'video/mp4', length: 5000 }], summary: 'A &lt;plain&gt; text description' },
      {
        enclosures: [
          { url: 'https://cdn.ns.example/1.jpg', type: 'image/jpeg', length: null },
          { url: 'https://cdn.ns.example/2.jpg', type: 'image/jpeg', length: null },
        ],
        summary: '<b>Two</b> pictures',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'namespaces/media-group-renditions.xml',
    checks: "a media:group of renditions (one isDefault) gives that one enclosure; an entry titled only in its media:group takes that title",
    format: 'atom1',
    items: [{ title: 'A video titled in its media group only', enclosures: [{ url: 'https://cdn.ns.example/1-1080.mp4', type: 'video/mp4', length: null }] }],
    warnings: 'none',
  },
  {
    file: 'namespaces/youtube-atom.xml',
    checks: "a YouTube channel feed: Atom with media:group, the feed author inherited, media:description as the summary",
    format: 'atom1',
    feed: { title: 'A Channel', siteUrl: 'https://www.youtube.com/channel/UC123', feedUrl: 'http://www.youtube.com/feeds/videos.xml?channel_id=UC123' },
    items: [
      {
        id: 'yt:video:abc123',
        url: 'https://www.youtube.com/watch?v=abc123',
        title: 'A video',
        authors: ['A Channel'],
        publishedAt: '2024-01-15T12:00:00.000Z',
        updatedAt: '2024-01-16T08:00:00.000Z',
        summary: 'What the video is about.\nSecond line.',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'namespaces/itunes-podcast.xml',
    checks: 'iTunes podcast: itunes:author as the author, itunes:summary as the summary, the audio enclosure, a non-permalink guid',
    items: [
      {
        id: 'pod-ep-1',
        url: null,
        authors: ['Guest Host'],
        summary: 'In this episode, we talk &amp; talk.',
        enclosures: [{ url: 'https://media.ns.example/ep1.mp3', type: 'audio/mpeg', length: 31234567 }],
        publishedAt: '2024-02-05T06:00:00.000Z',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'namespaces/itunes-uppercase-namespace.xml',
    checks: 'the iTunes namespace URI spelled with capitals (as Apple once did) is still iTunes; itunes:subtitle as a last-resort summary',
    items: [{ summary: 'A subtitle only', enclosures: [{ url: 'https://media.ns.example/ep2.m4a', type: 'audio/x-m4a', length: 1000 }] }],
    warnings: 'none',
  },
  {
    file: 'namespaces/atom-self-link-in-rss.xml',
    checks: "an atom:link rel=self inside an RSS channel is the feed's URL",
    feed: { feedUrl: 'https://feeds.ns.example/self.xml', siteUrl: 'https://ns.example/' },
    items: [{ url: 'https://ns.example/one' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/atom-alternate-as-site-link.xml',
    checks: "an RSS channel without <link> takes its site URL from an atom:link rel=alternate",
    feed: { siteUrl: 'https://alt.example/', feedUrl: 'https://alt.example/rss' },
    warnings: 'none',
  },
  {
    file: 'namespaces/atom-links-in-rss-item.xml',
    checks: 'atom:link rel=alternate gives an RSS item its URL, rel=enclosure an enclosure, atom:updated its update time',
    items: [
      {
        url: 'https://ns.example/atom-alt',
        id: 'https://ns.example/atom-alt',
        enclosures: [{ url: 'https://cdn.ns.example/pic.png', type: 'image/png', length: 42 }],
        updatedAt: '2021-06-01T00:00:00.000Z',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'namespaces/wcf-a10.xml',
    checks: 'Atom bound to a10: (as .NET WCF writes it) inside RSS: self link, item link, atom author and updated',
    feed: { feedUrl: 'https://wcf.ns.example/feed' },
    items: [{ id: 'wcf-1', url: 'https://wcf.ns.example/1', authors: ['Wcf Writer'], updatedAt: '2019-09-09T09:09:09.000Z' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/atom-default-namespace-on-link.xml',
    checks: 'an Atom link made Atom by an xmlns on the element itself is an atom:link, not the RSS link',
    feed: { feedUrl: 'https://ns.example/declared-on-element.xml', siteUrl: 'https://ns.example/' },
    warnings: 'none',
  },
  {
    file: 'namespaces/xhtml-body.xml',
    checks: 'xhtml:body is read as the content, its tags losing their prefix',
    items: [{ contentHtml: '<p>Rich <b>body</b></p>' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/unknown-extension.xml',
    checks: 'elements of namespaces we do not read are ignored, even one whose local name is "title"',
    items: [{ title: 'Extended', url: 'https://ns.example/ext' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/feedburner.xml',
    checks: "FeedBurner: the atom10:-prefixed self link is the feed URL; the item's own link is kept as its URL",
    feed: { feedUrl: 'http://feeds.feedburner.com/Example' },
    items: [{ id: 'https://ns.example/?p=1', url: 'http://feedproxy.google.com/~r/Example/~3/abc/', title: 'Burned' }],
    warnings: 'none',
  },
  {
    file: 'namespaces/slash-and-geo.xml',
    checks: 'GeoRSS and W3C geo elements do not disturb the item',
    items: [{ title: 'Located', url: 'https://ns.example/geo', summary: null }],
    warnings: 'none',
  },
];
