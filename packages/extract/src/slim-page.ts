/**
 * What no step reads is dropped from the markup before any DOM is built:
 * parsing and every walk of the tree cost in proportion to its size. Every
 * step here is one pass over the string: the page is hostile input, and a
 * regular expression such as `<script\b[^>]*>[\s\S]*?<\/script>` scans to the
 * end of the page once for every unclosed `<script` in it.
 */
import { escapeRegExp } from './strings.js';

/**
 * Whitespace between two block-level tags ("</p>\\n  <p>") renders as
 * nothing, yet becomes a text node, and on a pretty-printed page such nodes
 * are a third of the tree. <pre> is left out of the list: whitespace counts there.
 */
const BLOCK_TAG = '(?:html|head|body|div|p|ul|ol|li|dl|dt|dd|section|article|main|header|footer|nav|aside|table|thead|tbody|tfoot|tr|td|th|h[1-6]|figure|figcaption|blockquote|form|meta|link|title|hr|br)';
const BLANK_BETWEEN_BLOCKS = new RegExp(`(<\\/?${BLOCK_TAG}\\b[^<>]*>)\\s+(?=<\\/?${BLOCK_TAG}\\b)`, 'gi');

/** Pages larger than this after slimming lose their <noscript> fallbacks too. */
const STRIP_ABOVE_CHARS = 1_000_000;
/**
 * Markup read at most, after stripping. Parsing and Readability cost about a
 * second per megabyte on one core, and an article's body sits in the first
 * few hundred kilobytes of any real page: past this a page is a data dump.
 */
export const MAX_HTML_CHARS = 2_000_000;

/** Where scripts, comments and a stray "<![CDATA[" begin (one pass, see slimPage). */
const SCRIPT_OR_COMMENT = /<(script\b|!--|!\[CDATA\[)/gi;
/** Where styles, inline SVG and templates begin. */
const STYLE_SVG_TEMPLATE = /<(style|svg|template)\b/gi;
const NOSCRIPT = /<(noscript)\b/gi;
/** A streamed segment's placeholder (<template id="B:1"> or "P:1", see page-repair.ts): it marks where the segment goes. */
const SEGMENT_PLACEHOLDER = /^\s+id="[BP]:\w+"\s*$/;
const JSON_LD_TYPE = /application\/ld\+json/i;

/**
 * Drops comments, scripts other than JSON-LD, styles, inline SVG and
 * templates (on a news page often more than half the bytes). <noscript>
 * stays: Readability takes lazy-loaded pictures from it. Huge pages also
 * lose <noscript> and are cut at a tag boundary after MAX_HTML_CHARS.
 */
export function slimPage(html: string): { markup: string; truncated: boolean } {
  // Scripts and comments in one pass, so that a JSON-LD script wrapped in <!-- --> stays whole. A
  // "<![CDATA[" outside SVG is a comment up to the next ">" for a browser; linkedom would hide the page up to "]]>".
  const withoutScripts = removeSpans(html, SCRIPT_OR_COMMENT, (search, kind, afterOpening) => {
    if (kind === '!--') return search.through('-->', afterOpening);
    if (kind === '![cdata[') return search.through('>', afterOpening);
    return search.element('script', afterOpening, (attributes) => JSON_LD_TYPE.test(attributes));
  });
  const withoutStyles = removeSpans(withoutScripts, STYLE_SVG_TEMPLATE, (search, tag, afterOpening) =>
    search.element(tag, afterOpening, (attributes) => tag === 'template' && SEGMENT_PLACEHOLDER.test(attributes)),
  );
  return cutPage(capClassAttributes(withoutStyles.replace(BLANK_BETWEEN_BLOCKS, '$1')));
}

/** Drops <noscript> from a page over STRIP_ABOVE_CHARS, and cuts one still over MAX_HTML_CHARS at a tag. */
function cutPage(stripped: string): { markup: string; truncated: boolean } {
  if (stripped.length <= STRIP_ABOVE_CHARS) return { markup: stripped, truncated: false };
  const slimmer = removeSpans(stripped, NOSCRIPT, (search, tag, afterOpening) => search.element(tag, afterOpening, () => false));
  if (slimmer.length <= MAX_HTML_CHARS) return { markup: slimmer, truncated: false };
  const cut = slimmer.lastIndexOf('<', MAX_HTML_CHARS);
  return { markup: slimmer.slice(0, cut > MAX_HTML_CHARS / 2 ? cut : MAX_HTML_CHARS), truncated: true };
}

/**
 * Class attributes longer than this keep their leading names only. linkedom
 * sets `className` by spreading the split value into `classList.add(...)`:
 * some hundred thousand names overflow the call stack, and the page fell
 * back to jsdom, whose attribute handling is quadratic. Real class lists
 * (utility-CSS pages included) stay well under a kilobyte.
 */
const MAX_CLASS_CHARS = 4_000;
const CLASS_ATTRIBUTE_START = /\sclass\s*=\s*(["'])/gi;

/**
 * Cuts every quoted class attribute value longer than MAX_CLASS_CHARS at a
 * space. Linear: each value is scanned once for its closing quote, and once
 * a quote has no closing one left, no later value quoted with it is looked at.
 */
export function capClassAttributes(html: string): string {
  const parts: string[] = [];
  let copiedTo = 0;
  const unclosed = new Set<string>();
  CLASS_ATTRIBUTE_START.lastIndex = 0;
  for (let match = CLASS_ATTRIBUTE_START.exec(html); match !== null; match = CLASS_ATTRIBUTE_START.exec(html)) {
    const quote = match[1] as string;
    if (unclosed.has(quote)) continue;
    const valueStart = match.index + match[0].length;
    const valueEnd = html.indexOf(quote, valueStart);
    if (valueEnd < 0) {
      unclosed.add(quote);
      continue;
    }
    CLASS_ATTRIBUTE_START.lastIndex = valueEnd + 1;
    if (valueEnd - valueStart <= MAX_CLASS_CHARS) continue;
    const space = html.slice(valueStart, valueStart + MAX_CLASS_CHARS + 1).search(/\s\S*$/);
    parts.push(html.slice(copiedTo, valueStart + (space < 0 ? MAX_CLASS_CHARS : space)));
    copiedTo = valueEnd;
  }
  if (copiedTo === 0) return html;
  parts.push(html.slice(copiedTo));
  return parts.join('');
}

/** A stretch of markup that ends at `end`, removed unless `keep`. */
interface Span {
  end: number;
  keep: boolean;
}

/**
 * Removes the spans that begin where `openings` matches (its first group,
 * in lower case, says which kind) and that `spanAt` can close; an opening
 * it cannot close stays, and the search goes on right after it, as a
 * regular expression's would. Spans never overlap: the search resumes at
 * the end of each one, kept or not.
 */
function removeSpans(html: string, openings: RegExp, spanAt: (search: ClosingSearch, kind: string, afterOpening: number) => Span | null): string {
  const search = new ClosingSearch(html);
  const parts: string[] = [];
  let copiedTo = 0;
  openings.lastIndex = 0;
  for (let match = openings.exec(html); match !== null; match = openings.exec(html)) {
    const span = spanAt(search, (match[1] as string).toLowerCase(), match.index + match[0].length);
    if (span === null) continue;
    if (!span.keep) {
      parts.push(html.slice(copiedTo, match.index));
      copiedTo = span.end;
    }
    openings.lastIndex = span.end;
  }
  if (copiedTo === 0) return html;
  parts.push(html.slice(copiedTo));
  return parts.join('');
}

/**
 * Finds where spans of one page close. Each kind of ending is searched for
 * with its own memory of the last answer, which holds for every later start
 * up to it, and "none" holds for every later start at all: a stretch of the
 * page is searched once per kind of ending, however many openings precede it.
 */
class ClosingSearch {
  private readonly searches = new Map<string, ForwardSearch>();

  constructor(private readonly html: string) {}

  /** The span up to and including the next `literal` at or after `from`. */
  through(literal: string, from: number): Span | null {
    const end = this.search(literal, () => new RegExp(escapeRegExp(literal), 'g')).next(from);
    return end === null ? null : { end, keep: false };
  }

  /**
   * An element with raw-text content, its name already read up to
   * `afterName`: the attributes up to the next ">", then everything up to
   * the first `</tag>` (any case, blanks allowed before the ">").
   */
  element(tag: string, afterName: number, keep: (attributes: string) => boolean): Span | null {
    const tagEnd = this.through('>', afterName);
    if (tagEnd === null) return null;
    const end = this.search(`</${tag}>`, () => new RegExp(`<\\/${tag}\\s*>`, 'gi')).next(tagEnd.end);
    return end === null ? null : { end, keep: keep(this.html.slice(afterName, tagEnd.end - 1)) };
  }

  private search(key: string, pattern: () => RegExp): ForwardSearch {
    let search = this.searches.get(key);
    if (search === undefined) {
      search = new ForwardSearch(this.html, pattern());
      this.searches.set(key, search);
    }
    return search;
  }
}

/** The first match of one pattern at or after a position, remembering its last answer. */
class ForwardSearch {
  private searchedFrom = Number.POSITIVE_INFINITY;
  private foundAt = -1;
  private foundEnd = -1;

  constructor(
    private readonly text: string,
    private readonly pattern: RegExp,
  ) {}

  /** Where the first match at or after `from` ends, or null when there is none. */
  next(from: number): number | null {
    const remembered = from >= this.searchedFrom && (this.foundAt === -1 || from <= this.foundAt);
    if (!remembered) {
      this.pattern.lastIndex = from;
      const match = this.pattern.exec(this.text);
      this.searchedFrom = from;
      this.foundAt = match === null ? -1 : match.index;
      this.foundEnd = match === null ? -1 : match.index + match[0].length;
    }
    return this.foundAt === -1 ? null : this.foundEnd;
  }
}
