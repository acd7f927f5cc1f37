import { decodeEntity } from 'html-entities';

/**
 * Repairs for the XML mistakes feeds make most, applied before parsing
 * because the XML parser (sax in strict mode) rejects the whole document on
 * the first one. Each repair is reported once in `warnings` with a count.
 *
 * - HTML named entities (`&nbsp;`, `&eacute;`) that XML does not define
 *   become numeric character references; unknown names are kept as text.
 * - A bare `&` that starts no reference becomes `&amp;`.
 * - Character references to characters XML forbids (`&#0;`) are dropped.
 * - A `<` that cannot start markup (`a < b`) becomes `&lt;`.
 *
 * CDATA sections, comments, processing instructions and the DOCTYPE are
 * copied untouched: their contents are not parsed as markup.
 */
export function repairXml(xml: string, warnings: string[]): string {
  const counts: RepairCounts = { named: 0, bare: 0, unknown: 0, forbidden: 0, lessThan: 0, namedExample: null, unknownExample: null };
  let out = '';
  let last = 0;
  for (const match of xml.matchAll(UNPARSED_SECTION)) {
    out += repairMarkup(xml.slice(last, match.index), counts) + match[0];
    last = match.index + match[0].length;
  }
  out += repairMarkup(xml.slice(last), counts);
  reportRepairs(counts, warnings);
  return out;
}

/** Sections whose contents the XML parser does not read as markup. */
export const UNPARSED_SECTION = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/g;

interface RepairCounts {
  named: number;
  bare: number;
  unknown: number;
  forbidden: number;
  lessThan: number;
  namedExample: string | null;
  unknownExample: string | null;
}

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const AMPERSAND = /&(?:#(\d{1,8});|#[xX]([\da-fA-F]{1,8});|([A-Za-z][A-Za-z\d]{0,31});)?/g;
/** `<` followed by something no tag, end tag, comment or PI can start with. */
const STRAY_LESS_THAN = /<(?=[\s\d=<&]|$)/g;

function repairMarkup(markup: string, counts: RepairCounts): string {
  if (!markup.includes('&') && !markup.includes('<')) return markup;
  return markup
    .replace(AMPERSAND, (reference, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (decimal !== undefined || hex !== undefined) {
        const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
        if (isXmlChar(codePoint)) return reference;
        counts.forbidden += 1;
        return '';
      }
      if (name !== undefined) {
        if (XML_PREDEFINED.has(name)) return reference;
        const decoded = decodeEntity(reference, { level: 'html5' });
        if (decoded !== reference) {
          counts.named += 1;
          counts.namedExample ??= reference;
          return [...decoded].map((char) => `&#${char.codePointAt(0)};`).join('');
        }
        // Not an HTML entity either (a DTD-declared one, or a typo): show it as the text it was.
        counts.unknown += 1;
        counts.unknownExample ??= reference;
        return `&amp;${name};`;
      }
      counts.bare += 1;
      return '&amp;';
    })
    .replace(STRAY_LESS_THAN, () => {
      counts.lessThan += 1;
      return '&lt;';
    });
}

/** XML 1.0 `Char`: tab, LF, CR and everything from space up, minus surrogates and U+FFFE/U+FFFF. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

function reportRepairs(counts: RepairCounts, warnings: string[]): void {
  if (counts.named > 0) {
    warnings.push(`converted ${counts.named} HTML named entit${plural(counts.named, 'y', 'ies')} that XML does not define (e.g. ${counts.namedExample}) to character references`);
  }
  if (counts.unknown > 0) warnings.push(`kept ${counts.unknown} unknown entit${plural(counts.unknown, 'y', 'ies')} as text (e.g. ${counts.unknownExample})`);
  if (counts.bare > 0) warnings.push(`escaped ${counts.bare} bare "&" character${plural(counts.bare, '', 's')} that started no entity reference`);
  if (counts.forbidden > 0) warnings.push(`dropped ${counts.forbidden} character reference${plural(counts.forbidden, '', 's')} to characters XML does not allow`);
  if (counts.lessThan > 0) warnings.push(`escaped ${counts.lessThan} stray "<" character${plural(counts.lessThan, '', 's')}`);
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
