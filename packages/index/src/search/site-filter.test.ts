import { describe, expect, it } from 'vitest';
import { siteFilterKey } from './site-filter.js';

describe('siteFilterKey', () => {
  it('reads a host written in Unicode as the punycode articles store, in any case, with www. or a trailing dot', () => {
    for (const site of ['bücher.example', 'BÜCHER.Example', 'www.bücher.example', 'bücher.example.', 'https://bücher.example/neu', 'bücher.example:8080', 'xn--bcher-kva.example']) {
      expect(siteFilterKey(site), site).toBe('xn--bcher-kva.example');
    }
    expect(siteFilterKey('東京.example.jp')).toBe('xn--1lqs71d.example.jp');
  });

  it('drops the trailing dot of a host, the host of an address and www., and leaves a site name as written', () => {
    expect(siteFilterKey('News.Example.org.')).toBe('news.example.org');
    expect(siteFilterKey('https://www.example.org./a')).toBe('example.org');
    expect(siteFilterKey('Example News')).toBe('example news');
    expect(siteFilterKey('Bücherei Nord')).toBe('bücherei nord');
    expect(siteFilterKey('bücherei')).toBe('bücherei');
    expect(siteFilterKey('Yahoo! News.')).toBe('yahoo! news.');
    expect(siteFilterKey('inc.')).toBe('inc.');
  });
});
