/**
 * MinHash signatures over word shingles, and LSH band keys over them: two
 * texts whose shingle sets overlap a lot share a band key with high
 * probability, so near-duplicates are found by looking up a fixed number of
 * keys, never by comparing with every stored text. Pure.
 */

/** Words per shingle. Four keeps a reordered sentence or a changed word from costing more than a few shingles. */
export const SHINGLE_WORDS = 4;
/** LSH bands and rows per band; the signature has BANDS * ROWS values. */
export const BANDS = 40;
export const ROWS = 3;
export const SIGNATURE_SIZE = BANDS * ROWS;

/** 32-bit FNV-1a of a string. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: a cheap 32-bit mix in which every input bit moves every output bit. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One seed per signature value: fixed, so signatures stay comparable across processes and releases. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
    state = mix(state + 0x6d2b79f5);
    seeds[i] = state;
  }
  return seeds;
})();

/** The distinct shingle hashes of a word list (a list shorter than a shingle is one shingle). */
export function shingleHashes(wordList: readonly string[]): Uint32Array {
  const wordHashes = wordList.map((word) => hashString(word));
  const set = new Set<number>();
  if (wordHashes.length > 0 && wordHashes.length < SHINGLE_WORDS) {
    set.add(wordHashes.reduce((acc, h) => mix(acc ^ h), 0));
  }
  for (let i = 0; i + SHINGLE_WORDS <= wordHashes.length; i += 1) {
    let h = 0;
    for (let j = 0; j < SHINGLE_WORDS; j += 1) h = mix((h ^ (wordHashes[i + j] ?? 0)) + j);
    set.add(h);
  }
  return Uint32Array.from(set);
}

/** The MinHash signature of a shingle set: per seed, the least mixed shingle hash. Empty set: all 0xffffffff. */
export function signature(shingles: Uint32Array): Uint32Array {
  const out = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const h = mix(shingle ^ (SEEDS[i] ?? 0));
      if (h < (out[i] ?? 0)) out[i] = h;
    }
  }
  return out;
}

/** Estimated Jaccard similarity of the two shingle sets: the share of equal signature values. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) if (a[i] === b[i]) same += 1;
  return same / SIGNATURE_SIZE;
}

/**
 * Estimated share of the smaller set found in the larger (containment), from
 * the Jaccard estimate and the set sizes: a trimmed copy of a story is
 * contained in the full one even when their Jaccard similarity is low.
 */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  const intersection = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, intersection / smaller);
}

/** The LSH keys of a signature: one per band, `m<band>:<hash of its rows>`. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band += 1) {
    let h = band;
    for (let row = 0; row < ROWS; row += 1) h = mix(h ^ (sig[band * ROWS + row] ?? 0));
    keys.push(`m${band}:${h.toString(36)}`);
  }
  return keys;
}
