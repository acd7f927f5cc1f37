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
  });
  const article = reader.parse();
  return {
    content: article?.content ?? null,
    title: article?.title ?? null,
    byline: article?.byline ?? null,
    publishedTime: article?.publishedTime ?? null,
  };
}
