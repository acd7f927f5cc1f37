import type { FeedFormat } from '@tidings/contracts';
import { malformedFeed } from './errors.js';
import { buildXmlDocument, type XmlProblem } from './xml-document.js';
import type { XmlElement } from './xml-element.js';
import { unparsedSections } from './xml-markup.js';
import { NamespacePrefixes } from './xml-namespaces.js';

/** The parts of an XML feed the format mappers read. */
export interface XmlFeedTree {
  /** The document element (`<rss>`, `<rdf:RDF>`, `<feed>`). */
  root: XmlElement;
  /** The channel (RSS) or the feed element itself (Atom). */
  channel: XmlElement;
  /** Items or entries, in document order. */
  items: XmlElement[];
}

/**
 * Reads the (repaired) XML of a feed into its channel and items, recovering
 * from broken markup instead of rejecting the feed: mismatched or stray end
 * tags, elements left open, a document cut off part-way. An item the
 * document ends inside (a truncated download) is dropped rather than kept
 * half-read. Each fault is reported once in `warnings`.
 *
 * Items are looked for anywhere below the root, so an `<item>` left open
 * (and so nested in the next) or placed outside `<channel>` is still read.
 *
 * Throws `malformed-feed` when nothing is left to read: an RSS document
 * with neither a channel nor items, or a broken document holding no item.
 */
export function readXmlTree(xml: string, format: Exclude<FeedFormat, 'jsonfeed'>, warnings: string[]): XmlFeedTree {
  const source = withUnixLineEnds(withoutDoctypes(xml));
  const document = buildXmlDocument(source, new NamespacePrefixes(format));
  const { root } = document;
  if (root === null) throw malformedFeed('the document is not well-formed XML: no root element found');
  const isAtom = format === 'atom1' || format === 'atom03';
  const found = collectItems(root, isAtom ? 'entry' : 'item');
  const items = found.filter((item) => !document.unclosedAtEnd.has(item));
  const truncated = document.unclosedAtEnd.size > 0;
  const broken = truncated || document.problems.some((problem) => problem.kind !== 'content-after-root');
  if (broken && items.length === 0) {
    const fault = document.problems.find((problem) => problem.kind !== 'content-after-root');
    const reason = fault === undefined ? 'it ends before its elements are closed' : `line ${lineOf(source, fault.offset)}: ${fault.detail}`;
    throw malformedFeed(`the XML is not well-formed (${reason}) and holds no item that could be recovered`);
  }
  warnings.push(...describeProblems(source, document.problems));
  if (truncated) {
    const dropped = found.length > items.length ? `dropped the incomplete last ${isAtom ? 'entry' : 'item'}` : 'kept everything before the end';
    warnings.push(`the document ends before its elements are closed (a truncated download?); ${dropped}`);
  }
  return { root, channel: isAtom ? root : rssChannel(root, items, warnings), items };
}

/**
 * The document with its line ends as XML reads them (XML 1.0 section 2.11):
 * CR LF and a lone CR are LF before anything else reads the text, so a feed
 * saved on Windows gives the same titles and content as one saved on Unix. A
 * CR written as `&#13;` is decoded later and stays.
 */
function withUnixLineEnds(xml: string): string {
  return xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml;
}

/** What every DOCTYPE starts with: a document without it has none to blank out. */
const MAYBE_DOCTYPE = /<!doctype/i;

/**
 * The document with every DOCTYPE blanked out: the tokenizer does not know
 * DTD internal subsets (an entity value holding `>` would end the
 * declaration early and spill the rest into the tree), and their entities
 * were already expanded by repairXml. Newlines are kept so that line
 * numbers in warnings stay right.
 */
function withoutDoctypes(xml: string): string {
  if (!MAYBE_DOCTYPE.test(xml)) return xml;
  let out = '';
  let last = 0;
  for (const section of unparsedSections(xml)) {
    if (section.kind !== 'doctype') continue;
    out += xml.slice(last, section.start) + xml.slice(section.start, section.end).replace(/[^\n]/g, '');
    last = section.end;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** Every element with this name below the root, in document order (iteratively: a hostile document may nest deeply). */
function collectItems(root: XmlElement, key: string): XmlElement[] {
  const items: XmlElement[] = [];
  const pending = [...root.children].reverse();
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    if (element.key === key) items.push(element);
    for (let index = element.children.length - 1; index >= 0; index -= 1) pending.push(element.children[index] as XmlElement);
  }
  return items;
}

/** The `<channel>`; without one, the root stands in for it when the document still has items. */
function rssChannel(root: XmlElement, items: XmlElement[], warnings: string[]): XmlElement {
  const channel = root.first('channel') ?? collectItems(root, 'channel')[0];
  if (channel !== undefined) return channel;
  if (items.length === 0) throw malformedFeed('the RSS document has no <channel> element');
  warnings.push('the RSS document has no <channel> element; read its items without one');
  return root;
}

/** One warning per kind of fault: the first occurrence, with its line, and how many more there were. */
function describeProblems(source: string, problems: XmlProblem[]): string[] {
  const messages: string[] = [];
  const kinds: [XmlProblem['kind'], string, string, string][] = [
    ['unclosed-element', 'unclosed element', 'unclosed elements', 'read as if the open elements had been closed there'],
    ['stray-end-tag', 'stray end tag', 'stray end tags', 'ignored'],
    ['content-after-root', 'piece of content after the root element', 'pieces of content after the root element', 'ignored'],
  ];
  for (const [kind, one, many, remedy] of kinds) {
    const matching = problems.filter((problem) => problem.kind === kind);
    const first = matching[0];
    if (first === undefined) continue;
    const more = matching.length > 1 ? ` (and ${matching.length - 1} more ${matching.length > 2 ? many : one})` : '';
    messages.push(`the XML is not well-formed: line ${lineOf(source, first.offset)}: ${first.detail}${more}; ${remedy}`);
  }
  return messages;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = source.indexOf('\n'); index >= 0 && index < offset; index = source.indexOf('\n', index + 1)) line += 1;
  return line;
}
