import { tagOf } from '../content/dom-measure.js';
import { cleanText } from '../strings.js';
import { countWords } from '../text.js';
import { headingText } from './heading-text.js';
import { dateTextIn, readHeadlineArea } from './headline-area.js';
import { walkTexts } from './text-walk.js';

/** Metadata a page states in its markup rather than in <meta>: titles, links, language, <time>. */
export interface MarkupHints {
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
  /** The dates of `datelines` printed on a short line of their own and not labelled as updates. */
  plainDatelines: string[];
  /** Bylines printed around the headline ("By Jane Doe"). */
  bylines: string[];
  /** The text of the first link to an author's page (rel=author, /author/jane-doe), with its co-authors' links beside it. */
  authorLinks: string[];
}

/**
 * The markup hints and the last resorts read from the page's whole text,
 * each only for a page that states the field nowhere else
 * (`readPageMetadata` in metadata/index.ts decides; empty otherwise).
 */
export interface DocumentHints extends MarkupHints {
  /** Dates labelled "Published on", "Updated"... anywhere in the page, publications first: headline-area.ts. */
  labelledDates: string[];
  /** The writer an author box after the article names ("About the author", photo, name, bio): author-bio.ts. */
  authorBio: string[];
  /**
   * A line crediting the writer anywhere in the page ("Written by Jane Doe",
   * "Posted by Jane Doe at 11:15 AM"): author-bio.ts, after the author box.
   */
  labelledBylines: string[];
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
  '[role="main" i]',
  'article',
];

/**
 * What the hints read, as two selectors: elements by name (a list of names
 * is one set lookup per element) and elements by attribute (the
 * ARTICLE_CONTAINERS that test one). `hintElements` sorts each list out
 * again. metadata/index.ts asks them in the same queries as the other
 * readers' elements, so the page is walked twice for all of them.
 */
export const HINT_TAGS = 'title, h1, time, link, a, main, article';
export const HINT_ATTRIBUTES = '[itemtype], [itemprop], [role]';

/** The elements the hints read, each list in document order. */
interface HintElements {
  /** The first <title>. */
  title: Element | null;
  h1s: Element[];
  times: Element[];
  /** <link rel href>. */
  links: Element[];
  /** <a href>. */
  anchors: Element[];
  /** What the ARTICLE_CONTAINERS that name a tag match. */
  namedContainers: Element[];
  /** What the ARTICLE_CONTAINERS that test an attribute match. */
  markedContainers: Element[];
}

const CONTAINER_SELECTOR = ARTICLE_CONTAINERS.join(', ');

/**
 * Sorts what HINT_TAGS and HINT_ATTRIBUTES found (and whatever else the
 * caller's queries found: each list keeps only its own) into the lists the
 * hints read. A name is tested lower-cased and an attribute by its
 * presence, as the selectors test them in an HTML document.
 */
function hintElements(named: Iterable<Element>, marked: Iterable<Element>): HintElements {
  const sorted: HintElements = { title: null, h1s: [], times: [], links: [], anchors: [], namedContainers: [], markedContainers: [] };
  for (const element of named) {
    const name = element.localName.toLowerCase();
    if (name === 'title') sorted.title ??= element;
    else if (name === 'time') sorted.times.push(element);
    else if (name === 'link') {
      if (element.hasAttribute('rel') && element.hasAttribute('href')) sorted.links.push(element);
    } else if (name === 'a') {
      if (element.hasAttribute('href')) sorted.anchors.push(element);
    } else if (name === 'h1' || name === 'main' || name === 'article') {
      if (name === 'h1') sorted.h1s.push(element);
      if (element.matches(CONTAINER_SELECTOR)) sorted.namedContainers.push(element);
    }
  }
  for (const element of marked) {
    if ((element.hasAttribute('itemtype') || element.hasAttribute('itemprop') || element.hasAttribute('role')) && element.matches(CONTAINER_SELECTOR)) {
      sorted.markedContainers.push(element);
    }
  }
  return sorted;
}

/** `elements` inside `container` (not the container itself), in the order given. */
function inside(container: Element, elements: readonly Element[]): Element[] {
  return elements.filter((element) => element !== container && container.contains(element));
}

/**
 * Reads the markup-level hints. Must run before Readability, which rewrites
 * the document. `named` and `marked`: what HINT_TAGS and HINT_ATTRIBUTES
 * match in the page, each in document order, when the caller has already
 * walked the page for them (other elements among them are passed over).
 */
export function readDocumentHints(
  document: Document,
  named: Iterable<Element> = document.querySelectorAll(HINT_TAGS),
  marked: Iterable<Element> = document.querySelectorAll(HINT_ATTRIBUTES),
): MarkupHints {
  const { title, h1s, times, links, anchors, namedContainers, markedContainers } = hintElements(named, marked);
  const container = findArticleContainer(namedContainers, markedContainers);
  const h1 = (container ? inside(container, h1s)[0] : undefined) ?? h1s[0] ?? null;
  const otherH1s = h1s.filter((other) => other !== h1).slice(0, MAX_OTHER_H1S);
  // Each <h1> read once, as a reader sees it (heading-text.ts): the recorded headline, its rivals and its copies.
  const h1Texts = new Map(h1s.map((heading) => [heading, headingText(heading)]));
  const titleText = cleanText(title?.textContent);
  return {
    titleTag: titleText,
    h1: h1 ? (h1Texts.get(h1) ?? null) : null,
    otherH1s: otherH1s.flatMap((other) => h1Texts.get(other) ?? []),
    canonical: linkHref(links, 'canonical'),
    imageSrc: linkHref(links, 'image_src'),
    htmlLang: cleanText(document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang')),
    ...readTimes(times, container),
    authorLinks: readAuthorLinks(container ? inside(container, anchors) : anchors),
    ...readHeadlineArea(document.body, headlineAnchor(document, h1, h1Texts, titleText)),
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
function headlineAnchor(document: Document, h1: Element | null, h1Texts: ReadonlyMap<Element, string | null>, titleText: string | null): Element | null {
  const h1s = [...h1Texts.keys()];
  // Read as the recorded headline is: an <h1> holding only a button or hidden text anchors nothing.
  const textOf = (heading: Element): string | null => h1Texts.get(heading) ?? null;
  const headline = h1 && textOf(h1) ? h1 : h1s.find((other) => textOf(other));
  if (headline) {
    const text = textOf(headline);
    const copies = h1s.filter((other) => textOf(other) === text).slice(0, MAX_HEADLINE_COPIES);
    if (copies.length <= 1) return headline;
    return copies.find((copy) => hasHeadlineArea(document, copy)) ?? headline;
  }
  const title = titleText?.toLowerCase();
  if (!title) return null;
  const headings = [...document.querySelectorAll('h2, h3, h4')].slice(0, MAX_HEADINGS_SEEN);
  return (
    headings.find((heading) => {
      const text = cleanText(heading.textContent)?.toLowerCase();
      return text !== null && text !== undefined && countWords(text) >= 2 && title.startsWith(text);
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
 * begins the <title> and is most of it (three words or more, each Chinese or
 * Japanese character one as countWords counts them), outside links.
 * Null when none is met among the first text nodes.
 */
function printedTitle(body: Element, title: string): Element | null {
  let found: Element | null = null;
  walkTexts(
    body,
    (node, parent) => {
      const text = cleanText(node.nodeValue)?.toLowerCase();
      if (text && text.length >= title.length * MIN_TITLE_SHARE && countWords(text) >= MIN_TITLE_WORDS && title.startsWith(text)) found = parent;
      return found !== null;
    },
    { limit: MAX_TEXTS_SEEN, enters: (element) => !UNPRINTED_TITLE.has(tagOf(element)) },
  );
  return found;
}

/** Not the page's own printed title: its <head>, and links (a title that links elsewhere is another page's: a story on a link aggregator, a teaser). */
const UNPRINTED_TITLE = new Set(['head', 'title', 'a']);

function hasHeadlineArea(document: Document, headline: Element): boolean {
  const area = readHeadlineArea(document.body, headline);
  return area.datelines.length > 0 || area.bylines.length > 0;
}

/**
 * The first container by priority, the first in document order for its
 * selector. Each selector finds its matches among one list: what it names
 * by tag among `named`, what it tests by attribute (those that begin "[")
 * among `marked`, each list in document order.
 */
function findArticleContainer(named: readonly Element[], marked: readonly Element[]): Element | null {
  for (const selector of ARTICLE_CONTAINERS) {
    const found = (selector.startsWith('[') ? marked : named).find((candidate) => candidate.matches(selector));
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
function readAuthorLinks(anchors: readonly Element[]): string[] {
  const links = anchors.filter(isAuthorLink);
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

function readTimes(times: readonly Element[], container: Element | null): Pick<MarkupHints, 'publishedTimes' | 'modifiedTimes'> {
  const published: string[] = [];
  const modified: string[] = [];
  // Explicitly marked ones count wherever they are (itemprop ones are microdata: microdata.ts).
  for (const time of times) {
    if (time.hasAttribute('pubdate')) pushDatetime(time, published, modified);
    else if (/modified|updated/i.test(time.getAttribute('class') ?? '')) pushDatetime(time, modified, modified);
  }
  if (container) {
    for (const time of inside(container, times)) {
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
