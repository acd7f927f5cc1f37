import { describe, expect, it } from 'vitest';
import { BODY_PARAGRAPHS, buildPage } from './fixtures/build-page.js';
import { extractArticle } from './index.js';

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
