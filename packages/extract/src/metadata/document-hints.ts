import { cleanText } from '../strings.js';
import { headingText } from './heading-text.js';
import { dateTextIn, readHeadlineArea } from './headline-area.js';

/** Metadata a page states in its markup rather than in <meta>: titles, links, language, <time>. */
export interface DocumentHints {
  /** The <title> text, suffix and all. */
  titleTag: string | null;
  /** The first <h1> inside the article container, else the first <h1> of the page, as read by `headingText`. */
  h1: string | null;
  /** The texts of the page's other <h1>s, in document order (a few at most): a banner may hold the first one. */
  otherH1s: string[];
  canonical: string | null;
  /** <link rel=image_src>, an old way to name a page's picture. */
  imageSrc: string | null;
  htmlLang: string | null;
  /** datetime values of <time> elements in the article, publication candidates first. */
  publishedTimes: string[];
  modifiedTimes: string[];
  /** Dates printed around the headline ("Updated July 9, 2025"), nearest after it first: headline-area.ts. */
  datelines: string[];
  /**
   * Dates labelled "Published on", "Updated"... anywhere in the page,
   * publications first: a last resort, read only for a page that declares
   * and prints no publication date (metadata/index.ts).
   */
  labelledDates: string[];
  /** Bylines printed around the headline ("By Jane Doe"). */
  bylines: string[];
  /** The text of the first link to an author's page (rel=author, /author/jane-doe), with its co-authors' links beside it. */
  authorLinks: string[];
  /**
   * The writer an author box after the article names ("About the author",
   * photo, name, bio): author-bio.ts. Read only for a page that declares no
   * author in its metadata and links to no author's page (metadata/index.ts).
   */
  authorBio: string[];
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
  // The page's <h1>s, found once: the headline, its rivals and its copies are all read from them.
  const h1s = [...document.querySelectorAll('h1')];
  const h1 = container?.querySelector('h1') ?? h1s[0] ?? null;
  const links = [...document.querySelectorAll('link[rel][href]')];
  const otherH1s = h1s.filter((other) => other !== h1).slice(0, MAX_OTHER_H1S);
  return {
    titleTag: cleanText(document.querySelector('title')?.textContent),
    h1: h1 ? headingText(h1) : null,
    otherH1s: otherH1s.flatMap((other) => headingText(other) ?? []),
    canonical: linkHref(links, 'canonical'),
    imageSrc: linkHref(links, 'image_src'),
    htmlLang: cleanText(document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang')),
    ...readTimes(document, container),
    authorLinks: readAuthorLinks(document, container),
    authorBio: [],
    ...readHeadlineArea(document.body, headlineAnchor(document, h1, h1s)),
    labelledDates: [],
  };
}

/** Other <h1>s read as headline candidates. */
const MAX_OTHER_H1S = 4;
/** Copies of the headline tried for the printed date and byline. */
const MAX_HEADLINE_COPIES = 3;
/** Headings compared with the <title> on a page without an <h1>. */
const MAX_HEADINGS_SEEN = 40;

/**
 * The element the headline area is read around. Pages that print the
 * headline two or three times (a mobile and a desktop layout) often date and
 * sign only one copy: the first in document order that has a date or a
 * byline by it. An <h1> without text (a logo) is no headline: the first
 * <h1> with text stands for it. Without one, the first <h2>-<h4> or
 * title-named box whose text begins the <title> stands for it.
 */
function headlineAnchor(document: Document, h1: Element | null, h1s: readonly Element[]): Element | null {
  const headline = h1 && cleanText(h1.textContent) ? h1 : h1s.find((other) => cleanText(other.textContent));
  if (headline) {
    const text = cleanText(headline.textContent);
    const copies = h1s.filter((other) => cleanText(other.textContent) === text).slice(0, MAX_HEADLINE_COPIES);
    if (copies.length <= 1) return headline;
    return copies.find((copy) => hasHeadlineArea(document, copy)) ?? headline;
  }
  const title = cleanText(document.querySelector('title')?.textContent)?.toLowerCase();
  if (!title) return null;
  const headings = [...document.querySelectorAll('h2, h3, h4')].slice(0, MAX_HEADINGS_SEEN);
  return (
    headings.find((heading) => {
      const text = cleanText(heading.textContent)?.toLowerCase();
      return text !== null && text !== undefined && text.split(' ').length >= 2 && title.startsWith(text);
    }) ?? (document.body ? printedTitle(document.body, title) : null)
  );
}

/** Text nodes read in search of the printed title on a page without headings. */
const MAX_TEXTS_SEEN = 2_000;
/** The printed title holds at least this many words and this share of the <title>. */
const MIN_TITLE_WORDS = 3;
const MIN_TITLE_SHARE = 0.5;

/**
 * The element whose own text is the headline on a page whose template
 * styles a <p> or a <div> as its title (site builders): the first text that
 * begins the <title> and is most of it (three words or more), outside links.
 * Null when none is met among the first text nodes.
 */
function printedTitle(body: Element, title: string): Element | null {
  let seen = 0;
  const walk = (element: Element): Element | null => {
    for (let node = element.firstChild; node && seen < MAX_TEXTS_SEEN; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const text = cleanText(node.nodeValue)?.toLowerCase();
        if (!text) continue;
        seen += 1;
        if (text.length >= title.length * MIN_TITLE_SHARE && text.split(' ').length >= MIN_TITLE_WORDS && title.startsWith(text)) return element;
      } else if (node.nodeType === 1 && !UNPRINTED.has((node as Element).localName.toLowerCase())) {
        const found = walk(node as Element);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(body);
}

/** Not the page's own printed title: text that is not shown, and links (a title that links elsewhere is another page's: a story on a link aggregator, a teaser). */
const UNPRINTED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title', 'a']);

function hasHeadlineArea(document: Document, headline: Element): boolean {
  const area = readHeadlineArea(document.body, headline);
  return area.datelines.length > 0 || area.bylines.length > 0;
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

/** Path words of an author's own page: /author/jane-doe, /authors/jane-doe/, /contributors/jane-doe. */
const AUTHOR_PAGE = /\/(?:author|authors|contributor|contributors|writer|writers)\/[^/?#]+/i;
/** Longer link text is a sentence ("More posts by Jane Doe"), not a name. */
const MAX_AUTHOR_LINK_CHARS = 60;

/**
 * Links to an author's page: templates that print no "By" often link the
 * writer's name to their page. The first such link in the article container
 * (else in the page) and the author links beside it, under the same parent.
 */
function readAuthorLinks(document: Document, container: Element | null): string[] {
  const links = [...(container ?? document).querySelectorAll('a[href]')].filter(isAuthorLink);
  const first = links[0];
  if (!first) return [];
  const names = links.filter((link) => link.parentElement === first.parentElement).flatMap((link) => cleanText(link.textContent) ?? []);
  return [...new Set(names)].filter((name) => name.length <= MAX_AUTHOR_LINK_CHARS);
}

function isAuthorLink(link: Element): boolean {
  if ((link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('author')) return true;
  const href = link.getAttribute('href') ?? '';
  return AUTHOR_PAGE.test(href.replace(/^[a-z]+:\/\/[^/]+/i, '')) && (link.textContent ?? '').trim() !== '';
}

/** The href of the first <link> whose rel list holds `rel` (any case). */
function linkHref(links: readonly Element[], rel: string): string | null {
  const link = links.find((candidate) => (candidate.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes(rel));
  return cleanText(link?.getAttribute('href'));
}

function readTimes(document: Document, container: Element | null): Pick<DocumentHints, 'publishedTimes' | 'modifiedTimes'> {
  const published: string[] = [];
  const modified: string[] = [];
  // Explicitly marked ones count wherever they are (itemprop ones are microdata: microdata.ts).
  for (const time of document.querySelectorAll('time')) {
    if (time.hasAttribute('pubdate')) pushDatetime(time, published, modified);
    else if (/modified|updated/i.test(time.getAttribute('class') ?? '')) pushDatetime(time, modified, modified);
  }
  if (container) {
    for (const time of container.querySelectorAll('time')) {
      if (time.hasAttribute('itemprop') || /modified|updated/i.test(time.getAttribute('class') ?? '')) continue;
      pushDatetime(time, published, modified);
    }
  }
  return { publishedTimes: published, modifiedTimes: modified };
}

/**
 * A <time>'s machine-readable value, else its text ("Mar 24, 2025"): dates.ts
 * refuses what is not a date. A text that holds more than the date gives the
 * date it writes out ("Published: Jun 25, 2025"), an update when its label
 * says so ("Updated on June 18, 2025 at 12:35 PM").
 */
function pushDatetime(time: Element, into: string[], updates: string[]): void {
  const attribute = cleanText(time.getAttribute('datetime') ?? time.getAttribute('content'));
  if (attribute) {
    into.push(attribute);
    return;
  }
  const text = cleanText(time.textContent);
  if (!text) return;
  const written = dateTextIn(text);
  if (!written) into.push(text);
  else (written.update ? updates : into).push(written.date);
}
