import { describe, expect, it } from 'vitest';
import type { SearchHit } from '@tidings/contracts';
import { alsoReported, highlight } from './query.js';

describe('search snippets in the terminal', () => {
  it('are one line: breaks, tabs and control characters become single spaces', () => {
    expect(highlight('first line\n\nsecond\tline\r\n third\x1b[31m', false)).toBe('first line second line third [31m');
  });

  it('bold the matches on a terminal only, and unescape the HTML entities', () => {
    expect(highlight('a <mark>war</mark> &amp; &lt;peace&gt;', true)).toBe('a \x1b[1mwar\x1b[0m & <peace>');
    expect(highlight('a <mark>war</mark> &quot;x&quot; &#39;y&#39;', false)).toBe('a war "x" \'y\'');
  });
});

describe('a search collapsed by story, in the terminal', () => {
  const hit: SearchHit = { id: 'a1', url: 'https://wire.example/a1', title: 'Strike', publishedAt: null, siteName: null, snippet: '', score: 1, authors: [] };

  it('says how many other sources reported a hit, from its story sites (its own among them)', () => {
    expect(alsoReported({ ...hit, storyId: 's1', storySize: 4, storySites: ['a.example', 'b.example', 'wire.example'] })).toBe(
      'also reported by 2 other sources (4 articles in story s1)',
    );
    expect(alsoReported({ ...hit, storyId: 's1', storySize: 2, storySites: ['b.example', 'wire.example'] })).toBe('also reported by 1 other source (2 articles in story s1)');
  });

  it('says nothing for a story on one site, or a search not collapsed', () => {
    expect(alsoReported({ ...hit, storyId: 's1', storySize: 3, storySites: ['wire.example'] })).toBeNull();
    expect(alsoReported(hit)).toBeNull();
  });
});
