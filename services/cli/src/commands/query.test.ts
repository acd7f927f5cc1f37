import { describe, expect, it } from 'vitest';
import { highlight } from './query.js';

describe('search snippets in the terminal', () => {
  it('are one line: breaks, tabs and control characters become single spaces', () => {
    expect(highlight('first line\n\nsecond\tline\r\n third\x1b[31m', false)).toBe('first line second line third [31m');
  });

  it('bold the matches on a terminal only, and unescape the HTML entities', () => {
    expect(highlight('a <mark>war</mark> &amp; &lt;peace&gt;', true)).toBe('a \x1b[1mwar\x1b[0m & <peace>');
    expect(highlight('a <mark>war</mark> &quot;x&quot; &#39;y&#39;', false)).toBe('a war "x" \'y\'');
  });
});
