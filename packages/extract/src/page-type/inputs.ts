import { parsePage } from '../dom.js';
import { readPageMetadata } from '../metadata/index.js';
import { readPageFeatures } from './features.js';
import { featureVector } from './vector.js';

/**
 * The page-type model's inputs for a page (vector.ts), read as extractArticle
 * reads them: for fitting the model's weights and explaining its choices.
 */
export function readPageTypeInputs(html: string, url: string): Record<string, number> {
  const { document } = parsePage(html, url);
  return featureVector(readPageFeatures(document, url, readPageMetadata(document)));
}
