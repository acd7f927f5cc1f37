import type { Article } from '../content/types.js';
import { describe } from './article-page.js';
import { cdata, escapeAttr, escapeText } from './escape.js';

const BASE = '{{BASE}}';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

function zone(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/**
 * RFC 822 date as RSS wants it, written in a local offset (Yerevan and
 * Tbilisi are +0400) so that feed parsers must honour the zone; 0 gives "GMT".
 */
export function rfc822(iso: string, offsetMinutes = 0): string {
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const tz = offsetMinutes === 0 ? 'GMT' : zone(offsetMinutes, '');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} ${tz}`;
}

/** RFC 3339 in a local offset: "2023-09-23T13:20:00+04:00". */
export function rfc3339(iso: string, offsetMinutes: number): string {
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  return `${d.toISOString().slice(0, 19)}${zone(offsetMinutes, ':')}`;
}

function contentHtml(article: Article): string {
  return article.paragraphs.map((paragraph) => `<p>${escapeText(paragraph)}</p>`).join('\n');
}

const latest = (articles: readonly Article[]) =>
  articles.map((article) => article.modified ?? article.published).reduce((a, b) => (a > b ? a : b));

/** An RSS item: a story of the site, or a bare link (the failures feed points at things that are not). */
export interface RssItem {
  title: string;
  link: string;
  description: string;
  published: string;
  offsetMinutes?: number;
  author?: string;
  categories?: readonly string[];
  /** Full text for content:encoded. */
  content?: string;
}

export function articleRssItem(article: Article, offsetMinutes = 0): RssItem {
  return {
    title: article.headline,
    link: `${BASE}${article.path}`,
    description: describe(article),
    published: article.published,
    offsetMinutes,
    author: article.author,
    categories: article.tags,
    content: contentHtml(article),
  };
}

/** RSS 2.0 with the content and Dublin Core namespaces; guids are the permalinks. */
export function renderRss(channel: { title: string; path: string; description: string }, items: readonly RssItem[]): string {
  const lastBuild = items.map((item) => item.published).reduce((a, b) => (a > b ? a : b));
  const entries = items.map((item) => {
    const lines = [
      `      <title>${escapeText(item.title)}</title>`,
      `      <link>${escapeText(item.link)}</link>`,
      `      <guid isPermaLink="true">${escapeText(item.link)}</guid>`,
      `      <pubDate>${rfc822(item.published, item.offsetMinutes)}</pubDate>`,
      ...(item.author ? [`      <dc:creator>${escapeText(item.author)}</dc:creator>`] : []),
      ...(item.categories ?? []).map((category) => `      <category>${escapeText(category)}</category>`),
      `      <description>${escapeText(item.description)}</description>`,
      ...(item.content ? [`      <content:encoded>${cdata(item.content)}</content:encoded>`] : []),
    ];
    return `    <item>\n${lines.join('\n')}\n    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeText(channel.title)}</title>
    <link>${BASE}/</link>
    <description>${escapeText(channel.description)}</description>
    <language>en</language>
    <lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>
    <ttl>15</ttl>
    <atom:link href="${BASE}${channel.path}" rel="self" type="application/rss+xml"/>
${entries.join('\n')}
  </channel>
</rss>
`;
}

/** An Atom entry; `href` and `entryBase` let a feed use tracking links or xml:base-relative ones. */
export interface AtomEntry {
  article: Article;
  href: string;
  /** xml:base on the entry; `href` is then resolved against it. */
  entryBase?: string;
}

/** Atom 1.0 with xml:base at the feed level, overridable per entry; ids are tag: URIs, not URLs. */
export function renderAtom(feed: { title: string; path: string; sectionPath: string }, entries: readonly AtomEntry[]): string {
  const rendered = entries.map(({ article, href, entryBase }) => {
    const base = entryBase ? ` xml:base="${escapeAttr(entryBase)}"` : '';
    return `  <entry${base}>
    <id>tag:caucasus-courier.example,2023:${article.id}</id>
    <title type="text">${escapeText(article.headline)}</title>
    <link rel="alternate" type="text/html" href="${escapeAttr(href)}"/>
    <published>${article.published}</published>
    <updated>${article.modified ?? article.published}</updated>
    <author><name>${escapeText(article.author)}</name></author>
${article.tags.map((tag) => `    <category term="${escapeAttr(tag)}"/>`).join('\n')}
    <summary type="text">${escapeText(describe(article))}</summary>
    <content type="html">${escapeText(contentHtml(article))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${BASE}/" xml:lang="en">
  <id>tag:caucasus-courier.example,2023:${feed.path.slice(1)}</id>
  <title>${escapeText(feed.title)}</title>
  <updated>${latest(entries.map((entry) => entry.article))}</updated>
  <link rel="self" type="application/atom+xml" href="${BASE}${feed.path}"/>
  <link rel="alternate" type="text/html" href="${BASE}${feed.sectionPath}"/>
  <generator>Caucasus Courier CMS</generator>
${rendered.join('\n')}
</feed>
`;
}

/** One JSON Feed item: full HTML for English stories, a summary only for the Russian page. */
export function jsonFeedItem(article: Article, options: { offsetMinutes: number; language: string; fullText: boolean }) {
  const url = `${BASE}${article.path}`;
  return {
    id: url,
    url,
    title: article.headline,
    ...(options.fullText ? { content_html: contentHtml(article) } : { content_text: describe(article) }),
    summary: describe(article),
    image: `${BASE}/images/${article.id}.svg`,
    date_published: rfc3339(article.published, options.offsetMinutes),
    ...(article.modified ? { date_modified: rfc3339(article.modified, options.offsetMinutes) } : {}),
    authors: [{ name: article.author }],
    tags: article.tags,
    language: options.language,
  };
}

/** JSON Feed 1.1. */
export function renderJsonFeed(feed: { title: string; path: string; description: string }, items: readonly object[]): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: `${BASE}/`,
    feed_url: `${BASE}${feed.path}`,
    description: feed.description,
    icon: `${BASE}/images/logo.svg`,
    language: 'en',
    items,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** What a feed URL returns when the proxy in front of the CMS is down: nginx's error page. */
export const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;
