import { definePolicy, sanitiseHtml } from '@tidings/html';

/**
 * What a feed summary or body may keep: text structure, links, images and
 * media. sanitise.test.ts checks it against what sanitize-html made with the
 * options this package used to pass it, character for character.
 */
const FEED_POLICY = definePolicy({
  tags: [
    // sanitize-html's default allow-list: sectioning, text content, inline text semantics, tables.
    'address', 'article', 'aside', 'footer', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hgroup', 'main', 'nav', 'section',
    'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'hr', 'li', 'menu', 'ol', 'p', 'pre', 'ul',
    'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q',
    'rb', 'rp', 'rt', 'rtc', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
    'caption', 'col', 'colgroup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
    // Media and edits.
    'img', 'picture', 'source', 'video', 'audio', 'track', 'del', 'ins', 'details', 'summary',
  ],
  // No other attribute anywhere: no on* handler, no style, no class.
  attributes: {
    a: ['href', 'title', 'hreflang'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height'],
    source: ['src', 'srcset', 'sizes', 'type', 'media'],
    video: ['src', 'poster', 'controls', 'width', 'height'],
    audio: ['src', 'controls'],
    track: ['src', 'kind', 'srclang', 'label'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'datetime'],
    ins: ['cite', 'datetime'],
    time: ['datetime'],
    abbr: ['title'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    td: ['colspan', 'rowspan', 'headers'],
    th: ['colspan', 'rowspan', 'headers', 'scope'],
  },
  // Code, styling or form controls, not article text: they go with the element.
  droppedWithContent: ['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'title', 'head'],
  booleanAttributes: ['controls', 'reversed'],
  keptEmpty: ['alt'],
  schemes: ['http', 'https', 'mailto', 'tel'],
  // Without a base (a file read without --url) relative URLs stay relative.
  unresolvedUrls: 'keep',
  xmlBase: true,
  dropTrackingPixels: true,
});

/**
 * Sanitises HTML taken from a feed so it is safe to store and show: keeps an
 * allow-list of structural tags, links and media; drops script, style,
 * iframe, object, embed and form elements (script/style with their content),
 * every on* handler, and URLs whose scheme is not http(s), mailto or tel
 * (javascript:, data:, vbscript: ...). Relative href/src/srcset/poster/cite
 * URLs are resolved against `baseUrl` when it is given. 1x1 images (tracking
 * pixels) go. Returns the trimmed result, '' when nothing is left.
 */
export function sanitiseFeedHtml(html: string, baseUrl: string | null): string {
  return sanitiseHtml(html, FEED_POLICY, baseUrl).trim();
}
