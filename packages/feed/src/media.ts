import type { FeedEnclosure } from '@tidings/contracts';
import { enclosureOf } from './feed-item.js';
import type { TextContent } from './text.js';
import { baseOf } from './xml-base.js';
import type { XmlElement } from './xml-element.js';

/**
 * Media RSS enclosures: `media:content`, directly or inside `media:group`.
 * A group whose contents one marks `isDefault="true"` holds renditions of
 * one object (Media RSS 1.5.1: a 720p and a 360p video): that one alone is
 * the enclosure. A group without (feeds put a gallery's pictures in one)
 * gives each. Thumbnails (`media:thumbnail`) are pictures of the item, not
 * attachments, and are left out.
 */
export function mediaEnclosures(item: XmlElement, base: string | null): (FeedEnclosure | null)[] {
  // An xml:base on a media:group applies to the media:content inside it.
  return [item, ...item.all('media:group')].flatMap((parent) => {
    const parentBase = parent === item ? base : baseOf(parent, base);
    const contents = parent.all('media:content');
    const preferred = parent === item ? undefined : contents.find((content) => content.attr('isDefault')?.trim().toLowerCase() === 'true');
    return (preferred ? [preferred] : contents).map((content) => enclosureOf(content.attr('url'), content.attr('type'), content.attr('fileSize'), baseOf(content, parentBase)));
  });
}

/** Media RSS title, the item's own or its `media:group`'s (YouTube's Atom entries): the last resort for an item's title. */
export function mediaTitle(item: XmlElement): TextContent | null {
  const title = item.first('media:title') ?? item.first('media:group')?.first('media:title') ?? null;
  const value = title?.text() ?? null;
  if (value === null) return null;
  return { kind: title?.attr('type')?.trim().toLowerCase() === 'html' ? 'html' : 'text', value };
}

/** Media RSS description (YouTube and podcast feeds): plain text unless type="html". */
export function mediaDescription(item: XmlElement): TextContent | null {
  const description = item.first('media:description') ?? item.first('media:group')?.first('media:description') ?? null;
  const value = description?.text() ?? null;
  if (value === null) return null;
  return { kind: description?.attr('type')?.trim().toLowerCase() === 'html' ? 'html' : 'text', value };
}

