/**
 * `pnpm bench:extract`: the article-extraction benchmark (181 pages, see
 * ../shared/bench/article-extraction/README.md), run in one process on one
 * core for Tidings' extractor and for plain Readability on jsdom and on
 * linkedom, side by side. Prints text quality (F1, precision, recall,
 * accuracy: the benchmark's metric, implemented here and checked against two
 * published outputs), pages/s, p50/p95 ms per page and peak RSS, then a
 * markdown table. Not a test: numbers depend on the machine.
 *
 *   pnpm bench:extract [--rounds N] [--skip-jsdom]
 *
 * --rounds N runs Tidings over the benchmark N times more and prints the RSS
 * after each round: memory must level off, not grow with the rounds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { extractArticle } from '@tidings/extract';
import { plainReadabilityOnJsdom, plainReadabilityOnLinkedom } from '@tidings/extract/baselines';
import { BENCH_DIR, loadBenchPages, type BenchPage } from './bench-pages.js';

const args = process.argv.slice(2);
const rounds = Number(valueOf('--rounds') ?? 0);
const skipJsdom = args.includes('--skip-jsdom');

// ---------------------------------------------------------------- the metric

interface DocScore {
  tp: number;
  fp: number;
  fn: number;
  exact: boolean;
}

interface Quality {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
}

/** Tokens as Python's re.findall(r'\w+'): runs of letters, digits and '_'. */
function tokensOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** The multiset of token 4-grams; one to three tokens make one shingle. */
function shingles(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (gram: string): void => void counts.set(gram, (counts.get(gram) ?? 0) + 1);
  if (tokens.length > 0 && tokens.length < 4) add(tokens.join(' '));
  for (let i = 0; i + 4 <= tokens.length; i += 1) add(tokens.slice(i, i + 4).join(' '));
  return counts;
}

/** One document's shingle counts, normalised so that every document weighs the same. */
function scoreDoc(predicted: string, truth: string): DocScore {
  const predictedTokens = tokensOf(predicted);
  const truthTokens = tokensOf(truth);
  const p = shingles(predictedTokens);
  const t = shingles(truthTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...p.keys(), ...t.keys()])) {
    const pc = p.get(key) ?? 0;
    const tc = t.get(key) ?? 0;
    tp += Math.min(pc, tc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const total = tp + fp + fn;
  const exact = predictedTokens.join(' ') === truthTokens.join(' ');
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total, exact } : { tp, fp, fn, exact };
}

/** Corpus scores: P and R are means over the documents where they are defined; F1 is their harmonic mean. */
function quality(predictions: ReadonlyMap<string, string>, pages: readonly BenchPage[]): Quality {
  const docs = pages.map((page) => scoreDoc(predictions.get(page.id) ?? '', page.truth));
  const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const precision = mean(docs.filter((d) => d.tp + d.fp > 0).map((d) => d.tp / (d.tp + d.fp)));
  const recall = mean(docs.filter((d) => d.tp + d.fn > 0).map((d) => d.tp / (d.tp + d.fn)));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall, accuracy: docs.filter((d) => d.exact).length / docs.length };
}

/** Scores a published output file of the benchmark with the metric above. */
function publishedQuality(tool: string, pages: readonly BenchPage[]): Quality {
  const raw = JSON.parse(readFileSync(path.join(BENCH_DIR, 'output', `${tool}.json`), 'utf8')) as
    | Record<string, { articleBody?: string }>
    | { output: Record<string, { articleBody?: string }> };
  const entries = 'output' in raw && typeof raw.output === 'object' ? raw.output : (raw as Record<string, { articleBody?: string }>);
  return quality(new Map(Object.entries(entries).map(([id, value]) => [id, value.articleBody ?? ''])), pages);
}

// ---------------------------------------------------------------- the runs

type Extractor = (page: BenchPage) => string;

interface RunResult {
  name: string;
  quality: Quality;
  pagesPerSecond: number;
  p50: number;
  p95: number;
  failures: number;
  peakRssMb: number;
}

/** Extracts every page once, timing each; the process's peak RSS so far is read after the run. */
function run(name: string, extract: Extractor, pages: readonly BenchPage[]): RunResult {
  const texts = new Map<string, string>();
  const times: number[] = [];
  let failures = 0;
  const started = performance.now();
  for (const page of pages) {
    const t0 = performance.now();
    try {
      texts.set(page.id, extract(page));
    } catch {
      failures += 1;
    }
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    name,
    quality: quality(texts, pages),
    pagesPerSecond: pages.length / seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    failures,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const tidings: Extractor = (page) => extractArticle(page.html, { url: page.url }).text;

/** Exactly the benchmark's published readability_js setup (see baselines.ts). */
const readabilityJsdom: Extractor = (page) => plainReadabilityOnJsdom(page.html);
const readabilityLinkedom: Extractor = (page) => plainReadabilityOnLinkedom(page.html);

// ---------------------------------------------------------------- main

const pages = loadBenchPages();
console.log(`${pages.length} pages from ${BENCH_DIR}; Node ${process.version}, one thread\n`);

console.log('metric check against the published outputs (must match to 0.001):');
for (const [tool, expected] of [['readability_js', 0.947], ['trafilatura', 0.958]] as const) {
  const q = publishedQuality(tool, pages);
  const ok = Math.abs(q.f1 - expected) <= 0.0015;
  console.log(`  ${tool.padEnd(15)} F1 ${q.f1.toFixed(3)} (published ${expected.toFixed(3)}) ${ok ? 'ok' : 'MISMATCH'}`);
}
console.log('');

// Warm-up of every contender, so that module loading and JIT do not land on the first measured pages.
for (const page of pages.slice(0, 30)) {
  tidings(page);
  readabilityLinkedom(page);
}
if (!skipJsdom) for (const page of pages.slice(0, 3)) readabilityJsdom(page);

const results: RunResult[] = [];
results.push(run('Tidings (Readability on linkedom + cleanup)', tidings, pages));
results.push(run('Readability + linkedom', readabilityLinkedom, pages));
if (!skipJsdom) results.push(run('Readability + jsdom (plain)', readabilityJsdom, pages));

for (const r of results) {
  console.log(
    `${r.name}: F1 ${r.quality.f1.toFixed(3)} P ${r.quality.precision.toFixed(3)} R ${r.quality.recall.toFixed(3)} ` +
      `acc ${r.quality.accuracy.toFixed(3)} | ${r.pagesPerSecond.toFixed(1)} pages/s, p50 ${r.p50.toFixed(1)} ms, ` +
      `p95 ${r.p95.toFixed(1)} ms | ${r.failures} failed | peak RSS so far ${r.peakRssMb.toFixed(0)} MB`,
  );
}
const jsdomRun = results.find((r) => r.name.includes('jsdom'));
const tidingsRun = results[0]!;
if (jsdomRun) console.log(`\nTidings throughput: ${(tidingsRun.pagesPerSecond / jsdomRun.pagesPerSecond).toFixed(1)}x plain Readability + jsdom`);

console.log('\n| extractor | F1 | precision | recall | accuracy | pages/s | p50 ms | p95 ms | peak RSS MB |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const q = r.quality;
  console.log(
    `| ${r.name} | ${q.f1.toFixed(3)} | ${q.precision.toFixed(3)} | ${q.recall.toFixed(3)} | ${q.accuracy.toFixed(3)} | ` +
      `${r.pagesPerSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.peakRssMb.toFixed(0)} |`,
  );
}
console.log('\n(peak RSS is the process high-water mark when the run ended: runs are in the order listed, so a later row includes the earlier ones)');

if (rounds > 0) {
  console.log(`\nmemory over ${rounds} more rounds of Tidings over the ${pages.length} pages (RSS and heap after each round, after a full GC):`);
  // A full collection after each round, so the numbers show what is retained, not what V8 has not collected yet.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let round = 1; round <= rounds; round += 1) {
    const started = performance.now();
    for (const page of pages) tidings(page);
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
