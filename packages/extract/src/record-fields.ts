import type { ExtractedArticle, ItemHint } from '@tidings/contracts';
import { parseByline, pickAuthors } from './authors.js';
import { dateFromUrl, firstValidDate } from './dates.js';
import { detectLanguage } from './language.js';
import { acceptedCanonicalUrl, chooseCanonicalUrl, firstHttpUrl } from './links.js';
import type { PageMetadata } from './metadata/index.js';
import type { ReadabilityOutcome } from './readability.js';
import { chooseLanguage, chooseSiteName } from './site.js';
import { cleanPlainText, cleanText } from './strings.js';
import { chooseTags } from './tags.js';
import { chooseTitle } from './title.js';

/**
 * Where a field's value came from: structured data (`json-ld`,
 * `opengraph`, `meta` for classic and Twitter tags, `microdata`), the page's
 * markup (`markup`: <title>, <h1>, <time>, <html lang>, <link rel>),
 * Readability's own guesses (`readability`), the page URL (`url`), the feed
 * item (`feed-item`), the article text itself (`body`), or detection from
 * that text (`detected`).
 */
export type FieldSource =
  | 'json-ld'
  | 'opengraph'
  | 'meta'
  | 'microdata'
  | 'markup'
  | 'readability'
  | 'url'
  | 'feed-item'
  | 'body'
  | 'detected';

/** The record fields whose source is recorded. */
export type SourcedField =
  | 'url'
  | 'title'
  | 'authors'
  | 'publishedAt'
  | 'modifiedAt'
  | 'siteName'
  | 'lang'
  | 'excerpt'
  | 'imageUrl'
  | 'tags'
  | 'section';

/** The winning source of each field, null when the field is empty. */
export type FieldSources = Record<SourcedField, FieldSource | null>;

/** The metadata fields of a record, with `section`, which the contract does not carry yet. */
export type ChosenFields = Omit<ExtractedArticle, 'text' | 'html' | 'wordCount'> & { section: string | null };

/** What the field choosers work from. */
export interface FieldInputs {
  metadata: PageMetadata;
  readability: Omit<ReadabilityOutcome, 'content'> | null;
  /** datetime values of <time> elements inside the article body. */
  contentTimes: readonly string[];
  item: ItemHint | null;
  /** The page URL as given (after redirects). */
  pageUrl: string;
  /** Base for relative links: the page's <base href> or the page URL. */
  baseUrl: string;
  /** The chosen body, for the last-resort title, excerpt, image and language. */
  paragraphs: readonly string[];
  bodyHtml: string;
}

/** Longest excerpt taken from the first paragraph when the page declares no description. */
const MAX_EXCERPT = 500;
const MAX_FALLBACK_TITLE = 100;
/** A feed item's timestamp this close to the URL's day is the same date, told more precisely. */
const SAME_DAY_MS = 36 * 3600 * 1000;

type Candidate<T> = readonly [FieldSource, T | null | undefined];

/**
 * Picks every metadata field of the record, each from its sources in order
 * of trust: JSON-LD, OpenGraph, classic meta, microdata, the markup,
 * Readability, the URL, and the feed item last. Returns the values and,
 * per field, which source won.
 */
export function chooseFields(inputs: FieldInputs): { fields: ChosenFields; sources: FieldSources } {
  const { metadata, readability, item } = inputs;
  const { jsonLd, openGraph: og, meta, microdata: md, document: doc } = metadata;
  const article = jsonLd.article;
  const host = new URL(inputs.pageUrl).hostname;

  const siteName = pick(
    [
      ['opengraph', og.siteName],
      ['json-ld', article?.publisherName],
      ['microdata', md.publisherName],
      ['json-ld', jsonLd.websiteName],
      ['meta', meta.applicationName],
    ],
    (values) => chooseSiteName(values),
  );
  const site = { siteName: siteName.value, host };
  // The visible headline is the article's title as its readers see it; metadata titles are often SEO variants of it.
  const visibleHeadline = headlineLike(doc.h1, [article?.headline, og.title, doc.titleTag]) ? doc.h1 : null;
  const title = pick(
    [
      ['markup', visibleHeadline],
      ['json-ld', article?.headline],
      ['opengraph', og.title],
      ['meta', meta.twitterTitle],
      ['microdata', md.headline],
      ['markup', doc.titleTag],
      ['markup', doc.h1],
      ['readability', readability?.title],
      ['feed-item', item?.title],
    ],
    (values) => chooseTitle(values, site),
  );

  const published = choosePublished(inputs);
  const modified = pick(
    [
      ...declaredModified(metadata),
      ['feed-item', item?.updatedAt],
    ],
    (values) => firstValidDate(values),
  );
  // A modification before publication is a template bug; the publication date is the one to keep.
  const modifiedBeforePublished = modified.value && published.value && modified.value < published.value;

  const authorSources: [FieldSource, readonly string[]][] = [
    ['json-ld', (article?.authors ?? []).map((author) => author.name)],
    ['json-ld', (jsonLd.page?.authors ?? []).map((author) => author.name)],
    ['opengraph', og.authors],
    ['meta', meta.authors],
    ['microdata', md.authors],
    // Each printed line is a separate credit (the writer's, a reviewer's, a bio box's): the first that names anyone.
    ['markup', doc.bylines.filter((line) => parseByline(line).length > 0).slice(0, 1)],
    ['markup', doc.authorLinks],
    ['readability', readability?.byline ? [readability.byline] : []],
    ['feed-item', item?.authors ?? []],
  ];
  const notAuthors = [siteName.value, article?.publisherName ?? null];
  const chosenAuthors = pickAuthors(authorSources.map(([, names]) => names), notAuthors);
  const authors = chosenAuthors.names;
  const authorSource = authorSources[chosenAuthors.index]?.[0] ?? null;

  const declaredLang = pick(
    [
      ['markup', doc.htmlLang],
      ['opengraph', og.locale],
      ['meta', meta.language],
      ['json-ld', article?.inLanguage],
      ['microdata', md.inLanguage],
    ],
    (values) => chooseLanguage(values),
  );
  const lang = declaredLang.value ? declaredLang : sourced<string>('detected', detectLanguage(inputs.paragraphs.join('\n')));

  const excerpt = pick(
    [
      ['meta', meta.description],
      ['opengraph', og.description],
      ['json-ld', article?.description],
      ['feed-item', cleanPlainText(item?.summary)],
      ['body', excerptOf(inputs.paragraphs)],
    ],
    (values) => values.find((value): value is string => typeof value === 'string' && value !== '') ?? null,
  );
  const imageUrl = pick(
    [
      ['opengraph', og.image],
      ['meta', meta.twitterImage],
      ['json-ld', article?.image],
      ['microdata', md.image],
      ['markup', doc.imageSrc],
      ['body', firstImage(inputs.bodyHtml)],
    ],
    (values) => firstHttpUrl(values, inputs.baseUrl),
  );
  const tagSources: [FieldSource, readonly string[]][] = [
    ['opengraph', og.tags],
    ['json-ld', article?.keywords ?? []],
    ['meta', meta.keywords],
    ['microdata', md.keywords],
    ['feed-item', item?.categories ?? []],
  ];
  const tags = chooseTags(tagSources.map(([, values]) => values));
  const section = pick(
    [
      ['opengraph', og.section],
      ['json-ld', article?.section],
      ['microdata', md.section],
      ['meta', meta.section],
    ],
    (values) => values.map(cleanText).find((value) => value !== null) ?? null,
  );
  const declaredUrl = pick(
    [
      ['markup', doc.canonical],
      ['opengraph', og.url],
    ],
    (values) => acceptedCanonicalUrl(values, inputs.pageUrl),
  );

  const fallbackTitle = truncateAtWord(inputs.paragraphs[0] ?? '', MAX_FALLBACK_TITLE);
  return {
    fields: {
      url: declaredUrl.value ?? chooseCanonicalUrl([], inputs.pageUrl),
      title: title.value ?? fallbackTitle,
      authors,
      publishedAt: published.value,
      modifiedAt: modifiedBeforePublished ? null : modified.value,
      siteName: siteName.value,
      lang: lang.value,
      excerpt: excerpt.value,
      imageUrl: imageUrl.value,
      tags,
      section: section.value,
    },
    sources: {
      url: declaredUrl.source ?? 'url',
      title: title.source ?? 'body',
      authors: authors.length > 0 ? authorSource : null,
      publishedAt: published.source,
      modifiedAt: modifiedBeforePublished ? null : modified.source,
      siteName: siteName.source,
      lang: lang.source,
      excerpt: excerpt.source,
      imageUrl: imageUrl.source,
      tags: tagSources.find(([, values]) => chooseTags([values]).length > 0)?.[0] ?? null,
      section: section.source,
    },
  };
}

/**
 * The publication date. A date the page prints by its headline wins when
 * one of its declared publication dates states the same day: of the dates
 * its metadata gives (templates disagree with themselves), that is the one
 * the site shows its readers. (Confirming an update the same way was tried:
 * on WCXB-dev articles it was right less often than not.) Otherwise the
 * declared publication date, in order of trust. Without one,
 * the URL's day, then the feed item's (a feed timestamp on the URL's day
 * wins: it is the same date with the time of day that a URL never has),
 * then the printed date, then the declared modification date.
 */
function choosePublished(inputs: FieldInputs): Sourced<string> {
  const { metadata, readability, item } = inputs;
  const { jsonLd, openGraph: og, meta, microdata: md, document: doc } = metadata;
  const declared: Candidate<string>[] = [
    ['json-ld', jsonLd.article?.datePublished],
    ['json-ld', jsonLd.page?.datePublished],
    ['opengraph', og.publishedTime],
    ...meta.publishedTimes.map((value) => ['meta', value] as const),
    ['microdata', md.datePublished],
    ...doc.publishedTimes.map((value) => ['markup', value] as const),
    ...inputs.contentTimes.map((value) => ['markup', value] as const),
    ['readability', readability?.publishedTime],
  ];
  const updated = declaredModified(metadata);
  const printed = doc.datelines.flatMap((line) => firstValidDate([line]) ?? []);
  const confirmed = printedAndDeclared(printed, declared);
  if (confirmed) return confirmed;
  const fromPage = pick(declared, (values) => firstValidDate(values));
  if (fromPage.value) return fromPage;
  const fromFeed = firstValidDate([item?.publishedAt]);
  const fromUrl = dateFromUrl(inputs.pageUrl);
  if (fromUrl && !(fromFeed && Math.abs(Date.parse(fromFeed) - Date.parse(fromUrl)) <= SAME_DAY_MS)) {
    return sourced('url', fromUrl);
  }
  if (fromFeed) return sourced('feed-item', fromFeed);
  if (printed[0]) return sourced('markup', printed[0]);
  return pick(updated, (values) => firstValidDate(values));
}

/** The modification dates the page declares, in order of trust. */
function declaredModified({ jsonLd, openGraph: og, meta, microdata: md, document: doc }: PageMetadata): Candidate<string>[] {
  return [
    ['json-ld', jsonLd.article?.dateModified],
    ['json-ld', jsonLd.page?.dateModified],
    ['opengraph', og.modifiedTime],
    ...meta.modifiedTimes.map((value) => ['meta', value] as const),
    ['microdata', md.dateModified],
    ...doc.modifiedTimes.map((value) => ['markup', value] as const),
  ];
}

/**
 * The first printed date that a declared one agrees with, to the day: the
 * declared value (it has the time) when its UTC day is the printed one, else
 * the printed day (the declared one is the same day in the site's own zone).
 */
function printedAndDeclared(printed: readonly string[], declared: readonly Candidate<string>[]): Sourced<string> | null {
  for (const day of printed.map((value) => value.slice(0, 10))) {
    for (const [source, raw] of declared) {
      const value = firstValidDate([raw]);
      if (!value || !raw) continue;
      if (value.startsWith(day)) return sourced(source, value);
      if (raw.trim().startsWith(day)) return sourced(source, `${day}T00:00:00.000Z`);
    }
  }
  return null;
}

interface Sourced<T> {
  value: T | null;
  source: FieldSource | null;
}

function sourced<T>(source: FieldSource, value: T | null): Sourced<T> {
  return value === null ? { value: null, source: null } : { value, source };
}

/**
 * Runs `choose` over the candidates' values (in order of trust) and names
 * the source of the winner: the first candidate that `choose` accepts on
 * its own. Every chooser here takes the first acceptable candidate, so the
 * two agree.
 */
function pick<T>(
  candidates: readonly Candidate<string>[],
  choose: (values: (string | null | undefined)[]) => T | null,
): Sourced<T> {
  const value = choose(candidates.map(([, candidate]) => candidate));
  if (value === null) return { value: null, source: null };
  const winner = candidates.find(([, candidate]) => candidate && choose([candidate]) !== null);
  return { value, source: winner?.[0] ?? null };
}

function excerptOf(paragraphs: readonly string[]): string | null {
  const first = paragraphs[0];
  return first ? truncateAtWord(first, MAX_EXCERPT) : null;
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/(?<![\s,;:.-])[\s,;:.-]+$/u, '')}…`;
}

/** The first <img src> of the sanitised body (already absolute). */
function firstImage(html: string): string | null {
  return cleanText(/<img\b[^>]+\bsrc="([^"]+)"/i.exec(html)?.[1]?.replace(/&amp;/g, '&'));
}

/** Lower-cased words joined by single spaces: "Top 10 — tips!" -> "top 10 tips". */
function wordsKey(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Words that mark what a template adds around a headline: a byline, a dateline, a comment count. */
const HEADLINE_FURNITURE = /\b(?:by|updated|published|posted|comments?|min read)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d|\b(?!(?:19|20)\d{2}\b)\d+\b/;

/**
 * `outer` is `inner` with a byline, a dateline or a count before or after it
 * (not a subtitle or a year that the headline itself carries); the inner
 * title is not just a word or two.
 */
function wrapsTitle(outer: string, inner: string): boolean {
  if (inner.split(' ').length < 3 || outer.length <= inner.length) return false;
  let extra: string | null = null;
  if (outer.startsWith(inner) && outer[inner.length] === ' ') extra = outer.slice(inner.length + 1);
  else if (outer.endsWith(inner) && outer[outer.length - inner.length - 1] === ' ') extra = outer.slice(0, outer.length - inner.length - 1);
  return extra !== null && HEADLINE_FURNITURE.test(extra);
}

/**
 * An <h1> that reads as the page's headline: two words or more, at most 40,
 * sharing a word of four letters or more with a declared title when there is
 * one (a logo or a section name in an <h1> shares none).
 */
function headlineLike(h1: string | null | undefined, declared: ReadonlyArray<string | null | undefined>): boolean {
  if (!h1) return false;
  const words = h1.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 40) return false;
  const present = declared.filter((title): title is string => Boolean(title));
  if (present.length === 0) return true;
  // The <h1> holds a declared title plus more (a dateline, a byline, a comment count): the declared one is the headline.
  const h1Words = wordsKey(h1);
  if (present.some((title) => wrapsTitle(h1Words, wordsKey(title)))) return false;
  const significant = new Set(h1.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
  return present.some((title) => (title.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).some((word) => significant.has(word)));
}
