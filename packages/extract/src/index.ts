/**
 * @tidings/extract: a fetched article page (plus its feed item's values) in,
 * one clean structured record out. Pure: no I/O, no clock except the
 * "not in the future" check on dates.
 */
export { extractArticle } from './extract-article.js';
export type { ExtractOptions, ExtractionInfo, ExtractionMethod, ExtractionResult, FeedItemHint } from './extract-article.js';
export type { FieldSource, FieldSources, SourcedField } from './record-fields.js';
export { readPageTypeInputs, type PageTypeInputs } from './page-type/inputs.js';
export { BLOCK_INPUTS, encodeTextTable, textInputs, TEXT_BITS, TEXT_INPUTS, type TextModel } from './page-type/text-score.js';
export { PAGE_TYPE_MODEL, type PageTypeModel } from './page-type/model.js';
export { guessFromScores } from './page-type/classify.js';
