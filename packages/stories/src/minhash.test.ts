import { describe, expect, it } from 'vitest';
import { bandKeys, BANDS, estimateContainment, estimateJaccard, shingleHashes, signature } from './minhash.js';
import { words } from './text.js';

const text = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `word${i + offset}`).join(' ');

describe('MinHash', () => {
  it('estimates Jaccard similarity of shingle sets', () => {
    const a = shingleHashes(words(text(400)));
    const b = shingleHashes(words(text(400, 200))); // half the words shared: Jaccard ~ 197/603
    const estimate = estimateJaccard(signature(a), signature(b));
    expect(estimate).toBeGreaterThan(0.2);
    expect(estimate).toBeLessThan(0.45);
    expect(estimateJaccard(signature(a), signature(a))).toBe(1);
    expect(estimateJaccard(signature(a), signature(shingleHashes(words(text(400, 5000)))))).toBeLessThan(0.05);
  });

  it('turns Jaccard and sizes into containment: a trimmed copy is contained in its original', () => {
    expect(estimateContainment(0.5, 200, 100)).toBeCloseTo(1, 5);
    expect(estimateContainment(0, 200, 100)).toBe(0);
  });

  it('gives near-duplicates a shared band key and unrelated texts none', () => {
    const original = signature(shingleHashes(words(text(500))));
    const trimmed = signature(shingleHashes(words(text(420))));
    const other = signature(shingleHashes(words(text(500, 9000))));
    const keys = new Set(bandKeys(original));
    expect(bandKeys(original)).toHaveLength(BANDS);
    expect(bandKeys(trimmed).some((key) => keys.has(key))).toBe(true);
    expect(bandKeys(other).some((key) => keys.has(key))).toBe(false);
  });

  it('is deterministic across calls (signatures are stored and compared later)', () => {
    const a = signature(shingleHashes(words('one two three four five six')));
    const b = signature(shingleHashes(words('one two three four five six')));
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
