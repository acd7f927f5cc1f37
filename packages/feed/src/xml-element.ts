import { escapeHtml } from './text.js';

/** CDATA sections, comments and processing instructions inside a stretch of markup. */
const UNPARSED_IN_MARKUP = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g;

/** What {@link XmlElement.all} gives for a name with no children: shared, never to be changed. */
const NONE: readonly XmlElement[] = [];

/**
 * One element of a feed document, as the lenient tree builder
 * (xml-document.ts) made it. Names are qualified with the usual prefix of
 * their namespace (`dc:creator` whatever prefix the feed bound), and every
 * lookup by element or attribute name ignores case, because feeds write
 * `<pubdate>` and `isPermalink` as often as the specs' spellings.
 */
export class XmlElement {
  /** The lower-cased name every lookup compares against. */
  readonly key: string;
  readonly children: XmlElement[] = [];
  private readonly textParts: string[] = [];
  /** Where the element's content starts and ends in `source` (inner markup, for text constructs holding elements). */
  private contentStart = 0;
  private contentEnd = 0;
  private index: Map<string, XmlElement[]> | null = null;
  private indexedChildren = 0;

  constructor(
    /** Qualified name with its namespace's usual prefix, e.g. `title`, `dc:creator`, `atom:link`. */
    readonly name: string,
    private readonly attributes: ReadonlyMap<string, string>,
    private readonly source: string,
    /** Offset of the element's start tag in `source`, for messages. */
    readonly offset: number,
  ) {
    this.key = name.toLowerCase();
  }


  /** The attribute's value (name compared case-insensitively, e.g. `xml:base`, `isPermaLink`), or null when absent. */
  attr(name: string): string | null {
    return this.attributes.get(name.toLowerCase()) ?? null;
  }

  /** Character data directly inside the element (CDATA included, child elements' text excluded), or null when empty. */
  ownText(): string | null {
    if (this.textParts.length === 0) return null;
    const text = this.textParts.join('');
    return text === '' ? null : text;
  }

  /**
   * The element's value as a feed field: its character data, or, when it
   * holds child elements (XHTML in an Atom construct, HTML pasted unescaped
   * into an RSS description), its inner markup as written, with CDATA
   * sections turned into escaped text and comments dropped. Null when empty.
   */
  text(): string | null {
    if (this.children.length === 0) return this.ownText();
    const markup = this.source
      .slice(this.contentStart, this.contentEnd)
      .replace(UNPARSED_IN_MARKUP, (section, cdata: string | undefined) => (cdata === undefined ? '' : escapeHtml(cdata)));
    return markup === '' ? null : markup;
  }

  /** Child elements with this name, in document order. */
  all(name: string): readonly XmlElement[] {
    return this.childIndex().get(name.toLowerCase()) ?? NONE;
  }

  /** The first child element with this name, or null. */
  first(name: string): XmlElement | null {
    return this.childIndex().get(name.toLowerCase())?.[0] ?? null;
  }

  /**
   * The children grouped by key, built on the first lookup (a mapper asks an
   * item for thirty-odd names; scanning its children for each was a
   * measurable share of parsing). Rebuilt if children were added since.
   */
  private childIndex(): ReadonlyMap<string, readonly XmlElement[]> {
    if (this.index === null || this.indexedChildren !== this.children.length) {
      const index = new Map<string, XmlElement[]>();
      for (const child of this.children) {
        const group = index.get(child.key);
        if (group === undefined) index.set(child.key, [child]);
        else group.push(child);
      }
      this.index = index;
      this.indexedChildren = this.children.length;
    }
    return this.index;
  }

  /** The value (see {@link text}) of every child with one of these names: all of the first name's, then the next's... */
  texts(...names: string[]): (string | null)[] {
    return names.flatMap((name) => this.all(name).map((child) => child.text()));
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

  /** For the tree builder: appends character data. */
  appendText(text: string): void {
    this.textParts.push(text);
  }

  /** For the tree builder: the element's content starts here in the source (just after its start tag). */
  startContent(offset: number): void {
    this.contentStart = offset;
    this.contentEnd = offset;
  }

  /** For the tree builder: the element's content ends here (at its end tag, or where it was closed for it). */
  endContent(offset: number): void {
    this.contentEnd = Math.max(this.contentStart, offset);
  }
}
