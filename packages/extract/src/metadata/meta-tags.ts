/**
 * Every <meta> of a page indexed by its key. OpenGraph puts the key in
 * `property`, classic tags in `name`, microdata in `itemprop` and a few in
 * `http-equiv`; many sites mix them up (name="og:title"), so all four land in
 * one map, keyed in lower case.
 */
export interface MetaTags {
  /** The first non-empty value under any of `keys`, tried in order. */
  first(...keys: string[]): string | null;
  /** Every non-empty value under `key`, in document order. */
  all(key: string): string[];
}

const KEY_ATTRIBUTES = ['property', 'name', 'itemprop', 'http-equiv'] as const;

/**
 * Reads all <meta> elements of `document` that carry a key and a content.
 * `metas`: the page's <meta> elements in document order when the caller has
 * already walked the page for them (metadata/index.ts).
 */
export function readMetaTags(document: Document, metas: Iterable<Element> = document.querySelectorAll('meta')): MetaTags {
  const values = new Map<string, string[]>();
  for (const meta of metas) {
    const content = meta.getAttribute('content')?.trim() ?? meta.getAttribute('value')?.trim();
    if (!content) continue;
    for (const attribute of KEY_ATTRIBUTES) {
      const raw = meta.getAttribute(attribute);
      if (!raw) continue;
      // property="og:title article:tag" is legal RDFa: one value, several keys.
      for (const key of raw.toLowerCase().split(/\s+/)) {
        if (!key) continue;
        const list = values.get(key);
        if (list) list.push(content);
        else values.set(key, [content]);
      }
    }
  }
  return {
    first(...keys) {
      for (const key of keys) {
        const value = values.get(key)?.[0];
        if (value) return value;
      }
      return null;
    },
    all(key) {
      return values.get(key) ?? [];
    },
  };
}
