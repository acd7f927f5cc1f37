/**
 * Pages that have taken extractors down elsewhere. Each must end in a record
 * or a TidingsError well inside the default TIDINGS_EXTRACT_TIMEOUT_MS
 * (20 s): the vitest timeout of each test is that budget. The worker-thread
 * pool in services/extractor enforces it for real, by stopping the thread.
 */
import { TidingsError } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_HTML_CHARS } from './slim-page.js';
import { BODY_PARAGRAPHS } from './fixtures/build-page.js';
import { extractArticle, type ExtractionResult } from './index.js';

const BUDGET = { timeout: 20_000 };
const URL_ = 'https://news.example.org/page';
const PROSE = BODY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');

function outcome(html: string): ExtractionResult | TidingsError {
  try {
    return extractArticle(html, { url: URL_ });
  } catch (error) {
    if (error instanceof TidingsError) return error;
    throw error;
  }
}

describe('pathological pages end in a record or a clear error', () => {
  it('a <div> with a 320,000-name class and 32,000 attributes: read by linkedom, not handed to the jsdom fallback', BUDGET, () => {
    const attributes = Array.from({ length: 32_000 }, (_, index) => `data-a${index}="${index}"`).join(' ');
    const html = `<html><head><title>Night buses</title></head><body><article>${PROSE}</article><div class="${'a '.repeat(160_000)}lead" ${attributes}><img src="a.jpg" alt="${'c'.repeat(100_000)}"></div></body></html>`;
    const result = outcome(html);
    if (result instanceof TidingsError) throw result;
    expect(result.extraction.engine).toBe('linkedom');
    expect(result.text).toContain(BODY_PARAGRAPHS[0]!.slice(0, 40));
  });

  it('10 MB of HTML: read up to the size cap, with a lower confidence', BUDGET, () => {
    const filler = `<div class="story"><p>${'More words about the night buses and the council budget. '.repeat(6)}</p></div>\n`;
    const html = `<html><head><script>${'var x = 1;'.repeat(200_000)}</script></head><body><article>${PROSE}${filler.repeat(Math.ceil(8_000_000 / filler.length))}</article></body></html>`;
    expect(html.length).toBeGreaterThan(10_000_000);
    const result = outcome(html) as ExtractionResult;
    expect(result.text.startsWith(BODY_PARAGRAPHS[0] ?? '?')).toBe(true);
    expect(result.text.length).toBeLessThan(MAX_HTML_CHARS);
    expect(result.extraction.confidence).toBeLessThan(0.8);
  });

  it('a 3 MB photo inlined as a data: URI before the story: the inlined file goes, the story is read', BUDGET, () => {
    const photo = `<img src="data:image/jpeg;base64,${'QUJD'.repeat(750_000)}" alt="Depot">`;
    const result = outcome(`<html><head><title>Night buses</title></head><body><header>${photo}</header><article>${PROSE}</article></body></html>`);
    if (result instanceof TidingsError) throw result;
    expect(result.text.startsWith(BODY_PARAGRAPHS[0] ?? '?')).toBe(true);
    expect(result.imageUrl).toBeNull();
  });

  it('3 MB of markup before the story: a too-large error that says so, not "no article" on a page that has one', BUDGET, () => {
    const menu = `<nav>${'<a href="/section">A section of the site</a>'.repeat(70_000)}</nav>`;
    expect(menu.length).toBeGreaterThan(MAX_HTML_CHARS);
    const result = outcome(`<html><head><title>Night buses</title></head><body>${menu}<article>${PROSE}</article></body></html>`);
    expect(result).toBeInstanceOf(TidingsError);
    expect(result).toMatchObject({ code: 'too-large', permanent: true });
    expect((result as Error).message).toMatch(/ has over 2,000,000 characters of markup besides its scripts, styles and comments, and the first 2,000,000 \(all that is read of a page\) hold no article text \(\d+ characters\)$/);
  });

  it('50,000 nested <div>s', BUDGET, () => {
    const result = outcome(`<html><body>${'<div>'.repeat(50_000)}${PROSE}</body></html>`) as ExtractionResult;
    expect(result.text).toBe(BODY_PARAGRAPHS.join('\n\n'));
  });

  it('30,000 short paragraphs beside the story and 30,000 FAQ headings after it, in one parent: linear, not quadratic', BUDGET, () => {
    // Readability appends each short sentence beside its pick (a sibling), and fetched the parent's children again
    // after each one (linkedom walks them all): minutes. The introduction and FAQ searches walk the page once.
    const story = Array.from({ length: 3 }, () => PROSE).join('');
    const html = `<html><body><div><h1>Night buses</h1>${'<p>Short.</p>'.repeat(30_000)}<div class="story">${story}</div>${'<div><h2>FAQ</h2><p>x</p></div>'.repeat(30_000)}</div></body></html>`;
    const result = outcome(html) as ExtractionResult;
    expect(result.text).toContain(BODY_PARAGRAPHS[0]);
  });

  it('no <body>: text straight under <html> is found, an empty page is not an article', BUDGET, () => {
    expect((outcome(`<html><head><title>Night buses</title></head>${PROSE}</html>`) as ExtractionResult).text).toBe(BODY_PARAGRAPHS.join('\n\n'));
    const empty = outcome('<html><head><title>Nothing</title></head></html>');
    expect(empty).toBeInstanceOf(TidingsError);
    expect(empty).toMatchObject({ code: 'not-an-article', permanent: true });
  });

  it('binary served as text/html', BUDGET, () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256));
    const error = outcome(bytes.toString('latin1'));
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'not-an-article', permanent: true });
    expect((error as Error).message).toMatch(/binary content, not HTML/);
  });

  it('broken encodings: a few undecodable bytes still give a record, a page of them a clear error', BUDGET, () => {
    // UTF-8 bytes read as Latin-1 (mojibake, repaired in the body: mojibake.ts) and Latin-1 bytes read as UTF-8 (U+FFFD here and there).
    const mojibake = Buffer.from(`<html><body>${PROSE.replace(/the/g, 'thé')}</body></html>`, 'utf8').toString('latin1');
    expect((outcome(mojibake) as ExtractionResult).text).toContain('thé');
    const replaced = Buffer.from(`<html><body>${PROSE.replace(/the/g, 'thé')}</body></html>`, 'latin1').toString('utf8');
    expect((outcome(replaced) as ExtractionResult).text).toContain('th\uFFFD');
    const garbage = outcome(`<html><body><p>${'\uFFFD\uFFFD a'.repeat(2000)}</p></body></html>`);
    expect(garbage).toMatchObject({ code: 'not-an-article' });
    expect((garbage as Error).message).toMatch(/undecodable text/);
  });

  it('stray NUL characters in the markup, text and metadata: a record that holds none (PostgreSQL refuses NUL)', BUDGET, () => {
    const head = '<title>Night\u0000 buses</title><meta name="description" content="A route\u0000 cut"><meta name="author" content="Ada\u0000 Lovelace">';
    const html = `<html><head>${head}</head><body><article><p>The\u0000 council</p>${PROSE}</article></body></html>`;
    const result = outcome(html);
    if (result instanceof TidingsError) throw result;
    expect(JSON.stringify(result)).not.toContain('\\u0000');
    expect(result.title).toBe('Night buses');
    expect(result.text).toContain('The council');
  });
});
