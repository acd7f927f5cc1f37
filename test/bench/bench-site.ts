/**
 * A news site for the end-to-end benchmarks: the benchmark pages under
 * distinct URLs (repeated to reach the wanted count) behind generated RSS
 * feeds of `feedSize` items, served on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { BenchPage } from './bench-pages.js';

export interface SiteArticle {
  path: string;
  page: BenchPage;
}

export interface BenchSite {
  articles: SiteArticle[];
  feeds: SiteArticle[][];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function buildSite(pages: BenchPage[], wanted: number, feedSize: number): BenchSite {
  const articles: SiteArticle[] = [];
  for (let copy = 0; articles.length < wanted; copy++) {
    for (const page of pages) {
      if (articles.length >= wanted) break;
      articles.push({ path: `/a/${copy}/${page.id}.html`, page });
    }
  }
  const feeds: SiteArticle[][] = [];
  for (let i = 0; i < articles.length; i += feedSize) feeds.push(articles.slice(i, i + feedSize));
  return { articles, feeds };
}

/** Serves the site; `feedUrls` are its feeds in order. */
export function serveSite(site: BenchSite): Promise<{ server: Server; base: string; feedUrls: string[] }> {
  const byPath = new Map(site.articles.map((article) => [article.path, article]));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(url.pathname);
    if (feedMatch) {
      const items = site.feeds[Number(feedMatch[1])] ?? [];
      const base = `http://${request.headers.host}`;
      const body = `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Bench feed ${feedMatch[1]}</title><link>${base}/</link>${items
        .map((a) => `<item><title>${escapeXml(a.page.id)}</title><link>${base}${a.path}</link><guid>${base}${a.path}</guid></item>`)
        .join('')}</channel></rss>`;
      // A validator, as real feeds send: a poll that finds nothing new is a 304, the common case.
      const etag = `"feed-${feedMatch[1]}-${items.length}"`;
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
      return;
    }
    const article = byPath.get(url.pathname);
    if (!article) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article.page.html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      resolve({ server, base, feedUrls: site.feeds.map((_, i) => `${base}/feeds/${i}.xml`) });
    }),
  );
}
