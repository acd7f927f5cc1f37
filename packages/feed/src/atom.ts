import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { atomCategory, atomText, atomTextBase } from './atom-text.js';
import { finishItem, languageTag, readDate, type MapContext } from './feed-item.js';
import { alternateLinks, atomLinks, firstFeedLink, hubUrls, linkEnclosures, hubsField, linksOf } from './links.js';
import { mediaDescription, mediaEnclosures, mediaTitle } from './media.js';
import { noteRefusedLink } from './refused-links.js';
import { toPlainText } from './text.js';
import { baseOf, feedLink } from './xml-base.js';
import type { XmlElement } from './xml-element.js';
import type { XmlFeedTree } from './xml-tree.js';

/**
 * Maps an Atom 1.0 or 0.3 feed and its entries to the contract. Relative
 * URLs resolve per XML Base (RFC 4287 section 2): the nearest xml:base, on
 * the link or content element itself, its entry or the feed, each relative
 * to the one above, and finally the feed's own URL.
 */
export function mapAtom(tree: XmlFeedTree, version: 'atom1' | 'atom03', context: MapContext): Pick<ParsedFeed, 'feed' | 'items'> {
  const { channel } = tree;
  const feedBase = baseOf(channel, context.baseUrl);
  const links = atomLinks(channel.all('link'), feedBase);
  const siteUrl = firstFeedLink(alternateLinks(links));
  const feed: ParsedFeed['feed'] = {
    title: toPlainText(atomText(channel.first('title'), version)),
    siteUrl,
    feedUrl: firstFeedLink(linksOf(links, 'self')) ?? feedLink(context.documentUrl, null),
    ...hubsField(hubUrls(links)),
    // Atom 0.3 called the subtitle "tagline".
    description: toPlainText(atomText(channel.first('subtitle') ?? channel.first('tagline'), version)),
    language: languageTag(channel.attr('xml:lang') ?? channel.firstText('dc:language')),
    updatedAt: readDate(channel.texts('updated', 'modified', 'dc:date', 'dcterms:modified'), 'feed', context.warnings),
  };
  // RFC 4287 section 4.2.1: the feed's authors are the authors of every entry that names none (see entryAuthors).
  const feedAuthors = authorsOf(channel);
  const items = tree.items.map((entry, index) => mapEntry(entry, index, { version, feedBase, siteUrl, feedAuthors, context }));
  return { feed, items };
}

interface EntryScope {
  version: 'atom1' | 'atom03';
  feedBase: string | null;
  siteUrl: string | null;
  feedAuthors: (string | null)[];
  context: MapContext;
}

function mapEntry(entry: XmlElement, index: number, scope: EntryScope): FeedItem {
  const { version, context } = scope;
  const where = `item ${index + 1}`;
  const entryBase = baseOf(entry, scope.feedBase);
  // With no feed URL and no xml:base, a relative link can still be read against the feed's site link.
  const linkBase = entryBase ?? scope.siteUrl;
  const links = atomLinks(entry.all('link'), linkBase);
  const alternates = alternateLinks(links);
  const url = firstFeedLink(alternates);
  if (url === null && alternates.length > 0) noteRefusedLink(context.refusedLinks, index, alternates.map((link) => [link.href, link.base]));
  // Relative URLs in the HTML resolve like every other: xml:base, the Content-Location, the document URL. Only a
  // document read with none of these (a file without --url) falls back to the entry's page, then the site, as in RSS.
  const htmlBaseFor = (element: XmlElement | null): string | null => atomTextBase(element, entryBase) ?? url ?? scope.siteUrl;
  const summary = entry.first('summary');
  // Out-of-line content (src="...") is a pointer, not a body.
  const content = entry.all('content').find((element) => element.attr('src') === null) ?? null;
  return finishItem({
    id: entry.firstText('id'),
    url,
    title: toPlainText(atomText(entry.first('title'), version)) ?? toPlainText(mediaTitle(entry)),
    summary: [
      [atomText(summary, version), htmlBaseFor(summary)],
      [mediaDescription(entry), htmlBaseFor(null)],
    ],
    contentHtml: [[atomText(content, version), htmlBaseFor(content)]],
    authors: entryAuthors(entry, scope.feedAuthors),
    // Atom 0.3 said "issued" for published and "modified" for updated; "created" is a last resort.
    // Every candidate of every name, in this order: the first that is a valid date wins.
    publishedAt: readDate(entry.texts('published', 'issued', 'created', 'dc:date', 'dcterms:issued'), where, context.warnings),
    updatedAt: readDate(entry.texts('updated', 'modified', 'dcterms:modified'), where, context.warnings),
    categories: [
      ...entry.all('category').map((category) => atomCategory(category) ?? category.text()),
      ...entry.all('dc:subject').map((subject) => subject.text()),
    ],
    enclosures: [...linkEnclosures(links), ...mediaEnclosures(entry, linkBase)],
  });
}

/**
 * RFC 4287 section 4.2.1: an entry's own authors; when it names none, those
 * of its atom:source (the feed an aggregated entry was copied from); when
 * that names none either, the feed's.
 */
function entryAuthors(entry: XmlElement, feedAuthors: (string | null)[]): (string | null)[] {
  const own = authorsOf(entry);
  // RFC 4287 section 4.2.1: an entry with an atom:author of its own, even one naming no one (a uri alone), inherits none.
  if (own.length > 0 || entry.first('author') !== null) return own;
  const source = entry.first('source');
  const fromSource = source === null ? own : authorsOf(source);
  return fromSource.length > 0 ? fromSource : feedAuthors;
}

/** Names of an entry's, a source's or a feed's Atom authors, then any dc:creator; an author that names no one is left out. */
function authorsOf(element: XmlElement): string[] {
  // An author named by an email alone is the email, as an RSS author that is one. Its own text counts when it is more than
  // the indentation between its children (a name written straight into <author>).
  const ownName = (author: XmlElement): string | null => {
    const text = author.ownText();
    return text !== null && text.trim() !== '' ? text : null;
  };
  const names = [...element.all('author').map((author) => author.firstText('name') ?? ownName(author) ?? author.firstText('email')), ...element.all('dc:creator').map((creator) => creator.text())];
  return names.filter((name): name is string => name !== null);
}
