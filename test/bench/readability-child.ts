/**
 * One chunk of bench:extract's plain Readability + jsdom run, in a child
 * process of its own: jsdom keeps gigabytes of a run's pages reachable
 * (1.6-2.7 GB of heap after 100-300 WCXB pages, windows closed), and the
 * 1,358 WCXB pages in one process ran out of a 4 GB heap after 17 minutes.
 * A fresh process per chunk frees it all.
 *
 * Reads `{ pages: [{ id, html }] }` as JSON on stdin, warms up on the first
 * pages (untimed), then extracts each page once and writes
 * `{ results: [{ id, output, ms, failed }], maxRssMb }` as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { plainReadabilityOnJsdom, type ReadabilityOutput } from './baselines.js';

/** What a chunk's child reports for each page. */
export interface ChildResult {
  id: string;
  output: ReadabilityOutput | null;
  ms: number;
  failed: boolean;
}

const WARM_UP_PAGES = 3;

const { pages } = JSON.parse(readFileSync(0, 'utf8')) as { pages: Array<{ id: string; html: string }> };
for (const page of pages.slice(0, WARM_UP_PAGES)) {
  try {
    plainReadabilityOnJsdom(page.html);
  } catch {
    // measured below
  }
}
const results: ChildResult[] = pages.map((page) => {
  const started = performance.now();
  try {
    const output = plainReadabilityOnJsdom(page.html);
    return { id: page.id, output, ms: performance.now() - started, failed: false };
  } catch {
    return { id: page.id, output: null, ms: performance.now() - started, failed: true };
  }
});
process.stdout.write(JSON.stringify({ results, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
