import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { benchDir } from './shared-data.js';

/** Where the public article-extraction benchmark lives (read-only, outside the repo). */
export const BENCH_DIR = benchDir();

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
      return { id, url: entry.url, html: gunzipSync(readFileSync(path.join(BENCH_DIR, 'html', name))).toString('utf8'), truth: entry.articleBody };
    });
}
