import { parseByline } from './authors.js';
import { buildArticleBody, type ArticleHints } from './content/index.js';
import { parsePage, type DomEngine } from './dom.js';
import { readPageMetadata, type PageMetadata } from './metadata/index.js';
import { pruneForReadability, runReadability, type ReadabilityOutcome } from './readability.js';
import type { ArticleBody } from './text.js';

/** Everything read from the page itself. */
export interface PageAnalysis {
  engine: DomEngine;
  /** The page was too large and was read only in part (dom.ts MAX_HTML_CHARS). */
  truncated: boolean;
  /** Absolute base for the page's relative links. */
  baseUrl: string;
  metadata: PageMetadata;
  readability: Omit<ReadabilityOutcome, 'content'>;
  /** datetime values of <time> elements inside Readability's pick. */
  contentTimes: string[];
  /** The cleaned article body, or null when Readability found none. */
  body: ArticleBody | null;
}

/**
 * The headline and author spellings the page declares, for recognising its
 * furniture (see content/furniture.ts). `extra` adds the feed item's values.
 */
export function articleHints(metadata: PageMetadata, byline: string | null, extra: ArticleHints = {}): ArticleHints {
  const { jsonLd, openGraph, meta, document } = metadata;
  const rawAuthors = [...(jsonLd.article?.authors.map((author) => author.name) ?? []), ...openGraph.authors, ...meta.authors];
  if (byline) rawAuthors.push(byline);
  return {
    titles: [jsonLd.article?.headline, openGraph.title, document.h1, ...(extra.titles ?? [])],
    authors: [...rawAuthors.flatMap(parseByline), ...(extra.authors ?? []).flatMap(parseByline)],
  };
}

/**
 * Parses the page and extracts its metadata and article body, with linkedom
 * and, should anything throw there, once more with jsdom. Returns the error
 * instead when both fail: the caller decides whether a feed fallback exists.
 */
export function analysePage(html: string, url: string): PageAnalysis | { error: unknown } {
  try {
    return analyseWith(html, url, 'linkedom');
  } catch {
    try {
      return analyseWith(html, url, 'jsdom');
    } catch (error) {
      return { error };
    }
  }
}

function analyseWith(html: string, url: string, engine: DomEngine): PageAnalysis {
  const page = parsePage(html, url, engine);
  // Readability rewrites the document: metadata first.
  const metadata = readPageMetadata(page.document);
  pruneForReadability(page.document);
  const { content, ...readability } = runReadability(page.document);
  const contentTimes = content
    ? [...content.querySelectorAll('time[datetime]')].flatMap((time) => time.getAttribute('datetime') ?? [])
    : [];
  const body = content ? buildArticleBody(content, page.baseUrl, articleHints(metadata, readability.byline)) : null;
  return { engine, truncated: page.truncated, baseUrl: page.baseUrl, metadata, readability, contentTimes, body };
}
