/**
 * The two corpora's text metrics and the metadata checks for bench:extract.
 * article-extraction: token 4-gram shingles, P and R averaged over pages
 * (checked against the published outputs). WCXB: bag-of-tokens P/R/F1 per
 * page, F1 averaged over pages (upstream evaluate.py, restated in its README).
 */

export interface Quality {
  f1: number;
  precision: number;
  recall: number;
  /** article-extraction: exact token match share; WCXB: not used (0). */
  accuracy: number;
}

/** Tokens as Python's re.findall(r'\w+'): runs of letters, digits and '_'. */
export function tokensOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

// ------------------------------------------------ article-extraction (shingles)

interface ShingleScore {
  tp: number;
  fp: number;
  fn: number;
  exact: boolean;
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
function shingleScore(predicted: string, truth: string): ShingleScore {
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

/** article-extraction: P and R are means over the documents where defined; F1 is their harmonic mean. */
export function shingleQuality(pairs: ReadonlyArray<{ predicted: string; truth: string }>): Quality {
  const docs = pairs.map(({ predicted, truth }) => shingleScore(predicted, truth));
  const precision = mean(docs.filter((d) => d.tp + d.fp > 0).map((d) => d.tp / (d.tp + d.fp)));
  const recall = mean(docs.filter((d) => d.tp + d.fn > 0).map((d) => d.tp / (d.tp + d.fn)));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall, accuracy: docs.length === 0 ? 0 : docs.filter((d) => d.exact).length / docs.length };
}

// ------------------------------------------------ WCXB (bag of tokens)

export interface WordScore {
  f1: number;
  precision: number;
  recall: number;
}

/** One page's bag-of-words P/R/F1 on lower-cased tokens; an empty reference scores 1 only for an empty prediction. */
export function wordScore(predicted: string, truth: string): WordScore {
  const p = tokensOf(predicted.toLowerCase());
  const t = tokensOf(truth.toLowerCase());
  if (t.length === 0) return p.length === 0 ? { f1: 1, precision: 1, recall: 1 } : { f1: 0, precision: 0, recall: 1 };
  if (p.length === 0) return { f1: 0, precision: 0, recall: 0 };
  const counts = new Map<string, number>();
  for (const token of t) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of p) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  const precision = common / p.length;
  const recall = common / t.length;
  return { precision, recall, f1: common === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Means of the per-page scores (the F1 is the mean of per-page F1s, not the F1 of the means). */
export function meanWordScore(scores: readonly WordScore[]): WordScore {
  return { f1: mean(scores.map((s) => s.f1)), precision: mean(scores.map((s) => s.precision)), recall: mean(scores.map((s) => s.recall)) };
}

/** Share of snippets found in the text, case-insensitively; null when there are none. */
export function snippetRate(text: string, snippets: readonly string[]): { found: number; total: number } {
  const haystack = squash(text);
  return { found: snippets.filter((snippet) => haystack.includes(squash(snippet))).length, total: snippets.length };
}

/** Lower case, whitespace runs as one space: snippets cross line breaks in the truth. */
function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

// ------------------------------------------------ metadata

/** Lower-cased word tokens joined by one space, accents kept: "The  Title!" and "the title" match. */
export function normaliseText(text: string): string {
  return tokensOf(text.normalize('NFKC').toLowerCase()).join(' ');
}

/** A title matches when both normalise to the same words. */
export function titleMatches(predicted: string | null | undefined, truth: string): boolean {
  return predicted != null && normaliseText(predicted) === normaliseText(truth);
}

/** The day (YYYY-MM-DD) of a date string: its leading ISO date, else what Date parses (in UTC). */
export function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const iso = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value);
  if (iso) return iso[1]!;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/**
 * Authors match when the sets of names agree after normalising each (a
 * leading "by" dropped); the truth's and the prediction's names are split on
 * commas, "and" and "&", and credentials after a name ("MS, RD") are not names.
 */
export function authorsMatch(predicted: readonly string[], truth: string): boolean {
  const want = new Set(splitNames(truth));
  const got = new Set(predicted.flatMap(splitNames));
  if (want.size === 0 || got.size !== want.size) return false;
  return [...want].every((name) => got.has(name));
}

function splitNames(value: string): string[] {
  return value
    .split(/\s*(?:,|&|\band\b|\|)\s*/i)
    .filter((part) => !isCredential(part.trim()))
    .map((name) => normaliseText(name).replace(/^by /, ''))
    .filter((name) => name.length > 0);
}

/** "MS", "RD", "Ph.D.", "E-RYT 200" after a name are credentials, not more names (on either side). */
function isCredential(part: string): boolean {
  if (/\d/.test(part)) return true;
  if (/^[\p{Lu}.-]{2,8}$/u.test(part)) return true;
  return /^(?:ph\.?\s?d|jr|sr|esq)\.?$/i.test(part);
}
