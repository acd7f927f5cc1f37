/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Every DOM this package builds comes from here, so the engine can be swapped
 * or benchmarked in one place. linkedom is the default: on the 181 pages of
 * the article-extraction benchmark it is about 9x faster than jsdom and
 * Readability returns the same text on 179 of them (the other two differ
 * only inside an <iframe> and on a page jsdom cannot parse at all).
 */
import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';
import { repairPage } from './page-repair.js';
import { capClassAttributes, slimPage } from './slim-page.js';
import { hiddenByStylesheets, type StyleHidden } from './style-hidden.js';

export type DomEngine = 'linkedom' | 'jsdom';

export interface ParsedPage {
  document: Document;
  engine: DomEngine;
  /** True when the page was too large and only its first MAX_HTML_CHARS (slim-page.ts) of markup were read. */
  truncated: boolean;
  /** Absolute base for relative links: the page's own <base href>, resolved, or the page URL. */
  baseUrl: string;
  /** False when the parser opened no <dialog>, so that none is in the page (see ParsedElements). */
  mayHoldDialogs: boolean;
  /** The classes and ids the page's own <style> elements hide (style-hidden.ts). */
  styleHidden: StyleHidden;
}

/** What either engine's parse gives. */
type ParsedDocument = Pick<ParsedPage, 'document' | 'engine' | 'baseUrl'> & { opened: ParsedElements };

/**
 * The elements of a few tags that pages seldom write (<base>, <noscript>,
 * <template>, <dialog>) or write once (<html>, <head>, <body>), each of
 * which would otherwise be looked for with a walk of the whole tree.
 * linkedom's patch records every element of these tags its parser opens
 * (`parsedElements`, by tag, in the order opened): a tag it did not open is
 * in no element of the page, however the page was changed since, but for
 * elements made by DOM calls. Null for jsdom: every walk is made.
 */
type ParsedElements = ReadonlyMap<string, readonly Element[]> | null;

/** The parser's elements of `tag` (see ParsedElements), or null when unknown. */
function openedOf(opened: ParsedElements, tag: string): readonly Element[] | null {
  return opened === null ? null : (opened.get(tag) ?? []);
}

/**
 * Readability's work grows much faster than linearly with nesting depth: a
 * page of 1,000 nested (or unclosed) <div>s takes seconds, 5,000 take
 * minutes, on linkedom and jsdom alike, and so do a few of the body cleaning
 * steps. Real articles stay far below 100, so layout wrappers deeper than
 * MAX_DEPTH are unwrapped, and every element deeper than MAX_ANY_DEPTH (a
 * list nested 8,000 times is garbage, not structure).
 */
const MAX_DEPTH = 120;
const MAX_ANY_DEPTH = 200;
/** Wrappers that carry no meaning of their own and can be unwrapped without changing the text. */
const UNWRAPPABLE = new Set([
  ...['div', 'span', 'font', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'center'],
  ...['b', 'i', 'u', 'em', 'strong', 'small', 'big', 'ins', 'label'],
]);

/** Elements that belong in <head> even when a sloppy page puts them elsewhere. */
const HEAD_ELEMENTS = new Set(['title', 'meta', 'link', 'base', 'style', 'script']);

/**
 * Parses a whole page. `url` must be absolute; it becomes the base for
 * relative links unless the page declares its own <base href>. Oversized
 * pages are slimmed first (see MAX_HTML_CHARS).
 */
export function parsePage(html: string, url: string, engine: DomEngine = 'linkedom'): ParsedPage {
  const { markup, truncated, stylesheets } = slimPage(html);
  const { opened, ...parsed } = engine === 'linkedom' ? parseWithLinkedom(markup, url) : parseWithJsdom(markup, url);
  revealNoscriptContent(parsed.document, openedOf(opened, 'noscript'));
  const roots = opened === null ? null : ['html', 'head', 'body'].flatMap((tag) => opened.get(tag) ?? []);
  repairPage(parsed.document, openedOf(opened, 'template')?.length !== 0, roots);
  return { ...parsed, truncated, mayHoldDialogs: openedOf(opened, 'dialog')?.length !== 0, styleHidden: hiddenByStylesheets(stylesheets) };
}

/** Text a <noscript> must hold to be the page's own content rather than a notice or a fallback picture. */
const NOSCRIPT_CONTENT_CHARS = 1_000;

/**
 * Some pages render their content with script and put the same content,
 * for crawlers, inside <noscript> (forum software does this with whole
 * threads). Readability removes every <noscript>, so such a page would
 * look empty: a <noscript> holding a page's worth of text becomes a <div>.
 * Short ones ("Please enable JavaScript", a lazy-loaded picture) stay.
 */
function revealNoscriptContent(document: Document, opened: readonly Element[] | null): void {
  const body = document.body;
  if (!body || opened?.length === 0) return;
  // The parser's, when known: the body's are those it holds (in the order opened, which is the order of the page:
  // nothing moved since but strays, to the body's start or end as their place in the markup says). Else by tag
  // rather than by selector: a selector is tested on every element, a tag name compared.
  const noscripts = opened === null ? [...body.getElementsByTagName('noscript')] : opened.filter((noscript) => body.contains(noscript));
  for (const noscript of noscripts) {
    if ((noscript.textContent ?? '').trim().length < NOSCRIPT_CONTENT_CHARS) continue;
    const div = document.createElement('div');
    while (noscript.firstChild) div.appendChild(noscript.firstChild);
    noscript.replaceWith(div);
  }
}

/**
 * Parses an HTML fragment (feed content, sanitised article HTML) into the
 * <body> of an otherwise empty document.
 */
export function parseFragment(html: string): HTMLElement {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${capClassAttributes(html)}</body></html>`);
  if (mayNestTooDeep(document)) flattenDeepNesting(document.body);
  return document.body;
}

const LEADING_DOCTYPE = /^\s*<!doctype\b[^<>]*>/i;

function parseWithLinkedom(html: string, url: string): ParsedDocument {
  let { document } = parseHTML(html) as unknown as { document: Document };
  // Markup without an <html> tag (optional in HTML: "<!DOCTYPE html><head>...", a fragment, nothing) leaves
  // linkedom no <html> root, which Readability requires. Inside an <html> of its own the page keeps its <head>
  // (a <body> around it would bury the <title> and the <meta>s in the text), and moveStrayNodesIntoBody puts
  // loose head elements and content where a browser would.
  if (document.documentElement?.localName.toLowerCase() !== 'html') {
    ({ document } = parseHTML(`<!DOCTYPE html><html>${html.replace(LEADING_DOCTYPE, '')}</html>`) as unknown as { document: Document });
  }
  moveStrayNodesIntoBody(document);
  if (mayNestTooDeep(document)) flattenDeepNesting(document.body);
  const opened = (document as Document & { parsedElements?: ParsedElements }).parsedElements ?? null;
  const baseUrl = pinBase(document, url, openedOf(opened, 'base')?.length !== 0);
  return { document, engine: 'linkedom', baseUrl, opened };
}

/** jsdom is loaded on first use: it is only the fallback, and importing it costs about a second. */
let jsdomModule: typeof import('jsdom') | null = null;
export function loadJsdom(): typeof import('jsdom') {
  jsdomModule ??= createRequire(import.meta.url)('jsdom') as typeof import('jsdom');
  return jsdomModule;
}

function parseWithJsdom(html: string, url: string): ParsedDocument {
  const { JSDOM, VirtualConsole } = loadJsdom();
  // A silent console: jsdom reports every CSS rule it cannot parse, which is noise here.
  const dom = new JSDOM(html, { url, contentType: 'text/html', virtualConsole: new VirtualConsole() });
  const { document } = dom.window;
  flattenDeepNesting(document.body);
  // jsdom honours <base href> natively, resolving it against `url`.
  return { document, engine: 'jsdom', baseUrl: document.baseURI, opened: null };
}

/**
 * linkedom is not a spec HTML tree builder: `<html><p>x</p></html>` keeps the
 * <p> beside an empty, implied <body>, where Readability never looks. Move such
 * strays where a browser would have put them.
 */
function moveStrayNodesIntoBody(document: Document): void {
  const root = document.documentElement;
  const { head, body } = document;
  // Inserting before the body's original first child keeps the strays in document order.
  const firstInBody = body.firstChild;
  let beforeBody = true;
  for (const node of [...root.childNodes]) {
    if (node === head) continue;
    if (node === body) {
      beforeBody = false;
      continue;
    }
    if (node.nodeType === 1 && HEAD_ELEMENTS.has((node as Element).localName.toLowerCase())) {
      head.appendChild(node);
    } else if (node.nodeType === 1 || (node.nodeType === 3 && node.textContent?.trim())) {
      if (beforeBody) body.insertBefore(node, firstInBody);
      else body.appendChild(node);
    }
  }
}

/**
 * Whether a document linkedom parsed may hold an element deeper than
 * MAX_DEPTH below its <body>, told without walking the tree: linkedom's
 * patch records the deepest element its parser opened (`parsedDepth`,
 * <html> at 1), and every element of the tree sits at its parser depth. Below
 * the <body> (at 2 or deeper) an element is at most that depth less one, a
 * stray moved into the <body> from the <html> as well. Almost no page comes
 * near: the walk is spared. True when the depth is not known.
 */
function mayNestTooDeep(document: Document): boolean {
  const depth = (document as Document & { parsedDepth?: unknown }).parsedDepth;
  return typeof depth !== 'number' || depth - 1 > MAX_DEPTH;
}

/** Unwraps elements nested deeper than MAX_DEPTH and MAX_ANY_DEPTH (see there), keeping their content. */
function flattenDeepNesting(root: Element): void {
  const deep: Element[] = [];
  // Iterative walk: a recursive one would overflow the stack on exactly these pages. Children are
  // followed by sibling links: a `children` list per element costs more than the walk itself. Two
  // stacks side by side rather than one of pairs: no pair to allocate per element.
  const elements: Element[] = [root];
  const depths: number[] = [0];
  for (let element = elements.pop(); element; element = elements.pop()) {
    const depth = depths.pop() ?? 0;
    const unwrap = depth > MAX_ANY_DEPTH || (depth > MAX_DEPTH && UNWRAPPABLE.has(element.localName.toLowerCase()));
    if (unwrap) deep.push(element);
    // Depth as it will be once the unwrapping is done: an unwrapped element adds no level.
    const childDepth = unwrap ? depth : depth + 1;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      elements.push(child);
      depths.push(childDepth);
    }
  }
  for (const element of deep) element.replaceWith(...element.childNodes);
}

/**
 * Makes `document.baseURI` absolute so Readability's own link fixing works:
 * inserts `<base href=url>` when the page has none, and resolves a relative
 * one against `url`. Returns the absolute base.
 */
function pinBase(document: Document, url: string, mayHaveBase: boolean): string {
  const existing = mayHaveBase ? [...document.getElementsByTagName('base')].find((base) => base.hasAttribute('href')) : undefined;
  if (existing) {
    const resolved = resolveOr(existing.getAttribute('href') ?? '', url);
    existing.setAttribute('href', resolved);
    return resolved;
  }
  const base = document.createElement('base');
  base.setAttribute('href', url);
  document.head.insertBefore(base, document.head.firstChild);
  return url;
}

function resolveOr(href: string, base: string): string {
  try {
    const resolved = new URL(href.trim(), base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : base;
  } catch {
    return base;
  }
}
