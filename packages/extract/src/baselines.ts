/**
 * Plain Readability, without anything this package adds, for the benchmark
 * (test/bench/extract.ts) to compare against. Not used by extractArticle.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { loadJsdom } from './dom.js';

/**
 * The benchmark's published readability_js setup, exactly: `new JSDOM(html,
 * {url: 'https://fake-url.com'})`, then `new Readability(doc).parse()`'s
 * textContent. The window is not closed, as in that setup.
 */
export function plainReadabilityOnJsdom(html: string): string {
  const { JSDOM } = loadJsdom();
  const doc = new JSDOM(html, { url: 'https://fake-url.com' }).window.document;
  return new Readability(doc).parse()?.textContent ?? '';
}

/** The same on linkedom's DOM. */
export function plainReadabilityOnLinkedom(html: string): string {
  const { document } = parseHTML(html) as unknown as { document: Document };
  return new Readability(document).parse()?.textContent ?? '';
}
