import type { CorpusCase } from './corpus-case.js';

/** What holds no items is refused, with a permanent malformed-feed error saying why. */
export const REFUSED_CASES: CorpusCase[] = [
  { file: 'refused/html-error-page.html', checks: 'an HTML 404 page served as the feed', error: 'the document is an HTML page, not a feed' },
  { file: 'refused/html-without-doctype.html', checks: "nginx's 503 page, HTML without a DOCTYPE", error: 'the document is an HTML page, not a feed' },
  { file: 'refused/xhtml-page.html', checks: 'an XHTML page (XML declaration, XHTML DOCTYPE) linking to its feed', error: 'the document is an HTML page, not a feed' },
  { file: 'refused/challenge-page.html', checks: 'a bot-challenge page', error: 'the document is an HTML page, not a feed' },
  { file: 'refused/html-mentioning-rss.html', checks: 'an HTML page showing escaped RSS markup', error: 'the document is an HTML page, not a feed' },
  { file: 'refused/empty.xml', checks: 'an empty body', error: 'the document is empty' },
  { file: 'refused/whitespace-only.xml', checks: 'a body of whitespace', error: 'the document is empty' },
  { file: 'refused/plain-text.txt', checks: 'a plain-text error message', error: 'the document is neither XML nor JSON' },
  { file: 'refused/opml.xml', checks: 'an OPML subscription list', error: 'the root element <opml> is not RSS, RDF or Atom' },
  { file: 'refused/sitemap.xml', checks: 'an XML sitemap', error: 'the root element <urlset> is not RSS, RDF or Atom' },
  { file: 'refused/rss-without-channel-or-items.xml', checks: 'an <rss> with neither a channel nor items', error: 'the RSS document has no <channel> element' },
  {
    file: 'refused/broken-without-items.xml',
    checks: 'broken XML holding no item',
    error: 'the XML is not well-formed (line 2: </descriptoin> matches no open element) and holds no item that could be recovered',
  },
  {
    file: 'refused/truncated-before-any-item.xml',
    checks: 'a download cut before the first item was complete',
    error: 'the XML is not well-formed (it ends before its elements are closed) and holds no item that could be recovered',
  },
  { file: 'refused/json-not-a-feed.json', checks: 'a JSON API error', error: 'the JSON document is not a JSON Feed: no jsonfeed.org version and no items' },
  { file: 'refused/json-array.json', checks: 'a JSON array', error: 'the JSON document is not a JSON Feed: it is not an object' },
  { file: 'refused/invalid-json.json', checks: 'JSON cut off before any item', error: /^the document is not valid JSON: / },
  { file: 'refused/binary-garbage.bin', checks: 'an image served as the feed', error: 'the document is binary data, not a feed' },
];
