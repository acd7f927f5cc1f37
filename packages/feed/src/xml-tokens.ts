import { decodeXML } from 'entities';
import { Tokenizer, type QuoteType, type TokenizerCallbacks } from 'htmlparser2';

/**
 * What {@link readXmlTokens} reports, in document order. Tag and attribute
 * names come interned: every `<title>` of a document gives the same string,
 * so comparing names and looking them up in maps costs no allocation and
 * no rehashing.
 */
export interface XmlTokenHandler {
  /**
   * A start tag. `attributes` holds names and values alternately, as
   * written (values with their references decoded; a name written twice
   * comes twice). The array is reused for the next tag: copy what you keep.
   * `tagStart` is the offset of the `<`, `contentStart` the offset just
   * after the `>`.
   */
  openTag(name: string, attributes: readonly string[], tagStart: number, contentStart: number, selfClosing: boolean): void;
  /** An end tag, its name as written; `tagStart` is the offset of its `<`. */
  closeTag(name: string, tagStart: number): void;
  /**
   * Character data from `start` to `end` in the source, as written: its
   * references are left for the handler to decode with {@link decodeXmlText}
   * when it reads the text (most of a feed's text is never read as such).
   * A run of text is split by the comments, CDATA sections and PIs in it.
   */
  text(start: number, end: number): void;
  /** The content of a CDATA section, from `start` to `end` in the source: text taken as it is. */
  cdata(start: number, end: number): void;
}

/**
 * Character data as XML reads it: the five XML entities and character
 * references decoded (strictly: `;` required; a reference to a character
 * XML forbids becomes U+FFFD), as htmlparser2's tokenizer decodes them in
 * XML mode (the same decoder).
 */
export function decodeXmlText(text: string): string {
  return text.includes('&') ? decodeXML(text) : text;
}

/**
 * Reads `source` with htmlparser2's tokenizer in XML mode (CDATA, comments,
 * processing instructions) and reports its tags and text to `handler`.
 * Keeping the open elements is the handler's business: this layer only
 * turns the tokenizer's offsets into names and attributes, and leaves text
 * as offsets for the handler to slice and decode when it needs it (the
 * tokenizer then skips from one `<` to the next, where decoding as it went
 * stopped it at every `&`). Never throws on malformed markup.
 */
export function readXmlTokens(source: string, handler: XmlTokenHandler): void {
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, new TokenReader(source, handler));
  tokenizer.write(source);
  tokenizer.end();
}

/** Interned names per bucket (length and first character) at most: a document of many distinct names stays linear. */
const BUCKET_SIZE = 8;

/**
 * The names a document uses, each kept once. A name is found by its length
 * and first character, then compared in place in the source, so looking one
 * up allocates nothing.
 */
class NameTable {
  private readonly buckets = new Map<number, string[]>();

  constructor(private readonly source: string) {}

  name(start: number, end: number): string {
    const length = end - start;
    const bucketKey = length * 65_536 + this.source.charCodeAt(start);
    const bucket = this.buckets.get(bucketKey);
    if (bucket !== undefined) {
      for (const name of bucket) if (this.source.startsWith(name, start)) return name;
    }
    const name = this.source.slice(start, end);
    if (bucket === undefined) this.buckets.set(bucketKey, [name]);
    else if (bucket.length < BUCKET_SIZE) bucket.push(name);
    return name;
  }
}

class TokenReader implements TokenizerCallbacks {
  private readonly names: NameTable;
  private readonly attributes: string[] = [];
  private tagName = '';
  private tagStart = 0;
  private attributeName = '';
  private attributeValue = '';

  constructor(
    private readonly source: string,
    private readonly handler: XmlTokenHandler,
  ) {
    this.names = new NameTable(source);
  }

  onopentagname(start: number, end: number): void {
    this.tagName = this.names.name(start, end);
    this.tagStart = start - 1;
    this.attributes.length = 0;
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.names.name(start, end);
    this.attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    this.attributeValue += this.source.slice(start, end);
  }

  onattribentity(): void {
    // Not called: the tokenizer leaves references in the value.
  }

  onattribend(_quote: QuoteType, _end: number): void {
    this.attributes.push(this.attributeName, decodeXmlText(this.attributeValue));
    this.attributeValue = '';
  }

  onopentagend(end: number): void {
    this.handler.openTag(this.tagName, this.attributes, this.tagStart, end + 1, false);
  }

  onselfclosingtag(end: number): void {
    this.handler.openTag(this.tagName, this.attributes, this.tagStart, end + 1, true);
  }

  onclosetag(start: number, end: number): void {
    this.handler.closeTag(this.names.name(start, end), start - 2);
  }

  ontext(start: number, end: number): void {
    this.handler.text(start, end);
  }

  ontextentity(): void {
    // Not called: references stay in the text.
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.handler.cdata(start, end - endOffset);
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}
}
