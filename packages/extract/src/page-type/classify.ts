/**
 * What kind of page this is, from the features of features.ts: each type
 * collects points from the evidence for it (declared types, URL path words,
 * page structure), the type with most points wins, and the confidence is
 * its softmax share. Hand-set, few and explainable: see the package README
 * for how they were chosen and the held-out accuracy.
 */
import type { PageType } from '@tidings/contracts';
import type { PageFeatures } from './features.js';

export interface PageTypeGuess {
  pageType: PageType;
  /** 0..1: the winner's share of the softmax over every type's points. */
  confidence: number;
}

const ARTICLE_TYPES = new Set(['article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'report', 'scholarlyarticle', 'liveblogposting', 'posting']);
const FORUM_TYPES = new Set(['discussionforumposting', 'qapage']);
const DOC_TYPES = new Set(['techarticle', 'apireference', 'softwaresourcecode']);
const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct']);
const OFFER_TYPES = new Set(['offer', 'aggregateoffer']);
const LIST_TYPES = new Set(['itemlist', 'collectionpage', 'offercatalog', 'searchresultspage']);

/** Path words that name a kind of page, in many sites' URL schemes. */
const PATH_WORDS = {
  article: new Set(['blog', 'news', 'article', 'articles', 'post', 'posts', 'story', 'stories', 'insights', 'resources', 'magazine']),
  forum: new Set(['forum', 'forums', 'thread', 'threads', 'topic', 'topics', 'viewtopic', 'showthread', 'questions', 'community', 'discussion', 'discussions', 't', 'board', 'boards', 'discuss']),
  docsStrong: new Set(['docs', 'doc', 'documentation', 'reference', 'api', 'manual', 'man', 'wiki', 'handbook', 'std']),
  docsWeak: new Set(['guide', 'guides', 'tutorial', 'tutorials', 'learn', 'book', 'library', 'developer', 'developers', 'spec']),
  product: new Set(['product', 'products', 'p', 'item', 'itm', 'dp', 'app', 'shop', 'store', 'buy']),
  collection: new Set(['c', 'cat', 'category', 'categories', 'collections', 'collection', 'browse', 'l', 'department', 'shop', 's', 'catalog', 'catalogue', 'b']),
  listing: new Set(['category', 'tag', 'tags', 'news', 'blog', 'archive', 'archives', 'page', 'topics', 'section', 'latest', 'articles', 'posts', 'magazine', 'jobs', 'events']),
  service: new Set(['services', 'service', 'solutions', 'solution', 'pricing', 'features', 'about', 'platform', 'products', 'consulting', 'contact', 'agency', 'company']),
};

export interface ClassifyContext {
  /** The page is the link of a feed item (the pipeline's case), not a page met on its own. */
  fromFeedItem?: boolean;
}

/**
 * Points for an article when a feed item links the page. WCXB has no feed
 * items, so this is not part of the measured accuracy: it makes dropping a
 * real article (the costly mistake in the pipeline: it is lost) rarer than
 * keeping a listing a feed links to (an extra record). At 2 points, 7 of the
 * 181 article-extraction pages, each given as a feed item's link, were
 * refused as listings or service pages; at 6, one is.
 */
const FEED_ITEM_POINTS = 6;

const TYPES: readonly PageType[] = ['article', 'forum', 'documentation', 'product', 'collection', 'listing', 'service'];

/** Classifies a page from its features. Pure. */
export function classifyPage(f: PageFeatures, context: ClassifyContext = {}): PageTypeGuess {
  const points = scorePage(f, context);
  let best: PageType = 'article';
  for (const type of TYPES) if (points[type] > points[best]) best = type;
  const exp = TYPES.map((type) => Math.exp(points[type] - points[best]));
  const confidence = 1 / exp.reduce((a, b) => a + b, 0);
  return { pageType: best, confidence: Math.round(confidence * 100) / 100 };
}

/** Every type's points; exported for the tests and the benchmark's diagnostics. */
export function scorePage(f: PageFeatures, context: ClassifyContext = {}): Record<PageType, number> {
  const s: Record<PageType, number> = { article: 0, forum: 0, documentation: 0, product: 0, collection: 0, listing: 0, service: 0 };
  const types = new Set(f.schemaTypes);
  const has = (set: ReadonlySet<string>): boolean => f.schemaTypes.some((type) => set.has(type));
  const path = (set: ReadonlySet<string>): boolean => f.pathWords.some((word) => set.has(word));
  const og = f.ogType ?? '';
  const text = Math.max(f.textChars, 1);
  const linkDensity = f.linkChars / text;
  const prose = f.proseChars / text;
  // 1 on a page without prose, 0 once prose is half its text: lists and grids are pages of items, not of paragraphs.
  const itemPage = 1 - Math.min(prose / 0.5, 1);

  // An article: declared, dated, authored, and mostly running prose.
  if (has(ARTICLE_TYPES)) s.article += 1.5;
  if (og === 'article') s.article += 0.8;
  if (f.datedPath) s.article += 1.5;
  if (f.declaredAuthor) s.article += 1.5;
  if (f.declaredDate) s.article += 1.5;
  s.article += 6 * Math.min(prose, 0.6) + Math.min(f.longParagraphs, 15) * 0.08 - 2;
  if (path(PATH_WORDS.article)) s.article += 1;
  // An article's paragraphs run in one column; a landing page spreads short ones over many blocks.
  s.article += 3 * f.proseConcentration - 1.5;
  // A link from a feed item points at an article far more often than not.
  if (context.fromFeedItem) s.article += FEED_ITEM_POINTS;

  // A service or landing page: the default for a site's own pages without the marks of the others.
  s.service += 1;
  s.service += 0.5 * Math.min(f.headings / Math.max(1, f.longParagraphs), 3);
  if (f.sections >= 5) s.service += 0.5;
  if (f.pathDepth === 0) {
    s.service += 1.5;
    s.listing += 0.8;
    s.article -= 2;
  }
  if (f.pathDepth === 1) s.service += 0.5;
  if (path(PATH_WORDS.service)) s.service += 1.5;
  if (og === 'website') s.service += 0.3;

  // A forum or Q&A thread: declared, in a forum's URL, or a run of posts.
  if (has(FORUM_TYPES)) s.forum += 4;
  else if (types.has('question') && !types.has('faqpage')) s.forum += 2;
  if (path(PATH_WORDS.forum)) s.forum += 2.5;
  s.forum += Math.min(f.postBlocks, 10) * 0.3;
  if (f.timeElements >= 4 && f.articleElements >= 3) s.forum += 1;

  // Documentation: a docs URL, code blocks, prose.
  if (has(DOC_TYPES)) s.documentation += 1;
  if (path(PATH_WORDS.docsStrong)) s.documentation += 2.5;
  else if (path(PATH_WORDS.docsWeak)) s.documentation += 1;
  s.documentation += Math.min(f.codeBlocks, 8) * 0.4 + 1.5 * Math.min(prose, 0.5);

  // One product: declared, priced, with a cart.
  if (has(PRODUCT_TYPES)) s.product += 3;
  if (has(OFFER_TYPES)) s.product += 0.5;
  if (og.startsWith('product') && og !== 'product.group') s.product += 2.5;
  if (og === 'product.group') s.collection += 2.5;
  if (path(PATH_WORDS.product)) s.product += 1;
  if (f.cartControls >= 1) s.product += 1.5;
  if (f.prices >= 1 && f.prices <= 12) s.product += 0.8;

  // A collection (a grid of priced products) or a listing (a list of articles or items): repeated cards, little prose.
  if (has(LIST_TYPES)) {
    s.collection += 1;
    s.listing += 1;
  }
  if (path(PATH_WORDS.collection)) s.collection += 1.5;
  if (f.repeatedItems >= 6) {
    if (f.repeatedWithPrice >= 4) s.collection += 3.5;
    else s.listing += 3 * itemPage;
    if (f.repeatedWithDate >= 3) s.listing += 1.5 * itemPage;
  }
  if (f.prices >= 15) s.collection += 1.5;
  if (f.articleElements >= 4) s.listing += 1.5 * itemPage;
  if (path(PATH_WORDS.listing) && !f.datedPath) s.listing += itemPage;
  if (linkDensity > 0.4) {
    s.listing += (1.5 * (linkDensity - 0.4)) / 0.3;
    s.collection += (linkDensity - 0.4) / 0.3;
  }
  return s;
}
