import { cleanPlainText, cleanText } from '../strings.js';
import type { MetaTags } from './meta-tags.js';

/** Values from plain <meta name=...> tags (Dublin Core, Parse.ly, Sailthru, Twitter cards...). */
export interface ClassicMeta {
  /** Raw author strings, possibly "By X and Y", possibly the site name. */
  authors: string[];
  description: string | null;
  /** Every publication-date value, most specific key first; dates.ts keeps the first valid one. */
  publishedTimes: string[];
  modifiedTimes: string[];
  /** Raw keyword strings, usually comma-separated lists. */
  keywords: string[];
  applicationName: string | null;
  language: string | null;
  twitterTitle: string | null;
  twitterImage: string | null;
  /** The site's section for the article (Parse.ly, Sailthru, plain "section"). */
  section: string | null;
}

/** Publication-date keys, most specific first (itemprop=datePublished is microdata: microdata.ts). */
const PUBLISHED_KEYS = [
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publication_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'dcterms.created',
  'dc.date.created',
  'published',
  'published-date',
  'publication-date',
  'date',
];

const MODIFIED_KEYS = ['dcterms.modified', 'dc.date.modified', 'last-modified', 'lastmod', 'revised'];

/**
 * Author keys, the first that has values wins. The scholarly citation keys
 * come first: they list every author, one tag each, where `author` and
 * `dc.creator` often hold the first one only.
 */
const AUTHOR_KEYS = ['citation_author', 'citation_authors', 'author', 'byl', 'parsely-author', 'sailthru.author', 'cxenseparse:author', 'dc.creator', 'dcterms.creator'];
/** Citation keys write "Last, First": "Berger, Emery D.". */
const CITATION_KEYS = new Set(['citation_author', 'citation_authors']);
const LAST_FIRST = /^([^,]+),\s*([^\s,][^,]*)$/u;
/** Twitter's label/data pairs: SEO plugins put "Written by" and the author's name there. */
const TWITTER_PAIRS = 4;
const AUTHOR_LABEL = /^(?:written by|author|by)$/i;

/** Reads the classic meta tags this package uses. */
export function readClassicMeta(meta: MetaTags): ClassicMeta {
  const authors: string[] = [];
  for (const key of AUTHOR_KEYS) {
    for (const value of meta.all(key)) {
      const cleaned = cleanText(value);
      if (cleaned) authors.push(CITATION_KEYS.has(key) ? cleaned.replace(LAST_FIRST, '$2 $1') : cleaned);
    }
    // The first key that has values wins: the others usually repeat it.
    if (authors.length > 0) break;
  }
  if (authors.length === 0) authors.push(...labelledAuthors(meta));
  return {
    authors,
    description: cleanPlainText(meta.first('description', 'dc.description', 'dcterms.description')),
    publishedTimes: allValues(meta, PUBLISHED_KEYS),
    modifiedTimes: allValues(meta, MODIFIED_KEYS),
    keywords: ['news_keywords', 'keywords'].flatMap((key) => meta.all(key)),
    applicationName: cleanText(meta.first('application-name', 'apple-mobile-web-app-title')),
    language: cleanText(meta.first('content-language', 'language', 'dc.language', 'dcterms.language')),
    twitterTitle: cleanText(meta.first('twitter:title')),
    twitterImage: cleanText(meta.first('twitter:image', 'twitter:image:src')),
    section: cleanText(meta.first('parsely-section', 'sailthru.section', 'section', 'category')),
  };
}

/** The names that twitter:dataN gives where twitter:labelN says "Written by". */
function labelledAuthors(meta: MetaTags): string[] {
  const names: string[] = [];
  for (let n = 1; n <= TWITTER_PAIRS; n += 1) {
    const label = cleanText(meta.first(`twitter:label${n}`));
    const value = cleanText(meta.first(`twitter:data${n}`));
    if (label && value && AUTHOR_LABEL.test(label)) names.push(value);
  }
  return names;
}

function allValues(meta: MetaTags, keys: readonly string[]): string[] {
  return keys.flatMap((key) => meta.all(key).flatMap((value) => cleanText(value) ?? []));
}
