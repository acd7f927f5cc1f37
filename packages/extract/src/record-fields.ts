import type { ExtractedArticle, ItemHint } from '@tidings/contracts';
import { chooseAuthorField } from './author-field.js';
import { firstValidDate } from './dates.js';
import { pick, sourced, type Candidate, type FieldSource } from './field-sources.js';
import { detectLanguage } from './language.js';
import { acceptedCanonicalUrl, chooseCanonicalUrl, firstHttpUrl } from './links.js';
import type { PageMetadata } from './metadata/index.js';
import { repairMojibake } from './mojibake.js';
import { choosePublished, declaredDates } from './published-date.js';
import type { ReadabilityOutcome } from './readability.js';
import { chooseLanguage, chooseSiteName } from './site.js';
import { cleanPlainText, cleanText } from './strings.js';
import { chooseTags } from './tags.js';
import { chooseTitle, siteOnlyTitle } from './title.js';
import { siteNamedByBanner, visibleHeadlineAmong } from './visible-headline.js';

export type { FieldSource } from './field-sources.js';

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
  const site = siteNamedByBanner({ siteName: siteName.value, host }, [doc.h1, ...doc.otherH1s], doc.titleTag);
  // The visible headline is the article's title as its readers see it; metadata titles are often SEO variants of it.
  const visible = visibleHeadlineAmong(doc.h1, doc.otherH1s, [article?.headline, og.title], doc.titleTag, site, inputs.pageUrl);
  const titles: Array<Candidate<string>> = [
    ['markup', visible],
    ['json-ld', article?.headline],
    ['opengraph', og.title],
    ['meta', meta.twitterTitle],
    ['microdata', md.headline],
    ['markup', doc.titleTag],
    // An <h1> that visibleHeadline refused ("Posts", a banner) still shows what the <title> adds to it ("| tagline"),
    // but is no title before the site's own name (below).
    ['markup', visible === null ? null : doc.h1],
    ['readability', readability?.title],
    ['feed-item', item?.title],
  ];
  const refusedH1 = visible === null ? doc.h1 : null;
  // Readability's own title is a last resort, never the proof that another one carries a suffix.
  const headline = pick(titles, (values) => chooseTitle(values, site, readability?.title, [refusedH1]));
  // Titles that all name the site only: the site's own page, named so, rather than its first paragraph.
  const siteOnly = headline.value === null ? pick(titles, (values) => siteOnlyTitle(values, site)) : headline;
  const title = siteOnly.value === null ? pick([['markup', refusedH1]], (values) => chooseTitle(values, site)) : siteOnly;

  const published = choosePublished(inputs);
  const modified = pick(
    [
      ...declaredDates(metadata, 'modified'),
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
  return cleanText(/<img\b[^<>]+\bsrc="([^"<>]+)"/i.exec(html)?.[1]?.replace(/&amp;/g, '&'));
}
