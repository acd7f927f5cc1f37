import { describe, expect, it } from 'vitest';
import { NotOpmlError, parseOpml } from './parse-opml.js';
import { writeOpml } from './write-opml.js';

const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds &amp; more</title></head>
  <body>
    <outline text="News">
      <outline text="World" title="World">
        <outline type="rss" text="Courier" title="Caucasus Courier" xmlUrl="https://courier.example/feeds/news.rss" htmlUrl="https://courier.example/"/>
      </outline>
      <outline type="rss" text="Tech &amp; Science" xmlurl="https://tech.example/atom.xml" category="/Science/Physics,Gadgets, ,News"/>
    </outline>
    <outline type="rss" text="Loose" xmlUrl="http://loose.example/rss?a=1&b=2"/>
    <outline type="rss" text="No URL"/>
    <outline type="rss" text="Relative" xmlUrl="/feed.xml"/>
    <outline type="rss" text="FTP" xmlUrl="ftp://old.example/feed"/>
    <outline text="Empty folder"></outline>
  </body>
</opml>`;

describe('parseOpml', () => {
  it('reads feeds with their folders and categories as tags, and reports invalid outlines', () => {
    const document = parseOpml(EXPORT);
    expect(document.title).toBe('My feeds & more');
    expect(document.feeds).toEqual([
      { url: 'https://courier.example/feeds/news.rss', title: 'Caucasus Courier', siteUrl: 'https://courier.example/', tags: ['News', 'World'] },
      { url: 'https://tech.example/atom.xml', title: 'Tech & Science', siteUrl: null, tags: ['News', 'Science/Physics', 'Gadgets'] },
      { url: 'http://loose.example/rss?a=1&b=2', title: 'Loose', siteUrl: null, tags: [] },
    ]);
    expect(document.invalid.map((entry) => entry.entry)).toEqual(['No URL', '/feed.xml', 'ftp://old.example/feed']);
    expect(document.invalid[0]!.reason).toBe('no xmlUrl');
  });

  it('collapses whitespace in category tags as in folder names, so an export reads back the same (found by fuzzing)', () => {
    const xml = '<opml><body><outline xmlUrl="https://a.example/feed" category="Tech&#10;  News,Tech News"/></body></opml>';
    const [feed] = parseOpml(xml).feeds;
    expect(feed!.tags).toEqual(['Tech News']);
    expect(parseOpml(writeOpml([{ url: feed!.url, title: null, tags: feed!.tags }])).feeds[0]!.tags).toEqual(['Tech News']);
  });

  it('normalises titles, folder names and tags as feeds and pages do: controls and invisible characters dropped', () => {
    const xml =
      '<opml><head><title>My\u00a0feeds&#x200B;</title></head><body><outline text="Wor\u00adld&#x7;">' +
      '<outline xmlUrl="https://a.example/feed" title="Cou\u200brier" category="Te\u2060ch"/></outline><outline text="&#x200B;" xmlUrl="ftp://b.example/"/></body></opml>';
    const document = parseOpml(xml);
    expect(document.title).toBe('My feeds');
    expect(document.feeds).toEqual([{ url: 'https://a.example/feed', title: 'Courier', siteUrl: null, tags: ['World', 'Tech'] }]);
    expect(document.invalid).toEqual([{ entry: 'ftp://b.example/', reason: 'xmlUrl "ftp://b.example/" is not http(s)' }]);
  });

  it('reads 200,000 nested outlines, with a feed at the bottom tagged by every distinct folder', () => {
    const depth = 200_000;
    const folders = Array.from({ length: depth }, (_, index) => `<outline text="${index % 3 === 0 ? 'Deep' : `F${index % 2}`}">`).join('');
    const xml = `<opml><head><title>Deep</title></head><body>${folders}<outline xmlUrl="https://deep.example/feed"/>${'</outline>'.repeat(depth)}<outline xmlUrl="https://top.example/feed"/></body></opml>`;
    const document = parseOpml(xml);
    expect(document.title).toBe('Deep');
    expect(document.feeds.map((feed) => [feed.url, feed.tags])).toEqual([
      ['https://deep.example/feed', ['Deep', 'F1', 'F0']],
      ['https://top.example/feed', []],
    ]);
  });

  it('ignores 200,000 end tags that close nothing, and still closes the outlines they are inside', () => {
    const count = 200_000;
    const xml =
      `<opml><body>${'<outline text="News">'.repeat(count)}${'</b>'.repeat(count)}<outline xmlUrl="https://in.example/feed"/>` +
      `${'</outline>'.repeat(count)}${'</outline>'.repeat(count)}<outline xmlUrl="https://out.example/feed"/></body></opml>`;
    const document = parseOpml(xml);
    expect(document.feeds.map((feed) => [feed.url, feed.tags])).toEqual([
      ['https://in.example/feed', ['News']],
      ['https://out.example/feed', []],
    ]);
  });

  it('matches end tags by exact name and lets one close the elements opened inside it', () => {
    const xml =
      '<opml><body><outline text="A"><Outline text="B"><x><outline xmlUrl="https://ab.example/feed"/></outline>' +
      '<outline xmlUrl="https://a.example/feed"/></outline><outline xmlUrl="https://top.example/feed"/></body></opml>';
    // The first </outline> closes A (not <Outline>: names match by case) and the <x> and <Outline> left open inside it.
    expect(parseOpml(xml).feeds.map((feed) => [feed.url, feed.tags])).toEqual([
      ['https://ab.example/feed', ['A', 'B']],
      ['https://a.example/feed', []],
      ['https://top.example/feed', []],
    ]);
  });

  it('refuses a document that is not OPML', () => {
    expect(() => parseOpml('<rss><channel/></rss>')).toThrow(NotOpmlError);
    expect(() => parseOpml('just text')).toThrow(NotOpmlError);
  });
});

describe('writeOpml', () => {
  it('round-trips feeds, titles and tags through parseOpml', () => {
    const entries = [
      { url: 'https://a.example/feed', title: 'A <&> "quoted"', tags: ['News', 'World', 'Daily'] },
      { url: 'https://b.example/feed?x=1&y=2', title: null, tags: [] },
      { url: 'https://c.example/atom', title: 'C', tags: ['News'] },
      { url: 'https://d.example/rss', title: 'D', tags: ['Tech'] },
    ];
    const xml = writeOpml(entries, { now: new Date('2025-03-01T00:00:00Z') });
    expect(xml).toContain('<opml version="2.0">');
    const back = parseOpml(xml);
    const byUrl = new Map(back.feeds.map((feed) => [feed.url, feed]));
    for (const entry of entries) {
      expect(byUrl.get(entry.url)).toMatchObject({ title: entry.title ?? entry.url, tags: entry.tags });
    }
    expect(back.invalid).toEqual([]);
  });
});
