/**
 * What no step reads is dropped from the markup before any DOM is built:
 * parsing and every walk of the tree cost in proportion to its size. Every
 * step here is one pass over the string: the page is hostile input, and a
 * regular expression such as `<script\b[^>]*>[\s\S]*?<\/script>` scans to the
 * end of the page once for every unclosed `<script` in it.
 */

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
export function slimPage(html: string): { markup: string; truncated: boolean; stylesheets: string[] } {
  const { markup, stylesheets } = scriptsAndStylesRemoved(html);
  return { ...cutPage(capClassAttributes(markup.replace(BLANK_BETWEEN_BLOCKS, '$1'))), stylesheets };
}

// Scripts and comments in one pass, so that a JSON-LD script wrapped in <!-- --> stays whole. A
// "<![CDATA[" outside SVG is a comment up to the next ">" for a browser; linkedom would hide the page up to "]]>".
const scriptOrComment: SpanAt = (search, kind, afterOpening) => {
  if (kind === '!--') return search.through('-->', afterOpening);
  if (kind === '![cdata[') return search.through('>', afterOpening);
  return search.element('script', afterOpening, (attributes) => JSON_LD_TYPE.test(attributes));
};

const styleSvgOrTemplate: SpanAt = (search, tag, afterOpening) =>
  search.element(tag, afterOpening, (attributes) => tag === 'template' && SEGMENT_PLACEHOLDER.test(attributes));

/**
 * The page without scripts and comments, and then without styles, SVG and
 * templates: the second pass reads what the first left. Building the page
 * in between (a copy of a few hundred kilobytes, in memory of its own) took
 * about a fifth of slimPage's time on the 181 pages, so the second pass's
 * spans are found on the page itself where that gives the same spans
 * (styleSpansAround, on all but about 1 page in 20), and the page is built
 * once.
 */
export function withoutScriptsAndStyles(html: string): string {
  return scriptsAndStylesRemoved(html).markup;
}

/** withoutScriptsAndStyles, and the texts of the <style> elements it removed that apply to a browser's screen (stylesheetsIn). */
function scriptsAndStylesRemoved(html: string): { markup: string; stylesheets: string[] } {
  const scripts = spansToRemove(html, SCRIPT_OR_COMMENT, scriptOrComment);
  const styles = styleSpansAround(html, scripts);
  if (styles !== null) return { markup: withoutSpans(html, mergeSpans(scripts, styles)), stylesheets: stylesheetsIn(html, styles) };
  const scriptless = withoutSpans(html, scripts);
  const spans = spansToRemove(scriptless, STYLE_SVG_TEMPLATE, styleSvgOrTemplate);
  return { markup: withoutSpans(scriptless, spans), stylesheets: stylesheetsIn(scriptless, spans) };
}

const NOSCRIPT_TAG = /<(\/?)noscript\b/gi;
/** A <style>'s media attribute, and the media it applies to for every screen. */
const MEDIA = /\bmedia\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))/i;
const EVERY_SCREEN = /^\s*(?:(?:all|screen)\s*)?$/i;

/**
 * The texts of the <style> elements among `spans` (start and end pairs in
 * `html`, in order) that a browser running scripts applies to the screen:
 * not one inside <noscript>, nor one for print or some screens only.
 */
function stylesheetsIn(html: string, spans: readonly number[]): string[] {
  const styles: number[] = [];
  for (let i = 0; i < spans.length; i += 2) if (namedAt(html, (spans[i] as number) + 1, 'style')) styles.push(spans[i] as number, spans[i + 1] as number);
  if (styles.length === 0) return [];
  // Where <noscript> elements begin and end up to the last style, in one pass (their nesting as a count).
  const lastStyle = styles[styles.length - 2] as number;
  const noscriptEdges: { at: number; depth: number }[] = [];
  let depth = 0;
  NOSCRIPT_TAG.lastIndex = 0;
  for (let match = NOSCRIPT_TAG.exec(html); match !== null && match.index < lastStyle; match = NOSCRIPT_TAG.exec(html)) {
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1;
    noscriptEdges.push({ at: match.index, depth });
  }
  const stylesheets: string[] = [];
  let edge = 0;
  let inNoscript = false;
  for (let i = 0; i < styles.length; i += 2) {
    const start = styles[i] as number;
    const end = styles[i + 1] as number;
    while (edge < noscriptEdges.length && (noscriptEdges[edge] as { at: number }).at < start) inNoscript = (noscriptEdges[edge++] as { depth: number }).depth > 0;
    if (inNoscript) continue;
    const openingEnd = html.indexOf('>', start);
    const media = MEDIA.exec(html.slice(start, openingEnd));
    if (media && !EVERY_SCREEN.test(media[1] ?? media[2] ?? media[3] ?? '')) continue;
    stylesheets.push(html.slice(openingEnd + 1, html.lastIndexOf('</', end - 1)));
  }
  return stylesheets;
}

/** withoutScriptsAndStyles as two passes, each over the page the one before left: what the one build must equal (exported for its test). */
export function withoutScriptsAndStylesInTurn(html: string): string {
  return withoutStyles(withoutSpans(html, spansToRemove(html, SCRIPT_OR_COMMENT, scriptOrComment)));
}

/** The second pass: `html` without its styles, SVG and templates. */
function withoutStyles(html: string): string {
  return withoutSpans(html, spansToRemove(html, STYLE_SVG_TEMPLATE, styleSvgOrTemplate));
}

/**
 * The spans of styles, SVG and templates that the second pass would remove
 * from `html` once the first removed `cuts` (start and end pairs, in order),
 * given in positions of `html`; null when they might differ. They differ
 * only where a cut joins text that was apart: a tag name begun before a cut
 * and ended after it ("<sty" + "le>"), or whose end the next character
 * decides; a span that a cut falls inside (a comment in a <style>); or an
 * element left open here whose end tag the joined text might write. Spans
 * before and after the cuts are found in the same text.
 */
function styleSpansAround(html: string, cuts: readonly number[]): number[] | null {
  for (let i = 0; i < cuts.length; i += 2) {
    if (mayEndInOpening(html, cuts[i] as number)) return null;
  }
  const search = new ClosingSearch(html);
  const removed: number[] = [];
  let cut = 0;
  STYLE_SVG_TEMPLATE.lastIndex = 0;
  for (let match = STYLE_SVG_TEMPLATE.exec(html); match !== null; match = STYLE_SVG_TEMPLATE.exec(html)) {
    // The first cut that ends after the opening, if any.
    while (cut < cuts.length && (cuts[cut + 1] as number) <= match.index) cut += 2;
    const nextCut = cut < cuts.length ? (cuts[cut] as number) : Number.POSITIVE_INFINITY;
    if (match.index >= nextCut) {
      // Inside a cut: not in the text the second pass reads.
      STYLE_SVG_TEMPLATE.lastIndex = cuts[cut + 1] as number;
      continue;
    }
    const span = styleSvgOrTemplate(search, (match[1] as string).toLowerCase(), match.index + match[0].length);
    if (span === null) {
      if (nextCut !== Number.POSITIVE_INFINITY) return null;
      continue;
    }
    if (span.end > nextCut) return null;
    if (!span.keep) removed.push(match.index, span.end);
    STYLE_SVG_TEMPLATE.lastIndex = span.end;
  }
  return removed;
}

/** The openings STYLE_SVG_TEMPLATE finds, lower-cased, without their word boundary. */
const STYLE_SVG_TEMPLATE_OPENINGS = ['<style', '<svg', '<template'];
const LONGEST_OPENING = Math.max(...STYLE_SVG_TEMPLATE_OPENINGS.map((opening) => opening.length));

/** Whether the text before `at` ends with the beginning of a STYLE_SVG_TEMPLATE opening, or a whole one (whose word boundary the next character decides). */
function mayEndInOpening(html: string, at: number): boolean {
  const lt = html.lastIndexOf('<', at - 1);
  if (lt < 0 || at - lt > LONGEST_OPENING) return false;
  const tail = html.slice(lt, at).toLowerCase();
  return STYLE_SVG_TEMPLATE_OPENINGS.some((opening) => opening.startsWith(tail));
}

/** Two lists of spans (start and end pairs, in order, none overlapping another), as one in order. */
function mergeSpans(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number))) {
      merged.push(a[i] as number, a[i + 1] as number);
      i += 2;
    } else {
      merged.push(b[j] as number, b[j + 1] as number);
      j += 2;
    }
  }
  return merged;
}

/**
 * Drops <noscript> and inlined files (`data:` URIs) from a page over
 * STRIP_ABOVE_CHARS, and cuts one still over MAX_HTML_CHARS at a tag.
 */
function cutPage(stripped: string): { markup: string; truncated: boolean } {
  if (stripped.length <= STRIP_ABOVE_CHARS) return { markup: stripped, truncated: false };
  const slimmer = withoutDataUris(withoutSpans(stripped, spansToRemove(stripped, NOSCRIPT, (search, tag, afterOpening) => search.element(tag, afterOpening, () => false))));
  if (slimmer.length <= MAX_HTML_CHARS) return { markup: slimmer, truncated: false };
  const cut = slimmer.lastIndexOf('<', MAX_HTML_CHARS);
  return { markup: slimmer.slice(0, cut > MAX_HTML_CHARS / 2 ? cut : MAX_HTML_CHARS), truncated: true };
}

/** A quoted attribute value that is a `data:` URI (an image or a font inlined whole, base64 megabytes of no text): its opening quote. */
const DATA_URI_VALUE = /=\s*["'](?=data:)/gi;
/** Inlined files shorter than this stay (an icon's few hundred bytes cost nothing). */
const MAX_DATA_URI_CHARS = 1_000;

/**
 * Empties (to `data:,`) every quoted `data:` attribute value longer than
 * MAX_DATA_URI_CHARS: a base64 photo in a header could push the article
 * past MAX_HTML_CHARS. An empty data: URI, not an empty value: src="" would
 * name the page itself.
 */
function withoutDataUris(html: string): string {
  return shortenLongValues(html, DATA_URI_VALUE, MAX_DATA_URI_CHARS, () => 'data:,');
}

/**
 * Class attributes longer than this keep their leading names only. linkedom
 * sets `className` by spreading the split value into `classList.add(...)`:
 * some hundred thousand names overflow the call stack, and the page fell
 * back to jsdom, whose attribute handling is quadratic. Real class lists
 * (utility-CSS pages included) stay well under a kilobyte.
 */
const MAX_CLASS_CHARS = 4_000;
const CLASS_ATTRIBUTE_START = /\sclass\s*=\s*["']/gi;

/** Cuts every quoted class attribute value longer than MAX_CLASS_CHARS at a space. */
export function capClassAttributes(html: string): string {
  return shortenLongValues(html, CLASS_ATTRIBUTE_START, MAX_CLASS_CHARS, (valueStart) => {
    const head = html.slice(valueStart, valueStart + MAX_CLASS_CHARS + 1);
    const space = head.search(/\s\S*$/);
    return head.slice(0, space < 0 ? MAX_CLASS_CHARS : space);
  });
}

/**
 * Replaces each quoted attribute value longer than `maxChars` that
 * `opening` finds (a global pattern ending at the value's opening quote)
 * by what `shorten` makes of the value starting at `valueStart`. Linear:
 * each value is scanned once for its closing quote, and once a quote has
 * no closing one left, no later value quoted with it is looked at.
 */
function shortenLongValues(html: string, opening: RegExp, maxChars: number, shorten: (valueStart: number) => string): string {
  const parts: string[] = [];
  let copiedTo = 0;
  const unclosed = new Set<string>();
  opening.lastIndex = 0;
  // test() leaves lastIndex just after the opening quote: no match array is made for each of a page's hundreds of attributes.
  while (opening.test(html)) {
    const valueStart = opening.lastIndex;
    const quote = html[valueStart - 1] as string;
    if (unclosed.has(quote)) continue;
    const valueEnd = html.indexOf(quote, valueStart);
    if (valueEnd < 0) {
      unclosed.add(quote);
      continue;
    }
    opening.lastIndex = valueEnd + 1;
    if (valueEnd - valueStart <= maxChars) continue;
    parts.push(html.slice(copiedTo, valueStart), shorten(valueStart));
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

/** Finds the span of one opening: `kind` is the opening's first group, in lower case. Null when the span has no end. */
type SpanAt = (search: ClosingSearch, kind: string, afterOpening: number) => Span | null;

/**
 * The spans to remove (start and end pairs, in order) that begin where
 * `openings` matches and that `spanAt` can close; an opening it cannot
 * close stays, and the search goes on right after it, as a regular
 * expression's would. Spans never overlap: the search resumes at the end
 * of each one, kept or not.
 */
function spansToRemove(html: string, openings: RegExp, spanAt: SpanAt): number[] {
  const search = new ClosingSearch(html);
  const removed: number[] = [];
  openings.lastIndex = 0;
  for (let match = openings.exec(html); match !== null; match = openings.exec(html)) {
    const span = spanAt(search, (match[1] as string).toLowerCase(), match.index + match[0].length);
    if (span === null) continue;
    if (!span.keep) removed.push(match.index, span.end);
    openings.lastIndex = span.end;
  }
  return removed;
}

/** `html` without the spans (start and end pairs, in order). */
function withoutSpans(html: string, spans: readonly number[]): string {
  if (spans.length === 0) return html;
  const parts: string[] = [];
  let copiedTo = 0;
  for (let i = 0; i < spans.length; i += 2) {
    parts.push(html.slice(copiedTo, spans[i]));
    copiedTo = spans[i + 1] as number;
  }
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
    const end = this.search(literal, () => literalAt(literal)).next(from);
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
    const end = this.search(`</${tag}>`, () => endTagAt(tag)).next(tagEnd.end);
    return end === null ? null : { end, keep: keep(this.html.slice(afterName, tagEnd.end - 1)) };
  }

  private search(key: string, find: () => Find): ForwardSearch {
    let search = this.searches.get(key);
    if (search === undefined) {
      search = new ForwardSearch(this.html, find());
      this.searches.set(key, search);
    }
    return search;
  }
}

/**
 * Where the first match of something at or after `from` starts in `text`, and
 * where it ends (`found.end`); -1 when there is none. Found with `indexOf`
 * rather than a regular expression: one built per page is compiled again
 * after every full garbage collection, and it runs interpreted at first.
 */
type Find = (text: string, from: number, found: { end: number }) => number;

/** `new RegExp(escapeRegExp(literal), 'g')` as a Find (exported for its test, as the next). */
export function literalAt(literal: string): Find {
  return (text, from, found) => {
    const at = text.indexOf(literal, from);
    found.end = at + literal.length;
    return at;
  };
}

/** `/<\/tag\s*>/gi` as a Find, for a tag of ASCII letters (the `i` flag without `u` folds ASCII letters only). */
export function endTagAt(tag: string): Find {
  const name = tag.toLowerCase();
  return (text, from, found) => {
    for (let at = text.indexOf('</', from); at >= 0; at = text.indexOf('</', at + 1)) {
      let next = at + 2;
      if (!namedAt(text, next, name)) continue;
      next += name.length;
      while (next < text.length && WHITESPACE.test(text[next] as string)) next += 1;
      if (text.charCodeAt(next) !== GREATER_THAN) continue;
      found.end = next + 1;
      return at;
    }
    return -1;
  };
}

const WHITESPACE = /\s/;
const GREATER_THAN = 0x3e;

/** Whether `text` holds the lower-case ASCII letters `name` at `at`, in any case. */
function namedAt(text: string, at: number, name: string): boolean {
  if (at + name.length > text.length) return false;
  for (let i = 0; i < name.length; i++) {
    // Setting bit 0x20 lower-cases an ASCII capital and leaves a lower-case letter; no other character gives a letter.
    if ((text.charCodeAt(at + i) | 0x20) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** The first match at or after a position, remembering its last answer. */
class ForwardSearch {
  private searchedFrom = Number.POSITIVE_INFINITY;
  private foundAt = -1;
  private readonly found = { end: -1 };

  constructor(
    private readonly text: string,
    private readonly find: Find,
  ) {}

  /** Where the first match at or after `from` ends, or null when there is none. */
  next(from: number): number | null {
    const remembered = from >= this.searchedFrom && (this.foundAt === -1 || from <= this.foundAt);
    if (!remembered) {
      this.searchedFrom = from;
      this.foundAt = this.find(this.text, from, this.found);
    }
    return this.foundAt === -1 ? null : this.found.end;
  }
}
