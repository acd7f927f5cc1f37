import { createRequire } from 'node:module';
import sanitizeHtml from 'sanitize-html';
import { withoutStrayEndTags } from './html-stray-tags.js';

/**
 * The feed sanitiser: an allow-list walker over htmlparser2's events.
 *
 * It makes exactly what `sanitize-html` made with the options this package
 * used to pass it (sanitise.test.ts checks the two against each other on tag
 * soup), but sets up nothing per call: sanitize-html merges its options,
 * builds its lookup maps and a closure-laden frame per tag on every call,
 * which was most of the time a feed took to parse. The tokeniser is the same
 * (sanitize-html's own htmlparser2), so markup is read the same way.
 *
 * The output is safe by construction: every tag written is an allowed one
 * with allowed attributes, quoted and escaped; every other character is
 * escaped text.
 */

/** The markup a feed summary or body may keep: text structure, links, images and media. */
const ALLOWED_TAGS = new Set([...sanitizeHtml.defaults.allowedTags, 'img', 'picture', 'source', 'video', 'audio', 'track', 'del', 'ins', 'details', 'summary']);

/** Attributes kept per tag; no tag keeps any other (no on* handler, no style, no class). */
const ALLOWED_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
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
  }).map(([tag, names]) => [tag, new Set(names)]),
);

/** Attributes that mean something with no value; every other kept attribute is dropped when empty, but alt, kept as `alt=""`. */
const BOOLEAN_ATTRIBUTES = new Set(['controls', 'reversed']);
/** Attributes holding one URL: made absolute against the base, dropped when their scheme is not allowed. */
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'];
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
/** Written as `<img ... />`, never closed. */
const SELF_CLOSING = new Set(['img', 'br', 'hr', 'area', 'base', 'basefont', 'input', 'link', 'meta']);
/** Contents of these are code, styling or form controls, not article text: they go with the element. */
const NON_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'title', 'head']);
/** The same for plain text (titles, names): what a reader never sees as text. */
const NON_TEXT_TAGS_FOR_TEXT = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head']);
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

type Attributes = Record<string, string>;
interface Handler {
  onopentag(name: string, attributes: Attributes): void;
  ontext(text: string): void;
  onclosetag(name: string): void;
}
type ParserClass = new (handler: Partial<Handler>, options: { decodeEntities: boolean }) => { write(chunk: string): void; end(): void };

// sanitize-html's own htmlparser2 and srcset parser, so that markup reads exactly as it did through sanitize-html.
const requireSanitizer = createRequire(createRequire(import.meta.url).resolve('sanitize-html'));
const { Parser } = requireSanitizer('htmlparser2') as { Parser: ParserClass };
const parseSrcset = requireSanitizer('parse-srcset') as (srcset: string) => { url: string; w?: number; h?: number; d?: number }[];

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
  // Text with no markup and no entities needs only its ">" escaped.
  if (!html.includes('<') && !html.includes('&')) return html.replace(/>/g, '&gt;').trim();
  const walker = new SanitisingWalker(absoluteBase(baseUrl));
  const parser = new Parser(walker, { decodeEntities: true });
  parser.write(withoutStrayEndTags(html));
  parser.end();
  return walker.result.trim();
}

/**
 * The text a reader sees in a piece of HTML: tags dropped, entities decoded
 * once, script/style (and other non-text elements) dropped with their
 * content. Whitespace is left as it is.
 */
export function htmlToText(html: string): string {
  let text = '';
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipDepth > 0 || NON_TEXT_TAGS_FOR_TEXT.has(name)) skipDepth += 1;
      },
      ontext(chunk) {
        if (skipDepth === 0) text += chunk;
      },
      onclosetag() {
        if (skipDepth > 0) skipDepth -= 1;
      },
    },
    { decodeEntities: true },
  );
  parser.write(withoutStrayEndTags(html));
  parser.end();
  return text;
}

interface Frame {
  tag: string;
  /** Where the element's output starts, to take a dropped image back out. */
  start: number;
  /** Whether the element itself was left out (its text still counts). */
  dropped: boolean;
  trackingPixel: boolean;
  /** The base URI inside the element: an xml:base on it (XHTML content may carry them) resolved against its parent's. */
  base: URL | null;
}

class SanitisingWalker implements Handler {
  result = '';
  private readonly stack: Frame[] = [];
  /** Open elements inside a dropped non-text element, itself included: while > 0 nothing is written. */
  private skipDepth = 0;

  constructor(private readonly base: URL | null) {}

  onopentag(name: string, attributes: Attributes): void {
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    const parentBase = this.stack.length === 0 ? this.base : (this.stack[this.stack.length - 1] as Frame).base;
    const declared = attributes['xml:base'];
    const base = declared === undefined ? parentBase : (absoluteBase(parentBase === null ? declared : resolveUrl(declared, parentBase)) ?? parentBase);
    const frame: Frame = { tag: name, start: this.result.length, dropped: !ALLOWED_TAGS.has(name), trackingPixel: false, base };
    this.stack.push(frame);
    if (frame.dropped) {
      if (NON_TEXT_TAGS.has(name)) this.skipDepth = 1;
      return;
    }
    frame.trackingPixel = name === 'img' && attributes.width === '1' && attributes.height === '1';
    this.result += `<${name}${attributesOf(name, attributes, base)}${SELF_CLOSING.has(name) ? ' />' : '>'}`;
  }

  ontext(text: string): void {
    if (this.skipDepth === 0) this.result += escapeText(text);
  }

  onclosetag(name: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      if (this.skipDepth > 0) return;
    }
    const frame = this.stack.pop();
    if (frame === undefined) return;
    if (frame.tag !== name) {
      // Bad markup: the frame stays open for a later end tag.
      this.stack.push(frame);
      return;
    }
    if (frame.dropped) return;
    if (frame.trackingPixel) this.result = this.result.slice(0, frame.start);
    else if (!SELF_CLOSING.has(name)) this.result += `</${name}>`;
  }
}

/** The kept attributes, written out: allowed for the tag, URLs absolute and of an allowed scheme. */
function attributesOf(tag: string, attributes: Attributes, base: URL | null): string {
  const allowed = ALLOWED_ATTRIBUTES.get(tag);
  if (allowed === undefined) return '';
  let out = '';
  for (const name of Object.keys(attributes)) {
    let value = attributes[name] as string;
    if (!allowed.has(name) || !VALID_ATTRIBUTE_NAME.test(name)) continue;
    if (value === '') {
      if (BOOLEAN_ATTRIBUTES.has(name)) out += ` ${name}`;
      else if (name === 'alt') out += ' alt=""';
      continue;
    }
    if (URL_ATTRIBUTES.includes(name)) {
      if (base !== null) value = resolveUrl(value, base);
      if (isNaughtyUrl(value)) continue;
    } else if (name === 'srcset') {
      const resolved = base === null ? value : resolveSrcset(value, base);
      if (isNaughtyUrl(resolved)) continue;
      const srcset = safeSrcset(resolved);
      if (srcset === null) continue;
      value = srcset;
    }
    // An empty value left after resolving (never in practice) is written bare, as a boolean.
    out += value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  return out;
}

const NEEDS_ESCAPING = /[&<>]/;

function escapeText(text: string): string {
  return NEEDS_ESCAPING.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * Whether a URL's scheme is not allowed. Browsers ignore control characters
 * and spaces inside a scheme, and comments can hide one: both go first.
 */
function isNaughtyUrl(href: string): boolean {
  // eslint-disable-next-line no-control-regex
  let bare = href.replace(/[\x00-\x20]+/g, '');
  for (let open = bare.indexOf('<!--'); open !== -1; open = bare.indexOf('<!--')) {
    const close = bare.indexOf('-->', open + 4);
    if (close === -1) break;
    bare = bare.slice(0, open) + bare.slice(close + 3);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(bare)?.[1];
  return scheme !== undefined && !ALLOWED_SCHEMES.has(scheme.toLowerCase());
}

/** The srcset without its candidates of a naughty scheme, or null when none is left or it cannot be read. */
function safeSrcset(srcset: string): string | null {
  try {
    const candidates = parseSrcset(srcset).filter((candidate) => !isNaughtyUrl(candidate.url));
    if (candidates.length === 0 || candidates.some((candidate) => !candidate.url)) return null;
    return candidates
      .map(({ url, w, h, d }) => `${url}${w ? ` ${w}w` : ''}${h ? ` ${h}h` : ''}${d ? ` ${d}x` : ''}`)
      .join(', ');
  } catch {
    return null;
  }
}

/** The base as a URL when it is absolute, else null (relative URLs then stay relative). */
function absoluteBase(baseUrl: string | null | undefined): URL | null {
  if (baseUrl === null || baseUrl === undefined) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

/** One URL reference resolved; a value that does not parse stays as it was (and is judged by its scheme). */
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
