import type { CorpusCase } from './corpus-case.js';

/** Links and enclosure URLs made absolute (xml:base, the feed URL, the site link), and stable ids. */
export const LINK_CASES: CorpusCase[] = [
  {
    file: 'links/relative-to-feed-url.xml',
    checks: 'relative item links, enclosure URLs and the channel link resolve against the feed URL',
    feed: { siteUrl: 'https://corpus.example/' },
    items: [{ url: 'https://corpus.example/posts/7.html', enclosures: [{ url: 'https://corpus.example/media/7.mp3', type: 'audio/mpeg', length: 7 }] }],
    warnings: 'none',
  },
  {
    file: 'links/relative-no-base.xml',
    checks: 'a relative link with no feed URL, no xml:base and no site link is null, never a made-up URL',
    feedUrl: null,
    feed: { feedUrl: null },
    items: [{ url: null, title: 'Relative, nothing to resolve against' }],
    warnings: 'none',
  },
  {
    file: 'links/relative-to-site-link.xml',
    checks: "without a feed URL, a relative item link resolves against the channel's site link",
    feedUrl: null,
    items: [{ url: 'https://site-link.example/posts/8.html' }],
    warnings: 'none',
  },
  {
    file: 'links/atom-relative-no-document-url.xml',
    checks: "Atom read without a feed URL or xml:base: relative URLs in HTML resolve against the entry's link, then the site link, as media:content does",
    feedUrl: null,
    items: [
      { contentHtml: '<img src="https://file.links.example/blog/2024/pic.png" alt="p" />' },
      {
        summary: '<a href="https://file.links.example/blog/about.html">about</a>',
        enclosures: [{ url: 'https://file.links.example/blog/media/clip.mp4', type: 'video/mp4', length: null }],
      },
    ],
    warnings: 'none',
  },
  {
    file: 'links/xml-base-item.xml',
    checks: 'an xml:base on an RSS item applies to its link and to the URLs in its description',
    items: [{ url: 'https://cdn.links.example/a/b.html', summary: '<img src="https://cdn.links.example/a/pic.jpg" />' }],
    warnings: 'none',
  },
  {
    file: 'links/xml-base-channel.xml',
    checks: 'an xml:base on the RSS channel applies to item links (but not to the channel link, which is absolute)',
    feed: { siteUrl: 'https://links.example/' },
    items: [{ url: 'https://base.links.example/dir/c.html' }],
    warnings: 'none',
  },
  {
    file: 'links/xml-base-nested-relative.xml',
    checks: 'nested relative xml:base (feed, entry, link, content) compose, each relative to the one above',
    feed: { siteUrl: 'https://atom.links.example/blog/' },
    items: [
      {
        url: 'https://atom.links.example/blog/2024/post.html',
        enclosures: [{ url: 'https://atom.links.example/blog/2024/files/audio/talk.mp3', type: 'audio/mpeg', length: 99 }],
        contentHtml: '<img src="https://atom.links.example/blog/2024/media/pic.png" alt="p" /> <a href="https://atom.links.example/top.html">top</a>',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'links/xml-base-on-link.xml',
    checks: 'an xml:base on the link element itself applies to its href',
    items: [{ url: 'https://other.links.example/x/y.html' }],
    warnings: 'none',
  },
  {
    file: 'links/xml-base-relative-to-feed-url.xml',
    checks: 'a relative xml:base resolves against the feed URL',
    items: [{ url: 'https://corpus.example/sub/z.html' }],
    warnings: 'none',
  },
  {
    file: 'links/xml-base-absolute-path.xml',
    checks: 'an absolute-path xml:base (/root/) keeps the host of the base above it',
    items: [{ url: 'https://deep.links.example/root/q.html' }],
    warnings: 'none',
  },
  {
    file: 'links/guid-permalink.xml',
    checks: 'a guid without isPermaLink is the permalink: it is the id and, lacking a link, the URL',
    items: [{ id: 'https://links.example/guid-as-link', url: 'https://links.example/guid-as-link' }],
    warnings: 'none',
  },
  {
    file: 'links/guid-permalink-false.xml',
    checks: 'a guid with isPermaLink="false" is an id, never the URL, even when it looks like one',
    items: [{ id: 'https://links.example/not-a-link', url: null }],
    warnings: 'none',
  },
  {
    file: 'links/guid-ispermalink-lowercase.xml',
    checks: 'isPermaLink is read whatever its case (ispermalink="false")',
    items: [{ id: 'https://links.example/misspelled', url: null }],
    warnings: 'none',
  },
  {
    file: 'links/guid-relative-permalink.xml',
    checks: 'a relative guid is the URL only when isPermaLink="true" says so; by default it is just an id',
    items: [
      { id: '/2024/relative-permalink.html', url: 'https://corpus.example/2024/relative-permalink.html' },
      { id: '/2024/just-an-id', url: null },
    ],
    warnings: 'none',
  },
  {
    file: 'links/guid-plain-id.xml',
    checks: 'a guid that is not a URL is the id; the link is the URL',
    items: [{ id: 'post-1234', url: 'https://links.example/1234' }],
    warnings: 'none',
  },
  {
    file: 'links/id-from-link.xml',
    checks: 'an item without a guid has its link as its id',
    items: [{ id: 'https://links.example/no-guid' }],
    warnings: 'none',
  },
  {
    file: 'links/id-hash.xml',
    checks: 'items with neither guid nor link get distinct ids hashed from title and date',
    items: [{ url: null }, { url: null }],
    verify: (parsed) => {
      const [first, second] = parsed.items;
      if (!/^sha256:[0-9a-f]{32}$/.test(first?.id ?? '') || first?.id === second?.id) throw new Error(`unexpected ids ${first?.id} ${second?.id}`);
    },
    warnings: 'none',
  },
  {
    file: 'links/atom-id.xml',
    checks: 'atom:id is the id, trimmed',
    items: [{ id: 'urn:uuid:abc', url: 'https://links.example/atom-id' }],
    warnings: 'none',
  },
  {
    file: 'links/atom-no-id.xml',
    checks: 'an Atom entry without an id has its link as its id',
    items: [{ id: 'https://links.example/no-id' }],
    warnings: 'none',
  },
  {
    file: 'links/atom-link-choice.xml',
    checks: 'the entry URL is the text/html alternate, not replies, related or a JSON alternate',
    items: [{ url: 'https://links.example/choice.html' }],
    warnings: 'none',
  },
  {
    file: 'links/atom-link-as-text.xml',
    checks: 'an Atom <link> holding its URL as text (not Atom, but seen) still gives the URL',
    items: [{ url: 'https://links.example/as-text' }],
    warnings: 'none',
  },
  {
    file: 'links/tracking-parameters.xml',
    checks: 'links are normalised: host lower-cased, default port, utm_* and fbclid parameters and the fragment dropped',
    items: [{ url: 'https://links.example/story?id=5' }],
    warnings: 'none',
  },
  {
    file: 'links/atom-non-http-before-http.xml',
    checks: 'Atom: a javascript:, mailto:, ftp: or feed: link before an http(s) one (alternate or self) does not hide it',
    feed: { siteUrl: 'https://links.example/', feedUrl: 'https://links.example/feed.atom' },
    items: [{ url: 'http://links.example/1' }, { url: 'http://links.example/2' }, { url: null }],
    verify: (parsed) => {
      const expected = ['ignored the link of item 3: ftp: is not http(s)'];
      if (JSON.stringify(parsed.warnings) !== JSON.stringify(expected)) throw new Error(`unexpected warnings ${JSON.stringify(parsed.warnings)}`);
    },
  },
  {
    file: 'links/rss-atom-links-non-http-first.xml',
    checks: 'RSS: atom:link self and alternate (channel and item) skip a link that is not http(s) for the next',
    feed: { siteUrl: 'https://links.example/', feedUrl: 'https://links.example/rss.xml' },
    items: [{ url: 'https://links.example/a' }],
    warnings: 'none',
  },
  {
    file: 'links/enclosure-as-written.xml',
    checks: "an enclosure's URL is kept as written, made absolute: its parameters (a signature may cover utm_ ones) and fragment are the file's; the item link loses its tracking parameters",
    items: [
      {
        url: 'https://links.example/ep1',
        enclosures: [
          { url: 'https://dts.links.example/redirect.mp3/cdn.links.example/ep1.mp3?utm_source=rss&sig=abc#t=10', type: 'audio/mpeg', length: 1000 },
          { url: 'https://corpus.example/media/ep1.m4a?fbclid=123&Sig=X', type: 'audio/mp4', length: null },
        ],
      },
    ],
    warnings: 'none',
  },
  {
    file: 'links/non-http-links.xml',
    checks: 'ftp:, javascript: and mailto: links are not article URLs: null, and one warning says so',
    items: [{ url: null }, { url: null }, { url: null }],
    verify: (parsed) => {
      const expected = ['ignored the link of 3 items (item 1 first): ftp:, javascript:, mailto: are not http(s)'];
      if (JSON.stringify(parsed.warnings) !== JSON.stringify(expected)) throw new Error(`unexpected warnings ${JSON.stringify(parsed.warnings)}`);
    },
  },
  {
    file: 'links/link-href-in-rss.xml',
    checks: 'an unprefixed Atom-style <link href="..."/> in an RSS item gives the URL',
    items: [{ url: 'https://links.example/href-link' }],
    warnings: 'none',
  },
  {
    file: 'links/link-empty-then-real.xml',
    checks: 'an empty <link> followed by a real one: the real one is the URL',
    items: [{ url: 'https://links.example/second' }],
    warnings: 'none',
  },
  {
    file: 'links/enclosures.xml',
    checks: 'enclosures: relative URLs resolved, one per URL (a later duplicate fills in the length), bad lengths null, empty URLs dropped',
    items: [
      {
        enclosures: [
          { url: 'https://links.example/a.mp3', type: 'audio/mpeg', length: 1234 },
          { url: 'https://corpus.example/media/b.ogg', type: 'audio/ogg', length: null },
          { url: 'https://links.example/c.mp4', type: null, length: null },
        ],
      },
    ],
    warnings: 'none',
  },
  {
    file: 'links/rdf-about.rdf',
    checks: 'an RSS 1.0 item with only rdf:about has it as id and URL',
    items: [{ id: 'https://rdf.links.example/about-only', url: 'https://rdf.links.example/about-only' }],
    warnings: 'none',
  },
  {
    file: 'links/json-urls.json',
    checks: 'JSON Feed: a numeric id becomes a string, relative URLs resolve, external_url stands in for url, the url for a missing id',
    feed: { siteUrl: 'https://corpus.example/' },
    items: [
      { id: '42', url: 'https://corpus.example/posts/42' },
      { id: 'ext', url: 'https://elsewhere.example/story' },
      { id: 'https://links.example/json-no-id' },
      {
        id: 'att',
        enclosures: [{ url: 'https://corpus.example/files/a.pdf', type: 'application/pdf', length: null }],
        contentHtml: '<a href="https://corpus.example/rel.html">rel</a>',
      },
    ],
    warnings: 'none',
  },
  {
    file: 'links/channel-self-relative.xml',
    checks: 'a relative atom:link rel=self resolves against the feed URL',
    feed: { feedUrl: 'https://corpus.example/feeds/main.xml' },
    warnings: 'none',
  },
  {
    file: 'links/feed-url-with-query.xml',
    checks: 'a query-only relative link ("?p=12") resolves against the whole feed URL',
    items: [{ url: 'https://corpus.example/feed.xml?p=12' }],
    warnings: 'none',
  },
];
