/**
 * `pnpm exec tsx --conditions=source test/bench/extract-page-type-fit.ts [--write] [--without a,b] [--cv l2,l2...]`:
 * fits the page-type model (packages/extract/src/page-type/model.ts), a
 * multinomial logistic regression over the inputs of page-type/vector.ts,
 * on the WCXB-dev pages with an even id, and reports its
 * accuracy on those with an odd id, which the fit never sees. --write
 * rewrites model.ts with the weights; --without a,b leaves those inputs out
 * (to see what an input adds on the held-out pages); --cv compares L2
 * strengths by 5-fold cross-validation within the even ids (the odd ids'
 * figure is printed beside it, not used to choose). Not a test: it reads ../shared.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPageTypeInputs } from '@tidings/extract';
import { loadWcxbPages, WCXB_PAGE_TYPES } from './bench-pages.js';
import { isFitPage } from './extract-report.js';

const TYPES = WCXB_PAGE_TYPES;
/**
 * L2 penalty per weight, per fitted page: keeps rare inputs (a schema type seen on three pages) from deciding alone.
 * 0.02: the best article-vs-not figure of 0.005 to 0.08 in 5-fold cross-validation within the even ids (--cv).
 */
const L2 = 0.02;
const STEPS = 3000;
const RATE = 0.05;

interface Example {
  x: number[];
  y: number;
  fit: boolean;
}

const withoutIndex = process.argv.indexOf('--without');
const left = new Set(withoutIndex >= 0 ? (process.argv[withoutIndex + 1] ?? '').split(',') : []);
const pages = loadWcxbPages();
let names: string[] = [];
const examples: Example[] = pages.map((page) => {
  const inputs = readPageTypeInputs(page.html, page.url);
  names = Object.keys(inputs).filter((name) => !left.has(name));
  return { x: names.map((name) => inputs[name] ?? 0), y: TYPES.indexOf(page.pageType), fit: isFitPage(page.id) };
});
const train = examples.filter((example) => example.fit);
const held = examples.filter((example) => !example.fit);
const d = names.length;

// Standardise on the fitted pages; the scaling is folded back into the weights at the end.
const mean = names.map((_, j) => train.reduce((sum, e) => sum + (e.x[j] ?? 0), 0) / train.length);
const std = names.map((_, j) => Math.sqrt(train.reduce((sum, e) => sum + ((e.x[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / train.length) || 1);
const scaled = (x: readonly number[]): number[] => x.map((value, j) => (value - (mean[j] ?? 0)) / (std[j] ?? 1));

interface Model {
  W: number[][];
  b: number[];
}

const logits = (model: Model, x: readonly number[]): number[] => model.W.map((w, k) => (model.b[k] ?? 0) + w.reduce((sum, wj, j) => sum + wj * (x[j] ?? 0), 0));
const softmax = (z: readonly number[]): number[] => {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, c) => a + c, 0);
  return e.map((v) => v / total);
};

/** Adam on the mean cross-entropy plus the L2 penalty, over standardised inputs. */
function fitModel(set: readonly Example[], l2: number): Model {
  const model: Model = { W: TYPES.map(() => new Array<number>(d).fill(0)), b: TYPES.map(() => 0) };
  const { W, b } = model;
  const xs = set.map((e) => scaled(e.x));
  const m1 = TYPES.map(() => new Array<number>(d + 1).fill(0));
  const m2 = TYPES.map(() => new Array<number>(d + 1).fill(0));
  for (let step = 1; step <= STEPS; step += 1) {
    const grad = TYPES.map(() => new Array<number>(d + 1).fill(0));
    xs.forEach((x, i) => {
      const p = softmax(logits(model, x));
      const y = set[i]!.y;
      p.forEach((pk, k) => {
        const g = pk - (k === y ? 1 : 0);
        const row = grad[k]!;
        for (let j = 0; j < d; j += 1) row[j]! += g * (x[j] ?? 0);
        row[d]! += g;
      });
    });
    TYPES.forEach((_, k) => {
      for (let j = 0; j <= d; j += 1) {
        const weight = j < d ? W[k]![j]! : b[k]!;
        const g = grad[k]![j]! / xs.length + (j < d ? l2 * weight : 0);
        m1[k]![j] = 0.9 * m1[k]![j]! + 0.1 * g;
        m2[k]![j] = 0.999 * m2[k]![j]! + 0.001 * g * g;
        const update = (RATE * (m1[k]![j]! / (1 - 0.9 ** step))) / (Math.sqrt(m2[k]![j]! / (1 - 0.999 ** step)) + 1e-8);
        if (j < d) W[k]![j] = weight - update;
        else b[k] = weight - update;
      }
    });
  }
  return model;
}

function accuracy(model: Model, set: readonly Example[]): { seven: number; binary: number } {
  let seven = 0;
  let binary = 0;
  for (const e of set) {
    const z = logits(model, scaled(e.x));
    const guess = z.indexOf(Math.max(...z));
    if (guess === e.y) seven += 1;
    if ((guess === 0) === (e.y === 0)) binary += 1;
  }
  return { seven: seven / set.length, binary: binary / set.length };
}
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

const cvIndex = process.argv.indexOf('--cv');
if (cvIndex >= 0) {
  // Each even-id page is tested once, by a model fitted on the other four fifths (the inputs'
  // standardisation is the even ids' as a whole: it reads no labels).
  const FOLDS = 5;
  for (const l2 of (process.argv[cvIndex + 1] ?? '').split(',').map(Number)) {
    let seven = 0;
    let binary = 0;
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const tested = train.filter((_, i) => i % FOLDS === fold);
      const acc = accuracy(fitModel(train.filter((_, i) => i % FOLDS !== fold), l2), tested);
      seven += acc.seven * tested.length;
      binary += acc.binary * tested.length;
    }
    const heldAcc = accuracy(fitModel(train, l2), held);
    console.log(`L2 ${l2}: ${FOLDS}-fold within the even ids seven-way ${pct(seven / train.length)}, article vs not ${pct(binary / train.length)}; odd ids ${pct(heldAcc.seven)}, ${pct(heldAcc.binary)}`);
  }
  process.exit(0);
}

const { W, b } = fitModel(train, L2);
const fitAcc = accuracy({ W, b }, train);
const heldAcc = accuracy({ W, b }, held);
console.log(`fitted on ${train.length} pages (even ids): seven-way ${pct(fitAcc.seven)}, article vs not ${pct(fitAcc.binary)}`);
console.log(`held out, ${held.length} pages (odd ids): seven-way ${pct(heldAcc.seven)}, article vs not ${pct(heldAcc.binary)}`);
console.log('(the classifier in extractArticle adds what this does not see: pages where extraction throws have no type)');

if (process.argv.includes('--write')) {
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const weights = TYPES.map((type, k) => {
    const row = names.map((name, j) => [name, round(W[k]![j]! / std[j]!)] as const).filter(([, w]) => w !== 0);
    const bias = round(b[k]! - names.reduce((sum, _, j) => sum + (W[k]![j]! * mean[j]!) / std[j]!, 0));
    return `  ${type}: { bias: ${bias}, ${row.map(([name, w]) => `${name}: ${w}`).join(', ')} },`;
  });
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/extract/src/page-type/model.ts');
  writeFileSync(
    file,
    `/**
 * The page-type model: for each type, a bias and a weight per input of
 * vector.ts; a page's score for a type is the bias plus the weighted sum of
 * its inputs, and the softmax of the scores gives the confidence.
 *
 * Generated by test/bench/extract-page-type-fit.ts (multinomial logistic
 * regression, L2 ${L2}) from the WCXB-dev pages with an even id; those
 * with an odd id were held out: seven-way ${pct(heldAcc.seven)}, article vs not
 * ${pct(heldAcc.binary)} on them. Do not edit by hand: fit again.
 */
import type { PageType } from '@tidings/contracts';

/** Per page type: \`bias\` and one weight per input name of vector.ts (absent: 0). */
export type PageTypeModel = Record<PageType, Record<string, number>>;

// prettier-ignore
export const PAGE_TYPE_MODEL: PageTypeModel = {
${weights.join('\n')}
};
`,
  );
  console.log(`wrote ${file}`);
}
