import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import type { XmlRoot } from './detect-format.js';
import { enclosureOf, finishItem, htmlField, readDate, type MapContext } from './feed-item.js';
import { alternateLink, atomLinks, linkEnclosures } from './links.js';
import { mediaDescription, mediaEnclosures } from './media.js';
import { collapseWhitespace, toPlainText, type TextContent } from './text.js';
import { baseOf, feedLink } from './xml-base.js';
import { XmlElement } from './xml-element.js';
import type { XmlFeedTree } from './xml-tree.js';

/**
 * Maps an RSS 0.9x, 1.0 (RDF) or 2.0 channel and its items to the contract.
 * RSS fields hold HTML (escaped or in CDATA), so even titles are read as
 * HTML and reduced to plain text.
 */
export function mapRss(tree: XmlFeedTree, root: XmlRoot, context: MapContext): Pick<ParsedFeed, 'feed' | 'items'> {
  const { channel } = tree;
  const rootElement = XmlElement.fromParts(root.attributes, {});
  const channelBase = baseOf(channel, baseOf(rootElement, context.documentUrl));
  const siteUrl = feedLink(channel.firstText('link'), channelBase);
  const selfLink = atomLinks(channel.all('atom:link'), channelBase).find((link) => link.rel === 'self');
  const feed: ParsedFeed['feed'] = {
    title: toPlainText(html(channel.firstText('title', 'dc:title'))),
    siteUrl,
    feedUrl: (selfLink && feedLink(selfLink.href, selfLink.base)) ?? feedLink(context.documentUrl, null),
    description: toPlainText(html(channel.firstText('description', 'dc:description'))),
    language: collapseWhitespace(channel.firstText('language', 'dc:language') ?? channel.attr('xml:lang') ?? root.attributes['xml:lang'] ?? ''),
    updatedAt: readDate([channel.firstText('lastBuildDate'), channel.firstText('pubDate'), channel.firstText('dc:date')], 'feed', context.warnings),
  };
  // xml:base anywhere above an item overrides the usual bases for its HTML.
  const declaredBase = [rootElement, channel].some((element) => element.attr('xml:base') !== null);
  const items = tree.items.map((item, index) => mapRssItem(item, index, { channelBase, siteUrl, declaredBase, context }));
  return { feed, items };
}

interface ItemScope {
  channelBase: string | null;
  siteUrl: string | null;
  declaredBase: boolean;
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
  const atomAlternate = alternateLink(atomItemLinks);
  const url =
    feedLink(item.firstText('link'), linkBase) ??
    (atomAlternate && feedLink(atomAlternate.href, atomAlternate.base)) ??
    permalinkGuid(guid, guidText) ??
    rdfAbout(item);
  // RSS has no rule for relative URLs in its HTML; they are written for the article page, so that is the base
  // unless an xml:base says otherwise.
  const itemDeclaresBase = scope.declaredBase || item.attr('xml:base') !== null;
  const htmlBaseFor = (element: XmlElement | null): string | null =>
    itemDeclaresBase || element?.attr('xml:base') != null ? baseOf(element, itemBase) : (url ?? scope.siteUrl ?? itemBase);
  const description = item.first('description');
  const content = item.first('content:encoded');
  return finishItem({
    id: guidText ?? item.attr('rdf:about'),
    url,
    title: toPlainText(html(item.firstText('title', 'dc:title'))),
    summary:
      htmlField(html(description?.text() ?? null), htmlBaseFor(description)) ??
      htmlField(mediaDescription(item), htmlBaseFor(null)) ??
      htmlField(text(item.firstText('itunes:summary')), htmlBaseFor(null)),
    contentHtml: htmlField(html(content?.text() ?? null), htmlBaseFor(content)),
    // Some RSS feeds borrow Atom's <author><name>...</name></author> shape.
    authors: [...item.all('author').map((author) => author.firstText('name') ?? author.text()), ...texts(item, 'dc:creator'), ...texts(item, 'itunes:author')],
    publishedAt: readDate([item.firstText('pubDate'), item.firstText('dc:date'), item.firstText('atom:published'), item.firstText('dcterms:issued')], where, warnings),
    updatedAt: readDate([item.firstText('atom:updated'), item.firstText('dcterms:modified')], where, warnings),
    categories: [...texts(item, 'category'), ...texts(item, 'dc:subject')],
    enclosures: [
      ...item.all('enclosure').map((enclosure) => enclosureOf(enclosure.attr('url'), enclosure.attr('type'), enclosure.attr('length'), baseOf(enclosure, linkBase))),
      ...mediaEnclosures(item, linkBase),
      ...linkEnclosures(atomItemLinks),
    ],
  });
}

/**
 * An RSS 2.0 guid is the item's permalink unless isPermaLink="false"
 * (the attribute defaults to true). Only an absolute http(s) URL counts:
 * many feeds leave the default on guids that are plain ids.
 */
function permalinkGuid(guid: XmlElement | null, guidText: string | null): string | null {
  if (guid === null || guidText === null) return null;
  if (guid.attr('isPermaLink')?.trim().toLowerCase() === 'false') return null;
  return /^https?:\/\//i.test(guidText) ? normaliseUrl(guidText) : null;
}

/** RSS 1.0 names each item by its URL in rdf:about. */
function rdfAbout(item: XmlElement): string | null {
  const about = item.attr('rdf:about')?.trim();
  return about && /^https?:\/\//i.test(about) ? normaliseUrl(about) : null;
}

function texts(element: XmlElement, name: string): (string | null)[] {
  return element.all(name).map((child) => child.text());
}

function html(value: string | null): TextContent | null {
  return value === null ? null : { kind: 'html', value };
}

function text(value: string | null): TextContent | null {
  return value === null ? null : { kind: 'text', value };
}
