import { cleanText, comparisonKey, decodeEntities } from './strings.js';

/** Some sites stuff hundreds of keywords into their meta tags; past this many they stop meaning anything. */
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 100;

/**
 * Merges tags from every source (article:tag, JSON-LD keywords, meta
 * keywords, feed categories) in the order given. Values are split on commas
 * and semicolons (keyword lists), trimmed, deduplicated ignoring case and
 * punctuation, the first spelling kept. CMS-internal markers ("@post-id:123",
 * "_no-apple-news", "channel_other") are not tags and are dropped.
 */
export function chooseTags(sources: readonly (readonly string[])[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const raw of source) {
      // Decode before splitting: "&quot;" must not be cut at its semicolon.
      for (const part of decodeFully(raw).split(/[,;]/)) {
        const tag = cleanText(part);
        if (!tag || tag.length > MAX_TAG_LENGTH || isInternalMarker(tag)) continue;
        const key = comparisonKey(tag);
        if (key === '' || seen.has(key)) continue;
        seen.add(key);
        tags.push(tag);
        if (tags.length === MAX_TAGS) return tags;
      }
    }
  }
  return tags;
}

/** Some CMSs encode keyword lists two or three times over ("PG&amp;amp;E"). */
function decodeFully(text: string): string {
  let current = text;
  for (let pass = 0; pass < 3; pass += 1) {
    const decoded = decodeEntities(current);
    if (decoded === current) break;
    current = decoded;
  }
  return current;
}

function isInternalMarker(tag: string): boolean {
  // Real tags start with a letter or digit (or a quote) and are words, not identifiers.
  if (!/^[\p{L}\p{N}"'“‘]/u.test(tag)) return true;
  return /^[\p{L}\p{N}]+(?:[_:][\p{L}\p{N}-]+)+$/u.test(tag);
}
