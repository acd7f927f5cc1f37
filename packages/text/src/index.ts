/**
 * @tidings/text: bytes to text, pure (no network, no queue). Decides the
 * charset of a feed or page from its byte order mark, its Content-Type,
 * its own declarations, checked against the bytes themselves.
 */
export { decodeBody, type DecodedBody, type DocumentKind } from './decode.js';
export { parseContentType, type ParsedContentType } from './content-type.js';
export { resolveEncoding, type Encoding } from './encoding-labels.js';
export { hasControlCharacters } from './control-characters.js';
export { collapsesToNothing, collapseWhitespace, hasDroppedCharacters } from './plain-text.js';
export { asciiDigits, CJK_DAY, parseDate, VI_DAY } from './dates.js';
export { DAY_NAMES, MONTHS } from './date-names.js';
