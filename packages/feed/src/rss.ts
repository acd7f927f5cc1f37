import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { enclosureOf, finishItem, htmlField, readDate, type MapContext } from './feed-item.js';
import { alternateLink, atomLinks, linkEnclosures } from './links.js';
import { mediaDescription, mediaEnclosures } from './media.js';
import { collapseWhitespace, toPlainText, type TextContent } from './text.js';
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
  const channelBase = channel === root ? baseOf(root, context.documentUrl) : baseOf(channel, baseOf(root, context.documentUrl));
  const channelAtomLinks = atomLinks(channel.all('atom:link'), channelBase);
  const selfLink = channelAtomLinks.find((link) => link.rel === 'self');
  const siteAlternate = alternateLink(channelAtomLinks);
  const siteUrl = linkOf(channel, channelBase) ?? (siteAlternate && feedLink(siteAlternate.href, siteAlternate.base));
  const feed: ParsedFeed['feed'] = {
    title: toPlainText(html(channel.firstText('title', 'dc:title'))),
    siteUrl,
    feedUrl: (selfLink && feedLink(selfLink.href, selfLink.base)) ?? feedLink(context.documentUrl, null),
    description: toPlainText(html(channel.firstText('description', 'dc:description'))),
    language: collapseWhitespace(channel.firstText('language', 'dc:language') ?? channel.attr('xml:lang') ?? root.attr('xml:lang') ?? ''),
    updatedAt: readDate([channel.firstText('lastBuildDate'), channel.firstText('pubDate'), channel.firstText('dc:date')], 'feed', context.warnings),
  };
  // xml:base anywhere above an item overrides the usual bases for its HTML.
  const declaredBase = [root, channel].some((element) => element.attr('xml:base') !== null);
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
    linkOf(item, linkBase) ??
    (atomAlternate && feedLink(atomAlternate.href, atomAlternate.base)) ??
    permalinkGuid(guid, guidText, baseOf(guid, linkBase)) ??
    rdfAbout(item);
  // RSS has no rule for relative URLs in its HTML; they are written for the article page, so that is the base
  // unless an xml:base says otherwise.
  const itemDeclaresBase = scope.declaredBase || item.attr('xml:base') !== null;
  const htmlBaseFor = (element: XmlElement | null): string | null =>
    itemDeclaresBase || element?.attr('xml:base') != null ? baseOf(element, itemBase) : (url ?? scope.siteUrl ?? itemBase);
  const description = item.first('description');
  const content = item.first('content:encoded');
  // XHTML bodies (xhtml:body) are rarer than content:encoded but mean the same; their tags may carry a prefix.
  const xhtmlBody = content === null ? item.first('xhtml:body') : null;
  const contentText = content?.text() ?? withoutTagPrefixes(xhtmlBody?.text() ?? null);
  return finishItem({
    id: guidText ?? item.attr('rdf:about'),
    url,
    title: toPlainText(html(item.firstText('title', 'dc:title', 'media:title'))),
    summary:
      htmlField(html(description?.text() ?? null), htmlBaseFor(description)) ??
      htmlField(html(item.firstText('dc:description')), htmlBaseFor(null)) ??
      htmlField(mediaDescription(item), htmlBaseFor(null)) ??
      htmlField(text(item.firstText('itunes:summary', 'itunes:subtitle')), htmlBaseFor(null)),
    contentHtml: htmlField(html(contentText), htmlBaseFor(content ?? xhtmlBody)),
    // Some RSS feeds borrow Atom's <author><name>...</name></author> shape.
    authors: [
      ...item.all('author').map((author) => author.firstText('name') ?? author.ownText()),
      ...texts(item, 'dc:creator'),
      ...texts(item, 'itunes:author'),
      ...item.all('atom:author').map((author) => author.firstText('atom:name')),
    ],
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
 * The element's `<link>` as an absolute URL: its text, or the href of an
 * Atom-style `<link href="..."/>` that some generators write unprefixed in
 * RSS. An xml:base on the link element itself applies.
 */
function linkOf(element: XmlElement, base: string | null): string | null {
  for (const link of element.all('link')) {
    const linkBase = baseOf(link, base);
    const href = link.attr('href');
    const resolved = feedLink(link.text()?.trim() || href, linkBase);
    if (resolved !== null && (href === null || (link.attr('rel') ?? 'alternate').trim().toLowerCase() === 'alternate')) return resolved;
  }
  return null;
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

function texts(element: XmlElement, name: string): (string | null)[] {
  return element.all(name).map((child) => child.text());
}

function html(value: string | null): TextContent | null {
  return value === null ? null : { kind: 'html', value };
}

function text(value: string | null): TextContent | null {
  return value === null ? null : { kind: 'text', value };
}
