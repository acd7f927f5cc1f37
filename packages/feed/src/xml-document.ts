import { NO_ATTRIBUTES, XmlElement } from './xml-element.js';
import { NameQualifier, type NameReading } from './xml-names.js';
import type { NamespacePrefixes } from './xml-namespaces.js';
import { NameCounts, NamespaceScope, type Bindings } from './xml-scope.js';
import { decodeXmlText, readXmlTokens, type XmlTokenHandler } from './xml-tokens.js';

/** A well-formedness error the builder recovered from, where it happened. */
export interface XmlProblem {
  kind: 'unclosed-element' | 'stray-end-tag' | 'content-after-root';
  /** What went wrong, for a warning, e.g. `</item> closed <title>`. */
  detail: string;
  /** Offset in the source. */
  offset: number;
}

/** The document element and everything the builder had to recover from. */
export interface XmlDocument {
  root: XmlElement | null;
  problems: XmlProblem[];
  /** Elements still open when the document ended: a truncated download. */
  unclosedAtEnd: ReadonlySet<XmlElement>;
}

/**
 * HTML elements that never have an end tag. Pasted unescaped into a
 * description they are not well-formed XML, but closing them is no loss
 * and not worth a warning. (`link` is left out: it is an RSS element.)
 */
const HTML_VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'input', 'meta', 'wbr', 'area', 'col', 'embed', 'source', 'track', 'param', 'base']);

/**
 * Feed elements that hold only text. One of them cannot contain a
 * feed element, so `<title>A</titel><link>...` means the title was left
 * open by a typo: it is closed when the link starts.
 */
const TEXT_ONLY_ELEMENTS = new Set([
  'title', 'link', 'guid', 'pubdate', 'lastbuilddate', 'category', 'comments', 'language', 'id', 'published', 'updated', 'issued', 'modified',
  'dc:date', 'dc:creator', 'dc:subject', 'dc:title', 'dc:language',
]);

/** Elements of an item or entry (and items themselves): what cannot appear inside a text-only element. */
const ITEM_LEVEL_ELEMENTS = new Set([
  ...TEXT_ONLY_ELEMENTS, 'description', 'author', 'enclosure', 'source', 'summary', 'content', 'content:encoded', 'media:content', 'media:group', 'item', 'entry',
]);

/** Elements holding text or HTML: they may contain markup, but not a feed element that no HTML tag shares a name with. */
const MARKUP_ELEMENTS = new Set(['description', 'summary', 'content', 'content:encoded', 'subtitle', 'tagline', 'media:description', 'itunes:summary']);
/** Item-level elements no HTML tag shares a name with (unlike title, link, source and summary). */
const FEED_ONLY_ELEMENTS = new Set([...ITEM_LEVEL_ELEMENTS].filter((name) => !['title', 'link', 'source', 'summary'].includes(name)));

/**
 * Feed elements that are empty by their specs (attributes only): one left
 * open (`<enclosure url="..." length="1" type="audio/mpeg">`, no `/>`)
 * holds nothing, so whatever element starts next closes it instead of
 * being read as its child (the item's guid, link and date were lost).
 */
const EMPTY_ELEMENTS = new Set(['enclosure', 'media:thumbnail', 'itunes:image', 'atom:link']);
/** Elements that may hold others but never one of their own kind: a second one starting inside means the first was left open. */
const NOT_NESTED_ELEMENTS = new Set(['media:content']);

/** Items and entries: one cannot contain another, so a new one closes one left open. */
const ITEM_ELEMENTS = new Set(['item', 'entry']);

interface OpenElement {
  element: XmlElement;
  /** The name as written in the start tag: end tags are matched against it. */
  rawName: string;
  /** `rawName` lower-cased: a case slip in the end tag still matches it. */
  lowerName: string;
  /** The namespace bindings undone when it closes, null when it made and took over none. */
  bindings: Bindings | null;
  /** How its name reads, with the counts of open elements it is one of. */
  reading: NameReading;
}

/**
 * Builds the element tree of a (repaired) feed document, forgiving what
 * strict XML parsers reject, as feed readers must (feedparser calls such
 * feeds "bozo"): an end tag that does not match closes the elements opened
 * since the one it names, or is ignored when it names none; elements left
 * open at the end are closed; text outside the root is ignored. Each such
 * fault is recorded in `problems` for the caller to report.
 *
 * The tags and text come from {@link readXmlTokens}; this class keeps the
 * stack, resolves namespace prefixes to the usual ones and records where
 * each element's content lies, so that XHTML or HTML held as child
 * elements can be read back as markup.
 */
class TreeBuilder implements XmlTokenHandler {
  readonly problems: XmlProblem[] = [];
  readonly unclosedAtEnd = new Set<XmlElement>();
  root: XmlElement | null = null;
  private readonly stack: OpenElement[] = [];
  /** Open items and entries by key (open elements by name as written are counted on their readings). */
  private readonly openItems = new NameCounts();
  private readonly scope = new NamespaceScope();
  private readonly names: NameQualifier;
  private rootClosed = false;

  constructor(
    private readonly source: string,
    private readonly prefixes: NamespacePrefixes,
  ) {
    this.names = new NameQualifier(this.scope, prefixes);
  }

  openTag(rawName: string, attributes: readonly string[], tagStart: number, contentStart: number, selfClosing: boolean): void {
    const opened = this.open(rawName, attributes, tagStart, contentStart);
    if (selfClosing) this.close(opened, contentStart);
  }

  /**
   * Closes the innermost open element the end tag names, and any opened
   * inside it. Linear overall: a name with no open element is rejected by
   * its count, and a scan that finds its element closes every element it
   * passed, so each is scanned over once.
   */
  closeTag(name: string, tagStart: number): void {
    const top = this.stack[this.stack.length - 1];
    // Names come interned, so the usual case (the end tag of the innermost element) is one comparison.
    if (top !== undefined && top.rawName === name) {
      this.close(top, tagStart);
      return;
    }
    let index = -1;
    if (this.names.openWith(name) > 0) {
      index = this.findOpen((open) => open.rawName === name);
    } else {
      // <Item>...</item>: a case slip is still the element it names.
      const lowerName = name.toLowerCase();
      if (this.names.openWithLower(lowerName) > 0) index = this.findOpen((open) => open.lowerName === lowerName);
      const open = this.stack[index];
      if (open !== undefined) this.problems.push({ kind: 'unclosed-element', detail: `</${name}> closed <${open.rawName}>, whose name differs in case`, offset: tagStart });
    }
    if (index < 0) {
      this.problems.push({ kind: 'stray-end-tag', detail: `</${name}> matches no open element`, offset: tagStart });
      return;
    }
    while (this.stack.length - 1 > index) {
      const inner = this.stack[this.stack.length - 1] as OpenElement;
      if (!HTML_VOID_ELEMENTS.has(inner.lowerName)) {
        this.problems.push({ kind: 'unclosed-element', detail: `</${name}> closed <${inner.rawName}>`, offset: tagStart });
      }
      this.close(inner, tagStart);
    }
    this.close(this.stack[index] as OpenElement, tagStart);
  }

  text(start: number, end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) top.element.appendSourceText(start, end, false);
    else if (this.rootClosed) this.textAfterRoot(start, end, false);
  }

  cdata(start: number, end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) top.element.appendSourceText(start, end, true);
    else if (this.rootClosed) this.textAfterRoot(start, end, true);
  }

  /** Records text after the root element that is more than whitespace: where it starts, or after the reference that starts it. */
  private textAfterRoot(start: number, end: number, isCdata: boolean): void {
    const raw = this.source.slice(start, end);
    if ((isCdata ? raw : decodeXmlText(raw)).trim() === '') return;
    const reference = isCdata ? -1 : raw.indexOf('&');
    const offset = reference < 0 || raw.slice(0, reference).trim() !== '' ? start : start + raw.indexOf(';', reference) + 1;
    this.problems.push({ kind: 'content-after-root', detail: 'text after the root element', offset });
  }

  /** Closes what is still open when the document ends. */
  end(): void {
    // Only the root's elements count as cut off: junk after the root (a stray <br>) was never going to be closed.
    const inRoot = this.stack[0]?.element === this.root;
    for (let index = this.stack.length - 1; index >= 0; index -= 1) {
      const open = this.stack[index] as OpenElement;
      if (inRoot) this.unclosedAtEnd.add(open.element);
      this.close(open, this.source.length);
    }
  }

  /** Index in the stack of the innermost open element `matches` accepts, -1 if none. */
  private findOpen(matches: (open: OpenElement) => boolean): number {
    for (let index = this.stack.length - 1; index >= 0; index -= 1) if (matches(this.stack[index] as OpenElement)) return index;
    return -1;
  }

  private open(rawName: string, writtenAttributes: readonly string[], tagStart: number, contentStart: number): OpenElement {
    const prefixes = writtenAttributes.length === 0 ? null : this.declareNamespaces(writtenAttributes);
    if (this.root === null && !rawName.includes(':')) {
      const rootNamespace = this.scope.get('');
      if (rootNamespace !== undefined) {
        this.prefixes.adoptRootNamespace(rootNamespace);
        this.names.forget();
      }
    }
    const reading = this.names.element(rawName);
    const taken = this.closeUnclosedFor(reading.key, rawName, tagStart);
    const bindings: Bindings | null = prefixes === null && taken === null ? null : { prefixes: prefixes ?? [], taken: taken ?? [] };
    const element = new XmlElement(reading.name, reading.key, this.attributesOf(writtenAttributes), this.source, tagStart);
    element.startContent(contentStart);
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      parent.element.appendChild(element);
    } else if (this.root === null) {
      this.root = element;
    } else {
      this.problems.push({ kind: 'content-after-root', detail: `<${rawName}> after the root element`, offset: tagStart });
    }
    const opened: OpenElement = { element, rawName, lowerName: reading.lower, bindings, reading };
    this.stack.push(opened);
    reading.open += 1;
    reading.lowerOpen.open += 1;
    if (ITEM_ELEMENTS.has(reading.key)) this.openItems.add(reading.key);
    return opened;
  }

  /** The attributes as the element keeps them: keys qualified and lower-cased; as in XML, the first of two with one key counts. */
  private attributesOf(written: readonly string[]): readonly string[] {
    if (written.length === 0) return NO_ATTRIBUTES;
    const attributes: string[] = [];
    // A scan finds a repeated key among a few attributes faster than a set; a hostile tag may have thousands.
    const seen = written.length > 2 * MAX_SCANNED_ATTRIBUTES ? new Set<string>() : null;
    for (let index = 0; index < written.length; index += 2) {
      const key = this.names.attributeKey(written[index] as string);
      if (seen === null ? hasKey(attributes, key) : seen.has(key)) continue;
      seen?.add(key);
      attributes.push(key, written[index + 1] as string);
    }
    return attributes;
  }

  /** Binds the prefixes the start tag's xmlns attributes declare; returns them, to undeclare when it closes (null when none). */
  private declareNamespaces(attributes: readonly string[]): string[] | null {
    let declared: string[] | null = null;
    for (let index = 0; index < attributes.length; index += 2) {
      const name = attributes[index] as string;
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      this.scope.declare(prefix, (attributes[index + 1] as string).trim());
      (declared ??= []).push(prefix);
    }
    return declared;
  }

  /**
   * Before an element named `key` opens: closes an empty element left open
   * (an `<enclosure ...>` without `/>`) and a media:content it cannot be
   * inside, a text-only element it
   * cannot be inside (a title left open by a typo), a description it cannot
   * be inside (one whose end tag is missing), and an item or entry left
   * open when another starts. Returns the namespace bindings of the closed
   * elements, which stay in scope until the new element closes (null when
   * none).
   */
  private closeUnclosedFor(key: string, rawName: string, tagStart: number): Bindings[] | null {
    let kept: Bindings[] | null = null;
    const empty = this.stack[this.stack.length - 1];
    if (empty !== undefined && (EMPTY_ELEMENTS.has(empty.element.key) || (NOT_NESTED_ELEMENTS.has(key) && empty.element.key === key))) {
      this.problems.push({ kind: 'unclosed-element', detail: `<${rawName}> inside <${empty.rawName}>, which was not closed`, offset: tagStart });
      kept = [];
      this.close(empty, tagStart, kept);
    }
    if (!ITEM_LEVEL_ELEMENTS.has(key)) return kept;
    const top = this.stack[this.stack.length - 1];
    const cannotHold =
      top !== undefined && (TEXT_ONLY_ELEMENTS.has(top.element.key) || (MARKUP_ELEMENTS.has(top.element.key) && FEED_ONLY_ELEMENTS.has(key) && !holdsAlternatives(top.element, key)));
    if (top !== undefined && cannotHold) {
      this.problems.push({ kind: 'unclosed-element', detail: `<${rawName}> inside <${top.rawName}>, which was not closed`, offset: tagStart });
      kept ??= [];
      this.close(top, tagStart, kept);
    }
    // The count spares the scan of a deep stack for every item when none is open.
    if (!ITEM_ELEMENTS.has(key) || !this.openItems.has(key)) return kept;
    const openItem = this.findOpen((open) => open.element.key === key);
    if (openItem < 0) return kept;
    this.problems.push({ kind: 'unclosed-element', detail: `<${rawName}> inside <${(this.stack[openItem] as OpenElement).rawName}>, which was not closed`, offset: tagStart });
    kept ??= [];
    while (this.stack.length > openItem) this.close(this.stack[this.stack.length - 1] as OpenElement, tagStart, kept);
    return kept;
  }

  /**
   * Closes the innermost open element. Its namespace declarations go out of
   * scope, unless `keptBindings` is given: then they are added to it, for
   * the element that closed it to take over.
   */
  private close(open: OpenElement, contentEnd: number, keptBindings?: Bindings[]): void {
    const top = this.stack.pop();
    if (top !== open) throw new Error('xml-document: closed an element that is not the innermost open one');
    open.reading.open -= 1;
    open.reading.lowerOpen.open -= 1;
    const { element, bindings } = open;
    if (ITEM_ELEMENTS.has(element.key)) this.openItems.remove(element.key);
    if (bindings !== null) {
      if (keptBindings === undefined) this.scope.undeclare(bindings);
      else keptBindings.push(bindings);
    }
    element.endContent(contentEnd);
    if (this.stack.length === 0 && element === this.root) this.rootClosed = true;
  }
}

/**
 * Atom 0.3 (section 3.1.2) content of type multipart/alternative holds its
 * alternatives as content elements: one inside it is no missing end tag.
 */
function holdsAlternatives(open: XmlElement, key: string): boolean {
  return key === 'content' && open.key === 'content' && open.attr('type')?.trim().toLowerCase() === 'multipart/alternative';
}

/** Attributes a start tag may have before repeated names are found with a set rather than a scan. */
const MAX_SCANNED_ATTRIBUTES = 16;

function hasKey(attributes: readonly string[], key: string): boolean {
  for (let index = 0; index < attributes.length; index += 2) if (attributes[index] === key) return true;
  return false;
}

/** Builds the tree of `source`; never throws on malformed markup. */
export function buildXmlDocument(source: string, prefixes: NamespacePrefixes): XmlDocument {
  const builder = new TreeBuilder(source, prefixes);
  readXmlTokens(source, builder);
  builder.end();
  return { root: builder.root, problems: builder.problems, unclosedAtEnd: builder.unclosedAtEnd };
}
