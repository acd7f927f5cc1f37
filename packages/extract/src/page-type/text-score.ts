/**
 * What the page's own words say it is: a naive-Bayes score over the words
 * of its URL path, title, headline, description, first prose paragraphs and
 * first headings (features.ts `lead`). "calculator", "tuition", "tutorial",
 * "introduction", "reply", "add to cart" tell a page's purpose where its
 * markup does not. Each word is counted once per field, under the field's
 * name ("head:calculator" and "url:calculator" are two words), and hashed
 * into one of 2^TEXT_BITS buckets, so the table holds no vocabulary and any
 * language's words get a bucket. The seven log-probabilities are inputs of
 * the linear model like any other (classify.ts), which decides how far to
 * trust them. A second table (block-text-model.ts) scores the words of
 * the page's prose block the same way, as seven more inputs: a long text
 * says what the page is for where its first lines do not (an explainer on
 * a vendor's site, a chapter of a book). The tables are fitted by
 * test/bench/extract-page-type-fit.ts.
 */
import type { PageType } from '@tidings/contracts';
import type { PageFeatures } from './features.js';
import { TEXT_MODEL } from './text-model.js';

/** Buckets of the hashed words: 4,096 (12 bits did as well as 14 in cross-validation, 10 did worse). */
export const TEXT_BITS = 12;
/** Characters of the first paragraphs read: enough for what the page is about, not so many that the page's length speaks. */
const LEAD_PARAGRAPH_CHARS = 400;
/** A log-probability below this is "no": the linear model is not asked to weigh how sure the word count is of it. */
const FLOOR = -10;
const WORD = /[\p{L}\p{N}]+/gu;

/** The naive-Bayes table: a prior and a log-probability per bucket for each type, in TYPES order. */
export interface TextModel {
  /** Log prior of each type. */
  prior: readonly number[];
  /** Multiplier of the int16 values of `table`. */
  scale: number;
  /** Base64 of little-endian int16s: type-major, 2^TEXT_BITS buckets per type. Each bucket's values are centred on their mean over the types (which changes no posterior). */
  table: string;
}

export const TEXT_TYPES: readonly PageType[] = ['article', 'forum', 'documentation', 'product', 'collection', 'listing', 'service'];
/** The model inputs the text score gives, one per type, in TEXT_TYPES order. */
export const TEXT_INPUTS = ['textArticle', 'textForum', 'textDocumentation', 'textProduct', 'textCollection', 'textListing', 'textService'] as const;
/** The model inputs the prose block's words give (blockBuckets, BLOCK_TEXT_MODEL), in TEXT_TYPES order. */
export const BLOCK_INPUTS = ['blockArticle', 'blockForum', 'blockDocumentation', 'blockProduct', 'blockCollection', 'blockListing', 'blockService'] as const;

/** The distinct buckets of the page's lead words. */
export function textBuckets(f: PageFeatures): number[] {
  const { lead } = f;
  return bucketsOf([
    ['url', f.pathWords],
    ['head', wordsOf(lead.headline)],
    ['title', wordsOf(lead.title)],
    ['desc', wordsOf(lead.description)],
    ['para', wordsOf(lead.paragraphs.join(' ').slice(0, LEAD_PARAGRAPH_CHARS))],
    ['heads', wordsOf(lead.headings.join(' | '))],
  ]);
}

/** The distinct buckets of the words of the page's prose block (features.ts `lead.block`), scored by a table of their own. */
export function blockBuckets(f: PageFeatures): number[] {
  return bucketsOf([['block', wordsOf(f.lead.block)]]);
}

function bucketsOf(fields: ReadonlyArray<readonly [string, readonly string[]]>): number[] {
  const buckets = new Set<number>();
  const mask = (1 << TEXT_BITS) - 1;
  for (const [field, words] of fields) {
    // The hash of "field:word" goes on from the hash of "field:": no string joined per word.
    const fieldHash = fnv1a(`${field}:`);
    for (const word of words) buckets.add(fnv1a(word, fieldHash) & mask);
  }
  return [...buckets];
}

/** Each type's log posterior from the buckets (floored at FLOOR), as the model inputs `names` (TEXT_INPUTS or BLOCK_INPUTS). */
export function textInputs(buckets: readonly number[], model: TextModel = TEXT_MODEL, names: readonly string[] = TEXT_INPUTS): Record<string, number> {
  const table = decoded(model);
  const size = 1 << TEXT_BITS;
  const z = model.prior.map((prior, k) => {
    let sum = 0;
    for (const bucket of buckets) sum += table[k * size + bucket] ?? 0;
    return prior + sum * model.scale;
  });
  const top = Math.max(...z);
  const total = z.reduce((sum, value) => sum + Math.exp(value - top), 0);
  const inputs: Record<string, number> = {};
  names.forEach((name, k) => {
    inputs[name] = Math.max(z[k]! - top - Math.log(total), FLOOR);
  });
  return inputs;
}

/**
 * FNV-1a over UTF-16 code units: short, fast, and the same in the fit and at run time. From
 * `seed`, the hash of a prefix, it gives the hash of the prefix followed by `value`.
 */
export function fnv1a(value: string, seed: number = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The words of `text` the tables can speak for: those with a Latin letter or a digit. The tables are fitted on
 * pages in English (WCXB-dev); a word in another script (Chinese, Russian, Arabic) falls in a bucket that English
 * words filled and would say what they say, which is nothing about this page.
 */
function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((word) => FITTED_SCRIPT.test(word));
}

const FITTED_SCRIPT = /[\p{sc=Latin}\p{N}]/u;

const decodedTables = new WeakMap<TextModel, Int16Array>();
/** The table as int16s, decoded once per model. atob rather than Buffer: the package needs no Node API for it. */
function decoded(model: TextModel): Int16Array {
  let table = decodedTables.get(model);
  if (!table) {
    const bytes = atob(model.table);
    table = new Int16Array(bytes.length >> 1);
    for (let i = 0; i < table.length; i += 1) table[i] = bytes.charCodeAt(2 * i) | (bytes.charCodeAt(2 * i + 1) << 8);
    decodedTables.set(model, table);
  }
  return table;
}

/** Encodes centred log-probabilities (type-major) as a TextModel's table: the inverse of decoded(). */
export function encodeTextTable(values: ArrayLike<number>): { scale: number; table: string } {
  let largest = 0;
  for (let i = 0; i < values.length; i += 1) largest = Math.max(largest, Math.abs(values[i]!));
  const scale = largest > 0 ? largest / 32767 : 1;
  let bytes = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = Math.round(values[i]! / scale) & 0xffff;
    bytes += String.fromCharCode(value & 0xff, value >> 8);
  }
  return { scale, table: btoa(bytes) };
}
