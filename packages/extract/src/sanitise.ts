import { definePolicy, sanitiseHtml } from '@tidings/html';

/**
 * Blocks of the article body. They mean nothing without text or a picture
 * inside: text.ts removes the ones sanitising left empty. dl/dt/dd and
 * table captions are kept because dropping them changes what the text says.
 */
export const ARTICLE_BLOCK_TAGS: readonly string[] = [
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
  'figure',
  'figcaption',
  'caption',
];

/** Inline markup of the article body (sub/sup: footnote marks, "CO2"). text.ts unwraps the ones left empty. */
export const ARTICLE_INLINE_TAGS: readonly string[] = ['a', 'b', 'i', 'em', 'strong', 'code', 'sub', 'sup'];

/** The rest of what the body keeps: pictures, rules, line breaks and tables (whose cells keep the grid, even empty). */
const ARTICLE_STRUCTURE_TAGS = ['img', 'br', 'hr', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];

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

/**
 * The article HTML allow-list. Everything else is unwrapped (its text kept)
 * or, for the tags in DROPPED_WITH_CONTENT, removed with what it holds.
 */
const ARTICLE_POLICY = definePolicy({
  tags: [...ARTICLE_BLOCK_TAGS, ...ARTICLE_INLINE_TAGS, ...ARTICLE_STRUCTURE_TAGS],
  attributes: {
    a: ['href'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  droppedWithContent: DROPPED_WITH_CONTENT,
  // The headline is the record's title; a heading inside the body is a section heading.
  renames: { h1: 'h2' },
  trimmed: ['alt'],
  schemes: ['http', 'https'],
  unresolvedUrls: 'drop',
  // Where lazy-loading scripts keep an image's real address.
  imageSources: ['src', 'data-src', 'data-original', 'data-lazy-src', 'data-url'],
  required: { a: 'href', img: 'src' },
});

/**
 * Sanitises article HTML with the allow-list: no scripts, frames, forms,
 * event handlers, styles or classes; links and images made absolute against
 * `baseUrl` and kept only when they are http(s) (javascript:, vbscript: and
 * data: URLs go). A link without a usable href is unwrapped; an image
 * without a usable src is removed.
 */
export function sanitiseArticleHtml(html: string, baseUrl: string): string {
  return sanitiseHtml(html, ARTICLE_POLICY, baseUrl);
}
