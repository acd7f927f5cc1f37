import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '@tidings/text';
import { benchDir, requireSharedData, wcxbDevDir } from './shared-data.js';

/** Where the public article-extraction benchmark lives (read-only, outside the repo). */
export const BENCH_DIR = requireSharedData(benchDir);

export interface BenchPage {
  id: string;
  /** The page's original URL, from the ground truth. */
  url: string;
  html: string;
  /** The ground-truth article body. */
  truth: string;
}

/** Loads the 181 benchmark pages with their ground truth. */
export function loadBenchPages(): BenchPage[] {
  const truth = JSON.parse(readFileSync(path.join(BENCH_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return readdirSync(path.join(BENCH_DIR, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html\.gz$/, '');
      const entry = truth[id];
      if (!entry) throw new Error(`no ground truth for ${id}`);
      return { id, url: entry.url, html: readPageFile(path.join(BENCH_DIR, 'html', name)), truth: entry.articleBody };
    });
}

/** The seven WCXB page types. */
export const WCXB_PAGE_TYPES = ['article', 'forum', 'documentation', 'product', 'collection', 'listing', 'service'] as const;
export type WcxbPageType = (typeof WCXB_PAGE_TYPES)[number];

/** A WCXB page: the body truth plus page type, snippets and metadata truth. */
export interface WcxbPage extends BenchPage {
  pageType: WcxbPageType;
  /** Snippets a correct extraction contains. */
  with: string[];
  /** Boilerplate snippets a correct extraction leaves out. */
  without: string[];
  title: string | null;
  author: string | null;
  /** YYYY-MM-DD, or null. */
  publishDate: string | null;
}

interface WcxbTruth {
  url: string;
  pageType: WcxbPageType;
  title: string | null;
  author: string | null;
  publishDate: string | null;
  mainContent: string;
  with?: string[];
  without?: string[];
}

/** Loads the WCXB development split (../shared/bench/wcxb-dev), each page decoded as `tidings extract` decodes a saved page. */
export function loadWcxbPages(): WcxbPage[] {
  const dir = requireSharedData(wcxbDevDir);
  const truth = JSON.parse(gunzipSync(readFileSync(path.join(dir, 'ground-truth.json.gz'))).toString('utf8')) as Record<string, WcxbTruth>;
  return readdirSync(path.join(dir, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html\.gz$/, '');
      const entry = truth[id];
      if (!entry) throw new Error(`no ground truth for ${id}`);
      return {
        id,
        // Three truths have no URL: the page's file, as `tidings extract` reads a saved page.
        url: entry.url || pathToFileURL(path.join(dir, 'html', `${id}.html`)).href,
        html: readPageFile(path.join(dir, 'html', name)),
        truth: entry.mainContent,
        pageType: entry.pageType,
        with: entry.with ?? [],
        without: entry.without ?? [],
        title: entry.title,
        author: entry.author,
        publishDate: entry.publishDate,
      };
    });
}

/** A gzipped page file's text, decoded as `tidings extract` decodes a saved page (decodeBody, kind page). */
function readPageFile(file: string): string {
  return decodeBody(gunzipSync(readFileSync(file)), null, 'page').text;
}
