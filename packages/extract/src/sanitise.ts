import sanitizeHtml from 'sanitize-html';
import { absoluteHttpUrl } from './links.js';

/**
 * The article HTML allow-list. Everything else is unwrapped (its text kept)
 * or, for the tags in DROPPED_WITH_CONTENT, removed with what it holds.
 * Beyond the core list, sub/sup (footnote marks, "CO2"), dl/dt/dd and table
 * captions are kept because dropping them changes what the text says.
 */
const ALLOWED_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'b',
  'i',
  'sub',
  'sup',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'br',
  'hr',
];

/** Tags whose content is code, widgets or fallback text, never article prose. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'map',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'head',
  'title',
];

/** Where lazy-loading scripts keep an image's real address. */
const IMAGE_SOURCE_ATTRIBUTES = ['src', 'data-src', 'data-original', 'data-lazy-src', 'data-url'];

/**
 * Sanitises article HTML with the allow-list: no scripts, frames, forms,
 * event handlers, styles or classes; links and images made absolute against
 * `baseUrl` and kept only when they are http(s) (javascript:, vbscript: and
 * data: URLs go). A link without a usable href is unwrapped; an image
 * without a usable src is removed.
 */
export function sanitiseArticleHtml(html: string, baseUrl: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href'],
      img: ['src', 'alt'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      // The headline is the record's title; a heading inside the body is a section heading.
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = absoluteHttpUrl(attribs['href'], baseUrl);
        const kept: sanitizeHtml.Attributes = href ? { href } : {};
        return { tagName, attribs: kept };
      },
      img: (tagName, attribs) => {
        const src = firstImageSource(attribs, baseUrl);
        const alt = attribs['alt']?.trim();
        const kept: sanitizeHtml.Attributes = {};
        if (src) kept['src'] = src;
        if (alt) kept['alt'] = alt;
        return { tagName, attribs: kept };
      },
    },
    exclusiveFilter: (frame) => {
      if (frame.tag === 'a' && !frame.attribs['href']) return 'excludeTag';
      return frame.tag === 'img' && !frame.attribs['src'];
    },
  });
}

function firstImageSource(attribs: Record<string, string>, baseUrl: string): string | null {
  for (const name of IMAGE_SOURCE_ATTRIBUTES) {
    const url = absoluteHttpUrl(attribs[name], baseUrl);
    if (url) return url;
  }
  return null;
}
