import { describe, expect, it } from 'vitest';
import { articleId, nonHttpScheme, normaliseUrl } from './index.js';

describe('normaliseUrl', () => {
  it('drops tracking parameters, fragments and default ports, lower-cases the host', () => {
    expect(normaliseUrl('HTTPS://News.Example.ORG:443/a/b?utm_source=x&id=3&fbclid=1#top')).toBe('https://news.example.org/a/b?id=3');
    expect(normaliseUrl('http://example.org:80/x?gclid=abc&utm_medium=rss')).toBe('http://example.org/x');
  });

  it('keeps the other parameters as written when it drops a tracking one', () => {
    expect(normaliseUrl('https://e.example/p?x=1;y=2&utm_campaign=z')).toBe('https://e.example/p?x=1;y=2');
    expect(normaliseUrl('https://e.example/p?flag&utm_medium=x')).toBe('https://e.example/p?flag');
    expect(normaliseUrl('https://e.example/search?q=a%20b&utm_source=rss&page=2')).toBe('https://e.example/search?q=a%20b&page=2');
    expect(normaliseUrl('https://e.example/p?path=/a/b:c&fbclid=1')).toBe('https://e.example/p?path=/a/b:c');
    expect(normaliseUrl('https://e.example/p?a=1&&utm%5Fsource=x&b=2')).toBe('https://e.example/p?a=1&b=2');
    // A name that begins with "?" is not the tracking name after it, and keeps its "?" (found by the url fuzz target).
    expect(normaliseUrl('http://xtp/x?gclid&??gclid&?.&&')).toBe('http://xtp/x???gclid&?.');
    expect(normaliseUrl('http://xtp/x???gclid&?.')).toBe('http://xtp/x???gclid&?.');
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

describe('nonHttpScheme', () => {
  it('names the scheme of an absolute URL that is not http(s), as URL spells it', () => {
    expect(nonHttpScheme('javascript:alert(1)')).toBe('javascript:');
    expect(nonHttpScheme(' JavaScript:void(0)', 'https://example.org/')).toBe('javascript:');
    // The URL parser drops tabs and newlines, as a browser does: this is still a javascript: link.
    expect(nonHttpScheme('java\tscript:alert(1)')).toBe('javascript:');
    expect(nonHttpScheme('data:text/html,<b>x</b>')).toBe('data:');
    expect(nonHttpScheme('vbscript:msgbox(1)')).toBe('vbscript:');
    expect(nonHttpScheme('mailto:a@b.c')).toBe('mailto:');
    // A relative link takes its base's scheme.
    expect(nonHttpScheme('a.txt', 'ftp://files.example.org/')).toBe('ftp:');
  });

  it('is null for http(s) URLs and for what is no absolute URL at all', () => {
    expect(nonHttpScheme('https://example.org/a')).toBeNull();
    expect(nonHttpScheme('HTTP://example.org/a')).toBeNull();
    expect(nonHttpScheme('story/1', 'https://example.org/feed.xml')).toBeNull();
    expect(nonHttpScheme('story/1')).toBeNull();
    expect(nonHttpScheme('http://')).toBeNull();
    expect(nonHttpScheme('')).toBeNull();
  });
});
