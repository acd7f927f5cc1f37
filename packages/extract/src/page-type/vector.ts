/**
 * The page features of features.ts as the numbers the page-type model
 * weighs (classify.ts): declared types and URL path words as 0/1, counts
 * on a log scale, shares as they are. One list, so the model, its fit
 * (test/bench/extract-page-type-fit.ts) and its explanation agree.
 */
import type { PageFeatures } from './features.js';

/** Schema.org types by the page type they point at. */
export const SCHEMA_TYPES = {
  article: new Set(['article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'report', 'scholarlyarticle', 'liveblogposting', 'posting']),
  forum: new Set(['discussionforumposting', 'qapage']),
  documentation: new Set(['techarticle', 'apireference', 'softwaresourcecode']),
  product: new Set(['product', 'productgroup', 'individualproduct']),
  offer: new Set(['offer', 'aggregateoffer']),
  list: new Set(['itemlist', 'collectionpage', 'offercatalog', 'searchresultspage']),
};

/** Path words that name a kind of page, in many sites' URL schemes. */
export const PATH_WORDS = {
  article: new Set(['blog', 'news', 'article', 'articles', 'post', 'posts', 'story', 'stories', 'insights', 'resources', 'magazine']),
  forum: new Set(['forum', 'forums', 'thread', 'threads', 'topic', 'topics', 'viewtopic', 'showthread', 'questions', 'community', 'discussion', 'discussions', 't', 'board', 'boards', 'discuss']),
  docsStrong: new Set(['docs', 'doc', 'documentation', 'reference', 'api', 'manual', 'man', 'wiki', 'handbook', 'std']),
  docsWeak: new Set(['guide', 'guides', 'tutorial', 'tutorials', 'learn', 'book', 'library', 'developer', 'developers', 'spec']),
  product: new Set(['product', 'products', 'p', 'item', 'itm', 'dp', 'app', 'shop', 'store', 'buy']),
  collection: new Set(['c', 'cat', 'category', 'categories', 'collections', 'collection', 'browse', 'l', 'department', 'shop', 's', 'catalog', 'catalogue', 'b']),
  listing: new Set(['category', 'tag', 'tags', 'news', 'blog', 'archive', 'archives', 'page', 'topics', 'section', 'latest', 'articles', 'posts', 'magazine', 'jobs', 'events']),
  service: new Set(['services', 'service', 'solutions', 'solution', 'pricing', 'features', 'about', 'platform', 'products', 'consulting', 'contact', 'agency', 'company']),
};

const log = (count: number): number => Math.log1p(count);
const flag = (value: boolean): number => (value ? 1 : 0);

/**
 * The inputs on a scale (counts on a log scale and shares), whose squares are inputs too: a linear model weighs
 * a count the same way from none to many, and the square lets the weight bend (a great many posts or links
 * apart from some, a middling prose share apart from none or all). Cross-validated over all WCXB-dev pages,
 * article vs not went from 94.4% to 94.8% (10 folds), 94.3% to 94.7% (10 folds, --seed 77) and 94.8% to 95.0%
 * (5 folds twice), seven-way 89.8/89.3/89.7% to 90.0/89.4/89.7%, article recall unchanged (96.9/96.6/97.0% to
 * 96.8/96.6/97.1%). Squares of the text scores as well did worse on the first split.
 */
const SQUARED = [
  'pathDepth',
  'slugWords',
  'articleLinks',
  'formFields',
  'inlineCode',
  'userLinks',
  'headlineWords',
  'listShare',
  'firstPersonPlural',
  'prose',
  'longParagraphs',
  'proseConcentration',
  'linkDensity',
  'textSize',
  'codeBlocks',
  'prices',
  'posts',
  'articleElements',
  'sections',
  'buttons',
  'times',
  'headingsPerParagraph',
  'repeated',
  'repeatedPriced',
  'repeatedImaged',
  'repeatedDated',
].map((name) => [name, `${name}Squared`] as const);

/** Every input of the model, by name, in a fixed order: those of structuralInputs, then the squares of SQUARED's. */
export function featureVector(f: PageFeatures): Record<string, number> {
  const inputs = structuralInputs(f);
  // The squares' names are made once, above: a name built per page is a new string each time, slower to look up.
  for (const [name, squared] of SQUARED) inputs[squared] = (inputs[name] ?? 0) ** 2;
  return inputs;
}

/** The inputs read straight from the features. */
function structuralInputs(f: PageFeatures): Record<string, number> {
  const has = (set: ReadonlySet<string>): boolean => f.schemaTypes.some((type) => set.has(type));
  const path = (set: ReadonlySet<string>): boolean => f.pathWords.some((word) => set.has(word));
  const og = f.ogType ?? '';
  const text = Math.max(f.textChars, 1);
  const prose = f.proseChars / text;
  const group = Math.max(1, Math.min(f.repeatedItems, 24));
  return {
    schemaArticle: flag(has(SCHEMA_TYPES.article)),
    schemaForum: flag(has(SCHEMA_TYPES.forum)),
    schemaQuestion: flag(f.schemaTypes.includes('question') && !f.schemaTypes.includes('faqpage')),
    schemaFaq: flag(f.schemaTypes.includes('faqpage')),
    schemaDocs: flag(has(SCHEMA_TYPES.documentation)),
    schemaProduct: flag(has(SCHEMA_TYPES.product)),
    schemaOffer: flag(has(SCHEMA_TYPES.offer)),
    schemaList: flag(has(SCHEMA_TYPES.list)),
    ogArticle: flag(og === 'article'),
    ogProduct: flag(og.startsWith('product') && og !== 'product.group'),
    ogProductGroup: flag(og === 'product.group'),
    ogWebsite: flag(og === 'website'),
    pathArticle: flag(path(PATH_WORDS.article)),
    pathForum: flag(path(PATH_WORDS.forum)),
    pathDocs: flag(path(PATH_WORDS.docsStrong)),
    pathDocsWeak: flag(path(PATH_WORDS.docsWeak)),
    pathProduct: flag(path(PATH_WORDS.product)),
    pathCollection: flag(path(PATH_WORDS.collection)),
    pathListing: flag(path(PATH_WORDS.listing)),
    pathService: flag(path(PATH_WORDS.service)),
    homePage: flag(f.pathDepth === 0),
    oneSegment: flag(f.pathDepth === 1),
    pathDepth: log(f.pathDepth),
    datedPath: flag(f.datedPath),
    slugWords: log(f.slugWords),
    pathEndsInListWord: flag(f.pathEndsInListWord),
    articleLinks: log(f.articleLinks),
    formFields: log(f.formFields),
    shareLinks: flag(f.shareLinks > 0),
    inlineCode: log(f.inlineCode),
    userLinks: log(f.userLinks),
    headlineWords: log(f.headlineWords),
    listShare: Math.min(f.listItemChars / text, 1),
    firstPersonPlural: Math.min((100 * f.firstPersonPlural) / Math.max(f.words, 1), 5),
    phone: flag(f.phoneNumbers > 0),
    declaredAuthor: flag(f.declaredAuthor),
    declaredDate: flag(f.declaredDate),
    printedDate: flag(f.printedDate),
    printedByline: flag(f.printedByline),
    prose: Math.min(prose, 1),
    longParagraphs: log(f.longParagraphs),
    proseConcentration: f.proseConcentration,
    linkDensity: Math.min(f.linkChars / text, 1),
    textSize: log(f.textChars) / 5,
    codeBlocks: log(f.codeBlocks),
    prices: log(f.prices),
    fewPrices: flag(f.prices >= 1 && f.prices <= 12),
    cart: flag(f.cartControls > 0),
    posts: log(f.postBlocks),
    articleElements: log(f.articleElements),
    sections: log(f.sections),
    buttons: log(f.buttons),
    times: log(f.timeElements),
    headingsPerParagraph: Math.min(f.headings / Math.max(1, f.longParagraphs), 3),
    repeated: log(f.repeatedItems),
    repeatedPriced: f.repeatedItems >= 4 ? Math.min(f.repeatedWithPrice / group, 1) : 0,
    repeatedImaged: f.repeatedItems >= 4 ? Math.min(f.repeatedWithImage / group, 1) : 0,
    repeatedDated: f.repeatedItems >= 4 ? Math.min(f.repeatedWithDate / group, 1) : 0,
  };
}
