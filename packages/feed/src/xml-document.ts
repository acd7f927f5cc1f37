import { Tokenizer, type QuoteType, type TokenizerCallbacks } from 'htmlparser2';
import { XmlElement } from './xml-element.js';
import type { NamespacePrefixes } from './xml-namespaces.js';
import { NameCounts, NamespaceScope, type Bindings } from './xml-scope.js';

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

/** Items and entries: one cannot contain another, so a new one closes one left open. */
const ITEM_ELEMENTS = new Set(['item', 'entry']);

interface OpenElement {
  element: XmlElement;
  /** The name as written in the start tag: end tags are matched against it. */
  rawName: string;
  /** `rawName` lower-cased (once, when the element opens): a case slip in the end tag still matches it. */
  lowerName: string;
  /** The namespace bindings undone when it closes. */
  bindings: Bindings;
}

/**
 * Builds the element tree of a (repaired) feed document, forgiving what
 * strict XML parsers reject, as feed readers must (feedparser calls such
 * feeds "bozo"): an end tag that does not match closes the elements opened
 * since the one it names, or is ignored when it names none; elements left
 * open at the end are closed; text outside the root is ignored. Each such
 * fault is recorded in `problems` for the caller to report.
 *
 * htmlparser2's tokenizer in XML mode reads the markup (CDATA, comments,
 * processing instructions, the five XML entities and character references);
 * this class keeps the stack, resolves namespace prefixes to the usual
 * ones and records where each element's content lies, so that XHTML or
 * HTML held as child elements can be read back as markup.
 */
class TreeBuilder implements TokenizerCallbacks {
  readonly problems: XmlProblem[] = [];
  readonly unclosedAtEnd = new Set<XmlElement>();
  root: XmlElement | null = null;
  private readonly stack: OpenElement[] = [];
  /** Open elements by name as written, by that name lower-cased, and by key (qualified name lower-cased). */
  private readonly openRaw = new NameCounts();
  private readonly openLower = new NameCounts();
  private readonly openKeys = new NameCounts();
  private readonly scope = new NamespaceScope();
  private rootClosed = false;
  private tagName = '';
  private tagStart = 0;
  private attributes: [string, string][] = [];
  private attributeName = '';
  private attributeValue = '';

  constructor(
    private readonly source: string,
    private readonly prefixes: NamespacePrefixes,
  ) {}

  onopentagname(start: number, end: number): void {
    this.tagName = this.source.slice(start, end);
    this.tagStart = start - 1;
    this.attributes = [];
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.source.slice(start, end);
    this.attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    this.attributeValue += this.source.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    this.attributeValue += String.fromCodePoint(codePoint);
  }

  onattribend(_quote: QuoteType, _end: number): void {
    this.attributes.push([this.attributeName, this.attributeValue]);
    this.attributeValue = '';
  }

  onopentagend(end: number): void {
    this.open(end + 1);
  }

  onselfclosingtag(end: number): void {
    const opened = this.open(end + 1);
    this.close(opened, end + 1);
  }

  /**
   * Closes the innermost open element the end tag names, and any opened
   * inside it. Linear overall: a name with no open element is rejected by
   * its count, and a scan that finds its element closes every element it
   * passed, so each is scanned over once.
   */
  onclosetag(start: number, end: number): void {
    const name = this.source.slice(start, end);
    const tagStart = start - 2;
    let index = -1;
    if (this.openRaw.has(name)) {
      index = this.findOpen((open) => open.rawName === name);
    } else {
      // <Item>...</item>: a case slip is still the element it names.
      const lowerName = name.toLowerCase();
      if (this.openLower.has(lowerName)) index = this.findOpen((open) => open.lowerName === lowerName);
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

  /** Index in the stack of the innermost open element `matches` accepts, -1 if none. */
  private findOpen(matches: (open: OpenElement) => boolean): number {
    for (let index = this.stack.length - 1; index >= 0; index -= 1) if (matches(this.stack[index] as OpenElement)) return index;
    return -1;
  }

  ontext(start: number, end: number): void {
    this.appendText(this.source.slice(start, end), start);
  }

  ontextentity(codePoint: number, end: number): void {
    this.appendText(String.fromCodePoint(codePoint), end);
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.appendText(this.source.slice(start, end - endOffset), start);
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  onend(): void {
    // Only the root's elements count as cut off: junk after the root (a stray <br>) was never going to be closed.
    const inRoot = this.stack[0]?.element === this.root;
    for (let index = this.stack.length - 1; index >= 0; index -= 1) {
      const open = this.stack[index] as OpenElement;
      if (inRoot) this.unclosedAtEnd.add(open.element);
      this.close(open, this.source.length);
    }
  }

  private open(contentStart: number): OpenElement {
    const prefixes = this.declareNamespaces();
    const rootNamespace = this.root === null && !this.tagName.includes(':') ? this.scope.get('') : undefined;
    if (rootNamespace !== undefined) this.prefixes.adoptRootNamespace(rootNamespace);
    const name = this.qualify(this.tagName, true);
    const bindings: Bindings = { prefixes, taken: this.closeUnclosedFor(name.toLowerCase()) };
    const parent = this.stack[this.stack.length - 1];
    const attributes = new Map<string, string>();
    for (const [attributeName, value] of this.attributes) {
      const key = this.qualify(attributeName, false).toLowerCase();
      // As in XML, the first of two attributes with one name counts.
      if (!attributes.has(key)) attributes.set(key, value);
    }
    const element = new XmlElement(name, attributes, this.source, this.tagStart);
    element.startContent(contentStart);
    if (parent !== undefined) {
      parent.element.children.push(element);
    } else if (this.root === null) {
      this.root = element;
    } else {
      this.problems.push({ kind: 'content-after-root', detail: `<${this.tagName}> after the root element`, offset: this.tagStart });
    }
    const opened: OpenElement = { element, rawName: this.tagName, lowerName: this.tagName.toLowerCase(), bindings };
    this.stack.push(opened);
    this.openRaw.add(opened.rawName);
    this.openLower.add(opened.lowerName);
    this.openKeys.add(element.key);
    return opened;
  }

  /** Binds the prefixes the current start tag's xmlns attributes declare; returns them, to undeclare when it closes. */
  private declareNamespaces(): string[] {
    const declared: string[] = [];
    for (const [name, value] of this.attributes) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      this.scope.declare(prefix, value.trim());
      declared.push(prefix);
    }
    return declared;
  }

  /**
   * Before an element named `key` opens: closes a text-only element it
   * cannot be inside (a title left open by a typo), a description it cannot
   * be inside (one whose end tag is missing), and an item or entry left
   * open when another starts. Returns the namespace bindings of the closed
   * elements: they stay in scope until the new element closes.
   */
  private closeUnclosedFor(key: string): Bindings[] {
    const kept: Bindings[] = [];
    if (!ITEM_LEVEL_ELEMENTS.has(key)) return kept;
    const top = this.stack[this.stack.length - 1];
    const cannotHold = top !== undefined && (TEXT_ONLY_ELEMENTS.has(top.element.key) || (MARKUP_ELEMENTS.has(top.element.key) && FEED_ONLY_ELEMENTS.has(key)));
    if (top !== undefined && cannotHold) {
      this.problems.push({ kind: 'unclosed-element', detail: `<${this.tagName}> inside <${top.rawName}>, which was not closed`, offset: this.tagStart });
      this.close(top, this.tagStart, kept);
    }
    // The count spares the scan of a deep stack for every item when none is open.
    if (!ITEM_ELEMENTS.has(key) || !this.openKeys.has(key)) return kept;
    const openItem = this.findOpen((open) => open.element.key === key);
    if (openItem < 0) return kept;
    this.problems.push({ kind: 'unclosed-element', detail: `<${this.tagName}> inside <${(this.stack[openItem] as OpenElement).rawName}>, which was not closed`, offset: this.tagStart });
    while (this.stack.length > openItem) this.close(this.stack[this.stack.length - 1] as OpenElement, this.tagStart, kept);
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
    this.openRaw.remove(open.rawName);
    this.openLower.remove(open.lowerName);
    this.openKeys.remove(open.element.key);
    if (keptBindings === undefined) this.scope.undeclare(open.bindings);
    else if (open.bindings.prefixes.length > 0 || open.bindings.taken.length > 0) keptBindings.push(open.bindings);
    const { element } = open;
    element.endContent(contentEnd);
    if (this.stack.length === 0 && element === this.root) this.rootClosed = true;
  }

  private appendText(text: string, offset: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) top.element.appendText(text);
    else if (this.rootClosed && text.trim() !== '') {
      this.problems.push({ kind: 'content-after-root', detail: 'text after the root element', offset });
    }
  }

  /**
   * A name with its prefix replaced by the usual one for its namespace. A
   * prefix that is undeclared or bound to a namespace we do not know is
   * kept as written (`dc:creator` without an xmlns:dc is still Dublin Core
   * in practice). Unprefixed attributes are in no namespace and stay as is.
   */
  private qualify(name: string, isElement: boolean): string {
    const colon = name.indexOf(':');
    if (colon < 0 && !isElement) return name;
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    if (prefix === 'xml' || prefix === 'xmlns' || name === 'xmlns') return name;
    const local = name.slice(colon + 1);
    const uri = this.scope.get(prefix);
    const usual = uri === undefined ? undefined : this.prefixes.prefixFor(uri);
    if (usual === undefined) return name;
    return usual === '' ? local : `${usual}:${local}`;
  }
}

/** Builds the tree of `source`; never throws on malformed markup. */
export function buildXmlDocument(source: string, prefixes: NamespacePrefixes): XmlDocument {
  const builder = new TreeBuilder(source, prefixes);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, builder);
  tokenizer.write(source);
  tokenizer.end();
  return { root: builder.root, problems: builder.problems, unclosedAtEnd: builder.unclosedAtEnd };
}
