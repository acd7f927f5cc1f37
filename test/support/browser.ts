import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the browser tests leave their screenshots. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Waits for the page to catch up; generous, as a loaded CI machine can be slow (this bounds a wait, it asserts no timing). */
export const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Headless Debian Chromium, each launch with a new, empty, temporary profile. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  } catch (error) {
    throw new Error(`the browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium): ${(error as Error).message}`);
  }
}

/** What sticks out of the viewport on the right. */
export interface Overflow {
  /** The page's width and the viewport's (without its scroll bar): a wider page scrolls sideways. */
  scrollWidth: number;
  clientWidth: number;
  /** Visible elements whose right edge is past the viewport, as `tag.class#id right=N`. */
  wide: string[];
}

/**
 * Measures what overflows the viewport: the page's scroll width, and every
 * visible element whose right edge passes the viewport's, except those inside
 * a container that clips or scrolls sideways and itself fits (seen by
 * scrolling that container, like the live strip's older articles).
 */
export function overflowOf(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth + 0.5;
    const fits = (element: Element) => element.getBoundingClientRect().right <= limit;
    const contained = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible' && fits(parent)) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const visible = box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
        return visible && !fits(element) && !contained(element);
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}#${element.id} right=${Math.round(element.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, wide };
  });
}

/** Asserts that nothing on the page overflows the viewport (see {@link overflowOf}). */
export async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const overflow = await overflowOf(page);
  expect(overflow.wide, where).toEqual([]);
  expect(overflow.scrollWidth, where).toBeLessThanOrEqual(overflow.clientWidth);
}

/**
 * Records the host of every request `page` makes; the hosts other than
 * `allowed` (127.0.0.1) are returned by the function it gives back.
 */
export function recordForeignRequests(page: Page, allowed = '127.0.0.1'): () => string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    // data:, blob: and about: URLs load nothing from anywhere.
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.hostname !== allowed) foreign.push(request.url());
  });
  return () => [...foreign];
}
