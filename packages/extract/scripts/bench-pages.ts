/**
 * Sanity run (not a test): extracts every page of the article-extraction
 * benchmark copy and prints how many give a record, how fast, how often each
 * field is filled, and how close the text is to the ground truth (the
 * benchmark's shingle F1, see its README). From the repository root:
 *
 *   npx tsx packages/extract/scripts/bench-pages.ts [--dir DIR] [--show ID] [--compare-engines]
 *
 * --compare-engines also times parsing + Readability alone on linkedom and on
 * jsdom, the choice dom.ts makes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describeError } from '@tidings/contracts';
import { parsePage, type DomEngine } from '../src/dom.js';
import { extractArticle, type ExtractionResult } from '../src/index.js';
import { runReadability } from '../src/readability.js';

const args = process.argv.slice(2);
const dir = valueOf('--dir') ?? '/work/shared/bench/article-extraction';
const show = valueOf('--show');

type Truth = Record<string, { articleBody: string; url: string }>;
const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Truth;
const pages = readdirSync(join(dir, 'html'))
  .filter((name) => name.endsWith('.html.gz'))
  .map((name) => {
    const id = name.replace(/\.html\.gz$/, '');
    const html = gunzipSync(readFileSync(join(dir, 'html', name))).toString('utf8');
    return { id, html, url: truth[id]?.url ?? 'https://example.org/' };
  });

const results = new Map<string, ExtractionResult>();
const failures: { id: string; code: string; message: string }[] = [];
const started = performance.now();
for (const { id, html, url } of pages) {
  try {
    results.set(id, extractArticle(html, { url }));
  } catch (error) {
    failures.push({ id, ...describeError(error) });
  }
}
const seconds = (performance.now() - started) / 1000;

const scores = [...results].flatMap(([id, result]) => {
  const expected = truth[id]?.articleBody;
  return expected === undefined ? [] : [score(result.text, expected)];
});
const precision = mean(scores.filter((s) => s.tp + s.fp > 0).map((s) => s.tp / (s.tp + s.fp)));
const recall = mean(scores.filter((s) => s.tp + s.fn > 0).map((s) => s.tp / (s.tp + s.fn)));
const f1 = (2 * precision * recall) / (precision + recall);

console.log(`pages: ${pages.length}, records: ${results.size}, failures: ${failures.length}`);
console.log(`time: ${seconds.toFixed(2)} s, ${(pages.length / seconds).toFixed(1)} pages/s`);
console.log(`text vs ground truth: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)}`);
const extractors = new Map<string, number>();
for (const result of results.values()) extractors.set(result.extractor, (extractors.get(result.extractor) ?? 0) + 1);
console.log('extractor:', Object.fromEntries(extractors));
const fields = ['authors', 'publishedAt', 'modifiedAt', 'siteName', 'lang', 'excerpt', 'imageUrl', 'tags'] as const;
const filled = fields.map((field) => {
  const count = [...results.values()].filter((result) => {
    const value = result[field];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
  }).length;
  return `${field} ${count}`;
});
console.log(`fields filled: ${filled.join(', ')}`);
for (const failure of failures) console.log(`FAIL ${failure.id} ${failure.code}: ${failure.message}`);

if (args.includes('--compare-engines')) {
  for (const engine of ['linkedom', 'jsdom'] as DomEngine[]) {
    const engineStarted = performance.now();
    let failed = 0;
    for (const { html, url } of pages) {
      try {
        runReadability(parsePage(html, url, engine).document);
      } catch {
        failed += 1;
      }
    }
    const engineSeconds = (performance.now() - engineStarted) / 1000;
    console.log(`parse + Readability on ${engine}: ${engineSeconds.toFixed(2)} s, ${(pages.length / engineSeconds).toFixed(1)} pages/s, ${failed} threw`);
  }
}

if (show) {
  const result = results.get(show);
  console.log(JSON.stringify(result ? { ...result, html: `${result.html.length} chars` } : null, null, 2));
}

function valueOf(flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The benchmark's per-document shingle counts, normalised so that every document weighs the same. */
function score(predicted: string, expected: string): { tp: number; fp: number; fn: number } {
  const p = shingles(predicted);
  const t = shingles(expected);
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
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total } : { tp, fp, fn };
}

/** Token 4-grams; a text of one to three tokens is one shingle. */
function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const grams: string[] = [];
  if (tokens.length > 0 && tokens.length < 4) grams.push(tokens.join(' '));
  for (let i = 0; i + 4 <= tokens.length; i += 1) grams.push(tokens.slice(i, i + 4).join(' '));
  const counts = new Map<string, number>();
  for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
