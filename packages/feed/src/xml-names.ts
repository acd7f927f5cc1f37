import type { NamespacePrefixes } from './xml-namespaces.js';
import type { NamespaceScope } from './xml-scope.js';

/** How many open elements have a name: kept on the name's reading, so counting costs no map lookup. */
export interface OpenCount {
  open: number;
}

/** How a name as written reads where it was last met. */
export interface NameReading extends OpenCount {
  /** Qualified with the usual prefix of its namespace, e.g. `dc:creator` for `x:creator`. */
  name: string;
  /** `name` lower-cased: what lookups compare. */
  key: string;
  /** The name as written, lower-cased. */
  lower: string;
  /** The open elements whose name as written lower-cases to `lower`, shared by every spelling of it. */
  lowerOpen: OpenCount;
}

interface CachedReading extends NameReading {
  prefix: string;
  local: string;
  /** Read as written whatever the scope (an unprefixed attribute, `xml:`, `xmlns`). */
  fixed: boolean;
  /** The namespace the prefix was bound to when `name` was worked out; `resolved` is false until it was. */
  uri: string | undefined;
  resolved: boolean;
}

/**
 * Replaces the prefix of element and attribute names with the usual one
 * for its namespace. A prefix that is undeclared or bound to a namespace
 * we do not know is kept as written (`dc:creator` without an xmlns:dc is
 * still Dublin Core in practice). Unprefixed attributes are in no namespace
 * and stay as they are.
 *
 * Each name is worked out once per namespace binding and then reused: a
 * feed names the same few dozen elements thousands of times, and building
 * the qualified and lower-cased strings for each was a good part of the
 * garbage a parse left.
 */
export class NameQualifier {
  private readonly elements = new Map<string, CachedReading>();
  private readonly attributes = new Map<string, CachedReading>();
  private readonly lowerOpen = new Map<string, OpenCount>();

  constructor(
    private readonly scope: NamespaceScope,
    private readonly prefixes: NamespacePrefixes,
  ) {}

  element(written: string): NameReading {
    return this.read(this.elements, written, true);
  }

  /** The key (qualified name, lower-cased) an attribute is stored under. */
  attributeKey(written: string): string {
    return this.read(this.attributes, written, false).key;
  }

  /** Open elements with this name as written (0 for a name never met). */
  openWith(written: string): number {
    return this.elements.get(written)?.open ?? 0;
  }

  /** Open elements whose name as written lower-cases to `lower`. */
  openWithLower(lower: string): number {
    return this.lowerOpen.get(lower)?.open ?? 0;
  }

  /** Works every name out again: call when the prefixes' meaning changes (see {@link NamespacePrefixes.adoptRootNamespace}). */
  forget(): void {
    for (const reading of this.elements.values()) reading.resolved = false;
    for (const reading of this.attributes.values()) reading.resolved = false;
  }

  private read(cache: Map<string, CachedReading>, written: string, isElement: boolean): NameReading {
    let reading = cache.get(written);
    if (reading === undefined) {
      const colon = written.indexOf(':');
      const prefix = colon < 0 ? '' : written.slice(0, colon);
      const lower = written.toLowerCase();
      const fixed = (colon < 0 && !isElement) || prefix === 'xml' || prefix === 'xmlns' || written === 'xmlns';
      let lowerOpen = this.lowerOpen.get(lower);
      if (lowerOpen === undefined) this.lowerOpen.set(lower, (lowerOpen = { open: 0 }));
      reading = { name: written, key: lower, lower, open: 0, lowerOpen, prefix, local: written.slice(colon + 1), fixed, uri: undefined, resolved: false };
      cache.set(written, reading);
    }
    if (reading.fixed) return reading;
    const uri = this.scope.get(reading.prefix);
    if (!reading.resolved || reading.uri !== uri) {
      const usual = uri === undefined ? undefined : this.prefixes.prefixFor(uri);
      reading.name = usual === undefined ? written : usual === '' ? reading.local : `${usual}:${reading.local}`;
      reading.key = reading.name.toLowerCase();
      reading.uri = uri;
      reading.resolved = true;
    }
    return reading;
  }
}
