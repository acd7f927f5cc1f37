import { cleanPlainText, cleanText } from '../strings.js';

/** A person or organisation named as an author in JSON-LD. */
export interface JsonLdAuthor {
  name: string;
  isOrganisation: boolean;
}

/** The article node of a page's JSON-LD, reduced to what this package uses. */
export interface JsonLdArticle {
  /** The schema.org type that made it an article: "NewsArticle", "BlogPosting"... */
  type: string;
  headline: string | null;
  description: string | null;
  authors: JsonLdAuthor[];
  datePublished: string | null;
  dateModified: string | null;
  publisherName: string | null;
  image: string | null;
  keywords: string[];
  section: string | null;
  inLanguage: string | null;
  url: string | null;
  /** The article's full text as the page declares it (raw, not cleaned), when it does. */
  articleBody: string | null;
}

export interface JsonLd {
  /** The page's article, or null when no JSON-LD node is an article type. */
  article: JsonLdArticle | null;
  /**
   * The page's own node (WebPage, ItemPage, MedicalWebPage...), read like an
   * article: many sites date and credit the page, not an Article node.
   */
  page: JsonLdArticle | null;
  /** The name of a WebSite node, a fallback for the site name. */
  websiteName: string | null;
  /** Every schema.org type the page's JSON-LD declares, lower-cased ("product", "qapage"...): a page-type hint. */
  types: string[];
}

/** schema.org types that describe one article (Article and its news/blog subtypes). */
const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'satiricalarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'techarticle',
  'scholarlyarticle',
  'report',
]);

type JsonObject = Record<string, unknown>;

/** A page node is worth reading when it carries one of these. */
const PAGE_FIELDS = ['datePublished', 'dateModified', 'author'];

/**
 * Reads every <script type="application/ld+json"> of the page; broken blocks
 * are skipped. `scripts`: the page's <script type> elements in document order
 * when the caller has already walked the page for them (metadata/index.ts).
 */
export function readJsonLd(document: Document, scripts: Iterable<Element> = document.querySelectorAll('script[type]')): JsonLd {
  const nodes: JsonObject[] = [];
  for (const script of scripts) {
    if (!/^application\/ld\+json\b/i.test(script.getAttribute('type')?.trim() ?? '')) continue;
    const data = parseLenient(script.textContent ?? '');
    if (data !== undefined) collectNodes(data, nodes);
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  }
  const resolve = (value: unknown): unknown => {
    if (isObject(value) && typeof value['@id'] === 'string' && value['@type'] === undefined) {
      return byId.get(value['@id']) ?? value;
    }
    return value;
  };

  // Pages that list related stories in JSON-LD too usually describe their own article first;
  // one with a headline beats a bare stub.
  const articles = nodes.filter((node) => articleType(node) !== null);
  const articleNode = articles.find((node) => node['headline'] !== undefined) ?? articles[0];
  const website = nodes.find((node) => typesOf(node).includes('website'));
  const pageNode = nodes.find((node) => typesOf(node).some((type) => type.endsWith('page')) && PAGE_FIELDS.some((field) => node[field] !== undefined));
  return {
    article: articleNode ? toArticle(articleNode, resolve) : null,
    page: pageNode ? toArticle(pageNode, resolve) : null,
    websiteName: website ? cleanText(firstString(website['name'])) : null,
    types: [...new Set(nodes.flatMap(typesOf))],
  };
}

/**
 * JSON.parse that forgives what CMS templates get wrong: HTML comment or
 * CDATA wrappers, raw newlines inside strings, trailing commas.
 */
function parseLenient(text: string): unknown {
  const stripped = text
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    // Control characters are illegal inside JSON strings and harmless as spaces outside them.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f]+/g, ' ');
  try {
    return JSON.parse(stripped) as unknown;
  } catch {
    try {
      return JSON.parse(stripped.replace(/,\s*([}\]])/g, '$1')) as unknown;
    } catch {
      return undefined;
    }
  }
}

/** Flattens arrays, @graph containers and mainEntity wrappers into a list of nodes. */
function collectNodes(value: unknown, into: JsonObject[], depth = 0): void {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  into.push(value);
  if (value['@graph'] !== undefined) collectNodes(value['@graph'], into, depth + 1);
  // A WebPage often carries the article as its mainEntity instead of in the graph.
  if (isObject(value['mainEntity']) || Array.isArray(value['mainEntity'])) collectNodes(value['mainEntity'], into, depth + 1);
}

function toArticle(node: JsonObject, resolve: (value: unknown) => unknown): JsonLdArticle {
  const publisher = resolve(firstItem(node['publisher']));
  return {
    type: articleType(node) ?? 'Article',
    headline: cleanPlainText(firstString(node['headline'])) ?? cleanPlainText(firstString(node['name'])),
    description: cleanPlainText(firstString(node['description'])),
    authors: asList(node['author'] ?? node['creator']).flatMap((item) => toAuthor(resolve(item))),
    datePublished: cleanText(firstString(node['datePublished'])) ?? cleanText(firstString(node['dateCreated'])),
    dateModified: cleanText(firstString(node['dateModified'])),
    publisherName: isObject(publisher) ? cleanText(firstString(publisher['name'])) : cleanText(firstString(publisher)),
    image: imageUrl(resolve(firstItem(node['image']))) ?? imageUrl(resolve(firstItem(node['thumbnailUrl']))),
    keywords: asList(node['keywords']).flatMap((item) => (typeof item === 'string' ? [item] : [])),
    section: cleanText(firstString(node['articleSection'])),
    inLanguage: cleanText(firstString(node['inLanguage'])),
    url: cleanText(firstString(node['url'])),
    articleBody: typeof node['articleBody'] === 'string' ? node['articleBody'] : null,
  };
}

function toAuthor(value: unknown): JsonLdAuthor[] {
  if (typeof value === 'string') {
    const name = cleanText(value);
    return name ? [{ name, isOrganisation: false }] : [];
  }
  if (!isObject(value)) return [];
  const name = cleanText(firstString(value['name']));
  if (!name) return [];
  return [{ name, isOrganisation: typesOf(value).some((type) => type === 'organization' || type === 'newsmediaorganization') }];
}

function imageUrl(value: unknown): string | null {
  if (typeof value === 'string') return cleanText(value);
  if (!isObject(value)) return null;
  return cleanText(firstString(value['url'])) ?? cleanText(firstString(value['contentUrl']));
}

/** The node's article type with its schema.org spelling, or null when it is not an article. */
function articleType(node: JsonObject): string | null {
  const raw = asList(node['@type']).find(
    (type): type is string => typeof type === 'string' && ARTICLE_TYPES.has(shortType(type)),
  );
  return raw === undefined ? null : (raw.split(/[/:#]/).pop() ?? raw);
}

/** "http://schema.org/NewsArticle" and "schema:NewsArticle" -> "newsarticle". */
function shortType(type: string): string {
  return (type.split(/[/:#]/).pop() ?? type).toLowerCase();
}

function typesOf(node: JsonObject): string[] {
  return asList(node['@type']).flatMap((type) => (typeof type === 'string' ? [shortType(type)] : []));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function firstItem(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** The value when it is a string, or the first string of an array (some sites list one headline per language). */
function firstString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string') ?? null;
  return null;
}
