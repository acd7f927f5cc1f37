/**
 * Other ways to the article body when Readability finds too little: the
 * article text the page declares in JSON-LD (articleBody, written for search
 * engines and often complete where the visible page is a teaser or built by
 * script), and the page's declared article element read whole.
 */
import { buildArticleBody, type ArticleHints } from './content/index.js';
import { parseFragment, parsePage } from './dom.js';
import { largestRepeatedGroup } from './page-type/features.js';
import type { ArticleBody } from './text.js';

/** Containers a page marks its article with, most explicit first. */
const ARTICLE_ELEMENTS = ['[itemprop~="articleBody" i]', 'article', '[role="main" i]', 'main'];

/**
 * The body from a JSON-LD articleBody. It is plain text with newlines
 * between paragraphs, or (from some CMSs) HTML; either way it goes through
 * the same cleaning as a page body.
 */
export function jsonLdBody(articleBody: string, baseUrl: string, hints: ArticleHints): ArticleBody {
  const html = /<\/?(?:p|br|div|h[1-6]|ul|li)\b/i.test(articleBody)
    ? articleBody
    : articleBody
        .split(/\n\s*\n|\r?\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
        .join('');
  return buildArticleBody(parseFragment(html), baseUrl, hints);
}

/**
 * The body from the page's declared article element ([itemprop=articleBody],
 * <article>, <main>), cleaned like Readability's pick. For pages where
 * Readability's scoring finds no candidate: short articles, odd markup.
 * Parses the page again because Readability has rewritten the first parse.
 */
export function articleElementBody(html: string, url: string, hints: ArticleHints): ArticleBody | null {
  const { document, baseUrl } = parsePage(html, url);
  for (const selector of ARTICLE_ELEMENTS) {
    const element = document.querySelector(selector);
    if (element) return buildArticleBody(element, baseUrl, hints);
  }
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The body of a list page (a listing, a collection) from its largest group
 * of items (page-type/features.ts repeatedGroup): the element that holds
 * them, cleaned like Readability's pick. Readability looks for prose and
 * finds none on such a page, though its list is what it is for.
 */
export function listBody(html: string, url: string, hints: ArticleHints): ArticleBody | null {
  const { document, baseUrl } = parsePage(html, url);
  const body = document.body;
  const group = body ? largestRepeatedGroup(body) : null;
  const holder = group?.[0]?.parentElement;
  return holder ? buildArticleBody(holder, baseUrl, hints) : null;
}
