import { normaliseUrl } from '@tidings/url';
import type { XmlElement } from './xml-element.js';

/**
 * The base URI in force inside `element`: its xml:base resolved against the
 * base of its parent (XML Base: nested and relative bases compose), or the
 * parent's base when it has none. The outermost parent base is the
 * document's own URL (the feed URL). A base that cannot be made absolute is
 * ignored rather than allowed to turn valid links into garbage.
 */
export function baseOf(element: XmlElement | null, parentBase: string | null): string | null {
  const declared = element?.attr('xml:base')?.trim();
  if (!declared) return parentBase;
  return absoluteUrl(declared, parentBase) ?? parentBase;
}

/** `reference` resolved against `base` as an absolute URL string of any scheme, or null. */
export function absoluteUrl(reference: string, base: string | null): string | null {
  try {
    return new URL(reference.trim(), base ?? undefined).toString();
  } catch {
    return null;
  }
}

/**
 * A link used as the publisher wrote it (a hub, an enclosure's media file,
 * whose signature may cover every parameter): resolved against the base,
 * http(s) only, otherwise unchanged (the WHATWG URL form). Null for an empty
 * link or one that is not http(s).
 */
export function writtenHttpUrl(reference: string | null, base: string | null): string | null {
  if (reference === null || reference.trim() === '') return null;
  const absolute = absoluteUrl(reference, base);
  return absolute !== null && /^https?:/.test(absolute) ? absolute : null;
}

/**
 * A link from the feed as the pipeline stores it: resolved against the base,
 * http(s) only, normalised by `normaliseUrl` (tracking parameters and
 * fragment dropped, host lower-cased, default port removed). Null for an
 * empty link or one that is not http(s).
 */
export function feedLink(reference: string | null, base: string | null): string | null {
  if (reference === null || reference.trim() === '') return null;
  return normaliseUrl(reference, base);
}
