import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { atomCategory, atomText, atomTextBase } from './atom-text.js';
import { enclosureOf, finishItem, languageTag, readDate, type MapContext } from './feed-item.js';
import { alternateLinks, atomLinks, firstFeedLink, hubUrls, linkEnclosures, hubsField, linksOf, relationOf } from './links.js';
import { mediaDescription, mediaEnclosures, mediaTitle } from './media.js';
import { noteRefusedLink, type WrittenLink } from './refused-links.js';
import { toPlainText, type TextContent } from './text.js';
import { baseOf, feedLink } from './xml-base.js';
import type { XmlElement } from './xml-element.js';
import type { XmlFeedTree } from './xml-tree.js';

/**
 * Maps an RSS 0.9x, 1.0 (RDF) or 2.0 channel and its items to the contract.
 * RSS fields hold HTML (escaped or in CDATA), so even titles are read as
 * HTML and reduced to plain text.
 */
export function mapRss(tree: XmlFeedTree, context: MapContext): Pick<ParsedFeed, 'feed' | 'items'> {
  const { root, channel } = tree;
  const channelBase = channel === root ? baseOf(root, context.baseUrl) : baseOf(channel, baseOf(root, context.baseUrl));
  const channelAtomLinks = atomLinks(channel.all('atom:link'), channelBase);
  const siteUrl = linkOf(channel, channelBase) ?? firstFeedLink(alternateLinks(channelAtomLinks));
  const feed: ParsedFeed['feed'] = {
    title: toPlainText(html(channel.firstText('title', 'dc:title'))),
    siteUrl,
    feedUrl: firstFeedLink(linksOf(channelAtomLinks, 'self')) ?? feedLink(context.documentUrl, null),
    ...hubsField(hubUrls(channelAtomLinks)),
    description: toPlainText(html(channel.firstText('description', 'dc:description'))),
    language: languageTag(channel.firstText('language', 'dc:language') ?? channel.attr('xml:lang') ?? root.attr('xml:lang')),
    updatedAt: readDate(channel.texts('lastBuildDate', 'pubDate', 'dc:date', 'dcterms:modified'), 'feed', context.warnings),
  };
  const items = tree.items.map((item, index) => mapRssItem(item, index, { channelBase, siteUrl, context }));
  return { feed, items };
}

interface ItemScope {
  channelBase: string | null;
  siteUrl: string | null;
  context: MapContext;
}

function mapRssItem(item: XmlElement, index: number, scope: ItemScope): FeedItem {
  const where = `item ${index + 1}`;
  const warnings = scope.context.warnings;
  const itemBase = baseOf(item, scope.channelBase);
  // With no feed URL and no xml:base, a relative link can still be read against the channel's site link.
  const linkBase = itemBase ?? scope.siteUrl;
  const guid = item.first('guid');
  const guidText = guid?.text()?.trim() || null;
  const atomItemLinks = atomLinks(item.all('atom:link'), linkBase);
  const atomAlternates = alternateLinks(atomItemLinks);
  const url =
    linkOf(item, linkBase) ??
    firstFeedLink(atomAlternates) ??
    permalinkGuid(guid, guidText, baseOf(guid, linkBase)) ??
    rdfAbout(item);
  if (url === null) {
    const written = item.all('link').map((link) => writtenLink(link, linkBase));
    noteRefusedLink(scope.context.refusedLinks, index, [...written, ...atomAlternates.map((link): [string, string | null] => [link.href, link.base])]);
  }
  // Relative URLs in the HTML resolve like every other: xml:base, the Content-Location, the document URL. Only a
  // document read with none of these (a file without --url) falls back to the article page, then the site.
  const htmlBaseFor = (element: XmlElement | null, baseIn = baseOf): string | null => baseIn(element, itemBase) ?? url ?? scope.siteUrl;
  const description = item.first('description');
  const content = item.first('content:encoded');
  // XHTML bodies (xhtml:body) are rarer than content:encoded but mean the same; their tags may carry a prefix.
  const xhtmlBody = content === null ? item.first('xhtml:body') : null;
  const contentText = content?.text() ?? withoutTagPrefixes(xhtmlBody?.text() ?? null);
  // Atom's summary and content, borrowed by some RSS generators, with their type attribute.
  const atomSummary = item.first('atom:summary');
  const atomContent = item.all('atom:content').find((element) => element.attr('src') === null) ?? null;
  return finishItem({
    id: guidText ?? item.attr('rdf:about'),
    url,
    title: toPlainText(html(item.firstText('title', 'dc:title'))) ?? toPlainText(mediaTitle(item)),
    summary: [
      [html(description?.text() ?? null), htmlBaseFor(description)],
      [html(item.firstText('dc:description')), htmlBaseFor(null)],
      [atomText(atomSummary, 'atom1'), htmlBaseFor(atomSummary, atomTextBase)],
      [mediaDescription(item), htmlBaseFor(null)],
      [text(item.firstText('itunes:summary', 'itunes:subtitle')), htmlBaseFor(null)],
    ],
    contentHtml: [
      [html(contentText), htmlBaseFor(content ?? xhtmlBody)],
      [atomText(atomContent, 'atom1'), htmlBaseFor(atomContent, atomTextBase)],
    ],
    // Some RSS feeds borrow Atom's <author><name>...</name></author> shape.
    authors: [
      ...item.all('author').map((author) => author.firstText('name') ?? author.ownText()),
      ...item.texts('dc:creator'),
      ...item.texts('dc:author'),
      ...item.texts('itunes:author'),
      ...item.all('atom:author').map((author) => author.firstText('atom:name') ?? author.firstText('atom:email')),
    ],
    // Every candidate of every name, in this order: the first that is a valid date wins.
    publishedAt: readDate(item.texts('pubDate', 'dc:date', 'atom:published', 'dcterms:issued', 'dcterms:created'), where, warnings),
    updatedAt: readDate(item.texts('atom:updated', 'dcterms:modified'), where, warnings),
    categories: categoriesOf(item),
    enclosures: [
      ...item.all('enclosure').map((enclosure) => enclosureOf(enclosure.attr('url'), enclosure.attr('type'), enclosure.attr('length'), baseOf(enclosure, linkBase))),
      ...mediaEnclosures(item, linkBase),
      ...linkEnclosures(atomItemLinks),
    ],
  });
}

/**
 * The element's `<link>` as an absolute URL: its text, or the href of an
 * Atom-style `<link href="..."/>` that some generators write unprefixed in
 * RSS. An xml:base on the link element itself applies.
 */
function linkOf(element: XmlElement, base: string | null): string | null {
  for (const link of element.all('link')) {
    const [reference, linkBase] = writtenLink(link, base);
    const resolved = feedLink(reference ?? null, linkBase);
    if (resolved !== null) return resolved;
  }
  return null;
}

/** A `<link>` as {@link linkOf} reads it, with its base: no reference for an Atom-style one to another page than the alternate. */
function writtenLink(link: XmlElement, base: string | null): WrittenLink {
  const href = link.attr('href');
  if (href !== null && relationOf(link.attr('rel')) !== 'alternate') return [null, null];
  return [link.text()?.trim() || href, baseOf(link, base)];
}

/**
 * An RSS 2.0 guid is the item's permalink unless isPermaLink="false"
 * (the attribute defaults to true). By default only an absolute http(s)
 * URL counts, since many feeds leave the default on guids that are plain
 * ids; a relative one counts when isPermaLink="true" says so explicitly.
 */
function permalinkGuid(guid: XmlElement | null, guidText: string | null, base: string | null): string | null {
  if (guid === null || guidText === null) return null;
  const flag = guid.attr('isPermaLink')?.trim().toLowerCase();
  if (flag === 'false') return null;
  if (/^https?:\/\//i.test(guidText)) return normaliseUrl(guidText);
  return flag === 'true' && !/^[a-z][a-z\d+.-]*:/i.test(guidText) ? feedLink(guidText, base) : null;
}

/** RSS 1.0 names each item by its URL in rdf:about. */
function rdfAbout(item: XmlElement): string | null {
  const about = item.attr('rdf:about')?.trim();
  return about && /^https?:\/\//i.test(about) ? normaliseUrl(about) : null;
}

/** `<xhtml:p>` -> `<p>`: the sanitiser knows HTML tags only by their plain names. */
function withoutTagPrefixes(markup: string | null): string | null {
  return markup === null ? null : markup.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1');
}

/**
 * An item's categories from every vocabulary that gives them, each kept:
 * category, dc:subject, atom:category (its label, else its term),
 * itunes:category (its text attribute), itunes:keywords (comma-separated)
 * and media:category.
 */
function categoriesOf(item: XmlElement): (string | TextContent | null)[] {
  return [
    ...item.texts('category', 'dc:subject'),
    ...item.all('atom:category').map(atomCategory),
    ...item.all('itunes:category').map((category) => category.attr('text')),
    ...item.texts('itunes:keywords').flatMap((keywords) => keywords?.split(',') ?? []),
    ...item.texts('media:category'),
  ];
}

function html(value: string | null): TextContent | null {
  return value === null ? null : { kind: 'html', value };
}

function text(value: string | null): TextContent | null {
  return value === null ? null : { kind: 'text', value };
}
