import { decodeEntity } from 'html-entities';
import { prologDoctype, unparsedSections } from './xml-markup.js';
import { malformedFeed } from './errors.js';

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
export function repairXml(given: string, warnings: string[]): string {
  const xml = closeOpenCdata(given, warnings);
  const counts: RepairCounts = { named: 0, bare: 0, unknown: 0, forbidden: 0, lessThan: 0, namedExample: null, unknownExample: null, expansionBudget: MAX_EXPANSION, expanding: [] };
  const declared = declaredEntities(xml);
  // Most feeds need no repair: the document is copied only from the first stretch that changes, and returned as it
  // is when none does (a copy of a large feed, and flattening it again before the tree is built, was a good share of
  // the garbage a parse left).
  let out = '';
  let copiedUpTo = 0;
  let last = 0;
  const repairUpTo = (end: number) => {
    const markup = xml.slice(last, end);
    const repaired = repairMarkup(markup, counts, declared);
    if (repaired !== markup) {
      out += xml.slice(copiedUpTo, last) + repaired;
      copiedUpTo = end;
    }
  };
  for (const section of unparsedSections(xml)) {
    repairUpTo(section.start);
    last = section.end;
  }
  repairUpTo(xml.length);
  reportRepairs(counts, warnings);
  return copiedUpTo === 0 ? xml : out + xml.slice(copiedUpTo);
}

const CDATA_OPEN = '<![CDATA[';

/**
 * A CDATA section left open took in what followed it: up to a later
 * section's `]]>` (every item between lost), or to the end of the document.
 * Such a section holds another's `<![CDATA[` (sections do not nest) or
 * never ends; when it opens its element's content (`<description><![CDATA[`)
 * it is closed where that element's end tag starts
 * (`<description><![CDATA[text</description>`), if that comes before the
 * inner opener, and the repair is said. One pass: scanning resumes at each
 * repair.
 */
function closeOpenCdata(xml: string, warnings: string[]): string {
  if (!xml.includes(CDATA_OPEN)) return xml;
  let out = '';
  let copied = 0;
  let closed = 0;
  let from = 0;
  // The first opener at or after `nextOpenerFrom` (-1: none), found again only when a section starts past it.
  let nextOpener = -1;
  let nextOpenerFrom = Number.POSITIVE_INFINITY;
  const openerAfter = (index: number) => {
    if (index < nextOpenerFrom || (nextOpener >= 0 && nextOpener < index)) {
      nextOpener = xml.indexOf(CDATA_OPEN, index);
      nextOpenerFrom = index;
    }
    return nextOpener;
  };
  for (let repaired = true; repaired; ) {
    repaired = false;
    for (const section of unparsedSections(xml, from)) {
      if (section.kind !== 'cdata') continue;
      const contentStart = section.start + CDATA_OPEN.length;
      const inner = openerAfter(contentStart);
      const holdsOpener = inner >= 0 && inner < section.end;
      const neverEnds = section.end === xml.length && !(section.end - 3 >= contentStart && xml.endsWith(']]>'));
      if (!holdsOpener && !neverEnds) continue;
      const element = openedBefore(xml, section.start);
      const endTag = element === null ? -1 : xml.indexOf(`</${element}`, contentStart);
      if (endTag < 0 || (holdsOpener && endTag > inner)) continue;
      out += `${xml.slice(copied, endTag)}]]>`;
      copied = endTag;
      closed += 1;
      from = endTag;
      repaired = true;
      break;
    }
  }
  if (closed === 0) return xml;
  warnings.push(`closed ${closed === 1 ? 'a CDATA section' : `${closed} CDATA sections`} left open at the next end tag`);
  return out + xml.slice(copied);
}

/** The name of the start tag that ends right before `index` (white space between allowed), or null. */
function openedBefore(xml: string, index: number): string | null {
  let end = index - 1;
  while (end >= 0 && /\s/.test(xml[end]!)) end -= 1;
  if (xml[end] !== '>' || xml[end - 1] === '/') return null;
  const start = xml.lastIndexOf('<', end);
  const name = start < 0 ? null : /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(start, end + 1));
  return name ? name[1]! : null;
}

/**
 * How many characters declared entities may expand to in all. A document
 * whose entities would expand past it ("billion laughs": ten references to
 * an entity of ten references...) is refused: no feed needs that much.
 */
const MAX_EXPANSION = 1_000_000;
const ENTITY_DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;

/**
 * The internal subset without its comments and processing instructions,
 * where a declaration is none (found by indexOf: one pass, however many
 * are left open). A quoted value holding a declaration needs no such care:
 * the declaration's own pattern reads the value whole.
 */
function withoutComments(subset: string): string {
  let out = '';
  let copied = 0;
  for (let at = subset.indexOf('<'); at >= 0; at = subset.indexOf('<', at + 1)) {
    const end = subset.startsWith('<!--', at) ? subset.indexOf('-->', at + 4) : subset.startsWith('<?', at) ? subset.indexOf('?>', at + 2) : -2;
    if (end === -2) continue;
    out += subset.slice(copied, at);
    if (end < 0) return out;
    copied = end + (subset[end] === '-' ? 3 : 2);
    at = copied - 1;
  }
  return out + subset.slice(copied);
}

/**
 * General entities declared with a literal value in the internal subset of
 * the prolog's DOCTYPE (parameter and external ones are ignored). The first
 * declaration of a name binds (XML 1.0 section 4.2); a declaration inside a
 * comment, a processing instruction or another declaration's quoted value
 * is none.
 */
function declaredEntities(xml: string): ReadonlyMap<string, string> {
  const subset = prologDoctype(xml)?.internalSubset ?? '';
  const entities = new Map<string, string>();
  if (subset === '') return entities;
  for (const [, name, doubleQuoted, singleQuoted] of withoutComments(subset).matchAll(ENTITY_DECLARATION)) {
    if (name !== undefined && !XML_PREDEFINED.has(name) && !entities.has(name)) entities.set(name, doubleQuoted ?? singleQuoted ?? '');
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
  /** The declared entities being expanded, outermost first: a reference to one of them again would never end. */
  expanding: string[];
}

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** A reference (or a bare `&`) read where an `&` stands. */
const AMPERSAND_AT = /&(?:#(\d{1,8});|#[xX]([\da-fA-F]{1,8});|([A-Za-z][A-Za-z\d]{0,31});)?/y;
/** `<` followed by something no tag, end tag, comment or PI can start with. */
const STRAY_LESS_THAN = /<(?=[\s\d=<&]|$)/g;
const HAS_STRAY_LESS_THAN = /<(?=[\s\d=<&]|$)/;

/**
 * The markup with its references repaired, then its stray `<` escaped; the
 * very string given when nothing needed it.
 */
function repairMarkup(markup: string, counts: RepairCounts, declared: ReadonlyMap<string, string>): string {
  const references = markup.includes('&') ? repairReferences(markup, counts, declared) : markup;
  if (!HAS_STRAY_LESS_THAN.test(references)) return references;
  return references.replace(STRAY_LESS_THAN, () => {
    counts.lessThan += 1;
    return '&lt;';
  });
}

/** Every `&` of the markup read as a reference and repaired; copies only from the first one that changes. */
function repairReferences(markup: string, counts: RepairCounts, declared: ReadonlyMap<string, string>): string {
  let out = '';
  let copiedUpTo = 0;
  for (let at = markup.indexOf('&'); at >= 0; at = markup.indexOf('&', at + 1)) {
    // The five XML entities, by far the most common references, need no regular expression.
    if (isPredefinedAt(markup, at)) continue;
    AMPERSAND_AT.lastIndex = at;
    const match = AMPERSAND_AT.exec(markup) as RegExpExecArray;
    const [reference, decimal, hex, name] = match;
    const repaired = repairReference(reference, decimal, hex, name, counts, declared);
    if (repaired !== reference) {
      out += markup.slice(copiedUpTo, at) + repaired;
      copiedUpTo = at + reference.length;
    }
  }
  return copiedUpTo === 0 ? markup : out + markup.slice(copiedUpTo);
}

function isPredefinedAt(markup: string, at: number): boolean {
  switch (markup.charCodeAt(at + 1)) {
    case 0x61: // a
      return markup.startsWith('amp;', at + 1) || markup.startsWith('apos;', at + 1);
    case 0x6c: // l
      return markup.startsWith('lt;', at + 1);
    case 0x67: // g
      return markup.startsWith('gt;', at + 1);
    case 0x71: // q
      return markup.startsWith('quot;', at + 1);
    default:
      return false;
  }
}

/** What one reference (`&...;`, or a bare `&`) becomes. */
function repairReference(
  reference: string,
  decimal: string | undefined,
  hex: string | undefined,
  name: string | undefined,
  counts: RepairCounts,
  declared: ReadonlyMap<string, string>,
): string {
  if (decimal !== undefined || hex !== undefined) {
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    if (isXmlChar(codePoint)) return reference;
    counts.forbidden += 1;
    return '';
  }
  if (name !== undefined) {
    if (XML_PREDEFINED.has(name)) return reference;
    const value = declared.get(name);
    if (value !== undefined && !counts.expanding.includes(name)) {
      counts.expansionBudget -= value.length;
      if (counts.expansionBudget < 0) {
        throw malformedFeed(`the DOCTYPE's entities expand to more than ${MAX_EXPANSION.toLocaleString('en')} characters (an entity bomb): refused`);
      }
      // In full (XML 1.0 section 4.4.2): references in the value are expanded too; one to an entity being expanded is text.
      counts.expanding.push(name);
      const expanded = repairMarkup(value, counts, declared);
      counts.expanding.pop();
      return expanded;
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
