import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { DOCUMENT_URL, jsonFeed, type ConformanceRule } from './conformance-rule.js';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) and what 1.0 said
 * differently: each row is one member of the top-level object or of an
 * item, and the value it must give.
 */

type ItemRow = [rule: string, item: Record<string, unknown>, expected: Partial<FeedItem>, top?: Record<string, unknown>];
type TopRow = [rule: string, top: Record<string, unknown>, expected: Partial<ParsedFeed['feed']>];

const ITEM_ROWS: ItemRow[] = [
  ['id is the id', { id: 'abc' }, { id: 'abc' }],
  ['a numeric id is read as a string', { id: 42 }, { id: '42' }],
  ['url is the URL', { url: 'https://conformance.example/j/1' }, { url: 'https://conformance.example/j/1' }],
  ['a relative url resolves against the document URL', { url: 'j/2' }, { url: 'https://conformance.example/feeds/j/2' }],
  ['external_url is the URL when there is no url', { external_url: 'https://elsewhere.example/x' }, { url: 'https://elsewhere.example/x' }],
  ['url wins over external_url', { url: 'https://conformance.example/own', external_url: 'https://elsewhere.example/x' }, { url: 'https://conformance.example/own' }],
  ['title is plain text, angle brackets kept', { title: 'A <b> tag' }, { title: 'A <b> tag' }],
  ['an HTML-escaped title is decoded once', { title: 'Tom &amp; Jerry' }, { title: 'Tom & Jerry' }],
  ['title whitespace is collapsed', { title: '  two\n  lines ' }, { title: 'two lines' }],
  ['content_html is the content, sanitised', { content_html: '<p>Hi</p><script>x()</script>' }, { contentHtml: '<p>Hi</p>' }],
  ['content_text is the content when there is no content_html, escaped', { content_text: '1 < 2 & 3' }, { contentHtml: '1 &lt; 2 &amp; 3' }],
  ['content_html wins over content_text', { content_html: '<p>H</p>', content_text: 'T' }, { contentHtml: '<p>H</p>' }],
  ['summary is the summary, as plain text', { summary: 'Short <b>', content_html: '<p>Long</p>' }, { summary: 'Short &lt;b&gt;', contentHtml: '<p>Long</p>' }],
  ['content_text stands in for a missing summary', { content_text: 'Only text' }, { summary: 'Only text' }],
  ['relative URLs in content_html resolve against the item url (JSON Feed has no xml:base)', { url: 'https://article.example/a/', content_html: '<a href="rel.html">r</a>' }, { contentHtml: '<a href="https://article.example/a/rel.html">r</a>' }],
  ['without an item url, relative URLs in content_html resolve against the home page', { content_html: '<img src="i.png" alt="">' }, { contentHtml: '<img src="https://conformance.example/blog/i.png" alt="" />' }, { home_page_url: 'https://conformance.example/blog/' }],
  ['date_published is the published date', { date_published: '2024-01-02T03:04:05+01:00' }, { publishedAt: '2024-01-02T02:04:05.000Z' }],
  ['date_modified is the updated date', { date_modified: '2024-02-03T04:05:06Z' }, { updatedAt: '2024-02-03T04:05:06.000Z' }],
  ['an invalid date_published is null', { date_published: 'yesterday' }, { publishedAt: null }],
  ['authors (1.1) are the authors, each kept', { authors: [{ name: 'One' }, { name: 'Two' }] }, { authors: ['One', 'Two'] }],
  ['author (1.0) is the author', { author: { name: 'Old Style' } }, { authors: ['Old Style'] }],
  ['authors wins over author', { authors: [{ name: 'New' }], author: { name: 'Old' } }, { authors: ['New'] }],
  ['an empty authors array gives way to author (1.0)', { authors: [], author: { name: 'Old Style' } }, { authors: ['Old Style'] }],
  ['an author with only a url is no name', { authors: [{ url: 'https://a.example/' }] }, { authors: [] }],
  ['the feed authors stand in for an item with none', {}, { authors: ['Feed Writer'] }, { authors: [{ name: 'Feed Writer' }] }],
  ['tags are categories, each kept', { tags: ['x', 'y'] }, { categories: ['x', 'y'] }],
  ['a tag that is not a string is dropped', { tags: ['ok', 5, null] }, { categories: ['ok'] }],
  ['attachments are enclosures', { attachments: [{ url: 'https://conformance.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 10 }] }, { enclosures: [{ url: 'https://conformance.example/a.mp3', type: 'audio/mpeg', length: 10 }] }],
  ['an attachment size that is not an integer is null', { attachments: [{ url: 'https://conformance.example/b.mp3', mime_type: 'audio/mpeg', size_in_bytes: 1.5 }] }, { enclosures: [{ url: 'https://conformance.example/b.mp3', type: 'audio/mpeg', length: null }] }],
  ['a relative attachment url resolves against the document URL', { attachments: [{ url: 'media/c.mp3', mime_type: 'audio/mpeg' }] }, { enclosures: [{ url: 'https://conformance.example/feeds/media/c.mp3', type: 'audio/mpeg', length: null }] }],
];

const TOP_ROWS: TopRow[] = [
  ['title is the feed title', { title: 'JSON &amp; Co' }, { title: 'JSON & Co' }],
  ['home_page_url is the site URL', { home_page_url: 'https://conformance.example/home' }, { siteUrl: 'https://conformance.example/home' }],
  ['feed_url is the feed URL', { feed_url: 'https://conformance.example/feed.json' }, { feedUrl: 'https://conformance.example/feed.json' }],
  ['without feed_url, the document URL is the feed URL', {}, { feedUrl: DOCUMENT_URL }],
  ['description is the description', { description: 'About' }, { description: 'About' }],
  ['language is the language', { language: 'en-GB' }, { language: 'en-GB' }],
  ['a JSON Feed has no updated date', {}, { updatedAt: null }],
];

export const JSON_FEED_RULES: ConformanceRule[] = [
  ...ITEM_ROWS.map(([rule, item, expected, top]): ConformanceRule => ({ rule: `JSON Feed item: ${rule}`, document: jsonFeed(item, top), format: 'jsonfeed', item: expected })),
  ...TOP_ROWS.map(([rule, top, expected]): ConformanceRule => ({ rule: `JSON Feed: ${rule}`, document: jsonFeed({ title: 't' }, top), format: 'jsonfeed', feed: expected })),
  {
    rule: 'JSON Feed: with no document URL, a relative home_page_url resolves against feed_url',
    document: jsonFeed({ title: 't' }, { feed_url: 'https://conformance.example/blog/feed.json', home_page_url: '../' }),
    feedUrl: null,
    feed: { siteUrl: 'https://conformance.example/', feedUrl: 'https://conformance.example/blog/feed.json' },
  },
  {
    rule: 'JSON Feed 1.0 (version 1) is read the same',
    document: JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'One', items: [{ id: 'v1', content_text: 'old' }] }),
    format: 'jsonfeed',
    item: { id: 'v1', contentHtml: 'old' },
  },
];
