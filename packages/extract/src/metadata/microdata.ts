import { cleanPlainText, cleanText } from '../strings.js';

/** The schema.org microdata (itemprop attributes) this package uses, cleaned but not yet validated. */
export interface Microdata {
  headline: string | null;
  authors: string[];
  datePublished: string | null;
  dateModified: string | null;
  image: string | null;
  publisherName: string | null;
  section: string | null;
  keywords: string[];
  inLanguage: string | null;
}

/** The article's item type: microdata properties inside its scope are the article's, not a teaser's. */
const ARTICLE_TYPE = /Article|BlogPosting/i;

/** The elements microdata is read from. */
export const MICRODATA_SELECTOR = '[itemprop], [itemscope]';

/**
 * Reads microdata from the page: inside the first article item scope when
 * there is one, else anywhere on the page. Values come from the attribute
 * HTML defines for each element (content, datetime, href, src), else from
 * the element's text. `marked`: the elements MICRODATA_SELECTOR matches, in
 * document order, when the caller has already walked the page for them.
 */
export function readMicrodata(document: Document, marked: readonly Element[] = [...document.querySelectorAll(MICRODATA_SELECTOR)]): Microdata {
  // One walk of the document: css-select walks the whole tree for every query, and pages are big.
  const scope = marked.find((element) => element.hasAttribute('itemscope') && ARTICLE_TYPE.test(element.getAttribute('itemtype') ?? ''));
  const props = marked.filter((element) => element.hasAttribute('itemprop') && (!scope || scope.contains(element)));
  const named = (name: string): Element[] => props.filter((element) => hasProp(element, name));
  const first = (name: string): Element | null => named(name)[0] ?? null;
  /** The element itself, or for a nested item its `inner` property (a Person's name, an ImageObject's url). */
  const inner = (element: Element | null, ...names: string[]): Element | null => {
    if (!element?.hasAttribute('itemscope')) return element;
    return props.find((candidate) => element.contains(candidate) && candidate !== element && names.some((name) => hasProp(candidate, name))) ?? null;
  };
  const authors = [...named('author'), ...named('creator')].flatMap((element) => {
    const name = cleanText(valueOf(inner(element, 'name')));
    return name ? [name] : [];
  });
  const keywords = valueOf(first('keywords'));
  return {
    headline: cleanPlainText(valueOf(first('headline'))),
    authors,
    // Inside an article's scope its datePublished, then its dateCreated (which templates leave at "0001-01-01").
    // Without one, both say when an item was made, and the first in the page is the main item's: a question's
    // dateCreated before its answers' datePublished.
    datePublished: cleanText(valueOf(scope ? (first('datePublished') ?? first('dateCreated')) : (props.find((element) => hasProp(element, 'datePublished') || hasProp(element, 'dateCreated')) ?? null))),
    dateModified: cleanText(valueOf(first('dateModified'))),
    image: cleanText(valueOf(inner(first('image'), 'url', 'contentUrl'))),
    publisherName: cleanText(valueOf(inner(first('publisher'), 'name'))),
    section: cleanText(valueOf(first('articleSection'))),
    keywords: keywords ? [keywords] : [],
    inLanguage: cleanText(valueOf(first('inLanguage'))),
  };
}

function hasProp(element: Element, name: string): boolean {
  const lower = name.toLowerCase();
  return (element.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/).includes(lower);
}

/** The value of a microdata property element, as the HTML spec defines it per element type. */
function valueOf(element: Element | null): string | null {
  if (!element) return null;
  const tag = element.localName.toLowerCase();
  if (element.hasAttribute('content')) return element.getAttribute('content');
  if (tag === 'time' || tag === 'data') return element.getAttribute('datetime') ?? element.getAttribute('value') ?? element.textContent;
  if (['a', 'link', 'area'].includes(tag)) return element.getAttribute('href');
  if (['img', 'source', 'video', 'audio', 'embed', 'iframe'].includes(tag)) return element.getAttribute('src');
  if (tag === 'meta') return null;
  return element.textContent;
}
