import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { parsePage } from './dom.js';
import { BODY_PARAGRAPHS } from './fixtures/build-page.js';

/**
 * What this package's patch of Readability (patches/@mozilla__readability@0.6.0.patch) changes
 * in how it works, checked against what it did before; readability.test.ts checks its results.
 */
const page = (body: string): Document => parsePage(`<html><head><title>T</title></head><body>${body}</body></html>`, 'https://e.org/a').document;

type Snapshotting = { innerHTMLSnapshot?: () => () => string };

describe('Readability as patched: the page kept for a retry', () => {
  // Under 500 characters the first attempt fails and the retries start again from the page as it was: the
  // comment box that the first attempt removed as unlikely, the lead that it moved into its pick.
  const short = '<p>A short note of a little more than a hundred characters, which is less than Readability wants at first.</p>';
  const body = `<div class="comment">${short}</div><div class="lead"><p>Lead, <b>bold</b> &amp; plain.</p></div><div class="sidebar"><a href="/x">Other stories</a></div>`;

  it('serialises the page only for a retry, and retries on the page as its eager copy would give it', () => {
    const deferred = page(body);
    const eager = page(body);
    // An own property shadows linkedom's method: Readability takes the page's HTML at once, as unpatched.
    (eager.body as unknown as Snapshotting).innerHTMLSnapshot = undefined;
    let reads = 0;
    const recorded = (deferred.body as unknown as Required<Snapshotting>).innerHTMLSnapshot.call(deferred.body);
    (deferred.body as unknown as Snapshotting).innerHTMLSnapshot = () => () => {
      reads += 1;
      return recorded();
    };
    const fromDeferred = new Readability(deferred).parse();
    const fromEager = new Readability(eager).parse();
    expect(reads).toBeGreaterThan(0);
    expect(fromDeferred?.content).toBe(fromEager?.content);
    expect(fromDeferred?.content).toContain('A short note');
  });

  it('never serialises a page whose first attempt finds enough', () => {
    // Twice the three paragraphs: over Readability's 500 characters.
    const document = page([...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS].map((text) => `<p>${text}</p>`).join(''));
    let reads = 0;
    const snapshot = (document.body as unknown as Required<Snapshotting>).innerHTMLSnapshot.call(document.body);
    (document.body as unknown as Snapshotting).innerHTMLSnapshot = () => () => {
      reads += 1;
      return snapshot();
    };
    expect(new Readability(document).parse()?.textContent).toContain(BODY_PARAGRAPHS[0]?.slice(0, 40));
    expect(reads).toBe(0);
  });
});
