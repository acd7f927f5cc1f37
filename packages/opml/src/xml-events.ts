import { Tokenizer, type QuoteType, type TokenizerCallbacks } from 'htmlparser2';

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
 * It drives htmlparser2's tokenizer itself because the `Parser` keeps its
 * open elements with `unshift` and finds an end tag's element with
 * `indexOf`, both O(depth): a file of 100,000 nested outlines or stray end
 * tags took minutes. Here the stack is pushed and popped, and a count of
 * open elements by name rejects an end tag naming none without a scan; a
 * scan that finds its element closes everything it passed, so each element
 * is scanned over once and the whole read is linear.
 */
class XmlEventReader implements TokenizerCallbacks {
  private readonly stack: string[] = [];
  private readonly openCounts = new Map<string, number>();
  private tagName = '';
  private attributes = new Map<string, string>();
  private attributeName = '';
  private attributeValue = '';

  constructor(
    private readonly source: string,
    private readonly handlers: XmlEventHandlers,
  ) {}

  onopentagname(start: number, end: number): void {
    this.tagName = this.source.slice(start, end);
    this.attributes = new Map();
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
    if (!this.attributes.has(this.attributeName)) this.attributes.set(this.attributeName, this.attributeValue);
    this.attributeValue = '';
  }

  onopentagend(): void {
    this.open();
  }

  onselfclosingtag(): void {
    this.open();
    this.closeInnermost();
  }

  onclosetag(start: number, end: number): void {
    const name = this.source.slice(start, end);
    if (!this.openCounts.has(name)) return;
    // The count says an element of this name is open, so the scan ends on it and closes all it passed.
    let closed: string | undefined;
    do closed = this.closeInnermost();
    while (closed !== undefined && closed !== name);
  }

  ontext(start: number, end: number): void {
    this.handlers.ontext(this.source.slice(start, end));
  }

  ontextentity(codePoint: number): void {
    this.handlers.ontext(String.fromCodePoint(codePoint));
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.handlers.ontext(this.source.slice(start, end - endOffset));
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private open(): void {
    const name = this.tagName;
    this.stack.push(name);
    this.openCounts.set(name, (this.openCounts.get(name) ?? 0) + 1);
    this.handlers.onopentag(name, this.attributes);
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
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, new XmlEventReader(source, handlers));
  tokenizer.write(source);
  tokenizer.end();
}
