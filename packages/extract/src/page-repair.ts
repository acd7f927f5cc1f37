/**
 * Repairs a parsed page into the tree a browser would show, where the markup
 * says one thing and the page's scripts (which this package never runs) or a
 * browser's tree builder do another.
 */

/** A fallback shown while a streamed segment loads ("Loading...", an empty skeleton) is at most this much text. */
const MAX_FALLBACK_CHARS = 40;

/**
 * Repairs `document` in place: streamed segments moved into place, nested
 * documents unwrapped. `mayHaveTemplates` false: the parser opened no
 * <template> (dom.ts), so none is looked for. `roots`: every <html>, <head>
 * and <body> the parser opened, when known (dom.ts): the walk for nested
 * ones is spared when none of them is.
 */
export function repairPage(document: Document, mayHaveTemplates = true, roots: readonly Element[] | null = null): void {
  const body = document.body;
  if (!body) return;
  // Templates are rare (dom.ts keeps only the streamed segments' placeholders): most pages have no segment to place,
  // and find their nested documents with one query.
  const hasTemplates = mayHaveTemplates && body.getElementsByTagName('template').length > 0;
  if (hasTemplates) moveStreamedSegments(document, body);
  if (roots === null || roots.some((root) => isNested(document, body, root))) unwrapNestedDocuments(document, body, hasTemplates);
}

/**
 * React's streaming renderer (Next.js and others) sends a page's slow parts
 * last: the place in the page holds a `<template id="B:n">` followed by a
 * fallback ("Loading paragraph..."), or a bare `<template id="P:n">`, and
 * the content arrives at the end of the body in `<div hidden id="S:n">`,
 * which a script then moves into place. Without the script the article is
 * hidden, and Readability skips hidden elements: each segment is moved where
 * its template is, replacing a short fallback. A segment without its
 * template stays as it is.
 */
function moveStreamedSegments(document: Document, body: Element): void {
  const segments = [...body.getElementsByTagName('div')].filter((div) => div.hasAttribute('hidden') && div.id.startsWith('S:'));
  // A segment may hold the placeholder of another that comes before it in the page: a second pass places that one.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const segment of segments) {
      if (segment.parentNode && moveSegment(document, segment)) segment.remove();
    }
  }
}

function moveSegment(document: Document, segment: Element): boolean {
  const key = segment.id.slice(2);
  const boundary = placeholder(document, `B:${key}`);
  const target = boundary ?? placeholder(document, `P:${key}`);
  if (!target || segment.contains(target)) return false;
  const fallback = boundary?.nextElementSibling;
  if (fallback && (fallback.textContent ?? '').trim().length <= MAX_FALLBACK_CHARS && fallback.getElementsByTagName('template').length === 0) {
    fallback.remove();
  }
  target.replaceWith(...segment.childNodes);
  return true;
}

function placeholder(document: Document, id: string): Element | null {
  const element = document.getElementById(id);
  return element && element.localName.toLowerCase() === 'template' ? element : null;
}

/**
 * A page that pastes a whole document into its article (`<html><body><p>...`,
 * as some CMS editors save it) keeps nested <html> and <body> elements in
 * linkedom, where a browser ignores the extra tags; Readability then skips
 * the text inside. The nested ones are unwrapped as a browser ignores their
 * tags. A nested <head> keeps its <meta> and <link> elements (a page whose
 * first <meta> comes before its <head> has all of its head here, and the
 * metadata readers look for them anywhere), and loses its <title>, which a
 * browser never shows.
 */
function unwrapNestedDocuments(document: Document, body: Element, hasTemplates: boolean): void {
  for (const nested of nestedDocumentElements(body, hasTemplates)) {
    if (!isNested(document, body, nested)) continue;
    if (nested.localName.toLowerCase() === 'head') {
      for (const title of [...nested.getElementsByTagName('title')]) title.remove();
    }
    nested.replaceWith(...nested.childNodes);
  }
}

/** Whether an <html>, <head> or <body> is one pasted into the page's own body. */
function isNested(document: Document, body: Element, element: Element): boolean {
  return element !== document.documentElement && element !== body && body.contains(element);
}

const NESTED_DOCUMENT_TAGS = ['html', 'body', 'head'];

/**
 * The <html>, <body> and <head> elements inside `body`: every <html> in
 * document order, then every <body>, then every <head>. One walk of the page
 * (a tag-name selector) rather than one per tag; a selector does not look
 * inside a <template> where getElementsByTagName does, so a page with one
 * takes the three walks.
 */
function nestedDocumentElements(body: Element, hasTemplates: boolean): Element[] {
  if (hasTemplates) return NESTED_DOCUMENT_TAGS.flatMap((tag) => [...body.getElementsByTagName(tag)]);
  const found = [...body.querySelectorAll('html, body, head')];
  if (found.length === 0) return found;
  return NESTED_DOCUMENT_TAGS.flatMap((tag) => found.filter((element) => element.localName === tag));
}
