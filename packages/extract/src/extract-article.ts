import { TidingsError, type ExtractedArticle, type ItemHint } from '@tidings/contracts';
import { analysePage, articleHints, type PageAnalysis } from './analyse-page.js';
import { buildArticleBody } from './content/index.js';
import { parseFragment } from './dom.js';
import { absoluteHttpUrl } from './links.js';
import { emptyPageMetadata } from './metadata/index.js';
import { chooseFields } from './record-fields.js';
import { countWords, joinParagraphs, type ArticleBody } from './text.js';

/** A feed item's values for its article, with the item's full content when the feed carried it. */
export type FeedItemHint = ItemHint & { contentHtml?: string | null };

export interface ExtractOptions {
  /** The page URL (after redirects); the base for relative links. */
  url: string;
  /** The feed item's values, used where the page says nothing; its content is the fallback body. */
  item?: FeedItemHint | null;
}

/** An extracted article plus how it was obtained. */
export type ExtractionResult = ExtractedArticle & {
  /** Where the body came from: the page (via Readability) or the feed item's content. */
  extractor: 'readability' | 'feed-content';
  /** 0..1: how sure the extractor is that `text` is the whole article and nothing else. */
  confidence: number;
};

/** Less text than this is a teaser, a gallery, a video page or an error page, not an article. */
const MIN_ARTICLE_CHARS = 250;
/** Feed content this much longer than the page's text means the page hid the article (paywall, script). */
const FEED_PREFERRED_RATIO = 2;

/**
 * Extracts the article of a fetched HTML page: the body (sanitised HTML and
 * plain text, page furniture removed) and its metadata, each field from the
 * most trustworthy source that has it, the feed item's values last.
 *
 * `options.url` may also be a file: URL (a saved page, as `tidings extract
 * page.html` gives): the record's URL is then the page's own canonical URL
 * when it declares one, else that file: URL.
 *
 * Throws only TidingsError: 'invalid-url' when `options.url` is not an
 * absolute http(s) or file: URL, and a permanent 'not-an-article' when neither the
 * page nor the item's content holds enough text, or the page cannot be
 * processed at all.
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

function extractFrom(html: string, pageUrl: string, item: FeedItemHint | null): ExtractionResult {
  const analysis = analysePage(html, pageUrl);
  const page = 'error' in analysis ? null : analysis;
  const pageBody = page?.body ?? null;
  const pageChars = pageBody ? joinParagraphs(pageBody.paragraphs).length : 0;

  const feedBody = item?.contentHtml ? feedContentBody(item.contentHtml, pageUrl, page, item) : null;
  const feedChars = feedBody ? joinParagraphs(feedBody.paragraphs).length : 0;

  let extractor: ExtractionResult['extractor'];
  let body: ArticleBody;
  if (pageBody && pageChars >= MIN_ARTICLE_CHARS && feedChars <= pageChars * FEED_PREFERRED_RATIO) {
    extractor = 'readability';
    body = pageBody;
  } else if (feedBody && feedChars >= MIN_ARTICLE_CHARS) {
    extractor = 'feed-content';
    body = feedBody;
  } else {
    const found = feedBody ? `${pageChars} characters, ${feedChars} in the feed item` : `${pageChars} characters`;
    const why = page ? '' : ` (page unparseable: ${describe('error' in analysis ? analysis.error : null)})`;
    throw new TidingsError('not-an-article', `no article text found on ${pageUrl} (${found})${why}`, { permanent: true });
  }

  const text = joinParagraphs(body.paragraphs);
  const metadata = page?.metadata ?? emptyPageMetadata();
  const fields = chooseFields({
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
  return {
    ...fields,
    text,
    html: body.html,
    wordCount: countWords(text),
    extractor,
    confidence: confidenceOf(extractor, text.length, body.paragraphs.length, declaresArticle, fields.publishedAt !== null),
  };
}

/** The feed item's content, cleaned like a page body; relative links resolve against the article URL. */
function feedContentBody(contentHtml: string, pageUrl: string, page: PageAnalysis | null, item: FeedItemHint): ArticleBody {
  const fromItem = { titles: [item.title], authors: item.authors };
  const hints = page ? articleHints(page.metadata, page.readability.byline, fromItem) : fromItem;
  return buildArticleBody(parseFragment(contentHtml), pageUrl, hints);
}

/**
 * A rough score: long, multi-paragraph text from the page, on a page that
 * declares itself an article and dates it, is what a good extraction looks
 * like. Feed content starts lower because feeds often carry excerpts.
 */
function confidenceOf(
  extractor: ExtractionResult['extractor'],
  chars: number,
  paragraphs: number,
  declaresArticle: boolean,
  dated: boolean,
): number {
  let score = extractor === 'readability' ? 0.45 : 0.35;
  score += 0.25 * Math.min(1, chars / 2000);
  if (paragraphs >= 3) score += 0.1;
  if (declaresArticle) score += 0.1;
  if (dated) score += 0.1;
  return Math.round(Math.min(1, score) * 100) / 100;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
