import { describe, expect, it } from 'vitest';
import { findFeedLinks, looksLikeHtml } from './feed-links.js';

describe('findFeedLinks', () => {
  it('finds RSS, Atom and JSON Feed links in document order, resolved, without duplicates', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/s.css">
      <LINK REL="Alternate" TYPE="application/rss+xml" title="All news" href="/feeds/all.rss">
      <link rel="alternate" type="application/atom+xml; charset=utf-8" href="world.atom" title=" World &amp; Region ">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
      <link rel="alternate" type="application/rss+xml" href="/feeds/all.rss">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body></body></html>`;
    expect(findFeedLinks(html, 'https://site.example/news/')).toEqual([
      { url: 'https://site.example/feeds/all.rss', title: 'All news', type: 'application/rss+xml' },
      { url: 'https://site.example/news/world.atom', title: 'World & Region', type: 'application/atom+xml' },
      { url: 'https://cdn.example/feed.json', title: null, type: 'application/feed+json' },
    ]);
  });

  it('resolves against <base href>', () => {
    const html = '<head><base href="https://static.example/blog/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head>';
    expect(findFeedLinks(html, 'https://site.example/')).toEqual([{ url: 'https://static.example/blog/atom.xml', title: null, type: 'application/atom+xml' }]);
  });

  it('finds nothing on a page without feed links', () => {
    expect(findFeedLinks('<html><head><title>x</title></head><body><a href="/feed">feed</a></body></html>', 'https://site.example/')).toEqual([]);
  });
});

describe('looksLikeHtml', () => {
  it('tells pages from feeds by media type, then by the first element', () => {
    expect(looksLikeHtml('text/html', '<!doctype html><html></html>')).toBe(true);
    expect(looksLikeHtml('text/html', '<?xml version="1.0"?>\n<rss version="2.0"></rss>')).toBe(false);
    expect(looksLikeHtml('application/rss+xml', '<html>')).toBe(false);
    expect(looksLikeHtml(null, '  <!DOCTYPE html>')).toBe(true);
    expect(looksLikeHtml(null, '<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(false);
  });

  it('reads past an XML declaration and any number of comments to the first element', () => {
    expect(looksLikeHtml('text/html', '<?XML version="1.0"?>\n<!-- one --> <!-- two -->\n<RDF:rdf>')).toBe(false);
    expect(looksLikeHtml('text/html', '<!-- <rss> --><html>')).toBe(true);
    expect(looksLikeHtml('text/html', '<?xml version="1.0"?<rss>')).toBe(true);
    expect(looksLikeHtml('text/html', '<!-- never closed <rss>')).toBe(true);
    // A row of comments that reaches no root: one regular expression with a repeated group tried 2^n ways through it.
    expect(looksLikeHtml('text/html', `${'<!---->\t'.repeat(5_000)}>`)).toBe(true);
    expect(looksLikeHtml('text/html', `${'<!---->\t'.repeat(5_000)}<rss version="2.0">`)).toBe(false);
  });
});
