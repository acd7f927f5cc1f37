import { describe, expect, it } from 'vitest';
import { articleId, normaliseUrl } from './index.js';

describe('normaliseUrl', () => {
  it('drops tracking parameters, fragments and default ports, lower-cases the host', () => {
    expect(normaliseUrl('HTTPS://News.Example.ORG:443/a/b?utm_source=x&id=3&fbclid=1#top')).toBe('https://news.example.org/a/b?id=3');
    expect(normaliseUrl('http://example.org:80/x?gclid=abc&utm_medium=rss')).toBe('http://example.org/x');
  });

  it('keeps meaningful parameters, their order and non-default ports', () => {
    expect(normaliseUrl('http://127.0.0.1:8080/story?b=2&a=1')).toBe('http://127.0.0.1:8080/story?b=2&a=1');
  });

  it('resolves relative links against a base', () => {
    expect(normaliseUrl('../b/c.html', 'http://example.org/a/feed.xml')).toBe('http://example.org/b/c.html');
  });

  it('drops the "?" of an empty query only, so that a URL normalises to itself (found by fuzzing)', () => {
    expect(normaliseUrl('https://example.org/a?')).toBe('https://example.org/a');
    // The query here is "?": the page differs from /a's, and the spelling must survive a second pass.
    expect(normaliseUrl('https://example.org/a??')).toBe('https://example.org/a??');
    expect(normaliseUrl(normaliseUrl('??', 'http:z')!)).toBe(normaliseUrl('??', 'http:z'));
  });

  it('rejects non-http schemes and garbage', () => {
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('mailto:a@b.c')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
  });

  it('gives the same article the same id however it was reached', () => {
    const a = normaliseUrl('https://example.org/story#comments');
    const b = normaliseUrl('https://EXAMPLE.org/story?utm_campaign=feed');
    expect(a).toBe(b);
    expect(articleId(a!)).toBe(articleId(b!));
    expect(articleId(a!)).toMatch(/^[0-9a-f]{16}$/);
  });
});
