/**
 * One chunk of bench:extract's plain Readability + jsdom run, in a child
 * process of its own: jsdom keeps gigabytes of a run's pages reachable
 * (1.6-2.7 GB of heap after 100-300 WCXB pages, windows closed), and the
 * 1,358 WCXB pages in one process ran out of a 4 GB heap after 17 minutes.
 * A fresh process per chunk frees it all.
 *
 * Reads `{ passes, pages: [{ id, html }] }` as JSON on stdin, warms up on
 * the first pages (untimed), then extracts the pages `passes` times over
 * (one pass over them all, then the next) and writes
 * `{ results: [{ id, output, ms: [one per pass], failed }], maxRssMb }` as
 * JSON on stdout (output and failed from the first pass).
 */
import { readFileSync } from 'node:fs';
import { plainReadabilityOnJsdom, type ReadabilityOutput } from './baselines.js';

/** What a chunk's child reports for each page. */
export interface ChildResult {
  id: string;
  output: ReadabilityOutput | null;
  /** The page's time in each pass, the first (cold) first. */
  ms: number[];
  failed: boolean;
}

const WARM_UP_PAGES = 3;

const { passes, pages } = JSON.parse(readFileSync(0, 'utf8')) as { passes: number; pages: Array<{ id: string; html: string }> };
for (const page of pages.slice(0, WARM_UP_PAGES)) {
  try {
    plainReadabilityOnJsdom(page.html);
  } catch {
    // measured below
  }
}
const results: ChildResult[] = pages.map((page) => ({ id: page.id, output: null, ms: [], failed: false }));
for (let pass = 0; pass < passes; pass += 1) {
  pages.forEach((page, i) => {
    const result = results[i]!;
    const started = performance.now();
    try {
      const output = plainReadabilityOnJsdom(page.html);
      if (pass === 0) result.output = output;
    } catch {
      if (pass === 0) result.failed = true;
    }
    result.ms.push(performance.now() - started);
  });
}
process.stdout.write(JSON.stringify({ results, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
