import type { ExtractedArticle, ItemHint, PageType } from '@tidings/contracts';
// The typed error alone (no zod): the extraction worker thread starts without the job schemas.
import { TidingsError } from '@tidings/contracts/errors';
import { analysePage, articleHints, type PageAnalysis } from './analyse-page.js';
import { buildArticleBody } from './content/index.js';
import type { DomEngine } from './dom.js';
import { parseFragment } from './dom.js';
import { articleElementBody, jsonLdBody, listBody } from './fallbacks.js';
import { absoluteHttpUrl } from './links.js';
import { emptyPageMetadata } from './metadata/index.js';
import type { PageTypeGuess } from './page-type/classify.js';
import { chooseFields, type FieldSources } from './record-fields.js';
import { proseLength } from './prose-length.js';
import { MAX_HTML_CHARS } from './slim-page.js';
import { countWords, joinParagraphs, type ArticleBody } from './text.js';

/** A feed item's values for its article, with the item's full content when the feed carried it. */
export type FeedItemHint = ItemHint & { contentHtml?: string | null };

export interface ExtractOptions {
  /** The page URL (after redirects); the base for relative links. */
  url: string;
  /** The feed item's values, used where the page says nothing; its content is the fallback body. */
  item?: FeedItemHint | null;
}

/**
 * Which path produced the article text: Readability's pick of the page, a
 * fallback when Readability found too little (`fallback:json-ld`, the
 * page's JSON-LD articleBody; `fallback:article-element`, the page's
 * declared article element read whole; `fallback:list`, a listing's or a
 * collection's list of items), or the feed item's content.
 */
export type ExtractionMethod = 'readability' | 'fallback:json-ld' | 'fallback:article-element' | 'fallback:list' | 'feed-content';

/** How a record was extracted. */
export interface ExtractionInfo {
  method: ExtractionMethod;
  /** 0..1: how sure the extractor is that `text` is the whole article and nothing else. */
  confidence: number;
  /** The DOM that parsed the page: linkedom, or jsdom when linkedom failed; null when neither could. */
  engine: DomEngine | null;
  /** The source each metadata field was taken from (null: the field is empty). */
  sources: FieldSources;
}

/** An extracted article plus how it was obtained. */
export type ExtractionResult = ExtractedArticle & {
  /** What kind of page it is (article, forum, documentation, product, collection, listing, service). */
  pageType: PageType;
  /** 0..1: how sure the classifier is of `pageType`. */
  pageTypeConfidence: number;
  /** The site's section for the article ("Politics"), from article:section, JSON-LD or microdata. */
  section: string | null;
  extraction: ExtractionInfo;
  /** Same as `extraction.method` (kept: the extract command's JSON never drops a field). */
  extractor: ExtractionMethod;
  /** Same as `extraction.confidence`. */
  confidence: number;
};

/** Less text than this is a teaser, a gallery, a video page or an error page, not an article. */
const MIN_ARTICLE_CHARS = 250;
/** Another body this much longer than the page's text means the page hid the article (paywall, script). */
const LONGER_BODY_RATIO = 2;
/** Share of control characters (NUL and friends) past which a "page" is binary, whatever its content type said. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of U+FFFD (undecodable bytes) past which the text is not worth reading. */
const MAX_REPLACEMENT_SHARE = 0.2;
const BINARY_SAMPLE_CHARS = 65_536;

/**
 * Extracts the article of a fetched HTML page: the body (sanitised HTML and
 * plain text, page furniture removed) and its metadata, each field from the
 * most trustworthy source that has it, the feed item's values last.
 *
 * `options.url` may also be a file: URL (a saved page, as `tidings extract
 * page.html` gives): the record's URL is then the page's own canonical URL
 * when it declares one, else that file: URL.
 *
 * Pure and synchronous. Throws only TidingsError: 'invalid-url' when
 * `options.url` is not an absolute http(s) or file: URL, and a permanent
 * 'not-an-article' when neither the page nor the item's content holds enough
 * text, the page is binary, or it cannot be processed at all.
 */
export function extractArticle(html: string, options: ExtractOptions): ExtractionResult {
  const pageUrl = absoluteHttpUrl(options.url) ?? fileUrl(options.url);
  if (!pageUrl) {
    throw new TidingsError('invalid-url', `not an absolute http(s) or file: URL: ${options.url}`, { permanent: true });
  }
  try {
    return extractFrom(html, pageUrl, options.item ?? null);
  } catch (error) {
    if (error instanceof TidingsError) throw error;
    // Extraction is deterministic: whatever failed here fails again on retry.
    throw new TidingsError('not-an-article', `could not extract an article from ${pageUrl}: ${describe(error)}`, {
      permanent: true,
      cause: error,
    });
  }
}

function fileUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'file:' ? url.href : null;
  } catch {
    return null;
  }
}

interface BodyCandidate {
  method: ExtractionMethod;
  body: ArticleBody;
  chars: number;
}

function extractFrom(markup: string, pageUrl: string, item: FeedItemHint | null): ExtractionResult {
  const binary = binaryReason(markup);
  const html = withoutNul(markup);
  const analysis = binary ? { error: new Error(binary) } : analysePage(html, pageUrl, { fromFeedItem: item !== null });
  const page = 'error' in analysis ? null : analysis;

  // A page that could not be parsed can only have come with its feed item's content: an article.
  const guess: PageTypeGuess = page?.pageType ?? { pageType: 'article', confidence: 0.3 };
  const chosen = chooseBody(html, pageUrl, page, item);
  if (!chosen) {
    const pageChars = page?.body ? joinParagraphs(page.body.paragraphs).length : 0;
    const feedChars = item?.contentHtml ? joinParagraphs(feedContentBody(item.contentHtml, pageUrl, page, item).paragraphs).length : null;
    const found = feedChars === null ? `${pageChars} characters` : `${pageChars} characters, ${feedChars} in the feed item`;
    // A page cut at MAX_HTML_CHARS may have had its article past the cut: that is its size's fault, not the page's kind.
    if (page?.truncated) {
      const read = MAX_HTML_CHARS.toLocaleString('en-US');
      const size = `${pageUrl} has over ${read} characters of markup besides its scripts, styles and comments`;
      throw new TidingsError('too-large', `${size}, and the first ${read} (all that is read of a page) hold no article text (${found})`, { permanent: true });
    }
    // A page without a word says nothing of its type (an empty file was "a forum page").
    const why = !page
      ? ` (page unparseable: ${describe('error' in analysis ? analysis.error : null)})`
      : page.features.words > 0
        ? ` (it looks like ${guess.pageType === 'article' ? 'an' : 'a'} ${guess.pageType} page)`
        : ' (the page holds no text)';
    throw new TidingsError('not-an-article', `no article text found on ${pageUrl} (${found})${why}`, { permanent: true });
  }

  const { body, method } = chosen;
  const text = joinParagraphs(body.paragraphs);
  const metadata = page?.metadata ?? emptyPageMetadata();
  const { fields, sources } = chooseFields({
    metadata,
    readability: page?.readability ?? null,
    contentTimes: page?.contentTimes ?? [],
    item,
    pageUrl,
    baseUrl: page?.baseUrl ?? pageUrl,
    paragraphs: body.paragraphs,
    bodyHtml: body.html,
  });
  const declaresArticle = metadata.jsonLd.article !== null || metadata.openGraph.type === 'article';
  const dated = fields.publishedAt !== null;
  const confidence = confidenceOf(method, text.length, body.paragraphs.length, declaresArticle, dated, page?.truncated ?? false);
  return {
    ...fields,
    text,
    html: body.html,
    wordCount: countWords(text),
    pageType: guess.pageType,
    pageTypeConfidence: guess.confidence,
    extraction: { method, confidence, engine: page?.engine ?? null, sources },
    extractor: method,
    confidence,
  };
}

/**
 * Chooses the body: Readability's pick of the page, unless it holds less
 * than an article or another source holds more than twice as much (a page
 * showing a teaser of what its JSON-LD or the feed carries in full). When
 * nothing reaches an article's length, the page's article element is read
 * whole as a last try. On a list page (a listing, a collection) its list of
 * items is its text when that holds more than twice the pick, or when
 * nothing else reaches an article's length.
 */
function chooseBody(html: string, pageUrl: string, page: PageAnalysis | null, item: FeedItemHint | null): BodyCandidate | null {
  const candidate = (method: ExtractionMethod, body: ArticleBody | null): BodyCandidate | null =>
    body ? { method, body, chars: proseLength(joinParagraphs(body.paragraphs)) } : null;
  const hints = page ? articleHints(page.metadata, page.readability.byline, item ? { titles: [item.title], authors: item.authors } : {}) : {};

  const fromPage = candidate('readability', page?.body ?? null);
  const articleBody = page?.metadata.jsonLd.article?.articleBody;
  const alternatives = [
    candidate('fallback:json-ld', articleBody && page ? jsonLdBody(articleBody, page.baseUrl, hints) : null),
    candidate('feed-content', item?.contentHtml ? feedContentBody(item.contentHtml, pageUrl, page, item) : null),
  ].filter((found): found is BodyCandidate => found !== null && found.chars >= MIN_ARTICLE_CHARS);
  const longest = alternatives.reduce<BodyCandidate | null>((best, found) => (best && best.chars >= found.chars ? best : found), null);

  // A list page's text is its list, which Readability, looking for prose, passes over (the page is parsed again: list pages only).
  const listOfPage = (): BodyCandidate | null => (page && LIST_PAGE_TYPES.has(page.pageType.pageType) ? candidate('fallback:list', listBody(html, pageUrl, hints)) : null);

  if (fromPage && fromPage.chars >= MIN_ARTICLE_CHARS && !(longest && longest.chars > fromPage.chars * LONGER_BODY_RATIO)) {
    const list = listOfPage();
    return list && list.chars > fromPage.chars * LONGER_BODY_RATIO ? list : fromPage;
  }
  if (longest) return longest;
  if (!page) return null;
  const whole = candidate('fallback:article-element', articleElementBody(html, pageUrl, hints));
  if (whole && whole.chars >= MIN_ARTICLE_CHARS) return whole;
  const list = listOfPage();
  return list && list.chars >= MIN_ARTICLE_CHARS ? list : null;
}

/** Page types whose text is a list of items (listBody). */
const LIST_PAGE_TYPES: ReadonlySet<string> = new Set(['listing', 'collection']);

/** The feed item's content, cleaned like a page body; relative links resolve against the article URL. */
function feedContentBody(contentHtml: string, pageUrl: string, page: PageAnalysis | null, item: FeedItemHint): ArticleBody {
  const fromItem = { titles: [item.title], authors: item.authors };
  const hints = page ? articleHints(page.metadata, page.readability.byline, fromItem) : fromItem;
  return buildArticleBody(parseFragment(contentHtml), pageUrl, hints);
}

/**
 * The page without its NUL characters. Browsers never show one (the HTML
 * tree builder drops it from text and makes it U+FFFD in attribute values),
 * and a record holding one cannot be stored: PostgreSQL text refuses NUL, so
 * a single stray NUL in a page's markup would cost the whole article.
 */
function withoutNul(html: string): string {
  return html.includes('\u0000') ? html.replaceAll('\u0000', '') : html;
}

/**
 * Why `html` is not text at all (binary served as text/html, or bytes the
 * charset could not decode), or null when it is text.
 */
function binaryReason(html: string): string | null {
  const sample = html.slice(0, BINARY_SAMPLE_CHARS);
  if (sample.length === 0) return null;
  // eslint-disable-next-line no-control-regex
  const control = sample.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g)?.length ?? 0;
  if (control > sample.length * MAX_CONTROL_SHARE) return 'binary content, not HTML';
  const replaced = sample.match(/\uFFFD/g)?.length ?? 0;
  if (replaced > sample.length * MAX_REPLACEMENT_SHARE) return 'undecodable text (wrong or missing charset)';
  return null;
}

/**
 * A rough score: long, multi-paragraph text from the page, on a page that
 * declares itself an article and dates it, is what a good extraction looks
 * like. Fallbacks and feed content start lower: feeds often carry excerpts,
 * and a fallback runs because the page's own structure said little.
 */
function confidenceOf(
  method: ExtractionMethod,
  chars: number,
  paragraphs: number,
  declaresArticle: boolean,
  dated: boolean,
  truncated: boolean,
): number {
  const base = { readability: 0.45, 'fallback:json-ld': 0.4, 'feed-content': 0.35, 'fallback:article-element': 0.3, 'fallback:list': 0.2 }[method];
  let score = base + 0.25 * Math.min(1, chars / 2000);
  if (paragraphs >= 3) score += 0.1;
  if (declaresArticle) score += 0.1;
  if (dated) score += 0.1;
  // Only part of an oversized page was read: the article may go on past the cut.
  if (truncated) score -= 0.3;
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
