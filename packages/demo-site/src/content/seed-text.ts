import { readFileSync } from 'node:fs';

/** The seed story as the project received it: headline, paragraphs, related headlines. */
export interface SeedText {
  headline: string;
  paragraphs: readonly string[];
  related: readonly [string, string];
}

/**
 * Parses seed.txt (a verbatim copy of the project's seed): the headline, six
 * paragraphs, a "Related news" line and two "- " related headlines. Reading
 * the file rather than retyping it keeps the page's text the seed's, byte for byte.
 */
export function parseSeedText(text: string): SeedText {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const relatedAt = lines.indexOf('Related news');
  const headline = lines[0];
  const paragraphs = lines.slice(1, relatedAt);
  const related = lines.slice(relatedAt + 1).map((line) => line.replace(/^-\s*/, ''));
  const [first, second] = related;
  if (headline === undefined || relatedAt < 0 || paragraphs.length !== 6 || related.length !== 2 || !first || !second) {
    throw new Error('seed.txt must hold a headline, six paragraphs, "Related news" and two related headlines');
  }
  return { headline, paragraphs, related: [first, second] };
}

export const SEED_TEXT: SeedText = parseSeedText(readFileSync(new URL('../../data/seed.txt', import.meta.url), 'utf8'));
