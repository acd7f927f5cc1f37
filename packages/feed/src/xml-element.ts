/**
 * A typed view of one element as xml2js (inside rss-parser) represents it
 * with `explicitCharkey`: a string for an empty element, otherwise an object
 * with attributes under `$`, character data under `_` and each child
 * element name mapped to an array of values. rss-parser's own typings say
 * little about these values, so every read here checks what it gets.
 */
export class XmlElement {
  private constructor(private readonly raw: string | Readonly<Record<string, unknown>>) {}

  /** Wraps an xml2js value; null for anything that is not one. */
  static from(raw: unknown): XmlElement | null {
    if (typeof raw === 'string') return new XmlElement(raw);
    if (isRecord(raw)) return new XmlElement(raw);
    return null;
  }

  /** An element built from already-separated parts: attributes and child arrays by name. */
  static fromParts(attributes: unknown, children: Readonly<Record<string, unknown>>): XmlElement {
    return new XmlElement({ ...children, $: isRecord(attributes) ? attributes : {} });
  }

  /** The attribute's value, or null when absent. */
  attr(name: string): string | null {
    if (typeof this.raw === 'string') return null;
    const attributes = this.raw.$;
    if (!isRecord(attributes)) return null;
    const value = attributes[name];
    return typeof value === 'string' ? value : null;
  }

  /** The element's character data (CDATA included), or null when it has none. */
  text(): string | null {
    if (typeof this.raw === 'string') return this.raw === '' ? null : this.raw;
    const text = this.raw._;
    return typeof text === 'string' ? text : null;
  }

  /** Child elements with this name, in document order. */
  all(name: string): XmlElement[] {
    if (typeof this.raw === 'string' || name === '$' || name === '_') return [];
    const values = this.raw[name];
    if (!Array.isArray(values)) return [];
    return values.map((value) => XmlElement.from(value)).filter((element) => element !== null);
  }

  /** The first child element with this name, or null. */
  first(name: string): XmlElement | null {
    return this.all(name)[0] ?? null;
  }

  /** The first non-blank text among children with these names, tried in order. */
  firstText(...names: string[]): string | null {
    for (const name of names) {
      for (const child of this.all(name)) {
        const text = child.text();
        if (text !== null && text.trim() !== '') return text;
      }
    }
    return null;
  }
}

/** True for a plain object (xml2js builds its nodes with Object.create(null)). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
