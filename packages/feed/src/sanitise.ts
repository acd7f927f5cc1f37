import sanitizeHtml from 'sanitize-html';
import { withoutStrayEndTags } from './html-stray-tags.js';

/**
 * The markup a feed summary or body may keep: text structure, links, images
 * and media. No script, style, iframe, object, embed or form, and no
 * attribute that can run code (on* handlers) or restyle the reader's page.
 */
const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'del',
  'ins',
  'details',
  'summary',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
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
};

/** Attributes holding one URL, made absolute against the base. */
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'];

/**
 * Sanitises HTML taken from a feed so it is safe to store and show: keeps an
 * allow-list of structural tags, links and media; drops script, style,
 * iframe, object, embed and form elements (script/style with their content),
 * every on* handler, and URLs whose scheme is not http(s), mailto or tel
 * (javascript:, data:, vbscript: ...). Relative href/src/srcset/poster/cite
 * URLs are resolved against `baseUrl` when it is given. Returns the trimmed
 * result, '' when nothing is left.
 */
export function sanitiseFeedHtml(html: string, baseUrl: string | null): string {
  // Text with no markup and no entities needs only its ">" escaped (what sanitize-html would do, much faster).
  if (!html.includes('<') && !html.includes('&')) return html.replace(/>/g, '&gt;').trim();
  const base = absoluteBase(baseUrl);
  return sanitizeHtml(withoutStrayEndTags(html), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesAppliedToAttributes: [...URL_ATTRIBUTES, 'srcset'],
    // Contents of these are code, styling or form controls, not article text.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'title', 'head'],
    transformTags: base === null ? {} : { '*': (tagName, attribs) => ({ tagName, attribs: resolveUrls(attribs, base) }) },
    // 1x1 images are tracking pixels (FeedBurner and ad networks): they report the reader, show nothing.
    exclusiveFilter: (frame) => frame.tag === 'img' && frame.attribs.width === '1' && frame.attribs.height === '1',
  }).trim();
}

/** The base as a URL when it is absolute, else null (relative URLs then stay relative). */
function absoluteBase(baseUrl: string | null): URL | null {
  if (baseUrl === null) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

function resolveUrls(attribs: sanitizeHtml.Attributes, base: URL): sanitizeHtml.Attributes {
  const resolved: sanitizeHtml.Attributes = { ...attribs };
  for (const name of URL_ATTRIBUTES) {
    const value = resolved[name];
    if (value !== undefined) resolved[name] = resolveUrl(value, base);
  }
  const srcset = resolved.srcset;
  if (srcset !== undefined) resolved.srcset = resolveSrcset(srcset, base);
  return resolved;
}

/**
 * Resolves one URL reference. Values that do not parse stay as they were:
 * sanitize-html then judges them (and drops dangerous schemes either way,
 * because it checks the scheme after this transform runs).
 */
function resolveUrl(value: string, base: URL): string {
  const trimmed = value.trim();
  if (trimmed === '') return value;
  try {
    return new URL(trimmed, base).toString();
  } catch {
    return value;
  }
}

/** `a.jpg 1x, /b.jpg 2x` -> each candidate URL resolved, descriptors kept. */
function resolveSrcset(srcset: string, base: URL): string {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate !== '')
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.split(/\s+/);
      return [resolveUrl(url, base), ...descriptors].join(' ');
    })
    .join(', ');
}
