import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH } from '@tidings/url';
import { parseFeed } from './parse-feed.js';

/**
 * Documents built to make a parser take super-linear time. Each of these,
 * but the two marked otherwise, ran for minutes or hours before the parser
 * was made linear; here they only have to finish and give the right
 * result. Nothing here measures time: `pnpm bench:hostile` does.
 */

const ITEM = '<item><title>kept</title><link>https://example.org/kept</link></item>';
const rss = (channel: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${channel}</channel></rss>`;

describe('hostile feeds: DOCTYPE tricks', () => {
  // `<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>` backtracked exponentially on this: 2.4 s at 24 pairs, hours at 40.
  it.each([40, 10_000])('skips a DOCTYPE of %i "[]" pairs that never ends', async (pairs) => {
    const doctype = `<!DOCTYPE rss${'[]'.repeat(pairs)}[`;
    const parsed = await parseFeed(`<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>t</title>${ITEM}</channel></rss>`);
    expect(parsed.items.map((item) => item.url)).toEqual(['https://example.org/kept']);
    expect(parsed.warnings).toEqual([`ignored ${doctype.length} characters before the feed's root element`]);
  });

  // Not slow before, but wrong: the DOCTYPE ended at the ">" inside its quoted system id.
  it('reads past a complete DOCTYPE with thousands of internal subsets, and expands its entities', async () => {
    const doctype = `<!DOCTYPE rss [<!ENTITY who "Jo">]${'[]'.repeat(10_000)} "a>b" [<!ENTITY where ']>'>]>`;
    const parsed = await parseFeed(`<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>&who; &where;</title>${ITEM}</channel></rss>`);
    expect(parsed.feed.title).toBe('Jo ]>');
    expect(parsed.items).toHaveLength(1);
    expect(parsed.warnings).toEqual([]);
  });
});

describe('hostile feeds: declared entities', () => {
  it('expands nested entities in full, the first declaration binding, none declared in a comment or a recursive reference', async () => {
    const doctype = `<!DOCTYPE rss [
      <!ENTITY org "Example Org"><!ENTITY tagline "News from &org;">
      <!ENTITY brand "First"><!ENTITY brand "Second">
      <!-- <!ENTITY hidden "Commented"> --><!ENTITY note 'see "<!ENTITY inner 1>"'>
      <!ENTITY self "loop &self; end">]>`;
    const parsed = await parseFeed(`<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>&tagline; by &brand;</title>${ITEM}
      <item><title>&hidden; &inner; &self;</title><link>https://example.org/b</link></item></channel></rss>`);
    expect(parsed.feed.title).toBe('News from Example Org by First');
    expect(parsed.items[1]?.title).toBe('&hidden; &inner; loop &self; end');
    expect(parsed.warnings).toEqual(['kept 3 unknown entities as text (e.g. &hidden;)']);
  });

  // Ten references to an entity of ten references, nine levels deep: 10^9 "lol"s.
  it('refuses a billion laughs with a clear error', async () => {
    let doctype = '<!DOCTYPE rss [<!ENTITY lol0 "lol">';
    for (let level = 1; level <= 9; level += 1) doctype += `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`;
    const feed = `<?xml version="1.0"?>${doctype}]><rss version="2.0"><channel><title>&lol9;</title>${ITEM}</channel></rss>`;
    await expect(parseFeed(feed)).rejects.toMatchObject({ code: 'malformed-feed', message: expect.stringContaining('entity bomb') });
  });
});

describe('hostile feeds: CDATA left open', () => {
  // Each repair resumes the scan where it closed a section: 20,000 of them stay one pass.
  it.each(['', ']]>'])('closes 20,000 CDATA sections left open (%s at the end) and keeps every item', async (tail) => {
    const items = '<item><description><![CDATA[text</description><link>https://example.org/a</link></item>'.repeat(20_000);
    const parsed = await parseFeed(rss(`${items}${ITEM}<item><description><![CDATA[last]]></description></item>${tail}`));
    expect(parsed.items).toHaveLength(20_002);
    expect(parsed.warnings[0]).toBe('closed 20000 CDATA sections left open at the next end tag');
  });
});

describe('hostile feeds: tag soup', () => {
  // Each stray end tag scanned the 100,000 open elements twice, lower-casing every name: hours.
  it('ignores 200,000 stray end tags under 100,000 open elements', async () => {
    const parsed = await parseFeed(rss(`${ITEM}${'<a>'.repeat(100_000)}${'</b>'.repeat(200_000)}`));
    expect(parsed.items).toHaveLength(1);
    expect(parsed.warnings).toContainEqual(expect.stringContaining('</b> matches no open element (and 199999 more stray end tags); ignored'));
  });

  // Each new item scanned the open elements for an item to close.
  it('reads 50,000 items opened under 50,000 open elements', async () => {
    const parsed = await parseFeed(rss(`${'<a>'.repeat(50_000)}${'<item/>'.repeat(49_999)}${ITEM}`));
    expect(parsed.items).toHaveLength(50_000);
    expect(parsed.items.at(-1)?.url).toBe('https://example.org/kept');
  });

  // The polling hints were read by a regex that looked for the end of every <item> from every <item>: minutes.
  it('reads 100,000 unclosed items and the channel hints', async () => {
    const parsed = await parseFeed(rss(`<ttl>60</ttl><skipDays><day>Sunday</day></skipDays>${'<item><title>a</title>'.repeat(100_000)}`));
    expect(parsed.items).toHaveLength(100_000);
    expect(parsed.hints).toEqual({ ttlMs: 3_600_000, updatePeriodMs: null, skipHours: [], skipDays: [0] });
    expect(parsed.warnings).toContainEqual(expect.stringContaining('<item> inside <item>, which was not closed (and 99999 more unclosed elements)'));
  });
});

describe('hostile feeds: long attributes', () => {
  // Every element copied the namespace bindings of all its ancestors: quadratic in the depth.
  it('reads 50,000 nested elements that each declare a namespace prefix', async () => {
    const nested = Array.from({ length: 50_000 }, (_, index) => `<x xmlns:p${index}="urn:example:${index}">`).join('');
    const parsed = await parseFeed(rss(`${nested}<item><p7:title>ns</p7:title><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Jo</dc:creator></item>`));
    expect(parsed.items.map((item) => item.authors)).toEqual([['Jo']]);
  });

  // A tag with an unterminated quoted attribute was scanned to the end of the content from every such tag.
  // In CDATA the markup is text, not the XHTML div element that wraps content: the div is kept.
  it('reads XHTML content holding 100,000 tags with unterminated attribute quotes', async () => {
    const content = `<div><p>kept</p>${'<div class="'.repeat(100_000)}</div>`;
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>a</title><content type="xhtml"><![CDATA[${content}]]></content></entry></feed>`;
    const parsed = await parseFeed(atom);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.contentHtml).toBe('<div><p>kept</p><div></div></div>');
  });

  // Not slow before either: here so that it stays linear.
  it('reads a root element with a 1 MB attribute and 100,000 attributes on an item element', async () => {
    const attributes = Array.from({ length: 100_000 }, (_, index) => `a${index}="${index}"`).join(' ');
    const parsed = await parseFeed(`<rss version="2.0" x="${'y'.repeat(1_000_000)}"><channel><title>t</title><item ${attributes}><title>a</title></item></channel></rss>`);
    expect(parsed.items.map((item) => item.title)).toEqual(['a']);
  });
});

describe('hostile feeds: HTML in a description', () => {
  // sanitize-html's parser looked each stray end tag up through all 100,000 open elements: hours.
  it('sanitises a description of 100,000 open <div>s and 100,000 stray end tags', async () => {
    const html = `<p>kept</p>${'<div>'.repeat(100_000)}${'</b>'.repeat(100_000)}`;
    const parsed = await parseFeed(rss(`<item><title>a</title><description><![CDATA[${html}]]></description></item>`));
    expect(parsed.items[0]?.summary).toMatch(/^<p>kept<\/p>(?:<div>){100000}(?:<\/div>){100000}$/);
  });
});

describe('hostile feeds: entity chains', () => {
  // `&amp;lt;p` decodes to `&lt;p`, then to `<p`: a title of 100,000 unterminated tags, each scanned to the end of the title.
  it('reads a title of 100,000 escaped unterminated tags', async () => {
    const parsed = await parseFeed(rss(`<item><title>${'&amp;lt;p'.repeat(100_000)}</title></item>`));
    expect(parsed.items).toHaveLength(1);
  });

  // Every cut point spelt out the closers of every container open there: quadratic in the depth.
  it('salvages a JSON Feed followed by 100,000 nested arrays and junk', async () => {
    const json = `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"x"}],"x":${'['.repeat(100_000)}${']'.repeat(100_000)} junk`;
    const parsed = await parseFeed(json);
    expect(parsed.items.map((item) => item.id)).toEqual(['1']);
    expect(parsed.warnings).toContainEqual(expect.stringContaining('kept the 1 complete item'));
  });
});

describe('hostile feeds: what the index could not store', () => {
  // PostgreSQL cannot index a text this long: one such link failed the claim of every item of the feed, at every poll.
  it('keeps no link of an item whose link is longer than MAX_URL_LENGTH, and says so', async () => {
    const long = `https://example.org/${'x'.repeat(MAX_URL_LENGTH)}`;
    const parsed = await parseFeed(rss(`${ITEM}<item><title>long</title><link>${long}</link></item>`));
    expect(parsed.items.map((item) => item.url)).toEqual(['https://example.org/kept', null]);
    expect(parsed.warnings).toEqual([`ignored the link of an item: longer than ${MAX_URL_LENGTH} characters`]);
  });

  // The feed's status holds its warnings: with a NUL in one, PostgreSQL refused the status of the poll.
  it('quotes no control character from the document in a warning', async () => {
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ id: '1', url: 'https://example.org/a', date_published: '2026-01-01\u0000\u0007' }] });
    const parsed = await parseFeed(json);
    expect(parsed.warnings).toEqual(['item 1: unparseable date "2026-01-01\uFFFD\uFFFD"']);
  });

  // A NUL in the first kilobyte refused the whole feed as binary; one further on was dropped by the parser.
  it.each([0, 2_000])('reads a feed with a NUL in an item title %i characters in', async (padding) => {
    const parsed = await parseFeed(rss(`<item><title>${'p'.repeat(padding)}</title></item><item><title>a\u0000b</title><link>https://example.org/b</link></item>`));
    expect(parsed.items.map((item) => item.title)).toEqual([padding === 0 ? null : 'p'.repeat(padding), 'ab']);
  });

  it('still refuses an image served as the feed', async () => {
    const png = `\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR${'\u0000\u0001'.repeat(100)}`;
    await expect(parseFeed(png)).rejects.toMatchObject({ code: 'malformed-feed', message: 'the document is binary data, not a feed' });
  });
});
