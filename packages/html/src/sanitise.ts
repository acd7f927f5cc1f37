import { Parser } from 'htmlparser2';
import type { SanitisePolicy } from './policy.js';
import { withoutStrayEndTags } from './stray-end-tags.js';
import { absoluteBase, holdsUrl, keptSrcset, keptUrl, resolveUrl } from './urls.js';

/**
 * The sanitiser: an allow-list walker over htmlparser2's events, driven by
 * a policy (policy.ts) that the package owning the HTML declares.
 *
 * It makes exactly what `sanitize-html` made with the options the feed and
 * article packages used to pass it (their sanitise.test.ts check the two
 * against each other on tag soup), but sets up nothing per call:
 * sanitize-html merges its options, builds its lookup maps and a
 * closure-laden frame per tag on every call. The tokeniser is the one
 * sanitize-html ships (htmlparser2 8), so markup is read the same way.
 *
 * The output is safe by construction: every tag written is an allowed one
 * with allowed attributes, quoted and escaped; every URL has an allowed
 * scheme; every other character is escaped text.
 */

/** Written as `<img ... />`, never closed. */
const SELF_CLOSING = new Set(['img', 'br', 'hr', 'area', 'base', 'basefont', 'input', 'link', 'meta']);
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

type Attributes = Record<string, string>;

/**
 * `html` with only what `policy` allows: other tags left out (their text
 * kept, or dropped with them for `droppedWithContent`), other attributes
 * dropped, URLs resolved against `baseUrl` and dropped when their scheme is
 * not allowed. Entities are decoded and everything written is escaped again,
 * so the result is well-formed and never executes anything. Not trimmed.
 */
export function sanitiseHtml(html: string, policy: SanitisePolicy, baseUrl: string | null): string {
  // Text with no markup and no entities needs only its ">" escaped.
  if (!html.includes('<') && !html.includes('&')) return html.replace(/>/g, '&gt;');
  const walker = new SanitisingWalker(policy, absoluteBase(baseUrl));
  const parser = new Parser(walker, { decodeEntities: true });
  parser.write(withoutStrayEndTags(html));
  parser.end();
  return walker.result;
}

interface Frame {
  /** The tag's name as read (before any rename): end tags are matched with it. */
  tag: string;
  /** The name written, after the policy's renames. */
  name: string;
  /** Whether the element itself was left out (its text still counts). */
  dropped: boolean;
  /** The base URI inside the element: an xml:base on it (XHTML content may carry them) resolved against its parent's. */
  base: URL | null;
}

class SanitisingWalker {
  result = '';
  private readonly stack: Frame[] = [];
  /** Open elements inside an element dropped with its content, itself included: while > 0 nothing is written. */
  private skipDepth = 0;

  constructor(
    private readonly policy: SanitisePolicy,
    private readonly base: URL | null,
  ) {}

  onopentag(tag: string, attributes: Attributes): void {
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    const policy = this.policy;
    const parentBase = this.stack.length === 0 ? this.base : (this.stack[this.stack.length - 1] as Frame).base;
    const base = policy.xmlBase ? baseInside(attributes['xml:base'], parentBase) : parentBase;
    const name = policy.renames.size === 0 ? tag : (policy.renames.get(tag) ?? tag);
    const frame: Frame = { tag, name, dropped: true, base };
    this.stack.push(frame);
    if (!policy.tags.has(name)) {
      if (policy.droppedWithContent.has(name)) this.skipDepth = 1;
      return;
    }
    // An <img> never has content (the parser closes it at once): leaving it out drops it.
    if (policy.dropTrackingPixels && name === 'img' && attributes.width === '1' && attributes.height === '1') return;
    const written = attributesOf(name, attributes, base, policy);
    if (written === null) return;
    frame.dropped = false;
    this.result += `<${name}${written}${SELF_CLOSING.has(name) ? ' />' : '>'}`;
  }

  ontext(text: string): void {
    if (this.skipDepth === 0) this.result += escapeText(text);
  }

  onclosetag(tag: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      if (this.skipDepth > 0) return;
    }
    const frame = this.stack.pop();
    if (frame === undefined) return;
    if (frame.tag !== tag) {
      // Bad markup: the frame stays open for a later end tag.
      this.stack.push(frame);
      return;
    }
    if (!frame.dropped && !SELF_CLOSING.has(frame.name)) this.result += `</${frame.name}>`;
  }
}

/** The base inside an element with this xml:base (or none), whose parent's base is `parentBase`. */
function baseInside(declared: string | undefined, parentBase: URL | null): URL | null {
  if (declared === undefined) return parentBase;
  return absoluteBase(parentBase === null ? declared : resolveUrl(declared, parentBase)) ?? parentBase;
}

/**
 * The kept attributes of an allowed tag, written out: allowed for it, URLs
 * absolute and of an allowed scheme. Null when the tag loses an attribute
 * the policy requires of it (it is then unwrapped).
 */
function attributesOf(tag: string, attributes: Attributes, base: URL | null, policy: SanitisePolicy): string | null {
  const allowed = policy.attributes.get(tag);
  const required = policy.required.get(tag);
  let out = '';
  let hasRequired = required === undefined;
  // An image whose address may be in several attributes: src first, from the first that holds a usable URL.
  const sourceFirst = tag === 'img' && policy.imageSources !== null && allowed?.has('src') === true;
  if (sourceFirst) {
    const src = imageSource(attributes, base, policy);
    if (src !== null) {
      out += ` src="${escapeAttribute(src)}"`;
      if (required === 'src') hasRequired = true;
    }
  }
  if (allowed !== undefined) {
    for (const name of Object.keys(attributes)) {
      if (!allowed.has(name) || !VALID_ATTRIBUTE_NAME.test(name) || (sourceFirst && name === 'src')) continue;
      let value = attributes[name] as string;
      if (policy.trimmed.has(name)) value = value.trim();
      if (value === '') {
        if (policy.booleanAttributes.has(name)) out += ` ${name}`;
        else if (policy.keptEmpty.has(name)) out += ` ${name}=""`;
        continue;
      }
      const kept = holdsUrl(name) ? keptUrl(value, base, policy) : name === 'srcset' ? keptSrcset(value, base, policy) : value;
      if (kept === null) continue;
      if (name === required) hasRequired = true;
      // An empty value left after resolving (never in practice) is written bare, as a boolean.
      out += kept === '' ? ` ${name}` : ` ${name}="${escapeAttribute(kept)}"`;
    }
  }
  return hasRequired ? out : null;
}

/** The first of the policy's image source attributes that holds a usable URL. */
function imageSource(attributes: Attributes, base: URL | null, policy: SanitisePolicy): string | null {
  for (const name of policy.imageSources ?? []) {
    const value = attributes[name];
    if (!value) continue;
    const url = keptUrl(value, base, policy);
    if (url !== null) return url;
  }
  return null;
}

const NEEDS_ESCAPING = /[&<>]/;

function escapeText(text: string): string {
  return NEEDS_ESCAPING.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
