import { describe, expect, it } from 'vitest';
import { BODY_PARAGRAPHS, buildPage } from './fixtures/build-page.js';
import { extractArticle } from './index.js';
import { listBody } from './fallbacks.js';

const URL_ = 'https://news.example.org/transport/night-buses';
const LONG = [...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS.map((p) => `Later, ${p.toLowerCase()}`), ...BODY_PARAGRAPHS.map((p) => `Finally, ${p.toLowerCase()}`)];

describe('fallbacks when Readability finds too little', () => {
  it("uses the page's JSON-LD articleBody when the visible page is a teaser of it", () => {
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Night buses', articleBody: LONG.join('\n\n') })}</script>`;
    const teaser = buildPage({ head, paragraphs: [BODY_PARAGRAPHS[0] ?? '', 'Subscribe to read the rest of this story.'] });
    const result = extractArticle(teaser, { url: URL_ });
    expect(result.extraction.method).toBe('fallback:json-ld');
    expect(result.text.split('\n\n')).toEqual(LONG);
    expect(result.html.startsWith(`<p>${BODY_PARAGRAPHS[0]}</p>`)).toBe(true);
  });

  it('keeps Readability when the JSON-LD articleBody is only a summary', () => {
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: BODY_PARAGRAPHS[0] })}</script>`;
    expect(extractArticle(buildPage({ head }), { url: URL_ }).extraction.method).toBe('readability');
  });

  it('reads the declared article element whole when Readability keeps only a teaser (text hidden behind "read more")', () => {
    const hidden = `<p>${BODY_PARAGRAPHS[0]}</p><div hidden>${LONG.slice(1).map((p) => `<p>${p}</p>`).join('')}</div>`;
    const html = `<html><body><nav><a href="/">Home</a></nav><article>${hidden}</article></body></html>`;
    const result = extractArticle(html, { url: URL_ });
    expect(result.extraction.method).toBe('fallback:article-element');
    expect(result.text.split('\n\n')).toEqual(LONG);
    expect(result.confidence).toBeLessThan(extractArticle(buildPage({ paragraphs: LONG }), { url: URL_ }).confidence);
  });
});

/** A jobs board's listing: a grid of postings, each a linked title and a line of detail, under a short introduction. */
function jobsListing(postings: number, intro = ''): string {
  const cards = Array.from(
    { length: postings },
    (_, n) =>
      `<div class="card"><h3><a href="/jobs/${n}-backend-engineer-role">Acme Robotics ${n} is hiring a backend engineer</a></h3><span class="meta">${n + 1} days ago · Remote · Full time</span></div>`,
  ).join('');
  return `<!DOCTYPE html><html><head><title>Jobs | Example Board</title></head><body>
    <nav><a href="/">Home</a> <a href="/jobs">Jobs</a> <a href="/about">About</a> <a href="/login">Log in</a></nav>
    <div class="page"><header class="hero"><h1>Jobs</h1>${intro}</header>
    <div class="results"><div class="grid">${cards}</div></div></div>
    <footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer></body></html>`;
}

const INTRO = `<div class="intro"><p>${BODY_PARAGRAPHS[0]} ${BODY_PARAGRAPHS[1]}</p><p>${BODY_PARAGRAPHS[2]}</p></div>`;

describe('the list of a listing page', () => {
  it('reads the largest group of items, each with a link and more than it: the postings, not the menus', () => {
    const lines = listBody(jobsListing(12), 'https://jobs.example.org/jobs', {})?.paragraphs.join('\n') ?? '';
    expect(lines).toContain('Acme Robotics 0 is hiring a backend engineer');
    expect(lines).toContain('Acme Robotics 11 is hiring a backend engineer');
    expect(lines).toContain('12 days ago · Remote · Full time');
    expect(lines).not.toMatch(/Log in|Privacy/u);
  });

  it('finds none on a page without a group of items', () => {
    expect(listBody(buildPage(), URL_, {})).toBeNull();
  });

  it("is a listing page's text when Readability keeps its short introduction and the list is more than twice as long", () => {
    const result = extractArticle(jobsListing(12, INTRO), { url: 'https://jobs.example.org/jobs' });
    expect(result.pageType).toBe('listing');
    expect(result.extraction.method).toBe('fallback:list');
    expect(result.text).toContain('Acme Robotics 11 is hiring a backend engineer');
    expect(result.text).not.toContain('night bus');
    // A shorter list leaves Readability's pick, the introduction.
    const few = extractArticle(jobsListing(4, INTRO), { url: 'https://jobs.example.org/jobs' });
    expect(few.extraction.method).toBe('readability');
    expect(few.text).toContain('night bus');
  });
});
