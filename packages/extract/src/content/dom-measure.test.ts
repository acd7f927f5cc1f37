import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { shortTextOf, textOf } from './dom-measure.js';

describe('shortTextOf', () => {
  const box = parseFragment('<div>  Read\n more <b> now</b> </div>').firstElementChild!;

  it('is textOf when the raw text fits the limit', () => {
    expect(shortTextOf(box, 100)).toBe('Read more now');
    expect(shortTextOf(box, 100)).toBe(textOf(box));
  });

  it('is null when the raw text, whitespace and all, is longer than the limit', () => {
    // 18 raw characters collapse to 13: the limit is on the raw text, so that a long box is never collapsed.
    expect(shortTextOf(box, 17)).toBeNull();
    expect(shortTextOf(box, 18)).toBe('Read more now');
  });
});
