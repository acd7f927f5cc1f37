/**
 * Plain Readability, without anything Tidings adds, for bench:extract to
 * compare against. Benchmark-only: nothing in the pipeline uses it.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';

/** What plain Readability gives for a page: its text and its own metadata. */
export interface ReadabilityOutput {
  text: string;
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
}

const EMPTY: ReadabilityOutput = { text: '', title: null, byline: null, publishedTime: null };

/**
 * The article-extraction benchmark's published readability_js setup:
 * `new JSDOM(html, {url: 'https://fake-url.com'})`, then `new
 * Readability(doc).parse()` (the console is silenced: it only prints CSS
 * parse errors).
 */
export function plainReadabilityOnJsdom(html: string): ReadabilityOutput {
  const { window } = new JSDOM(html, { url: 'https://fake-url.com', virtualConsole: new VirtualConsole() });
  try {
    return outputOf(new Readability(window.document).parse());
  } finally {
    // Unlike the published setup, the window is closed: left open, 1,358 WCXB pages exhaust a 4 GB heap.
    window.close();
  }
}

/** The same on linkedom's DOM. */
export function plainReadabilityOnLinkedom(html: string): ReadabilityOutput {
  const { document } = parseHTML(html) as unknown as { document: Document };
  return outputOf(new Readability(document).parse());
}

function outputOf(article: ReturnType<Readability['parse']>): ReadabilityOutput {
  if (!article) return EMPTY;
  return { text: article.textContent ?? '', title: article.title ?? null, byline: article.byline ?? null, publishedTime: article.publishedTime ?? null };
}
