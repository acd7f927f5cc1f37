import { cleanText } from '../strings.js';

/** Metadata a page states in its markup rather than in <meta>: titles, links, language, <time>. */
export interface DocumentHints {
  /** The <title> text, suffix and all. */
  titleTag: string | null;
  /** The first <h1> inside the article container, else the first <h1> of the page. */
  h1: string | null;
  canonical: string | null;
  /** <link rel=image_src>, an old way to name a page's picture. */
  imageSrc: string | null;
  htmlLang: string | null;
  /** datetime values of <time> elements in the article, publication candidates first. */
  publishedTimes: string[];
  modifiedTimes: string[];
  /** A date printed by the headline when the page has no machine-readable one ("July 9, 2025"); the last resort for the publication date. */
  datelines: string[];
}

/**
 * Where the article sits when a page marks it up, most explicit first. A
 * <time> outside it is more likely today's date in the header or a comment's
 * timestamp. A bare <article> comes last because teaser lists use it too.
 */
const ARTICLE_CONTAINERS = [
  '[itemtype*="Article"]',
  '[itemprop="articleBody"]',
  'article h1',
  'main',
  '[role="main"]',
  'article',
];

/** Reads the markup-level hints. Must run before Readability, which rewrites the document. */
export function readDocumentHints(document: Document): DocumentHints {
  const container = findArticleContainer(document);
  const h1 = container?.querySelector('h1') ?? document.querySelector('h1');
  // Without an article container, the headline's neighbourhood is where its dateline sits.
  const dateArea = container ?? headlineArea(h1);
  const links = [...document.querySelectorAll('link[rel][href]')];
  return {
    titleTag: cleanText(document.querySelector('title')?.textContent),
    h1: cleanText(h1?.textContent),
    canonical: linkHref(links, 'canonical'),
    imageSrc: linkHref(links, 'image_src'),
    htmlLang: cleanText(document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang')),
    ...readTimes(document, dateArea, headlineArea(h1)),
  };
}

function findArticleContainer(document: Document): Element | null {
  // One walk for all the candidates (css-select walks the whole tree per query), then the first by priority.
  const candidates = [...document.querySelectorAll(ARTICLE_CONTAINERS.join(', '))];
  for (const selector of ARTICLE_CONTAINERS) {
    const found = candidates.find((candidate) => candidate.matches(selector));
    // "article h1" stands for an <article> holding the headline (:has() is not in every DOM engine).
    if (found) return found.localName.toLowerCase() === 'h1' ? found.closest('article') : found;
  }
  return null;
}

/** The href of the first <link> whose rel list holds `rel` (any case). */
function linkHref(links: readonly Element[], rel: string): string | null {
  const link = links.find((candidate) => (candidate.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes(rel));
  return cleanText(link?.getAttribute('href'));
}

/** A date written out in full, in the forms dates.ts reads without ambiguity: "July 9, 2025", "9 July 2025", "2025-07-09". */
const DATELINE =
  /\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,? (?:19|20)\d{2}|(?:19|20)\d{2}-[01]\d-[0-3]\d)\b/;
const MAX_DATELINE_AREA_CHARS = 3_000;

/** How far up from the <h1> the headline block may reach: header > row > column > h1. */
const HEADLINE_AREA_DEPTH = 3;

function headlineArea(h1: Element | null | undefined): Element | null {
  let area = h1 ?? null;
  for (let level = 0; area && level < HEADLINE_AREA_DEPTH; level += 1) {
    const parent: Element | null = area.parentElement;
    if (!parent || parent.localName === 'body') break;
    area = parent;
  }
  return area;
}

function readTimes(document: Document, container: Element | null, headline: Element | null): Pick<DocumentHints, 'publishedTimes' | 'modifiedTimes' | 'datelines'> {
  const published: string[] = [];
  const modified: string[] = [];
  // Explicitly marked ones count wherever they are (itemprop ones are microdata: microdata.ts).
  for (const time of document.querySelectorAll('time')) {
    if (time.hasAttribute('pubdate')) pushDatetime(time, published);
    else if (/modified|updated/i.test(time.getAttribute('class') ?? '')) pushDatetime(time, modified);
  }
  if (container) {
    for (const time of container.querySelectorAll('time[datetime]')) {
      if (time.hasAttribute('itemprop') || /modified|updated/i.test(time.getAttribute('class') ?? '')) continue;
      pushDatetime(time, published);
    }
  }
  // No machine-readable date: the dateline printed by the headline ("Published July 9, 2025").
  const datelines: string[] = [];
  if (published.length === 0 && headline) {
    const dateline = DATELINE.exec((headline.textContent ?? '').slice(0, MAX_DATELINE_AREA_CHARS))?.[0];
    if (dateline) datelines.push(dateline.replace(/(\d)(?:st|nd|rd|th)\b/, '$1'));
  }
  return { publishedTimes: published, modifiedTimes: modified, datelines };
}

function pushDatetime(time: Element, into: string[]): void {
  const value = cleanText(time.getAttribute('datetime') ?? time.getAttribute('content'));
  if (value) into.push(value);
}
