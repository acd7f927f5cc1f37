import { parsePage } from '../dom.js';
import { readPageMetadata } from '../metadata/index.js';
import { readPageFeatures } from './features.js';
import { blockBuckets, textBuckets } from './text-score.js';
import { featureVector } from './vector.js';

/** What the page-type model reads of a page. */
export interface PageTypeInputs {
  /** The structural inputs by name (vector.ts). */
  inputs: Record<string, number>;
  /** The hashed buckets of its lead words (text-score.ts), from which the text inputs are scored. */
  textBuckets: number[];
  /** The hashed buckets of its prose block's words (text-score.ts), scored by the second table. */
  blockBuckets: number[];
}

/**
 * The page-type model's inputs for a page, read as extractArticle reads
 * them: for fitting the model's weights and explaining its choices.
 */
export function readPageTypeInputs(html: string, url: string): PageTypeInputs {
  const { document } = parsePage(html, url);
  const features = readPageFeatures(document, url, readPageMetadata(document));
  return { inputs: featureVector(features), textBuckets: textBuckets(features), blockBuckets: blockBuckets(features) };
}
