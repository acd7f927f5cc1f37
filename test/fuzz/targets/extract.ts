/**
 * extractArticle on any HTML, from a fixed page URL: it returns a record
 * that fits the ArticleRecord schema, its body HTML sanitised (no script,
 * handler or javascript: URL), or throws a `not-an-article`
 * TidingsError, never anything else, and never hangs.
 *
 * A NUL in the input splits it: the HTML before, and the feed item's
 * content after (so the feed-content fallback is fuzzed too).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ArticleRecordSchema } from '@tidings/contracts';
import { extractArticle, type FeedItemHint } from '@tidings/extract';
import { check, checkSanitised, expectTidingsError, isHttpUrl } from '../contract.js';

const PAGE_URL = 'https://news.example/world/2024/05/01/story.html';

/** What extractArticle returns: a record minus the fields only the pipeline fills in. */
const ExtractedSchema = ArticleRecordSchema.omit({ id: true, feedUrls: true, fetchedAt: true });

// extractArticle loads jsdom (its fallback DOM) on first use, which takes seconds on a busy machine:
// load it now, from where the package resolves it, so that the first input needing it is not a false timeout.
createRequire(fileURLToPath(import.meta.resolve('@tidings/extract')))('jsdom');

function itemWith(contentHtml: string): FeedItemHint {
  return { title: null, summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null, contentHtml };
}

export function fuzz(data: Buffer): void {
  const text = data.toString('utf8');
  const split = text.indexOf('\u0000');
  const html = split === -1 ? text : text.slice(0, split);
  const item = split === -1 ? null : itemWith(text.slice(split + 1));
  let result;
  try {
    result = extractArticle(html, { url: PAGE_URL, item });
  } catch (error) {
    expectTidingsError(error, ['not-an-article']);
    return;
  }
  const parsed = ExtractedSchema.safeParse(result);
  check(parsed.success, `the record does not fit ArticleRecord: ${parsed.error?.message ?? ''}`);
  check(isHttpUrl(result.url), `url is ${JSON.stringify(result.url)}, not an http(s) URL`);
  check(result.text.trim() !== '', 'an article with no text was returned');
  checkSanitised(result.html, 'html');
  check(result.extractor === result.extraction.method && result.confidence === result.extraction.confidence, 'extractor/confidence disagree with extraction');
}
