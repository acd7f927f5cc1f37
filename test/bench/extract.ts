/**
 * `pnpm bench:extract`: Tidings' extractor side by side with plain
 * Readability (on jsdom, and on linkedom), on one thread: Tidings and
 * Readability + linkedom in this process, Readability + jsdom in child
 * processes of about 100 extractions each (readability-child.ts says why).
 * Not a test: the speed figures depend on the machine.
 *
 *   pnpm bench:extract [--corpus article-extraction|wcxb-dev] [--sample N] [--passes N]
 *                      [--type T] [--rounds N] [--skip-jsdom] [--skip-linkedom] [--dump FILE]
 *
 * --corpus article-extraction (default): the 181 pages of
 *   ../shared/bench/article-extraction, scored with that benchmark's shingle
 *   metric (checked against two published outputs).
 * --corpus wcxb-dev: the 1,358 pages of the WCXB development split, scored with
 *   its metric (mean per-page word F1), overall and per page type, with the
 *   snippet rates, the metadata rates (title, publish day, author) and the
 *   page-type confusion table.
 * --sample N keeps one page in N (chosen by a hash of its id, so the same
 *   pages every run and every page type in proportion): for quick iterations.
 * --passes N times each contender over the corpus N times in a row (default 3
 *   on the 181 pages, 1 on WCXB): the first pass is cold, as a one-off run such
 *   as `tidings extract` over a few files sees it (the JIT compiles as the
 *   pages come); the last is warm, as a long-running extractor worker sees
 *   it (every page seen N - 1 times before). Quality is scored on the first.
 * --type T keeps the WCXB pages of one page type (article, forum...).
 * --rounds N runs Tidings over the corpus N times more and prints the RSS
 *   after each round: memory must level off, not grow with the rounds.
 * --dump FILE writes Tidings' per-page scores and predictions as JSON.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { extractArticle } from '@tidings/extract';
import { plainReadabilityOnLinkedom, type ReadabilityOutput } from './baselines.js';
import { BENCH_DIR, loadBenchPages, loadWcxbPages, type BenchPage, type WcxbPage } from './bench-pages.js';
import type { ChildResult } from './readability-child.js';
import { printArticleExtractionReport, printWcxbReport, type PassSpeed, type Prediction, type RunResult } from './extract-report.js';

const args = process.argv.slice(2);
const corpus = valueOf('--corpus') ?? 'article-extraction';
const rounds = Number(valueOf('--rounds') ?? 0);
const sample = Number(valueOf('--sample') ?? 1);
const passes = Number(valueOf('--passes') ?? (corpus === 'wcxb-dev' ? 1 : 3));
const dump = valueOf('--dump');
const onlyType = valueOf('--type');
const skipJsdom = args.includes('--skip-jsdom');
const skipLinkedom = args.includes('--skip-linkedom');
if (corpus !== 'article-extraction' && corpus !== 'wcxb-dev') throw new Error(`--corpus must be article-extraction or wcxb-dev, not ${corpus}`);
if (!Number.isInteger(passes) || passes < 1) throw new Error(`--passes must be a whole number of at least 1, not ${valueOf('--passes')}`);

type Extractor = (page: BenchPage) => Prediction;

const EMPTY: Prediction = { text: '', title: null, authors: [], publishedAt: null, pageType: null, pageTypeConfidence: null, failed: true };

const tidings: Extractor = (page) => {
  const record = extractArticle(page.html, { url: page.url });
  const typed = record as typeof record & { pageType?: string; pageTypeConfidence?: number };
  return {
    text: record.text,
    title: record.title,
    authors: record.authors,
    publishedAt: record.publishedAt,
    pageType: typed.pageType ?? null,
    pageTypeConfidence: typed.pageTypeConfidence ?? null,
    failed: false,
  };
};

/** Plain Readability's text and its own title, byline and publishedTime. */
function readability(run: (html: string) => ReadabilityOutput): Extractor {
  return (page) => predictionOf(run(page.html));
}

/** Plain Readability's output as a prediction: its byline as the one author. */
function predictionOf(out: ReadabilityOutput): Prediction {
  return { text: out.text, title: out.title, authors: out.byline ? [out.byline] : [], publishedAt: out.publishedTime, pageType: null, pageTypeConfidence: null, failed: false };
}

/** Pages per second and percentiles of per-page times (ms) of one pass over `pageCount` pages. */
function passSpeed(times: number[], seconds: number, pageCount: number): PassSpeed {
  times.sort((a, b) => a - b);
  return { pagesPerSecond: pageCount / seconds, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Extracts every page `passes` times over, timing each; predictions are the first pass's; the process's peak RSS so far is read after the run. */
function run(name: string, extract: Extractor, pages: readonly BenchPage[]): RunResult {
  const predictions = new Map<string, Prediction>();
  const speeds: PassSpeed[] = [];
  let failures = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const times: number[] = [];
    const started = performance.now();
    for (const page of pages) {
      const t0 = performance.now();
      let prediction = EMPTY;
      try {
        prediction = extract(page);
      } catch {
        if (pass === 0) failures += 1;
      }
      times.push(performance.now() - t0);
      if (pass === 0) predictions.set(page.id, prediction);
    }
    speeds.push(passSpeed(times, (performance.now() - started) / 1000, pages.length));
  }
  return { name, predictions, ...speeds[0]!, ...(passes > 1 ? { warm: speeds[passes - 1] } : {}), failures, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Extractions per child process of the jsdom run (readability-child.ts says why it runs apart): its pages times the passes. */
const JSDOM_CHILD_EXTRACTIONS = 100;

/**
 * Plain Readability + jsdom over `pages`, in child processes of about
 * JSDOM_CHILD_EXTRACTIONS extractions each (same Node flags as this process),
 * each timing its pages `passes` times over. Speed is the sum of the pages'
 * own times, as `run` measures them, per pass; the peak RSS is the largest child's.
 */
function runJsdomInChildren(name: string, pages: readonly BenchPage[]): RunResult {
  const predictions = new Map<string, Prediction>();
  const times: number[][] = Array.from({ length: passes }, () => []);
  let failures = 0;
  let peakRssMb = 0;
  const child = fileURLToPath(new URL('./readability-child.ts', import.meta.url));
  const chunkPages = Math.ceil(JSDOM_CHILD_EXTRACTIONS / passes);
  for (let start = 0; start < pages.length; start += chunkPages) {
    const chunk = pages.slice(start, start + chunkPages);
    const spawned = spawnSync(process.execPath, [...process.execArgv, child], {
      input: JSON.stringify({ passes, pages: chunk.map((page) => ({ id: page.id, html: page.html })) }),
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    if (spawned.status !== 0) throw new Error(`${name}: the child for pages ${start}-${start + chunk.length - 1} failed: ${spawned.stderr.slice(-2000)}`);
    const { results, maxRssMb } = JSON.parse(spawned.stdout) as { results: ChildResult[]; maxRssMb: number };
    peakRssMb = Math.max(peakRssMb, maxRssMb);
    for (const result of results) {
      result.ms.forEach((ms, pass) => times[pass]!.push(ms));
      if (result.failed || !result.output) failures += 1;
      predictions.set(result.id, result.output ? predictionOf(result.output) : EMPTY);
    }
  }
  const speeds = times.map((passTimes) => passSpeed(passTimes, passTimes.reduce((sum, ms) => sum + ms, 0) / 1000, pages.length));
  return { name, predictions, ...speeds[0]!, ...(passes > 1 ? { warm: speeds[passes - 1] } : {}), failures, peakRssMb };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** FNV-1a of the id: a stable, type-blind choice of one page in `n`. */
function sampled<T extends { id: string }>(pages: readonly T[], n: number): T[] {
  if (n <= 1) return [...pages];
  return pages.filter((page) => {
    let hash = 0x811c9dc5;
    for (const char of page.id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return hash % n === 0;
  });
}

// ---------------------------------------------------------------- main

const pages: BenchPage[] = sampled(corpus === 'wcxb-dev' ? loadWcxbPages().filter((page) => !onlyType || page.pageType === onlyType) : loadBenchPages(), sample);
console.log(`${pages.length} pages of ${corpus}${sample > 1 ? ` (one in ${sample})` : ''}; Node ${process.version}, one thread; ${passes} timed pass${passes > 1 ? 'es' : ''} each${passes > 1 ? ' (cold: the first; warm: the last)' : ''}\n`);

// Warm-up of every contender, so that module loading and JIT do not land on the first measured pages.
for (const page of pages.slice(0, 30)) {
  try {
    tidings(page);
    if (!skipLinkedom) readability(plainReadabilityOnLinkedom)(page);
  } catch {
    // measured below
  }
}

const results: RunResult[] = [];
results.push(run('Tidings', tidings, pages));
if (!skipLinkedom) results.push(run('Readability + linkedom', readability(plainReadabilityOnLinkedom), pages));
if (!skipJsdom) results.push(runJsdomInChildren('Readability + jsdom (plain)', pages));

if (corpus === 'wcxb-dev') printWcxbReport(results, pages as WcxbPage[]);
else printArticleExtractionReport(results, pages, BENCH_DIR);

if (dump) {
  const tidingsRun = results[0]!;
  writeFileSync(dump, JSON.stringify(pages.map((page) => ({ id: page.id, url: page.url, ...(page as Partial<WcxbPage>), html: undefined, truth: undefined, prediction: tidingsRun.predictions.get(page.id) })), null, 1));
  console.log(`\nper-page predictions written to ${dump}`);
}

if (rounds > 0) {
  console.log(`\nmemory over ${rounds} more rounds of Tidings over the ${pages.length} pages (RSS and heap after each round, after a full GC):`);
  // A full collection after each round, so the numbers show what is retained, not what V8 has not collected yet.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let round = 1; round <= rounds; round += 1) {
    const started = performance.now();
    for (const page of pages) {
      try {
        tidings(page);
      } catch {
        // counted in the first run
      }
    }
    gc();
    const rss = process.memoryUsage().rss / 1024 / 1024;
    const heap = process.memoryUsage().heapUsed / 1024 / 1024;
    console.log(`  round ${String(round).padStart(2)}: RSS ${rss.toFixed(0)} MB, heap used ${heap.toFixed(0)} MB, ${(pages.length / ((performance.now() - started) / 1000)).toFixed(1)} pages/s`);
  }
}

function valueOf(flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}
