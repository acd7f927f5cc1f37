import type { FeedEnclosure } from '@tidings/contracts';
import { mediaTypeEssence } from './atom-text.js';
import { enclosureOf } from './feed-item.js';
import { baseOf, feedLink, writtenHttpUrl } from './xml-base.js';
import type { XmlElement } from './xml-element.js';

/** One Atom-style `<link>` (Atom, or atom:link inside RSS) with the base its href is relative to. */
export interface AtomLink {
  /** Link relation, lower-cased, "alternate" when absent, a registered one's IANA IRI written as its name (RFC 4287 section 4.2.7.2). */
  rel: string;
  href: string;
  type: string | null;
  length: string | null;
  base: string | null;
}

/** The links among `elements` that have an href, in document order. */
export function atomLinks(elements: readonly XmlElement[], parentBase: string | null): AtomLink[] {
  const links: AtomLink[] = [];
  for (const element of elements) {
    // `<link>https://...</link>` is not Atom, but it is what such a link means.
    const href = element.attr('href')?.trim() || element.ownText()?.trim();
    if (!href) continue;
    links.push({
      rel: relationOf(element.attr('rel')),
      href,
      type: element.attr('type')?.trim().toLowerCase() || null,
      length: element.attr('length'),
      base: baseOf(element, parentBase),
    });
  }
  return links;
}

/** Where RFC 4287 section 4.2.7.2 puts the registered relations: `rel="http://www.iana.org/assignments/relation/self"` is `rel="self"`. */
const IANA_RELATIONS = 'http://www.iana.org/assignments/relation/';

/** The relation(s) of a `rel` attribute, lower-cased, "alternate" when absent, each registered one by its name. */
export function relationOf(rel: string | null): string {
  const relations = rel?.trim().toLowerCase() || 'alternate';
  if (!relations.includes(IANA_RELATIONS)) return relations;
  return relations
    .split(/\s+/u)
    .map((relation) => (relation.startsWith(IANA_RELATIONS) && relation.length > IANA_RELATIONS.length ? relation.slice(IANA_RELATIONS.length) : relation))
    .join(' ');
}

/**
 * The links that may name the page a feed or entry points at, best first:
 * the alternate links that say they are HTML (whatever its parameters),
 * then the other alternates, each in document order.
 */
export function alternateLinks(links: AtomLink[]): AtomLink[] {
  const alternates = links.filter((link) => link.rel === 'alternate');
  const html = alternates.filter((link) => link.type !== null && HTML_TYPES.has(mediaTypeEssence(link.type)));
  return html.length === 0 ? alternates : [...html, ...alternates.filter((link) => !html.includes(link))];
}

/** The links of a relation (`self`), in document order. */
export function linksOf(links: AtomLink[], rel: string): AtomLink[] {
  return links.filter((link) => link.rel === rel);
}

/**
 * The first of `links` that is an absolute http(s) URL (feedLink): a
 * `javascript:`, `ftp:` or `feed:` link before it does not hide a good one.
 */
export function firstFeedLink(links: readonly AtomLink[]): string | null {
  for (const link of links) {
    const url = feedLink(link.href, link.base);
    if (url !== null) return url;
  }
  return null;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Enclosures given as `<link rel="enclosure">`. */
export function linkEnclosures(links: AtomLink[]): (FeedEnclosure | null)[] {
  return links.filter((link) => link.rel === 'enclosure').map((link) => enclosureOf(link.href, link.type, link.length, link.base));
}

/**
 * The WebSub hubs among `links` (`rel="hub"`, W3C WebSub section 4), resolved
 * against their base but not normalised (a hub URL is used as the publisher
 * wrote it), http(s) only, each once; undefined when there are none, so the
 * field stays out of a feed that declares no hub.
 */
export function hubUrls(links: AtomLink[]): string[] | undefined {
  return httpUrls(links.filter((link) => link.rel.split(/\s+/u).includes('hub')).map((link) => [link.href, link.base]));
}

/** The feed's `hubs` field: present only when there is a hub (an `undefined` value would not survive JSON, or a worker thread, as itself). */
export function hubsField(hubs: string[] | undefined): { hubs?: string[] } {
  return hubs === undefined ? {} : { hubs };
}

/** The hubs of a JSON Feed's `hubs` array (`{type, url}` objects), like {@link hubUrls}. */
export function jsonFeedHubUrls(hubs: unknown, base: string | null): string[] | undefined {
  if (!Array.isArray(hubs)) return undefined;
  const urls = hubs.map((hub: unknown) => (typeof hub === 'object' && hub !== null ? (hub as { url?: unknown }).url : undefined));
  return httpUrls(urls.flatMap((url) => (typeof url === 'string' ? [[url, base] as const] : [])));
}

function httpUrls(references: ReadonlyArray<readonly [string, string | null]>): string[] | undefined {
  const urls = new Set<string>();
  for (const [reference, base] of references) {
    const url = writtenHttpUrl(reference, base);
    if (url !== null) urls.add(url);
  }
  return urls.size > 0 ? [...urls] : undefined;
}
