import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEED_TEXT } from '@tidings/demo-site';

/**
 * A synthetic news site for the chaos run: `feeds` RSS feeds on 127.0.0.1,
 * each listing `perFeed` articles of its own, every page generated from a
 * seed so that the same URL always serves the same article. It counts the
 * requests for each article page, so a run can tell how often the pipeline
 * fetched what (fetch amplification).
 */
export interface NewsFarm {
  url: string;
  feedUrls: string[];
  /** Every article URL the feeds list: what the pipeline must index, each exactly once. */
  articleUrls: string[];
  /** Requests per article path. */
  articleFetches: Map<string, number>;
  close(): Promise<void>;
}

/** The seed story's words: real news vocabulary for the generated text. */
const WORDS = SEED_TEXT.paragraphs.join(' ').split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}'’-]/gu, '')).filter((word) => word.length > 0);

/** A small deterministic PRNG (mulberry32), so pages never change between fetches. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sentence(next: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'news');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Story {
  headline: string;
  author: string;
  publishedAt: string;
  paragraphs: string[];
}

function story(feed: number, item: number): Story {
  const next = random(feed * 100_003 + item);
  const paragraphs = Array.from({ length: 5 + Math.floor(next() * 3) }, () =>
    Array.from({ length: 3 + Math.floor(next() * 3) }, () => sentence(next, 10 + Math.floor(next() * 12))).join(' '),
  );
  return {
    headline: `${sentence(next, 6).slice(0, -1)} (${feed}-${item})`,
    author: `Reporter ${String.fromCharCode(65 + (item % 26))}. Farm${feed}`,
    publishedAt: new Date(Date.UTC(2026, 10, 1) + (feed * 1_000 + item) * 60_000).toISOString(),
    paragraphs,
  };
}

function articlePage(base: string, feed: number, item: number): string {
  const { headline, author, publishedAt, paragraphs } = story(feed, item);
  const url = `${base}/news/${feed}/${item}.html`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(headline)} | Farm News</title>
<link rel="canonical" href="${url}"><meta property="og:title" content="${escape(headline)}"><meta name="author" content="${escape(author)}">
<meta property="article:published_time" content="${publishedAt}"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article><h1>${escape(headline)}</h1><p class="byline">By ${escape(author)} · <time datetime="${publishedAt}">${publishedAt.slice(0, 10)}</time></p>
${paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
</article></main><footer><p>© Farm News</p></footer></body></html>`;
}

function feedDocument(base: string, feed: number, perFeed: number): string {
  const items = Array.from({ length: perFeed }, (_, item) => {
    const { headline, publishedAt } = story(feed, item);
    const url = `${base}/news/${feed}/${item}.html`;
    return `<item><title>${escape(headline)}</title><link>${url}</link><guid>${url}</guid><pubDate>${new Date(publishedAt).toUTCString()}</pubDate></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Farm feed ${feed}</title><link>${base}/</link><description>Feed ${feed}</description>${items.join('')}</channel></rss>`;
}

const ARTICLE_PATH = /^\/news\/(\d+)\/(\d+)\.html$/;
const FEED_PATH = /^\/feeds\/(\d+)\.xml$/;

export async function startNewsFarm(options: { feeds: number; perFeed: number; port?: number }): Promise<NewsFarm> {
  const articleFetches = new Map<string, number>();
  let base = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://farm.invalid').pathname;
    const article = ARTICLE_PATH.exec(path);
    const feed = FEED_PATH.exec(path);
    if (article && Number(article[1]) < options.feeds && Number(article[2]) < options.perFeed) {
      articleFetches.set(path, (articleFetches.get(path) ?? 0) + 1);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(articlePage(base, Number(article[1]), Number(article[2])));
    } else if (feed && Number(feed[1]) < options.feeds) {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(feedDocument(base, Number(feed[1]), options.perFeed));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedUrls = Array.from({ length: options.feeds }, (_, feed) => `${base}/feeds/${feed}.xml`);
  const articleUrls = Array.from({ length: options.feeds }, (_, feed) => Array.from({ length: options.perFeed }, (_, item) => `${base}/news/${feed}/${item}.html`)).flat();
  return {
    url: base,
    feedUrls,
    articleUrls,
    articleFetches,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
