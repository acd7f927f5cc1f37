import type { FeedEnclosure } from '@tidings/contracts';
import { enclosureOf } from './feed-item.js';
import type { TextContent } from './text.js';
import { baseOf } from './xml-base.js';
import type { XmlElement } from './xml-element.js';

/**
 * Media RSS enclosures: `media:content`, directly or inside `media:group`.
 * Thumbnails (`media:thumbnail`) are pictures of the item, not attachments,
 * and are left out.
 */
export function mediaEnclosures(item: XmlElement, base: string | null): (FeedEnclosure | null)[] {
  // An xml:base on a media:group applies to the media:content inside it.
  return [item, ...item.all('media:group')].flatMap((parent) => {
    const parentBase = parent === item ? base : baseOf(parent, base);
    return parent.all('media:content').map((content) => enclosureOf(content.attr('url'), content.attr('type'), content.attr('fileSize'), baseOf(content, parentBase)));
  });
}

/** Media RSS description (YouTube and podcast feeds): plain text unless type="html". */
export function mediaDescription(item: XmlElement): TextContent | null {
  const description = item.first('media:description') ?? item.first('media:group')?.first('media:description') ?? null;
  const value = description?.text() ?? null;
  if (value === null) return null;
  return { kind: description?.attr('type')?.trim().toLowerCase() === 'html' ? 'html' : 'text', value };
}

