import type { ExtractedArticle, ItemHint } from '@tidings/contracts';
import { chooseAuthorField } from './author-field.js';
import { dateFromUrl, firstValidDate } from './dates.js';
import { detectLanguage } from './language.js';
import { acceptedCanonicalUrl, chooseCanonicalUrl, firstHttpUrl } from './links.js';
import type { PageMetadata } from './metadata/index.js';
import type { ReadabilityOutcome } from './readability.js';
import { chooseLanguage, chooseSiteName } from './site.js';
import { cleanPlainText, cleanText } from './strings.js';
import { chooseTags } from './tags.js';
import { chooseTitle, repairMojibake } from './title.js';
import { visibleHeadlineAmong } from './visible-headline.js';

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
  const visible = visibleHeadlineAmong(doc.h1, doc.otherH1s, [article?.headline, og.title], doc.titleTag, site, inputs.pageUrl);
  const title = pick(
    [
      ['markup', visible],
      ['json-ld', article?.headline],
      ['opengraph', og.title],
      ['meta', meta.twitterTitle],
      ['microdata', md.headline],
      ['markup', doc.titleTag],
      ['markup', doc.h1],
      ['readability', readability?.title],
      ['feed-item', item?.title],
    ],
    // Readability's own title is a last resort, never the proof that another one carries a suffix.
    (values) => chooseTitle(values, site, readability?.title),
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

  const { authors, source: authorSource } = chooseAuthorField(inputs, [siteName.value, article?.publisherName ?? null]);

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
      title: repairMojibake(title.value ?? fallbackTitle),
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
 * The publication date. When the URL spells a day, a date of the page on
 * that day wins (declared or printed, its day read in the site's own zone).
 * Then a date the page prints by its headline wins when
 * one of its declared publication dates states the same day: of the dates
 * its metadata gives (templates disagree with themselves), that is the one
 * the site shows its readers. (Confirming an update the same way was tried,
 * again on the even ids of WCXB-dev: as often wrong as right, whatever the
 * label beside the printed date says.) Otherwise the
 * declared publication date, in order of trust, unless it is also the
 * declared modification date and the page prints another (`isStampedTwice`).
 * Without one, the URL's day, then the feed item's (a feed timestamp on the
 * URL's day wins: it is the same date with the time of day that a URL never
 * has), then the printed date, then a date labelled "Published on" or
 * "Updated" anywhere in the page, then the declared modification date.
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
  const fromUrl = dateFromUrl(inputs.pageUrl);
  // The day a URL spells is the day the article was filed under: a page date on that day wins, in the page's own zone.
  const onUrlDay = fromUrl ? printedAndDeclared([fromUrl], [...declared, ...printed.map((value) => ['markup', value] as const)]) : null;
  if (onUrlDay) return onUrlDay;
  const trusted = printed.length > 0 ? withoutWeakDeclarations(declared) : declared;
  const confirmed = printedAndDeclared(printed, trusted);
  if (confirmed) return confirmed;
  const fromPage = pick(trusted, (values) => firstValidDate(values));
  if (printed[0] && fromPage.value && isStampedTwice(fromPage.value, updated)) return sourced('markup', printed[0]);
  // A <time> that gives the day alone is the day the page shows: a declared timestamp on that day in its own zone is dated by it.
  const shownDays = doc.publishedTimes.filter((value) => BARE_DAY.test(value));
  const shown = fromPage.source && STRUCTURED_SOURCES.has(fromPage.source) ? printedAndDeclared(shownDays, trusted.filter(([source]) => STRUCTURED_SOURCES.has(source))) : null;
  if (shown) return shown;
  if (fromPage.value) return fromPage;
  const fromFeed = firstValidDate([item?.publishedAt]);
  if (fromUrl && !(fromFeed && Math.abs(Date.parse(fromFeed) - Date.parse(fromUrl)) <= SAME_DAY_MS)) {
    return sourced('url', fromUrl);
  }
  if (fromFeed) return sourced('feed-item', fromFeed);
  if (printed[0]) return sourced('markup', printed[0]);
  const labelled = firstValidDate(doc.labelledDates);
  if (labelled) return sourced('markup', labelled);
  return pick(updated, (values) => firstValidDate(values));
}

/**
 * True when the declared publication date is also the declared modification
 * date, to the day. A page that prints another date by its headline was not
 * published then: both stamps are the time its page was built or moved (a
 * CMS migration, a static site's build), and the printed date is the article's.
 */
function isStampedTwice(published: string, updated: readonly Candidate<string>[]): boolean {
  const modified = firstValidDate(updated.map(([, value]) => value));
  return modified !== null && modified.slice(0, 10) === published.slice(0, 10);
}

/** Sources written for machines, whose date fields are normally machine-written (ISO 8601). */
const STRUCTURED_SOURCES: ReadonlySet<FieldSource> = new Set(['json-ld', 'opengraph', 'meta', 'microdata', 'readability']);
/** A day with no time of day: "2021-06-17". */
const BARE_DAY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;
/** A machine-written date: an ISO day first. */
const MACHINE_DATE = /^\s*\d{4}-\d{2}-\d{2}/;

/**
 * The declared publication dates a printed date is weighed against, when
 * the page prints one: a structured field holding a date written for people
 * ("Jun 24, 2025", "13/11/2025") does not count when no structured field
 * holds a machine-written one. A template filled that field from some other
 * date of the page (its last build or edit); what the page prints is what it
 * says. (Readability's date is read from the same fields.)
 */
function withoutWeakDeclarations(declared: readonly Candidate<string>[]): Candidate<string>[] {
  const structured = declared.filter(([source, raw]) => STRUCTURED_SOURCES.has(source) && raw && firstValidDate([raw]));
  if (structured.some(([, raw]) => raw && MACHINE_DATE.test(raw))) return [...declared];
  return declared.filter(([source]) => !STRUCTURED_SOURCES.has(source));
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
