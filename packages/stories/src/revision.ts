import { shingleHashes } from './minhash.js';
import { MAX_ANALYSED_TEXT } from './group.js';
import { words } from './text.js';

/** Share of the shorter text's four-word shingles the other text must hold for the two to be one article. */
const MIN_SHARED_SHINGLES = 0.5;

/**
 * Whether `next` reads as `previous` revised (corrected, expanded, retitled)
 * rather than as another article: at least half of the four-word shingles
 * of the shorter text are in the other. The title is not enough: a feed
 * that gives every day's "Morning briefing" one guid, or a link that always
 * leads to the latest story, names different articles alike. Pure; reads
 * at most MAX_ANALYSED_TEXT characters of each text.
 */
export function isRevisionOf(previous: { text: string }, next: { text: string }): boolean {
  const a = shingleHashes(words(previous.text.slice(0, MAX_ANALYSED_TEXT)));
  const b = shingleHashes(words(next.text.slice(0, MAX_ANALYSED_TEXT)));
  const [smaller, larger] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  if (smaller.length === 0) return false;
  let shared = 0;
  for (const shingle of smaller) if (larger.has(shingle)) shared += 1;
  return shared >= smaller.length * MIN_SHARED_SHINGLES;
}
