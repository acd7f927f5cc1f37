import { nonHttpScheme } from '@tidings/url';

/**
 * Item links refused for their scheme. Only http(s) pages are fetched, so an
 * item whose link is `javascript:`, `data:`, `vbscript:`, `mailto:`,
 * `ftp:`... keeps no link, like one longer than MAX_URL_LENGTH; and like
 * that one, the feed's status says so (one warning for the document, since
 * a feed may hold thousands of them).
 */

/** An item whose link was refused for its scheme: its number in the document (from 1) and the scheme ("javascript:"). */
export interface RefusedLink {
  item: number;
  scheme: string;
}

/** A link as the document writes it, and the base it is relative to. */
export type WrittenLink = readonly [reference: string | null | undefined, base: string | null];

/**
 * Notes in `refused` that the item at `index` (from 0) has no link although
 * it was given one whose scheme is not http(s). `links` are the links it was
 * written with, in the order its mapper tries them; the first such one names
 * the scheme. An item written with no link, or only with ones that are no
 * absolute URL (a relative link with nothing to resolve it against), is not
 * noted: it keeps today's silence. Mappers call this only for an item left
 * without a URL, so a feed of good links pays nothing for it.
 */
export function noteRefusedLink(refused: RefusedLink[], index: number, links: readonly WrittenLink[]): void {
  for (const [reference, base] of links) {
    const scheme = reference ? nonHttpScheme(reference, base) : null;
    if (scheme !== null) {
      refused.push({ item: index + 1, scheme });
      return;
    }
  }
}

/** Schemes named in the warning; the rest are counted. */
const MAX_SCHEMES_SHOWN = 5;
/** A scheme is letters, digits, "+", "-" and "." of any length: a longer one is cut. */
const MAX_SCHEME_CHARS = 40;

/**
 * The one warning for every refused link of a document, or null when there
 * is none: "ignored the link of item 2: javascript: is not http(s)", or
 * "ignored the link of 3 items (item 1 first): javascript:, mailto: are not http(s)".
 */
export function refusedLinksWarning(refused: readonly RefusedLink[]): string | null {
  const first = refused[0];
  if (first === undefined) return null;
  const schemes = [...new Set(refused.map((link) => link.scheme))].map((scheme) => (scheme.length > MAX_SCHEME_CHARS ? `${scheme.slice(0, MAX_SCHEME_CHARS - 1)}...:` : scheme));
  const more = schemes.length - MAX_SCHEMES_SHOWN;
  const named = more > 0 ? `${schemes.slice(0, MAX_SCHEMES_SHOWN).join(', ')} and ${more} more schemes` : schemes.join(', ');
  const which = refused.length === 1 ? `item ${first.item}` : `${refused.length} items (item ${first.item} first)`;
  return `ignored the link of ${which}: ${named} ${schemes.length === 1 ? 'is' : 'are'} not http(s)`;
}
