import type { FeedItem } from '@tidings/contracts';
import type { CorpusCase } from './corpus-case.js';

const titled = (...titles: (string | null)[]): Partial<FeedItem>[] => titles.map((title) => ({ title }));
const THREE = titled('Item 1', 'Item 2', 'Item 3');

/** Broken documents read the way feedparser reads "bozo" feeds: what can be recovered is, with a warning saying what was wrong. */
export const ILL_FORMED_CASES: CorpusCase[] = [
  {
    file: 'ill-formed/json-trailing-commas.json',
    checks: 'a JSON Feed with trailing commas, a comment and single quotes is read as JSON5, with a warning',
    items: [
      { id: '1', url: 'https://broken.example/1', title: 'One' },
      { id: '2', url: 'https://broken.example/2', title: 'Two' },
    ],
    warnings: [/^the JSON is not valid \(.+\); read it as JSON5/],
  },
  {
    file: 'ill-formed/cdata-left-open.xml',
    checks: 'a CDATA section never closed is closed at the next end tag: the items after it are kept, and the repair said',
    items: [
      { title: 'First', summary: 'never closed', url: 'https://broken.example/1' },
      { title: 'Second', summary: '<p>closed</p>', url: 'https://broken.example/2' },
    ],
    warnings: ['closed a CDATA section left open at the next end tag'],
  },
  {
    file: 'ill-formed/bare-ampersands.xml',
    checks: 'bare "&" in titles, links and descriptions are read as ampersands, with one warning counting them',
    feed: { title: 'Q&A' },
    items: [{ title: 'Tom & Jerry, R&D & more', url: 'https://broken.example/a?x=1&y=2', summary: 'Fish &amp; chips' }],
    warnings: ['escaped 6 bare "&" characters that started no entity reference'],
  },
  {
    file: 'ill-formed/undefined-entities.xml',
    checks: 'HTML entities undefined in XML (&nbsp; &eacute; &copy; &trade;) are decoded; an unknown one (&bogus;) stays as text; both warned',
    items: [{ title: 'Café © &bogus; ™' }],
    warnings: [/^converted 4 HTML named entities/, 'kept 1 unknown entity as text (e.g. &bogus;)'],
  },
  {
    file: 'ill-formed/dtd-declared-entities.xml',
    checks: "entities declared in the DOCTYPE's internal subset are expanded",
    feed: { title: 'Declared Site' },
    items: [{ title: 'Made by Declared Site © 2024' }],
    warnings: 'none',
  },
  {
    file: 'ill-formed/junk-before-declaration.xml',
    checks: 'a PHP notice printed before the XML declaration is skipped with a warning',
    items: THREE,
    warnings: ['ignored 70 characters before the XML document'],
  },
  {
    file: 'ill-formed/whitespace-before-declaration.xml',
    checks: 'blank lines and tabs before the XML declaration are skipped silently',
    items: THREE,
    warnings: 'none',
  },
  {
    file: 'ill-formed/bom-and-blank-lines.xml',
    checks: 'a byte order mark followed by blank lines before the declaration is skipped silently',
    items: THREE,
    warnings: 'none',
  },
  {
    file: 'ill-formed/php-warning-before-root.xml',
    checks: 'an HTML-formatted PHP warning between the declaration and the root element is skipped with a warning',
    feed: { title: 'After the warning' },
    items: titled('Item 1'),
    warnings: ["ignored 87 characters before the feed's root element"],
  },
  {
    file: 'ill-formed/truncated-mid-item.xml',
    checks: 'a download cut inside an item keeps the complete items and drops the cut one, with a warning',
    items: [{ title: 'Item 1' }, { title: 'Item 2', summary: 'Second &amp; good' }],
    warnings: ['the document ends before its elements are closed (a truncated download?); dropped the incomplete last item'],
  },
  {
    file: 'ill-formed/truncated-after-items.xml',
    checks: 'a download cut after the last item (no </channel></rss>) keeps every item, with a warning',
    items: THREE,
    warnings: ['the document ends before its elements are closed (a truncated download?); kept everything before the end'],
  },
  {
    file: 'ill-formed/truncated-in-cdata.xml',
    checks: 'a download cut inside a CDATA section keeps the items before it',
    items: titled('Item 1', 'Item 2'),
    warnings: [/dropped the incomplete last item$/],
  },
  {
    file: 'ill-formed/truncated-atom.xml',
    checks: 'an Atom download cut inside an entry keeps the complete entries',
    format: 'atom1',
    items: [{ id: 'e1', title: 'Whole' }],
    warnings: [/dropped the incomplete last entry$/],
  },
  {
    file: 'ill-formed/mismatched-title.xml',
    checks: 'a misspelt end tag (</titel>) does not swallow the link: the title closes when the link starts',
    items: [
      { title: 'Item 1', url: 'https://broken.example/1' },
      { title: 'Item 2', url: 'https://broken.example/2' },
    ],
    warnings: [/^the XML is not well-formed: line 6: <link> inside <title>, which was not closed/, /<\/titel> matches no open element; ignored$/],
  },
  {
    file: 'ill-formed/mismatched-unclosed-item.xml',
    checks: 'an item left open is closed when the next item starts, so no item is lost or nested',
    items: THREE,
    warnings: [/^the XML is not well-formed: line 7: <item> inside <item>, which was not closed/],
  },
  {
    file: 'ill-formed/mismatched-channel-closed-early.xml',
    checks: 'a </channel> closing an open item, and the item after it, are both read',
    feed: { title: 'Early close' },
    items: titled('Item 1', 'Item 2'),
    warnings: [/^the XML is not well-formed: line 2: <\/channel> closed <item>/],
  },
  {
    file: 'ill-formed/mismatched-case.xml',
    checks: 'end tags differing in case from their start tags (<Title>...</title>) close them, with a warning',
    items: THREE.slice(0, 2),
    warnings: [/<\/title> closed <Title>, whose name differs in case/],
  },
  {
    file: 'ill-formed/mismatched-in-description.xml',
    checks: 'unclosed HTML pasted raw into a description is closed at </description>, and the next item is unharmed',
    items: [{ title: 'Item 1', summary: '<p>Unclosed <b>bold</b></p>' }, { title: 'Item 2' }],
    warnings: [/<\/description> closed <b>/],
  },
  {
    file: 'ill-formed/stray-end-tags.xml',
    checks: 'end tags matching no open element are ignored with a warning',
    items: titled('Item 1', 'Item 2'),
    warnings: [/<\/div> matches no open element \(and 1 more stray end tag\); ignored$/],
  },
  {
    file: 'ill-formed/mismatched-atom.xml',
    checks: 'Atom with a misspelt </entry> and a </summary> closing a title: both entries recovered whole',
    format: 'atom1',
    items: [
      { id: 'a1', title: 'First', url: 'https://broken.example/a1' },
      { id: 'a2', title: 'Second', url: 'https://broken.example/a2', updatedAt: '2024-01-02T00:00:00.000Z' },
    ],
    warnings: [/<entry> inside <entry>, which was not closed/, /<\/entri> matches no open element/],
  },
  {
    file: 'ill-formed/html-void-elements-in-description.xml',
    checks: 'unclosed <br>, <img> and <hr> pasted raw into a description are read as HTML, without a warning for them',
    items: [{ summary: 'Line one<br />Line two<img src="https://corpus.example/pic.png" /><hr />' }],
    warnings: 'none',
  },
  {
    file: 'ill-formed/unquoted-attributes.xml',
    checks: 'unquoted attribute values (version=2.0, isPermaLink=false, url=...) are read',
    format: 'rss2',
    items: [{ id: 'uq-1', url: null, enclosures: [{ url: 'https://broken.example/a.mp3', type: 'audio/mpeg', length: 10 }] }],
  },
  {
    file: 'ill-formed/uppercase-elements.xml',
    checks: 'element names in capitals (<RSS>, <ITEM>, <PUBDATE>) are read as the elements they name',
    format: 'rss2',
    feed: { title: 'Shouting' },
    items: [{ title: 'Item 1', url: 'https://broken.example/1', publishedAt: '2003-06-10T04:00:00.000Z' }],
    warnings: 'none',
  },
  {
    file: 'ill-formed/stray-less-than.xml',
    checks: 'a "<" that cannot start a tag is read as a character, with a warning',
    items: titled('If a < b and b <= c'),
    warnings: ['escaped 2 stray "<" characters'],
  },
  {
    file: 'ill-formed/junk-after-root.xml',
    checks: 'a PHP error printed after </rss> is ignored with a warning',
    items: THREE,
    warnings: [/^the XML is not well-formed: line 12: <br> after the root element \(and 2 more pieces of content after the root element\); ignored$/],
  },
  {
    file: 'ill-formed/two-roots.xml',
    checks: 'a second document concatenated after the first is ignored with a warning',
    items: THREE,
    warnings: [/<rss> after the root element; ignored$/],
  },
  {
    file: 'ill-formed/items-outside-channel.xml',
    checks: 'items placed after </channel> inside <rss> are read',
    feed: { title: 'Outside' },
    items: titled('Item 1', 'Item 2'),
    warnings: 'none',
  },
  {
    file: 'ill-formed/rss-without-channel.xml',
    checks: 'items directly under <rss>, with no channel at all, are read with a warning',
    items: titled('Item 1', 'Item 2'),
    warnings: ['the RSS document has no <channel> element; read its items without one'],
  },
  {
    file: 'ill-formed/attribute-junk.xml',
    checks: 'a repeated attribute keeps its first value; a nameless attribute is ignored',
    items: [{ enclosures: [{ url: 'https://broken.example/a.mp3', type: 'audio/mpeg', length: 1 }] }],
  },
  {
    file: 'ill-formed/comments-and-pis.xml',
    checks: 'comments (in text and around items) and processing instructions are ignored; a commented-out item is not read',
    feed: { title: 'Commented title' },
    items: titled('Item 1'),
    warnings: 'none',
  },
  {
    file: 'ill-formed/truncated-json.json',
    checks: 'a JSON Feed cut off mid-item keeps the complete items, with a warning',
    format: 'jsonfeed',
    feed: { title: 'Cut JSON' },
    items: [
      { id: '1', title: 'Whole' },
      { id: '2', title: 'Also whole', categories: ['a'] },
    ],
    warnings: [/^the JSON is not valid \(.*\); kept the 2 complete items before the point where it breaks$/],
  },
  {
    file: 'ill-formed/json-trailing-junk.json',
    checks: 'a JSON Feed followed by a PHP warning is read, with a warning',
    format: 'jsonfeed',
    items: [{ id: '1', title: 'One' }],
    warnings: [/^the JSON is not valid/],
  },
  {
    file: 'ill-formed/json-bad-items.json',
    checks: 'JSON Feed items that are not objects are skipped with a warning; fields of the wrong type are ignored',
    format: 'jsonfeed',
    items: [
      { id: '1', title: 'Fine', categories: ['ok'] },
      { id: 'https://broken.example/j', title: null, publishedAt: null },
    ],
    warnings: ['item 2: not a JSON object; skipped', 'item 3: not a JSON object; skipped'],
  },
];
