import { htmlVoidElements } from 'html-void-elements';
import { escapeHtml } from './text.js';
import { decodeXmlText } from './xml-tokens.js';

/** CDATA sections, comments and processing instructions inside a stretch of markup. */
const UNPARSED_IN_MARKUP = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g;

/**
 * An empty-element tag (`<script src="x"/>`): its name is group 1, its
 * attributes group 2. XML allows no `<` in an attribute value, and a `>` in
 * one is rare: stopping at either keeps the search linear.
 */
const EMPTY_ELEMENT_TAG = /<([A-Za-z_][\w.:-]*)((?:\s[^<>]*)?)\/>/g;
const VOID_ELEMENTS: ReadonlySet<string> = new Set(htmlVoidElements);

/**
 * Markup read in XML as it reads in HTML: an empty-element tag of an
 * element HTML has no void form for (`<script src="x"/>`, `<a name="n"/>`,
 * `<div class="clear"/>`) is written as a start tag and an end tag. HTML
 * ignores the `/`, so the element stayed open and took in, or hid, all that
 * followed it (Universal Feed Parser rewrites these alike).
 */
function asHtmlMarkup(markup: string): string {
  if (!markup.includes('/>')) return markup;
  return markup.replace(EMPTY_ELEMENT_TAG, (tag, name: string, attributes: string) => {
    const local = name.slice(name.indexOf(':') + 1).toLowerCase();
    return VOID_ELEMENTS.has(local) ? tag : `<${name}${attributes}></${name}>`;
  });
}

/** A tag's name, read from just after its `<`: it ends where the tokenizer ends it, at whitespace, `/` or `>`. */
const WRITTEN_NAME = /[^\s/>]+/y;

/** What {@link XmlElement.all} gives for a name with no children: shared, never to be changed. */
const NONE: readonly XmlElement[] = [];
/** The attributes of an element that has none: shared, never to be changed. */
export const NO_ATTRIBUTES: readonly string[] = [];

/**
 * One element of a feed document, as the lenient tree builder
 * (xml-document.ts) made it. Names are qualified with the usual prefix of
 * their namespace (`dc:creator` whatever prefix the feed bound), and every
 * lookup by element or attribute name ignores case, because feeds write
 * `<pubdate>` and `isPermalink` as often as the specs' spellings.
 */
export class XmlElement {
  private childList: XmlElement[] | null = null;
  /**
   * The character data directly inside. Most elements hold one stretch of
   * text or CDATA: it is kept as its offsets in `source`, and sliced (and
   * its references decoded) when first read, so that building the tree
   * allocates no string for it. Text in several pieces (around comments,
   * CDATA sections or child elements) is joined when the element closes.
   */
  private textStart = -1;
  private textEnd = -1;
  /** The stretch is a CDATA section's content: taken as it is. */
  private textIsCdata = false;
  private textPieces: string[] | null = null;
  private ownTextValue: string | null = null;
  /** Where the element's content starts and ends in `source` (inner markup, for text constructs holding elements). */
  private contentStart = 0;
  private contentEnd = 0;
  private index: Map<string, XmlElement[]> | null = null;
  private indexedChildren = 0;

  constructor(
    /** Qualified name with its namespace's usual prefix, e.g. `title`, `dc:creator`, `atom:link`. */
    readonly name: string,
    /** The lower-cased name every lookup compares against. */
    readonly key: string,
    /** Attribute keys (qualified names, lower-cased) and values alternately, each key once; {@link NO_ATTRIBUTES} when none. */
    private readonly attributes: readonly string[],
    private readonly source: string,
    /** Offset of the element's start tag in `source`, for messages. */
    readonly offset: number,
  ) {}

  /** Child elements in document order. */
  get children(): readonly XmlElement[] {
    return this.childList ?? NONE;
  }

  /** The attribute's value (name compared case-insensitively, e.g. `xml:base`, `isPermaLink`), or null when absent. */
  attr(name: string): string | null {
    const { attributes } = this;
    if (attributes.length === 0) return null;
    const key = lookupKey(name);
    for (let index = 0; index < attributes.length; index += 2) if (attributes[index] === key) return attributes[index + 1] as string;
    return null;
  }

  /** Character data directly inside the element (CDATA included, child elements' text excluded), or null when empty. */
  ownText(): string | null {
    if (this.ownTextValue === null) {
      if (this.textPieces !== null) this.joinText();
      else if (this.textStart >= 0) this.ownTextValue = this.sourceText(this.textStart, this.textEnd, this.textIsCdata);
      else return null;
    }
    return this.ownTextValue === '' ? null : this.ownTextValue;
  }

  /**
   * The element's value as a feed field: its character data, or, when it
   * holds child elements (XHTML in an Atom construct, HTML pasted unescaped
   * into an RSS description), its inner markup as written, with CDATA
   * sections turned into escaped text and comments dropped. Null when empty.
   */
  text(): string | null {
    if (this.childList === null) return this.ownText();
    const markup = this.markup();
    return markup === '' ? null : markup;
  }

  /**
   * The element's content as markup, whether or not it holds child
   * elements: as written (tags kept, references not decoded), with CDATA
   * sections turned into escaped text, comments and processing
   * instructions dropped, and empty-element tags as HTML reads them
   * ({@link asHtmlMarkup}). Empty when the element is.
   */
  markup(): string {
    return asHtmlMarkup(
      this.source.slice(this.contentStart, this.contentEnd).replace(UNPARSED_IN_MARKUP, (section, cdata: string | undefined) => (cdata === undefined ? '' : escapeHtml(cdata))),
    );
  }

  /** The element's name as its start tag writes it: `h:div` where {@link name} is `xhtml:div`. */
  writtenName(): string {
    WRITTEN_NAME.lastIndex = this.offset + 1;
    return WRITTEN_NAME.exec(this.source)?.[0] ?? this.name;
  }

  /** Child elements with this name, in document order. */
  all(name: string): readonly XmlElement[] {
    const children = this.childList;
    if (children === null) return NONE;
    const key = lookupKey(name);
    if (children.length > MAX_SCANNED_CHILDREN) return this.childIndex().get(key) ?? NONE;
    let found: XmlElement[] | null = null;
    for (const child of children) if (child.key === key) (found ??= []).push(child);
    return found ?? NONE;
  }

  /** The first child element with this name, or null. */
  first(name: string): XmlElement | null {
    const children = this.childList;
    if (children === null) return null;
    const key = lookupKey(name);
    if (children.length > MAX_SCANNED_CHILDREN) return this.childIndex().get(key)?.[0] ?? null;
    for (const child of children) if (child.key === key) return child;
    return null;
  }

  /**
   * The children grouped by key, for an element with many (a channel with
   * its items): built on the first lookup, rebuilt if children were added
   * since. A few children are scanned instead, which allocates nothing.
   */
  private childIndex(): ReadonlyMap<string, readonly XmlElement[]> {
    const children = this.children;
    if (this.index === null || this.indexedChildren !== children.length) {
      const index = new Map<string, XmlElement[]>();
      for (const child of children) {
        const group = index.get(child.key);
        if (group === undefined) index.set(child.key, [child]);
        else group.push(child);
      }
      this.index = index;
      this.indexedChildren = children.length;
    }
    return this.index;
  }

  /** The value (see {@link text}) of every child with one of these names: all of the first name's, then the next's... */
  texts(...names: string[]): (string | null)[] {
    const values: (string | null)[] = [];
    for (const name of names) for (const child of this.all(name)) values.push(child.text());
    return values;
  }

  /** The first non-blank value (see {@link text}) among children with these names, tried in order. */
  firstText(...names: string[]): string | null {
    for (const name of names) {
      for (const child of this.all(name)) {
        const text = child.text();
        if (text !== null && text.trim() !== '') return text;
      }
    }
    return null;
  }

  /** For the tree builder: appends the text (references not yet decoded) or CDATA content at `start`-`end` in the source. */
  appendSourceText(start: number, end: number, isCdata: boolean): void {
    if (this.textStart < 0 && this.textPieces === null) {
      this.textStart = start;
      this.textEnd = end;
      this.textIsCdata = isCdata;
      return;
    }
    if (this.textPieces === null) {
      this.textPieces = [this.sourceText(this.textStart, this.textEnd, this.textIsCdata)];
      this.textStart = -1;
    }
    this.textPieces.push(this.sourceText(start, end, isCdata));
  }

  /** For the tree builder: appends a child element. */
  appendChild(child: XmlElement): void {
    if (this.childList === null) this.childList = [child];
    else this.childList.push(child);
  }

  /** For the tree builder: the element's content starts here in the source (just after its start tag). */
  startContent(offset: number): void {
    this.contentStart = offset;
    this.contentEnd = offset;
  }

  /** For the tree builder: the element's content ends here (at its end tag, or where it was closed for it). */
  endContent(offset: number): void {
    this.contentEnd = Math.max(this.contentStart, offset);
    // One flat string now, rather than the pieces living as long as the tree.
    if (this.textPieces !== null) this.joinText();
  }

  private sourceText(start: number, end: number, isCdata: boolean): string {
    const text = this.source.slice(start, end);
    return isCdata ? text : decodeXmlText(text);
  }

  private joinText(): void {
    this.ownTextValue = (this.textPieces as string[]).join('');
    this.textPieces = null;
  }
}

/** Elements with more children than this are looked in through an index by name. */
const MAX_SCANNED_CHILDREN = 32;

/** Lookup names as lower-cased once: callers ask for the same few dozen spec spellings (`pubDate`, `isPermaLink`). */
const LOOKUP_KEYS = new Map<string, string>();
const MAX_LOOKUP_KEYS = 1024;

function lookupKey(name: string): string {
  let key = LOOKUP_KEYS.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (LOOKUP_KEYS.size < MAX_LOOKUP_KEYS) LOOKUP_KEYS.set(name, key);
  }
  return key;
}
