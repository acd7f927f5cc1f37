import { decodeXmlText, readXmlTokens, type XmlTokenHandler } from '@tidings/feed';

/** What the reader reports, in document order. */
export interface XmlEventHandlers {
  /** A start tag, its name and attribute names as written (the first of two same-named attributes counts). */
  onopentag(name: string, attributes: ReadonlyMap<string, string>): void;
  /** An element closed: by its end tag, by an end tag naming an element it is inside, or by its own `/>`. */
  onclosetag(name: string): void;
  /** Text or CDATA, entities decoded; one run of text may come in several pieces. */
  ontext(text: string): void;
}

/**
 * Reads XML as htmlparser2's `Parser` does in XML mode (which parseOpml
 * used), forgiving what strict XML parsers reject: an end tag closes the
 * innermost open element of that name (exact case) and every element
 * opened inside it; one naming no open element is ignored; elements left
 * open at the end are simply dropped.
 *
 * The tags and text come from @tidings/feed's `readXmlTokens` (the
 * tokenizer layer the feed parser builds its tree on); the stack is kept
 * here because the `Parser` keeps its open elements with `unshift` and
 * finds an end tag's element with `indexOf`, both O(depth): a file of
 * 100,000 nested outlines or stray end tags took minutes. Here the stack is
 * pushed and popped, and a count of open elements by name rejects an end
 * tag naming none without a scan; a scan that finds its element closes
 * everything it passed, so each element is scanned over once and the whole
 * read is linear.
 */
class XmlEventReader implements XmlTokenHandler {
  private readonly stack: string[] = [];
  private readonly openCounts = new Map<string, number>();

  constructor(
    private readonly source: string,
    private readonly handlers: XmlEventHandlers,
  ) {}

  openTag(name: string, writtenAttributes: readonly string[], _tagStart: number, _contentStart: number, selfClosing: boolean): void {
    const attributes = new Map<string, string>();
    for (let index = 0; index < writtenAttributes.length; index += 2) {
      const attributeName = writtenAttributes[index] as string;
      if (!attributes.has(attributeName)) attributes.set(attributeName, writtenAttributes[index + 1] as string);
    }
    this.stack.push(name);
    this.openCounts.set(name, (this.openCounts.get(name) ?? 0) + 1);
    this.handlers.onopentag(name, attributes);
    if (selfClosing) this.closeInnermost();
  }

  closeTag(name: string): void {
    if (!this.openCounts.has(name)) return;
    // The count says an element of this name is open, so the scan ends on it and closes all it passed.
    let closed: string | undefined;
    do closed = this.closeInnermost();
    while (closed !== undefined && closed !== name);
  }

  text(start: number, end: number): void {
    this.handlers.ontext(decodeXmlText(this.source.slice(start, end)));
  }

  cdata(start: number, end: number): void {
    this.handlers.ontext(this.source.slice(start, end));
  }

  /** Closes the innermost open element; returns its name. */
  private closeInnermost(): string | undefined {
    const name = this.stack.pop();
    if (name === undefined) return undefined;
    const count = (this.openCounts.get(name) ?? 0) - 1;
    if (count > 0) this.openCounts.set(name, count);
    else this.openCounts.delete(name);
    this.handlers.onclosetag(name);
    return name;
  }
}

/** Reads `source` through `handlers`; never throws on malformed markup. */
export function readXmlEvents(source: string, handlers: XmlEventHandlers): void {
  readXmlTokens(source, new XmlEventReader(source, handlers));
}
