import { Readability } from '@mozilla/readability';

/** What this package takes from Readability. */
export interface ReadabilityOutcome {
  /** The article body element, still attached to the parsed document; null when nothing was found. */
  content: Element | null;
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
}

/**
 * Runs Readability on a parsed page. It rewrites the document, so read the
 * metadata first. The body comes back as an element (not a string) so the
 * furniture cleaner can work on the tree before anything is serialised.
 */
export function runReadability(document: Document): ReadabilityOutcome {
  const reader = new Readability<Element>(document, {
    // The element itself: serialising and re-parsing would double the cost.
    serializer: (node) => node as Element,
    // Class names tell captions and furniture apart (content/*); the sanitiser drops them afterwards.
    keepClasses: true,
  });
  const article = reader.parse();
  return {
    content: article?.content ?? null,
    title: article?.title ?? null,
    byline: article?.byline ?? null,
    publishedTime: article?.publishedTime ?? null,
  };
}

/**
 * Elements that never hold the article, removed before Readability walks the
 * page: hidden ones (Readability drops them too, one style lookup per node
 * later), <nav>, <aside> and <footer>, which it removes from its pick anyway
 * (content/furniture.ts removes <nav>), and the page's <header> (not an
 * article's, which holds the byline). Fewer nodes make every
 * one of its passes cheaper; the choice of the article is unchanged or better,
 * as navigation links no longer dilute a container's score.
 */
export function pruneForReadability(document: Document): void {
  const body = document.body;
  if (!body) return;
  for (const element of [...body.querySelectorAll('nav, aside, footer, header, [hidden], [aria-hidden="true"]')]) {
    if (!body.contains(element) || element.querySelector('article, main')) continue;
    // The article's own header holds its byline, which Readability reads: only the page's header goes.
    if (element.localName.toLowerCase() === 'header' && (element.closest('article, main') || element.querySelector('h1'))) continue;
    element.remove();
  }
}
