import { describe, expect, it } from 'vitest';
import { parseChoice } from './discover.js';

describe('parseChoice', () => {
  it('reads numbers, lists and "all"', () => {
    expect(parseChoice('2', 3)).toEqual([1]);
    expect(parseChoice(' 3, 1 1 ', 3)).toEqual([2, 0]);
    expect(parseChoice('all', 2)).toEqual([0, 1]);
    expect(parseChoice('A', 2)).toEqual([0, 1]);
  });

  it('refuses anything else', () => {
    expect(parseChoice('', 3)).toBeNull();
    expect(parseChoice('4', 3)).toBeNull();
    expect(parseChoice('0', 3)).toBeNull();
    expect(parseChoice('first', 3)).toBeNull();
  });
});
