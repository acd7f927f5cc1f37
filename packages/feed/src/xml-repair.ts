import { decodeEntity } from 'html-entities';
import { prologDoctype, unparsedSections } from './xml-markup.js';

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
 * - Entities the document declares in its DOCTYPE's internal subset
 *   (`<!ENTITY author "Jo">`) are expanded, one level deep and within a
 *   budget, since the tree builder does not read DTDs.
 *
 * CDATA sections, comments, processing instructions and the DOCTYPE are
 * copied untouched: their contents are not parsed as markup.
 */
export function repairXml(xml: string, warnings: string[]): string {
  const counts: RepairCounts = { named: 0, bare: 0, unknown: 0, forbidden: 0, lessThan: 0, namedExample: null, unknownExample: null, expansionBudget: MAX_EXPANSION };
  const declared = declaredEntities(xml);
  let out = '';
  let last = 0;
  for (const section of unparsedSections(xml)) {
    out += repairMarkup(xml.slice(last, section.start), counts, declared) + xml.slice(section.start, section.end);
    last = section.end;
  }
  out += repairMarkup(xml.slice(last), counts, declared);
  reportRepairs(counts, warnings);
  return out;
}

/** How many characters declared entities may expand to in all: a document cannot grow without bound ("billion laughs"). */
const MAX_EXPANSION = 1_000_000;
const ENTITY_DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;

/**
 * General entities declared with a literal value in the internal subset of
 * the prolog's DOCTYPE (parameter and external ones are ignored).
 */
function declaredEntities(xml: string): ReadonlyMap<string, string> {
  const subset = prologDoctype(xml)?.internalSubset ?? '';
  const entities = new Map<string, string>();
  if (subset === '') return entities;
  for (const [, name, doubleQuoted, singleQuoted] of subset.matchAll(ENTITY_DECLARATION)) {
    if (name !== undefined && !XML_PREDEFINED.has(name)) entities.set(name, doubleQuoted ?? singleQuoted ?? '');
  }
  return entities;
}

interface RepairCounts {
  named: number;
  bare: number;
  unknown: number;
  forbidden: number;
  lessThan: number;
  namedExample: string | null;
  unknownExample: string | null;
  /** Characters declared entities may still expand to. */
  expansionBudget: number;
}

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const NO_ENTITIES: ReadonlyMap<string, string> = new Map();
const AMPERSAND = /&(?:#(\d{1,8});|#[xX]([\da-fA-F]{1,8});|([A-Za-z][A-Za-z\d]{0,31});)?/g;
/** `<` followed by something no tag, end tag, comment or PI can start with. */
const STRAY_LESS_THAN = /<(?=[\s\d=<&]|$)/g;

function repairMarkup(markup: string, counts: RepairCounts, declared: ReadonlyMap<string, string>): string {
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
        const value = declared.get(name);
        if (value !== undefined && value.length <= counts.expansionBudget) {
          counts.expansionBudget -= value.length;
          // One level only: references inside the value are repaired, not expanded again.
          return repairMarkup(value, counts, NO_ENTITIES);
        }
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
