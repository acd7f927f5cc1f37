import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed.js';
import { refusedLinksWarning } from './refused-links.js';

const FEED_URL = 'https://example.org/feed.xml';
const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
const item = (link: string, title = 'a') => `<item><title>${title}</title><link>${link}</link></item>`;

/** Only http(s) pages are fetched: an item left with no link because of its scheme must show in the feed's status. */
describe('item links that are not http(s)', () => {
  it.each(['javascript:alert(1)', 'data:text/html,hi', 'vbscript:msgbox(1)', 'mailto:desk@example.org', 'ftp://files.example.org/a.txt'])(
    'keeps no link of an RSS item linked to %s, and says so',
    async (link) => {
      const parsed = await parseFeed(rss(`${item('https://example.org/kept', 'kept')}${item(link)}`), { feedUrl: FEED_URL });
      expect(parsed.items.map((each) => each.url)).toEqual(['https://example.org/kept', null]);
      expect(parsed.warnings).toEqual([`ignored the link of item 2: ${link.slice(0, link.indexOf(':') + 1)} is not http(s)`]);
    },
  );

  it('says it once for the whole document: how many items, the first, and each scheme', async () => {
    const parsed = await parseFeed(rss(`${item('https://example.org/kept')}${item('javascript:a()')}${item('mailto:a@example.org')}${item('JavaScript:b()')}`), { feedUrl: FEED_URL });
    expect(parsed.items.map((each) => each.url)).toEqual(['https://example.org/kept', null, null, null]);
    expect(parsed.warnings).toEqual(['ignored the link of 3 items (item 2 first): javascript:, mailto: are not http(s)']);
  });

  it('reads Atom alternate links and JSON Feed url and external_url the same way', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>a</title><link rel="alternate" href="javascript:void(0)"/></entry></feed>`;
    expect((await parseFeed(atom, { feedUrl: FEED_URL })).warnings).toEqual(['ignored the link of item 1: javascript: is not http(s)']);
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [
        { id: '1', url: 'https://example.org/1' },
        { id: '2', url: 'data:text/plain,x' },
        { id: '3', external_url: 'vbscript:x' },
      ],
    });
    const parsed = await parseFeed(json, { feedUrl: FEED_URL });
    expect(parsed.items.map((each) => each.url)).toEqual(['https://example.org/1', null, null]);
    expect(parsed.warnings).toEqual(['ignored the link of 2 items (item 2 first): data:, vbscript: are not http(s)']);
  });

  it('resolves a relative link against its base first: under an ftp: xml:base it is an ftp: link', async () => {
    const parsed = await parseFeed(rss(`<item xml:base="ftp://files.example.org/"><title>a</title><link>a.txt</link></item>`), { feedUrl: FEED_URL });
    expect(parsed.warnings).toEqual(['ignored the link of item 1: ftp: is not http(s)']);
  });

  it('says nothing of an item with no link, of a relative link with nothing to resolve it against, or of a refused link another one replaces', async () => {
    const noLink = '<item><title>no link</title></item>';
    const relative = item('story/1');
    // The guid is the permalink: the item keeps a link, and nothing is lost.
    const replaced = '<item><title>a</title><link>javascript:void(0)</link><guid>https://example.org/by-guid</guid></item>';
    const parsed = await parseFeed(rss(`${noLink}${relative}${replaced}`));
    expect(parsed.items.map((each) => each.url)).toEqual([null, null, 'https://example.org/by-guid']);
    expect(parsed.warnings).toEqual([]);
  });

  it('names five schemes at most, and cuts a long one', () => {
    const refused = ['a:', 'b:', 'c:', 'd:', 'e:', 'f:', 'g:', `${'x'.repeat(100)}:`].map((scheme, index) => ({ item: index + 1, scheme }));
    expect(refusedLinksWarning(refused)).toBe('ignored the link of 8 items (item 1 first): a:, b:, c:, d:, e: and 3 more schemes are not http(s)');
    expect(refusedLinksWarning([{ item: 4, scheme: `${'x'.repeat(100)}:` }])).toBe(`ignored the link of item 4: ${'x'.repeat(39)}...: is not http(s)`);
    expect(refusedLinksWarning([])).toBeNull();
  });
});
