import type { ExtractedArticle, ItemHint } from '@tidings/contracts';
import { chooseAuthors } from './authors.js';
import { firstValidDate } from './dates.js';
import { chooseCanonicalUrl, firstHttpUrl } from './links.js';
import type { PageMetadata } from './metadata/index.js';
import type { ReadabilityOutcome } from './readability.js';
import { chooseLanguage, chooseSiteName } from './site.js';
import { cleanText } from './strings.js';
import { chooseTags } from './tags.js';
import { chooseTitle } from './title.js';

/** What the field choosers work from. */
export interface FieldSources {
  metadata: PageMetadata;
  readability: Omit<ReadabilityOutcome, 'content'> | null;
  /** datetime values of <time> elements inside the article body. */
  contentTimes: readonly string[];
  item: ItemHint | null;
  /** The page URL as given (after redirects). */
  pageUrl: string;
  /** Base for relative links: the page's <base href> or the page URL. */
  baseUrl: string;
  /** The chosen body, for the last-resort title, excerpt and image. */
  paragraphs: readonly string[];
  bodyHtml: string;
}

/** Longest excerpt taken from the first paragraph when the page declares no description. */
const MAX_EXCERPT = 500;
const MAX_FALLBACK_TITLE = 100;

/**
 * Picks every metadata field of the record, each from its sources in order
 * of trust: JSON-LD, OpenGraph, classic meta, the markup, Readability, and
 * the feed item last.
 */
export function chooseFields(sources: FieldSources): Omit<ExtractedArticle, 'text' | 'html' | 'wordCount'> {
  const { metadata, readability, item } = sources;
  const { jsonLd, openGraph: og, meta, document: doc } = metadata;
  const article = jsonLd.article;
  const host = new URL(sources.pageUrl).hostname;

  const siteName = chooseSiteName([og.siteName, article?.publisherName, jsonLd.websiteName, meta.applicationName]);
  const title =
    chooseTitle(
      [article?.headline, og.title, meta.twitterTitle, doc.titleTag, doc.h1, readability?.title, item?.title],
      { siteName, host },
    ) ?? fallbackTitle(sources.paragraphs);

  const publishedAt = firstValidDate([
    article?.datePublished,
    og.publishedTime,
    ...meta.publishedTimes,
    ...doc.publishedTimes,
    ...sources.contentTimes,
    readability?.publishedTime,
    item?.publishedAt,
  ]);
  const modifiedAt = firstValidDate([
    article?.dateModified,
    og.modifiedTime,
    ...meta.modifiedTimes,
    ...doc.modifiedTimes,
    item?.updatedAt,
  ]);

  return {
    url: chooseCanonicalUrl([doc.canonical, og.url], sources.pageUrl),
    title,
    authors: chooseAuthors(
      [
        (article?.authors ?? []).map((author) => author.name),
        og.authors,
        meta.authors,
        readability?.byline ? [readability.byline] : [],
        item?.authors ?? [],
      ],
      [siteName, article?.publisherName ?? null],
    ),
    publishedAt,
    // A modification before publication is a template bug; the publication date is the one to keep.
    modifiedAt: modifiedAt && publishedAt && modifiedAt < publishedAt ? null : modifiedAt,
    siteName,
    lang: chooseLanguage([doc.htmlLang, og.locale, meta.language, article?.inLanguage]),
    excerpt: meta.description ?? og.description ?? article?.description ?? excerptOf(sources.paragraphs),
    imageUrl: firstHttpUrl(
      [og.image, meta.twitterImage, article?.image, doc.imageSrc, firstImage(sources.bodyHtml)],
      sources.baseUrl,
    ),
    tags: chooseTags([og.tags, article?.keywords ?? [], meta.keywords, item?.categories ?? []]),
  };
}

function fallbackTitle(paragraphs: readonly string[]): string {
  return truncateAtWord(paragraphs[0] ?? '', MAX_FALLBACK_TITLE);
}

function excerptOf(paragraphs: readonly string[]): string | null {
  const first = paragraphs[0];
  return first ? truncateAtWord(first, MAX_EXCERPT) : null;
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/u, '')}…`;
}

/** The first <img src> of the sanitised body (already absolute). */
function firstImage(html: string): string | null {
  return cleanText(/<img\b[^>]*\bsrc="([^"]+)"/i.exec(html)?.[1]?.replace(/&amp;/g, '&'));
}
