/**
 * Everything a page says about itself, read from each source separately.
 * The field modules (title.ts, authors.ts, dates.ts...) decide which source
 * wins; nothing here picks or validates.
 */
import { readAuthorBio, readLabelledBylines } from './author-bio.js';
import { readClassicMeta, type ClassicMeta } from './classic-meta.js';
import { HINT_ATTRIBUTES, HINT_TAGS, readDocumentHints, type DocumentHints } from './document-hints.js';
import { readLabelledDates } from './headline-area.js';
import { readJsonLd, type JsonLd } from './json-ld.js';
import { readMetaTags } from './meta-tags.js';
import { MICRODATA_SELECTOR, readMicrodata, type Microdata } from './microdata.js';
import { readOpenGraph, type OpenGraph } from './opengraph.js';

export type { ClassicMeta } from './classic-meta.js';
export type { DocumentHints } from './document-hints.js';
export type { JsonLd, JsonLdArticle, JsonLdAuthor } from './json-ld.js';
export type { Microdata } from './microdata.js';
export type { OpenGraph } from './opengraph.js';
export { looksLikeUrl } from './opengraph.js';

export interface PageMetadata {
  jsonLd: JsonLd;
  openGraph: OpenGraph;
  meta: ClassicMeta;
  microdata: Microdata;
  document: DocumentHints;
}

/** What the readers below read from the page, by name (a list of names is one set lookup per element)... */
const NAMED_SELECTOR = `meta, script, ${HINT_TAGS}`;
/**
 * ...and by attribute (each attribute tested once per element): two queries for all of them. `aria-modal`
 * is for analyse-page.ts, which removes modal dialogs (marked by it or by their role) without a walk of its own.
 */
const MARKED_SELECTOR = [...new Set(`${MICRODATA_SELECTOR}, ${HINT_ATTRIBUTES}, [aria-modal], [aria-controls]`.split(',').map((part) => part.trim()))].join(', ');

/**
 * The page's elements that the readers read, from two walks of the page instead of one (or more) per
 * reader: by tag name (the <meta> elements, the <script>s, the hints' headings, links and <time>s) and
 * by attribute (the microdata elements, the hints' marked containers, elements with a role or marked
 * modal, the controls that name what they open with aria-controls). Each list is in document order and holds what a query for its selector would return; each
 * reader keeps its own elements from it.
 */
export interface PageElements {
  byName: Element[];
  byAttribute: Element[];
}

/** Walks the page for PageElements; the lists hold until something changes the page. */
export function queryPageElements(document: Document): PageElements {
  return { byName: [...document.querySelectorAll(NAMED_SELECTOR)], byAttribute: [...document.querySelectorAll(MARKED_SELECTOR)] };
}

/**
 * Reads all metadata sources of a parsed page. Run it before Readability mutates the document.
 * `elements` are the page's, when the caller has walked for them (queryPageElements) to read more.
 */
export function readPageMetadata(document: Document, { byName, byAttribute }: PageElements = queryPageElements(document)): PageMetadata {
  const tags = readMetaTags(document, byName.filter((element) => element.localName.toLowerCase() === 'meta'));
  const jsonLd = readJsonLd(document, byName.filter((element) => element.localName.toLowerCase() === 'script' && element.hasAttribute('type')));
  const openGraph = readOpenGraph(tags);
  const meta = readClassicMeta(tags);
  const microdata = readMicrodata(document, byAttribute.filter((element) => element.hasAttribute('itemprop') || element.hasAttribute('itemscope')));
  const hints = readDocumentHints(document, byName, byAttribute);
  const dated = [jsonLd.article?.datePublished, jsonLd.page?.datePublished, openGraph.publishedTime, ...meta.publishedTimes, microdata.datePublished, ...hints.publishedTimes, ...hints.datelines].some(Boolean);
  // The walk over the whole page's text is paid only by pages that date themselves nowhere else.
  const labelledDates = dated ? [] : readLabelledDates(document.body);
  // So is the scan of every paragraph for an author box, by pages that declare no author nor link to one (author-field.ts
  // reads the box only when no source names anyone; a printed byline may name no one: "August 28, 2025 • 5 min read").
  const named = [jsonLd.article?.authors, jsonLd.page?.authors, openGraph.authors, meta.authors, microdata.authors, hints.authorLinks].some((names) => (names?.length ?? 0) > 0);
  const authorBio = named ? [] : readAuthorBio(document);
  // The last resort after the box (author-field.ts): not looked for when the box names someone.
  const labelledBylines = named || authorBio.length > 0 ? [] : readLabelledBylines(document);
  return { jsonLd, openGraph, meta, microdata, document: { ...hints, labelledDates, authorBio, labelledBylines } };
}

/** Metadata of a page that could not be read: every source empty. */
export function emptyPageMetadata(): PageMetadata {
  return {
    jsonLd: { article: null, page: null, websiteName: null, types: [] },
    openGraph: {
      title: null,
      siteName: null,
      description: null,
      type: null,
      url: null,
      image: null,
      locale: null,
      publishedTime: null,
      modifiedTime: null,
      authors: [],
      tags: [],
      section: null,
    },
    meta: {
      authors: [],
      description: null,
      publishedTimes: [],
      modifiedTimes: [],
      keywords: [],
      applicationName: null,
      language: null,
      twitterTitle: null,
      twitterImage: null,
      section: null,
    },
    microdata: {
      headline: null,
      authors: [],
      datePublished: null,
      dateModified: null,
      image: null,
      publisherName: null,
      section: null,
      keywords: [],
      inLanguage: null,
    },
    document: {
      titleTag: null,
      h1: null,
      otherH1s: [],
      canonical: null,
      imageSrc: null,
      htmlLang: null,
      publishedTimes: [],
      modifiedTimes: [],
      datelines: [],
      plainDatelines: [],
      labelledDates: [],
      bylines: [],
      authorLinks: [],
      authorBio: [],
      labelledBylines: [],
    },
  };
}
