import { cleanPlainText, cleanText } from '../strings.js';
import type { MetaTags } from './meta-tags.js';

/** The OpenGraph (og:*, article:*) values this package uses, cleaned but not yet validated. */
export interface OpenGraph {
  title: string | null;
  siteName: string | null;
  description: string | null;
  /** og:type; "article" is a hint that the page is one. */
  type: string | null;
  url: string | null;
  image: string | null;
  locale: string | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  /** article:author values that are names; profile URLs are dropped. */
  authors: string[];
  tags: string[];
  section: string | null;
}

/** Reads OpenGraph and the article:* extension from the page's meta tags. */
export function readOpenGraph(meta: MetaTags): OpenGraph {
  return {
    title: cleanText(meta.first('og:title')),
    siteName: cleanText(meta.first('og:site_name')),
    description: cleanPlainText(meta.first('og:description')),
    type: cleanText(meta.first('og:type'))?.toLowerCase() ?? null,
    url: cleanText(meta.first('og:url')),
    // secure_url is the https spelling of the same image; prefer it.
    image: cleanText(meta.first('og:image:secure_url', 'og:image', 'og:image:url')),
    locale: cleanText(meta.first('og:locale')),
    publishedTime: cleanText(meta.first('article:published_time', 'og:published_time', 'article:published')),
    modifiedTime: cleanText(meta.first('article:modified_time', 'og:updated_time', 'article:modified')),
    // article:author is specified as a profile URL, but most sites put the name there.
    authors: meta
      .all('article:author')
      .map(cleanText)
      .filter((value): value is string => value !== null && !looksLikeUrl(value)),
    tags: meta.all('article:tag').flatMap((value) => cleanText(value) ?? []),
    section: cleanText(meta.first('article:section')),
  };
}

/** True for "https://...", "//host/...", "www.host/..." and "mailto:..." spellings ("Text: Jane Doe" is not one). */
export function looksLikeUrl(value: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/|www\.|mailto:)/i.test(value.trim());
}
